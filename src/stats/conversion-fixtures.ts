import { v7 as uuidv7 } from 'uuid';
import { conversions, conversionTouchpoints } from '../db/schema/index.ts';
import type { ConversionType } from '../db/schema/tracking.ts';
import { shareDimensionsOf } from '../links/store.ts';
import type { TestApp } from '../../test/support/app.ts';

/**
 * Test helper: a conversion with its touchpoints written straight into the tables, with the
 * credit the three models give (first touch 1, last touch 1, linear 1/n), so report tests choose
 * their numbers exactly without going through attribution.
 * @example await insertConversion(t, { type: 'application', at: day4, touches: [{ shareId, clickId, at: day1 }] })
 */
export async function insertConversion(
  t: TestApp,
  input: { type: ConversionType; at: Date; touches: { shareId: string; clickId?: string; at: Date }[]; externalId?: string },
): Promise<string> {
  const db = t.ctx.database.db;
  const touches = [...input.touches].sort((a, b) => a.at.getTime() - b.at.getTime());
  const dimensions = await shareDimensionsOf(db, [...new Set(touches.map((touch) => touch.shareId))]);
  const id = uuidv7();
  const clickIds = touches.map((touch) => touch.clickId ?? uuidv7());
  await db.insert(conversions).values({
    id,
    externalId: input.externalId ?? `test-${id}`,
    type: input.type,
    source: 'api',
    occurredAt: input.at,
    receivedAt: input.at,
    reportedClickIds: clickIds,
    touchpointCount: touches.length,
    firstTouchAt: touches[0]?.at ?? null,
    lastTouchAt: touches.at(-1)?.at ?? null,
  });
  if (touches.length === 0) return id;
  await db.insert(conversionTouchpoints).values(
    touches.map((touch, index) => {
      const share = dimensions.get(touch.shareId);
      if (!share) throw new Error(`no share ${touch.shareId}`);
      return {
        conversionId: id,
        clickId: clickIds[index] as string,
        position: index + 1,
        occurredAt: touch.at,
        ...share,
        creditFirst: index === 0 ? 1 : 0,
        creditLast: index === touches.length - 1 ? 1 : 0,
        creditLinear: 1 / touches.length,
      };
    }),
  );
  return id;
}
