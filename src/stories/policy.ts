import { hasRole, isAdmin, type Policy, type SignedIn } from '../auth/context.ts';
import type { StoryStatus } from '../db/schema/stories.ts';

/** The parts of a story the workflow policies look at. */
export interface StoryAccess {
  status: StoryStatus;
  authorId: string | null;
  submittedBy: string | null;
  publishedAt: Date | null;
  /** The colleagues the story features. */
  featuredIds: readonly string[];
}

/** Editors and admins curate: they write, review, approve and publish every story. */
export const isEditor = (auth: SignedIn): boolean => hasRole(auth, 'editor', 'admin');

/** Route policy: manage themes, campaigns, newsroom feeds, approval requests. */
export const canManageStories: Policy = isEditor;

/** Route policy — every signed-in person or token may list and read stories (the service narrows what they see). */
export const canReadStories: Policy = () => true;

/** Route policy — every employee may submit a story (a person, or a token acting for one); editor tokens too. */
export const canSubmitStories: Policy = (auth) => auth.personId !== null || isEditor(auth);

/** Route policy: audiences are configured by admins. */
export const canManageAudiences: Policy = isAdmin;

/** Route policy: the programme settings (yearly target, disclosure) are admin settings. */
export const canManageProgramme: Policy = isAdmin;

/** Route policy: the editorial calendar and its coverage figures are for programme staff. */
export const canViewCalendar: Policy = (auth) => hasRole(auth, 'admin', 'editor', 'recruiter');

/** Whether the caller submitted or wrote the story. */
export const ownsStory = (auth: SignedIn, story: StoryAccess): boolean =>
  auth.personId !== null && (story.submittedBy === auth.personId || story.authorId === auth.personId);

const isFeatured = (auth: SignedIn, story: StoryAccess): boolean => auth.personId !== null && story.featuredIds.includes(auth.personId);

/** Whether a story counts as out in the world for an ambassador: published, or archived after being published. */
const isLive = (story: StoryAccess, now: Date): boolean =>
  (story.status === 'published' || story.status === 'archived') && story.publishedAt !== null && story.publishedAt.getTime() <= now.getTime();

/** Staff read every story; others read what is published plus their own and those that feature them. */
export function canViewStory(auth: SignedIn, story: StoryAccess, now: Date): boolean {
  if (hasRole(auth, 'admin', 'editor', 'recruiter')) return true;
  return ownsStory(auth, story) || isFeatured(auth, story) || isLive(story, now);
}

/** Editors edit any story; the submitter or author edits their own while it is an idea, a draft or in review. */
export function canEditStory(auth: SignedIn, story: StoryAccess): boolean {
  if (isEditor(auth)) return true;
  return ownsStory(auth, story) && (story.status === 'idea' || story.status === 'draft' || story.status === 'in_review');
}

/** Editors, the people who submitted or wrote it, featured colleagues and recruiters comment on a story. */
export function canCommentOnStory(auth: SignedIn, story: StoryAccess): boolean {
  return hasRole(auth, 'admin', 'editor', 'recruiter') || ownsStory(auth, story) || isFeatured(auth, story);
}

/**
 * The workflow's edges: idea → draft → in_review → approved → published → archived, plus the
 * ways back an editor needs (request changes, reopen, shelve, restore). Published never goes back
 * to draft: its page and links must keep working, so it can only be archived.
 */
const edges: Record<StoryStatus, readonly StoryStatus[]> = {
  idea: ['draft', 'archived'],
  draft: ['idea', 'in_review', 'archived'],
  in_review: ['draft', 'approved', 'archived'],
  approved: ['draft', 'published', 'archived'],
  published: ['archived'],
  archived: ['draft', 'published'],
};

/** Whether the workflow has an edge between two statuses, whoever moves it. */
export function isWorkflowEdge(story: Pick<StoryAccess, 'status' | 'publishedAt'>, to: StoryStatus): boolean {
  if (!edges[story.status].includes(to)) return false;
  // An archived story that was once published comes back as published (its page existed); one that never was, as a draft.
  if (story.status === 'archived') return story.publishedAt ? to === 'published' : to === 'draft';
  return true;
}

/**
 * Who may move a story where. Editors and admins move along every edge; the submitter or author
 * (any employee) only sends their own draft to review. Featured approval is checked separately
 * (see missingApprovals), because an admin may override it.
 */
export function canTransition(auth: SignedIn, story: StoryAccess, to: StoryStatus): boolean {
  if (!isWorkflowEdge(story, to)) return false;
  if (isEditor(auth)) return true;
  return ownsStory(auth, story) && story.status === 'draft' && to === 'in_review';
}

/** The statuses the caller may move the story to, for the editor's buttons. */
export function allowedTransitions(auth: SignedIn, story: StoryAccess): StoryStatus[] {
  return (Object.keys(edges) as StoryStatus[]).filter((to) => canTransition(auth, story, to));
}

/** Moving in review → draft is "request changes": the submitter must be told why. */
export const transitionNeedsComment = (from: StoryStatus, to: StoryStatus): boolean => from === 'in_review' && to === 'draft';

/** The featured colleagues who have not approved yet; publishing waits for them. */
export function missingApprovals<T extends { approval: string }>(featured: readonly T[]): T[] {
  return featured.filter((f) => f.approval !== 'approved');
}

/** Only an admin may publish without every featured colleague's approval (and it is logged). */
export const canOverrideApproval = (auth: SignedIn): boolean => hasRole(auth, 'admin');

/** The status a new story gets: editors choose idea or draft; anyone else's draft lands in review. */
export function initialStatus(auth: SignedIn, requested: 'idea' | 'draft' | undefined): StoryStatus {
  const wanted = requested ?? 'draft';
  if (isEditor(auth)) return wanted;
  return wanted === 'idea' ? 'idea' : 'in_review';
}
