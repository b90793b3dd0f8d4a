import { like, lt } from 'drizzle-orm';
import { rateLimitHits } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

// Rate-limit counters name the person or token when signed in, else a keyed hash of the address.
registerPersonalData({
  key: 'cluster.rate_limit_hits',
  tables: ['rate_limit_hits'],
  description:
    'Request counters of the rate limits, shared by the nodes on one PostgreSQL database: the route, the person or API token (signed in) or a keyed hash of the client address (anonymous), a count and the end of its window (minutes). No address is stored. Expired counters are deleted within a minute by the nodes themselves.',
  export: (tx, subject) =>
    tx
      .select({ key: rateLimitHits.key, hits: rateLimitHits.hits, expiresAt: rateLimitHits.expiresAt })
      .from(rateLimitHits)
      .where(like(rateLimitHits.key, `%|person:${subject.id}`)),
  async erase(tx, subject) {
    await tx.delete(rateLimitHits).where(like(rateLimitHits.key, `%|person:${subject.id}`));
  },
  retention: {
    defaultDays: 1,
    async purge(tx, cutoff) {
      const rows = await tx.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, cutoff)).returning({ key: rateLimitHits.key });
      return rows.length;
    },
  },
});
