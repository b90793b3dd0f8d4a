import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { newsroomFeeds, stories, storyEvents, storyFeatured } from '../db/schema/index.ts';
import { declareNoPersonalData, registerPersonalData } from '../privacy/register.ts';

// Stories, campaigns and newsroom feeds: what they hold about people, and how erasure keeps
// published stories (and every link to them) working.

registerPersonalData({
  key: 'stories.authorship',
  tables: ['stories'],
  description:
    'Who wrote, submitted or was assigned a story. Story texts are editorial content: a name written in a story’s text is removed by an editor, not automatically.',
  export: (tx, subject) =>
    tx
      .select({ id: stories.id, title: stories.title, status: stories.status, createdAt: stories.createdAt })
      .from(stories)
      .where(or(eq(stories.authorId, subject.id), eq(stories.submittedBy, subject.id), eq(stories.assignedTo, subject.id))),
  async erase(tx, subject) {
    await tx.update(stories).set({ authorId: null }).where(eq(stories.authorId, subject.id));
    await tx.update(stories).set({ submittedBy: null }).where(eq(stories.submittedBy, subject.id));
    await tx.update(stories).set({ assignedTo: null }).where(eq(stories.assignedTo, subject.id));
  },
});

registerPersonalData({
  key: 'stories.featured',
  tables: ['story_featured'],
  description: 'The stories a colleague is featured in, with their quotes and their approval decision and comment.',
  export: (tx, subject) =>
    tx
      .select({
        storyId: storyFeatured.storyId,
        title: stories.title,
        quote: storyFeatured.quote,
        approval: storyFeatured.approval,
        approvalComment: storyFeatured.approvalComment,
        decidedAt: storyFeatured.decidedAt,
      })
      .from(storyFeatured)
      .innerJoin(stories, eq(stories.id, storyFeatured.storyId))
      .where(eq(storyFeatured.personId, subject.id)),
  async erase(tx, subject) {
    const unpublished = tx.select({ id: stories.id }).from(stories).where(isNull(stories.publishedAt));
    // Not yet out: the colleague simply leaves the story.
    await tx.delete(storyFeatured).where(and(eq(storyFeatured.personId, subject.id), inArray(storyFeatured.storyId, unpublished)));
    // Out in the world: the story (and its links) stays; the row keeps its place, shown as the
    // anonymised person ("Erased person"), without their words.
    await tx
      .update(storyFeatured)
      .set({ quote: '', approvalComment: null })
      .where(and(eq(storyFeatured.personId, subject.id), inArray(storyFeatured.storyId, tx.select({ id: stories.id }).from(stories).where(isNotNull(stories.publishedAt)))));
  },
});

registerPersonalData({
  key: 'stories.events',
  tables: ['story_events'],
  description: 'The editorial history of stories: who moved, commented on or approved a story, and their comments.',
  export: (tx, subject) =>
    tx
      .select({ storyId: storyEvents.storyId, kind: storyEvents.kind, fromStatus: storyEvents.fromStatus, toStatus: storyEvents.toStatus, comment: storyEvents.comment, at: storyEvents.at })
      .from(storyEvents)
      .where(eq(storyEvents.actorId, subject.id)),
  async erase(tx, subject) {
    // That a step happened stays in the history; what the person wrote goes.
    await tx.update(storyEvents).set({ comment: null }).where(eq(storyEvents.actorId, subject.id));
  },
});

registerPersonalData({
  key: 'newsroom.feeds',
  tables: ['newsroom_feeds'],
  description: 'Which editor subscribed a newsroom feed.',
  export: (tx, subject) =>
    tx.select({ id: newsroomFeeds.id, name: newsroomFeeds.name, url: newsroomFeeds.url, createdAt: newsroomFeeds.createdAt }).from(newsroomFeeds).where(eq(newsroomFeeds.createdBy, subject.id)),
  async erase(tx, subject) {
    await tx.update(newsroomFeeds).set({ createdBy: null }).where(eq(newsroomFeeds.createdBy, subject.id));
  },
});

declareNoPersonalData('themes', 'audiences', 'story_themes', 'story_target_groups', 'story_variants', 'share_suggestions', 'campaigns', 'campaign_stories', 'campaign_target_groups');
