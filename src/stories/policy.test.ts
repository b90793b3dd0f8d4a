import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SignedIn } from '../auth/context.ts';
import type { Role } from '../db/schema/people.ts';
import { storyStatuses, type StoryStatus } from '../db/schema/stories.ts';
import {
  allowedTransitions,
  canCommentOnStory,
  canEditStory,
  canOverrideApproval,
  canTransition,
  canViewStory,
  initialStatus,
  missingApprovals,
  type StoryAccess,
  transitionNeedsComment,
} from './policy.ts';

const ME = '01900000-0000-7000-8000-000000000001';
const OTHER = '01900000-0000-7000-8000-000000000002';
const auth = (roles: Role[], personId: string | null = ME): SignedIn => ({ kind: 'token', personId, roles, tokenId: 't', language: 'en' });

type Actor = 'admin' | 'editor' | 'editorToken' | 'recruiter' | 'recruiterOwner' | 'ambassador' | 'ambassadorOwner' | 'featured';
const actors: Record<Actor, { auth: SignedIn; owner: boolean; featured?: boolean }> = {
  admin: { auth: auth(['admin']), owner: false },
  editor: { auth: auth(['editor', 'ambassador']), owner: false },
  editorToken: { auth: auth(['editor'], null), owner: false },
  recruiter: { auth: auth(['recruiter', 'ambassador']), owner: false },
  recruiterOwner: { auth: auth(['recruiter', 'ambassador']), owner: true },
  ambassador: { auth: auth(['ambassador']), owner: false },
  ambassadorOwner: { auth: auth(['ambassador']), owner: true },
  featured: { auth: auth(['ambassador']), owner: false, featured: true },
};

const story = (status: StoryStatus, owner: boolean, featured = false, publishedAt: Date | null = null): StoryAccess => ({
  status,
  authorId: null,
  submittedBy: owner ? ME : OTHER,
  publishedAt,
  featuredIds: featured ? [ME] : [],
});

/** Every edge an editor may take, written out: idea → draft → in_review → approved → published → archived and the ways back. */
const editorEdges = new Set([
  'idea>draft',
  'idea>archived',
  'draft>idea',
  'draft>in_review',
  'draft>archived',
  'in_review>draft',
  'in_review>approved',
  'in_review>archived',
  'approved>draft',
  'approved>published',
  'approved>archived',
  'published>archived',
  'archived>draft', // never published
]);
const ownerEdges = new Set(['draft>in_review']);

for (const [name, actor] of Object.entries(actors) as [Actor, (typeof actors)[Actor]][]) {
  test(`workflow matrix: ${name} × every from-status × every to-status`, () => {
    const expected = name === 'admin' || name === 'editor' || name === 'editorToken' ? editorEdges : actor.owner ? ownerEdges : new Set<string>();
    for (const from of storyStatuses) {
      for (const to of storyStatuses) {
        const allowed = canTransition(actor.auth, story(from, actor.owner, actor.featured), to);
        assert.equal(allowed, expected.has(`${from}>${to}`), `${name}: ${from} → ${to}`);
      }
    }
  });
}

test('an archived story that was once published comes back as published, never as a draft', () => {
  const editor = actors.editor.auth;
  const archived = story('archived', false, false, new Date('2026-01-01T00:00:00Z'));
  assert.equal(canTransition(editor, archived, 'published'), true);
  assert.equal(canTransition(editor, archived, 'draft'), false);
  assert.deepEqual(allowedTransitions(editor, archived), ['published']);
  assert.deepEqual(allowedTransitions(editor, story('archived', false)), ['draft']);
});

test('allowedTransitions lists what the caller may do', () => {
  assert.deepEqual(allowedTransitions(actors.ambassadorOwner.auth, story('draft', true)), ['in_review']);
  assert.deepEqual(allowedTransitions(actors.ambassador.auth, story('draft', false)), []);
  assert.deepEqual(allowedTransitions(actors.editor.auth, story('in_review', false)), ['draft', 'approved', 'archived']);
});

test('editing: editors always; the submitter only while idea, draft or in review; recruiters only their own', () => {
  for (const status of storyStatuses) {
    assert.equal(canEditStory(actors.editor.auth, story(status, false)), true, `editor ${status}`);
    assert.equal(canEditStory(actors.admin.auth, story(status, false)), true, `admin ${status}`);
    assert.equal(canEditStory(actors.ambassadorOwner.auth, story(status, true)), ['idea', 'draft', 'in_review'].includes(status), `owner ${status}`);
    assert.equal(canEditStory(actors.recruiterOwner.auth, story(status, true)), ['idea', 'draft', 'in_review'].includes(status), `recruiter owner ${status}`);
    assert.equal(canEditStory(actors.ambassador.auth, story(status, false)), false, `other ${status}`);
    assert.equal(canEditStory(actors.recruiter.auth, story(status, false)), false, `recruiter ${status}`);
    assert.equal(canEditStory(actors.featured.auth, story(status, false, true)), false, `featured ${status}`);
  }
});

test('reading: staff read all; an ambassador reads published stories, their own and those featuring them', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const past = new Date('2026-05-01T00:00:00Z');
  const future = new Date('2026-07-01T00:00:00Z');
  assert.equal(canViewStory(actors.recruiter.auth, story('idea', false), now), true);
  assert.equal(canViewStory(actors.ambassador.auth, story('draft', false), now), false);
  assert.equal(canViewStory(actors.ambassador.auth, story('published', false, false, past), now), true);
  assert.equal(canViewStory(actors.ambassador.auth, story('published', false, false, future), now), false, 'scheduled is not out yet');
  assert.equal(canViewStory(actors.ambassador.auth, story('archived', false, false, past), now), true, 'links are forever');
  assert.equal(canViewStory(actors.ambassadorOwner.auth, story('in_review', true), now), true);
  assert.equal(canViewStory(actors.featured.auth, story('approved', false, true), now), true);
  assert.equal(canCommentOnStory(actors.featured.auth, story('approved', false, true)), true);
  assert.equal(canCommentOnStory(actors.ambassador.auth, story('published', false, false, past)), false);
});

test('a new story: editors choose; anyone else’s draft lands in review, an idea stays an idea', () => {
  assert.equal(initialStatus(actors.editor.auth, undefined), 'draft');
  assert.equal(initialStatus(actors.editor.auth, 'idea'), 'idea');
  assert.equal(initialStatus(actors.ambassador.auth, undefined), 'in_review');
  assert.equal(initialStatus(actors.ambassador.auth, 'draft'), 'in_review');
  assert.equal(initialStatus(actors.recruiter.auth, 'idea'), 'idea');
});

test('publishing waits for every featured colleague; only an admin may override', () => {
  assert.deepEqual(missingApprovals([{ approval: 'approved' }, { approval: 'approved' }]), []);
  assert.equal(missingApprovals([{ approval: 'approved' }, { approval: 'pending' }, { approval: 'changes_requested' }, { approval: 'not_requested' }]).length, 3);
  assert.equal(canOverrideApproval(actors.admin.auth), true);
  assert.equal(canOverrideApproval(actors.editor.auth), false);
  assert.equal(transitionNeedsComment('in_review', 'draft'), true);
  assert.equal(transitionNeedsComment('approved', 'draft'), false);
});
