import { eq, inArray, sql } from 'drizzle-orm';
import { clicks, links, shares, stories } from '../db/schema/index.ts';
import { purgeInBatches } from '../ops/retention.ts';
import { registerPersonalData } from '../privacy/register.ts';

// Shares are the person's own words about a story; their links must keep working forever.
registerPersonalData({
  key: 'sharing.shares',
  tables: ['shares', 'links'],
  description:
    'Shares: which story a person shared, on which network and for which audience, the text they posted, whether it was personalised, and the short link made for it (department and campaign as they were then).',
  export: (tx, subject) =>
    tx
      .select({
        id: shares.id,
        story: stories.title,
        network: shares.network,
        text: shares.text,
        personalised: shares.personalised,
        similarity: shares.similarity,
        link: links.code,
        createdAt: shares.createdAt,
      })
      .from(shares)
      .leftJoin(stories, eq(stories.id, shares.storyId))
      .leftJoin(links, eq(links.shareId, shares.id))
      .where(eq(shares.personId, subject.id)),
  async erase(tx, subject) {
    // The words are theirs and go; the share, its link (it keeps redirecting) and totals stay.
    await tx.update(shares).set({ text: '' }).where(eq(shares.personId, subject.id));
  },
});

// Clicks say nothing about the sharer or the visitor (no IP address, no user agent); raw rows expire.
registerPersonalData({
  key: 'links.clicks',
  tables: ['clicks'],
  description:
    'Openings of short links: when, which link, bot or person, device class and referring site. No IP address or user agent; the visitor hash uses a salt that rotates daily. Raw clicks are kept 13 months unless an admin sets another period (the rollups keep the totals).',
  async export(tx, subject) {
    const mine = tx.select({ code: links.code }).from(links).innerJoin(shares, eq(shares.id, links.shareId)).where(eq(shares.personId, subject.id));
    return tx
      .select({ link: clicks.linkCode, visits: sql<number>`count(*) filter (where not ${clicks.bot})`.mapWith(Number), openings: sql<number>`count(*)`.mapWith(Number) })
      .from(clicks)
      .where(inArray(clicks.linkCode, mine))
      .groupBy(clicks.linkCode);
  },
  async erase() {
    // Nothing to erase: a click holds no personal data, and the person's links keep counting.
  },
  retention: {
    defaultDays: 396,
    // Raw clicks are the largest table: deleted in batches (the rollups keep the totals).
    purge: (tx, cutoff) => purgeInBatches(tx, 'clicks', 'occurred_at', cutoff),
  },
});
