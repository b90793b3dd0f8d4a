import { eq, lt, sql } from 'drizzle-orm';
import { conversions, conversionTouchpoints } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

/**
 * Conversions are kept 25 months: long enough to compare a year with the year before (recruitment
 * cycles are yearly), then they go with their touchpoints. Touchpoints copy the share's
 * dimensions, so attribution outlives the raw clicks (13 months).
 */
export const CONVERSION_RETENTION_DAYS = 761;

// A conversion says nothing about the candidate beyond the reporter's own id (e.g. the ATS's
// application id); its touchpoints point at the shares whose links were clicked.
registerPersonalData({
  key: 'conversions.touchpoints',
  tables: ['conversions', 'conversion_touchpoints'],
  description:
    'Conversions reported by the careers site, the ATS or a CSV import (type, time, the reporter’s own id such as an application id, vacancy reference, click ids; no candidate’s name or contact details) and their touchpoints: which clicks on which shares came before, with first-touch, last-touch and linear credit and the share’s story, campaign, network, audience, department and persona at the time of the share. Kept 25 months.',
  export: (tx, subject) =>
    tx
      .select({
        shareId: conversionTouchpoints.shareId,
        type: conversions.type,
        touchpoints: sql<number>`count(*)`.mapWith(Number),
        firstTouchCredit: sql<number>`sum(${conversionTouchpoints.creditFirst})`.mapWith(Number),
        lastTouchCredit: sql<number>`sum(${conversionTouchpoints.creditLast})`.mapWith(Number),
        linearCredit: sql<number>`sum(${conversionTouchpoints.creditLinear})`.mapWith(Number),
      })
      .from(conversionTouchpoints)
      .innerJoin(conversions, eq(conversions.id, conversionTouchpoints.conversionId))
      .where(eq(conversionTouchpoints.personId, subject.id))
      .groupBy(conversionTouchpoints.shareId, conversions.type)
      .orderBy(conversionTouchpoints.shareId, conversions.type),
  async erase() {
    // Touchpoints hold nothing about the sharer but the id of their (anonymised) person row: they
    // are the organisation's totals, and erasure keeps them, as it keeps the click rollups.
  },
  retention: {
    defaultDays: CONVERSION_RETENTION_DAYS,
    async purge(tx, cutoff) {
      // Touchpoints go with their conversion (on delete cascade).
      const rows = await tx.delete(conversions).where(lt(conversions.occurredAt, cutoff)).returning({ id: conversions.id });
      return rows.length;
    },
  },
});
