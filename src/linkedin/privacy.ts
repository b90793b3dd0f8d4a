import { and, eq, inArray, lt } from 'drizzle-orm';
import { linkedinConnections, linkedinPosts } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

// The connection holds an access token to act as the person on LinkedIn: erasure deletes it outright.
registerPersonalData({
  key: 'linkedin.connections',
  tables: ['linkedin_connections'],
  description:
    'A person’s LinkedIn connection: their LinkedIn member id and name, the granted scopes, when it was connected and expires, and the access token (encrypted at rest, never exported). Deleted on disconnect or erasure.',
  export: (tx, subject) =>
    tx
      .select({
        memberId: linkedinConnections.memberId,
        name: linkedinConnections.name,
        scopes: linkedinConnections.scopes,
        status: linkedinConnections.status,
        connectedAt: linkedinConnections.connectedAt,
        expiresAt: linkedinConnections.expiresAt,
        reconnectNudgedAt: linkedinConnections.reconnectNudgedAt,
      })
      .from(linkedinConnections)
      .where(eq(linkedinConnections.personId, subject.id)),
  async erase(tx, subject) {
    await tx.delete(linkedinConnections).where(eq(linkedinConnections.personId, subject.id));
  },
});

// Posts carry the person's words; once sent, the share (src/sharing) is the record that counts.
registerPersonalData({
  key: 'linkedin.posts',
  tables: ['linkedin_posts'],
  description:
    'Posts to LinkedIn through Podium, now or planned: the item, the person’s text, the planned and actual moment, the outcome and LinkedIn’s post id. On erasure planned posts are cancelled and every text is emptied. Cancelled and failed posts are deleted after 90 days (the default); sent posts stay with their share.',
  export: (tx, subject) =>
    tx
      .select({
        id: linkedinPosts.id,
        itemType: linkedinPosts.itemType,
        storyId: linkedinPosts.storyId,
        vacancyId: linkedinPosts.vacancyId,
        text: linkedinPosts.text,
        requestedFor: linkedinPosts.requestedFor,
        scheduledFor: linkedinPosts.scheduledFor,
        status: linkedinPosts.status,
        lastError: linkedinPosts.lastError,
        postUrn: linkedinPosts.postUrn,
        postedAt: linkedinPosts.postedAt,
        createdAt: linkedinPosts.createdAt,
      })
      .from(linkedinPosts)
      .where(eq(linkedinPosts.personId, subject.id)),
  async erase(tx, subject, now) {
    await tx
      .update(linkedinPosts)
      .set({ status: 'cancelled', updatedAt: now })
      .where(and(eq(linkedinPosts.personId, subject.id), eq(linkedinPosts.status, 'scheduled')));
    await tx.update(linkedinPosts).set({ text: '', updatedAt: now }).where(eq(linkedinPosts.personId, subject.id));
  },
  retention: {
    defaultDays: 90,
    async purge(tx, cutoff) {
      const rows = await tx
        .delete(linkedinPosts)
        .where(and(inArray(linkedinPosts.status, ['cancelled', 'failed']), lt(linkedinPosts.updatedAt, cutoff)))
        .returning({ id: linkedinPosts.id });
      return rows.length;
    },
  },
});
