import type { conversions, conversionTouchpoints } from '../db/schema/index.ts';
import type { ConversionView } from './schema.ts';

type ConversionRow = typeof conversions.$inferSelect;
type TouchpointRow = typeof conversionTouchpoints.$inferSelect;

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** A stored conversion with its touchpoints as the API shows it (never the raw rows). */
export function presentConversion(row: ConversionRow, touchpoints: readonly TouchpointRow[]): ConversionView {
  return {
    id: row.id,
    externalId: row.externalId,
    type: row.type,
    source: row.source,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    vacancyId: row.vacancyId,
    vacancyRef: row.vacancyRef,
    clickIds: row.reportedClickIds,
    touchpointCount: row.touchpointCount,
    firstTouchAt: iso(row.firstTouchAt),
    lastTouchAt: iso(row.lastTouchAt),
    touchpoints: [...touchpoints]
      .sort((a, b) => a.position - b.position)
      .map((touch) => ({
        position: touch.position,
        clickId: touch.clickId,
        occurredAt: touch.occurredAt.toISOString(),
        shareId: touch.shareId,
        storyId: touch.storyId,
        campaignId: touch.campaignId,
        network: touch.network,
        credit: { firstTouch: touch.creditFirst, lastTouch: touch.creditLast, linear: touch.creditLinear },
      })),
  };
}
