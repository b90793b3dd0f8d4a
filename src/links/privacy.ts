import { eq, lt } from 'drizzle-orm';
import { clickRollupsDaily, visitorSalts } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

// Rollups count the clicks on a person's shares; they are the totals erasure must keep.
registerPersonalData({
  key: 'links.click_rollups',
  tables: ['click_rollups_hourly', 'click_rollups_daily'],
  description:
    'Click totals per share and hour or day (visits, unique clicks, daily unique visitors, previews, bots) with the share’s story, campaign, network, audience, department and persona at the time of the share. Totals only: no visitor data.',
  export: (tx, subject) =>
    tx
      .select({ day: clickRollupsDaily.day, shareId: clickRollupsDaily.shareId, visits: clickRollupsDaily.humanClicks, uniqueClicks: clickRollupsDaily.uniqueClicks })
      .from(clickRollupsDaily)
      .where(eq(clickRollupsDaily.personId, subject.id))
      .orderBy(clickRollupsDaily.day),
  async erase() {
    // Totals stay, as the organisation's figures; the person row they point at is anonymised.
  },
});

// The salts of the visitor hash exist so that a visitor can not be followed across days: they go after 48 hours.
registerPersonalData({
  key: 'links.visitor_salts',
  tables: ['visitor_salts'],
  description: 'The random salt of the day’s visitor hash. Deleted after 48 hours, after which a visitor hash can no longer be matched to anyone.',
  export: async () => [],
  async erase() {
    // A salt is about no one.
  },
  retention: {
    defaultDays: 2,
    async purge(tx, cutoff) {
      const rows = await tx.delete(visitorSalts).where(lt(visitorSalts.createdAt, cutoff)).returning({ day: visitorSalts.day });
      return rows.length;
    },
  },
});
