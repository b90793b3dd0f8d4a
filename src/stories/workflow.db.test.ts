import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let editor: Record<string, string>;
let editorPerson: { id: string; email: string };
let admin: Record<string, string>;

before(async () => {
  t = await createTestApp();
  editorPerson = await buildPerson(t, { roles: ['editor', 'ambassador'], name: 'Eva Editor', email: 'eva.editor@example.com' });
  editor = await tokenHeaders(t, 'editor', editorPerson.id);
  admin = await sessionHeaders(t, await buildPerson(t, { roles: ['admin', 'ambassador'], name: 'Adam Admin' }));
});
after(() => t.close());

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function mails(to: string) {
  return t.ctx.database.query<{ kind: string; subject: string; text_body: string }>(
    'select kind, subject, text_body from mail_outbox where lower(to_address) = lower($1) order by created_at, id',
    [to],
  );
}

async function move(id: string, to: string, headers = editor, extra: Record<string, unknown> = {}) {
  return call('POST', `/stories/${id}/transitions`, headers, { to, ...extra });
}

test('an employee submits, the editors are mailed; changes requested needs a comment and reaches the submitter in their language', async () => {
  const sanne = await buildPerson(t, { name: 'Sanne Submitter', email: 'sanne@example.com', language: 'nl' });
  const submitter = await tokenHeaders(t, 'ambassador', sanne.id);
  const created = await call('POST', '/stories', submitter, { title: 'Mijn dag op de bouwplaats', language: 'nl', format: 'behind_the_scenes' });
  assert.equal(created.json().status, 'in_review');
  const id = created.json().id;
  const toEditor = await mails(editorPerson.email);
  assert.equal(toEditor.at(-1)?.kind, 'story_submitted');
  assert.match(toEditor.at(-1)?.subject ?? '', /New story to review: Mijn dag op de bouwplaats/);
  assert.match(toEditor.at(-1)?.text_body ?? '', new RegExp(`http://podium.test/editorial/stories/${id}`));
  assert.equal((await mails(sanne.email)).length, 0, 'the submitter is not mailed about their own step');

  const silent = await move(id, 'draft');
  assert.equal(silent.statusCode, 400);
  assert.equal(silent.json().error.code, 'comment_required');
  const requested = await move(id, 'draft', editor, { comment: 'Graag een foto erbij' });
  assert.equal(requested.statusCode, 200, requested.body);
  const mail = (await mails(sanne.email)).at(-1);
  assert.equal(mail?.kind, 'changes_requested');
  assert.match(mail?.subject ?? '', /^Wijzigingen gevraagd: Mijn dag op de bouwplaats/);
  assert.match(mail?.text_body ?? '', /Toelichting:\nGraag een foto erbij/);

  // The submitter edits and sends it back; the editors hear again.
  assert.equal((await call('PATCH', `/stories/${id}`, submitter, { bodyMarkdown: 'Met foto' })).statusCode, 200);
  const before = (await mails(editorPerson.email)).length;
  const resubmitted = await move(id, 'in_review', submitter);
  assert.equal(resubmitted.statusCode, 200, resubmitted.body);
  assert.equal((await mails(editorPerson.email)).length, before + 1);
  assert.equal((await move(id, 'approved', submitter)).statusCode, 403, 'a submitter cannot approve their own story');

  assert.equal((await move(id, 'approved')).statusCode, 200);
  assert.equal((await mails(sanne.email)).at(-1)?.kind, 'story_approved');
  assert.equal((await call('PATCH', `/stories/${id}`, submitter, { summary: 'late' })).statusCode, 403, 'approved stories are the editors’ now');
  const published = await move(id, 'published');
  assert.equal(published.statusCode, 200);
  assert.equal((await mails(sanne.email)).at(-1)?.kind, 'story_published');
  assert.match((await mails(sanne.email)).at(-1)?.text_body ?? '', /http:\/\/podium.test\/stories\/mijn-dag-op-de-bouwplaats/);

  const history = published.json().events.map((e: { kind: string; fromStatus: string | null; toStatus: string | null }) => `${e.kind}:${e.fromStatus}>${e.toStatus}`);
  assert.deepEqual(history, [
    'transition:null>in_review',
    'transition:in_review>draft',
    'transition:draft>in_review',
    'transition:in_review>approved',
    'transition:approved>published',
  ]);
  const audit = await t.ctx.database.query<{ action: string }>(`select action from audit_log where subject_id = $1 order by at, id`, [id]);
  assert.equal(audit.filter((a) => a.action === 'story.transitioned').length, 4);
});

test('an invalid move is 409; skipping steps is not possible', async () => {
  const id = (await call('POST', '/stories', editor, { title: 'Stappen', language: 'nl', format: 'news' })).json().id;
  const skip = await move(id, 'published');
  assert.equal(skip.statusCode, 409);
  assert.equal(skip.json().error.code, 'invalid_transition');
  assert.equal((await move(id, 'idea')).statusCode, 200);
  assert.equal((await move(id, 'archived')).statusCode, 200);
  assert.equal((await move(id, 'draft')).statusCode, 200, 'a never-published archived story comes back as a draft');
});

test('publishing waits for every featured colleague; they approve via their approvals; a quote change asks again', async () => {
  const fenna = await buildPerson(t, { name: 'Fenna Featured', email: 'fenna@example.com', language: 'nl' });
  const oliver = await buildPerson(t, { name: 'Oliver Featured', email: 'oliver@example.com', language: 'en' });
  const fennaSession = await sessionHeaders(t, fenna);
  const oliverToken = await tokenHeaders(t, 'ambassador', oliver.id);
  const created = await call('POST', '/stories', editor, {
    title: 'Twee collega’s',
    language: 'nl',
    format: 'interview',
    featured: [
      { personId: fenna.id, quote: 'Ik werk hier graag.' },
      { personId: oliver.id, quote: 'Great team.' },
    ],
  });
  const id = created.json().id;
  assert.equal((await move(id, 'in_review')).statusCode, 200);
  assert.equal((await move(id, 'approved')).statusCode, 200);
  const blocked = await move(id, 'published');
  assert.equal(blocked.statusCode, 409);
  assert.equal(blocked.json().error.code, 'approval_missing');
  assert.match(blocked.json().error.message, /2 waiting/);

  assert.equal((await call('GET', '/me/approvals', fennaSession)).json().items.length, 0, 'nothing asked yet');
  const asked = await call('POST', `/stories/${id}/approval-requests`, editor);
  assert.deepEqual(asked.json(), { requested: 2 });
  const fennaMail = (await mails(fenna.email)).at(-1);
  assert.equal(fennaMail?.kind, 'approval_request');
  assert.match(fennaMail?.subject ?? '', /Kijk even hoe je in “Twee collega’s” staat/, 'in her own language');
  assert.match(fennaMail?.text_body ?? '', /http:\/\/podium.test\/approvals/);
  assert.match((await mails(oliver.email)).at(-1)?.subject ?? '', /Please check how you appear/);

  const mine = (await call('GET', '/me/approvals', fennaSession)).json().items;
  assert.equal(mine.length, 1);
  assert.equal(mine[0].status, 'pending');
  assert.equal(mine[0].quote, 'Ik werk hier graag.');
  assert.equal(mine[0].story.id, id);
  assert.equal((await call('GET', `/stories/${id}`, fennaSession)).statusCode, 200, 'a featured colleague may read the story');

  const stranger = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  const notMine = await call('POST', `/stories/${id}/approval`, stranger, { decision: 'approved' });
  assert.equal(notMine.statusCode, 403);
  assert.equal(notMine.json().error.code, 'not_featured');

  assert.equal((await call('POST', `/stories/${id}/approval`, fennaSession, { decision: 'approved' })).statusCode, 200);
  const changes = await call('POST', `/stories/${id}/approval`, oliverToken, { decision: 'changes_requested', comment: 'Please say "a great team"' });
  assert.equal(changes.statusCode, 200);
  const featured = changes.json().featured;
  assert.deepEqual(
    featured.map((f: { name: string; approval: string; approvalComment: string | null }) => [f.name, f.approval, f.approvalComment]),
    [
      ['Fenna Featured', 'approved', null],
      ['Oliver Featured', 'changes_requested', 'Please say "a great team"'],
    ],
  );
  assert.equal((await move(id, 'published')).statusCode, 409);

  // The editor changes Oliver's quote: he is asked again; Fenna's approval stands.
  const mailsBefore = (await mails(oliver.email)).length;
  const edited = await call('PATCH', `/stories/${id}`, editor, {
    featured: [
      { personId: fenna.id, quote: 'Ik werk hier graag.' },
      { personId: oliver.id, quote: 'A great team.' },
    ],
  });
  assert.deepEqual(
    edited.json().featured.map((f: { approval: string }) => f.approval),
    ['approved', 'pending'],
  );
  assert.equal((await mails(oliver.email)).length, mailsBefore + 1, 'asked again by mail');
  assert.equal((await call('POST', `/stories/${id}/approval`, oliverToken, { decision: 'approved' })).statusCode, 200);

  // Fenna's quote changes after her approval: back to pending.
  const again = await call('PATCH', `/stories/${id}`, editor, {
    featured: [
      { personId: fenna.id, quote: 'Ik werk hier heel graag.' },
      { personId: oliver.id, quote: 'A great team.' },
    ],
  });
  assert.deepEqual(
    again.json().featured.map((f: { approval: string }) => f.approval),
    ['pending', 'approved'],
  );
  assert.equal((await call('POST', `/stories/${id}/approval`, fennaSession, { decision: 'approved' })).statusCode, 200);
  const published = await move(id, 'published');
  assert.equal(published.statusCode, 200, published.body);
  assert.equal((await mails(fenna.email)).at(-1)?.kind, 'story_published', 'featured colleagues hear it is out');
  const decided = (await call('GET', '/me/approvals', fennaSession)).json().items[0];
  assert.equal(decided.status, 'approved');
  assert.ok(decided.decidedAt);
});

test('only an admin may publish without every approval, and the override is logged', async () => {
  const featured = await buildPerson(t, { name: 'Nog Niet' });
  const id = (await call('POST', '/stories', editor, { title: 'Spoed', language: 'nl', format: 'news', featured: [{ personId: featured.id }] })).json().id;
  await move(id, 'in_review');
  await move(id, 'approved');
  const editorOverride = await move(id, 'published', editor, { override: true });
  assert.equal(editorOverride.statusCode, 403);
  assert.equal(editorOverride.json().error.code, 'override_not_allowed');
  const adminOverride = await move(id, 'published', admin, { override: true, comment: 'Persbericht kan niet wachten' });
  assert.equal(adminOverride.statusCode, 200, adminOverride.body);
  const kinds = adminOverride.json().events.map((e: { kind: string }) => e.kind);
  assert.ok(kinds.includes('override'));
  const audit = await t.ctx.database.query<{ action: string; after: { waiting: string[] } }>(`select action, after from audit_log where subject_id = $1 and action = 'story.approval_overridden'`, [id]);
  assert.equal(audit.length, 1);
  assert.deepEqual(audit[0]?.after.waiting, [featured.id]);
});

test('a future publish_at schedules: published_at is that moment, and ambassadors see it only once it has come', async () => {
  const publishAt = new Date(t.clock.now().getTime() + 3 * 86_400_000);
  const id = (await call('POST', '/stories', editor, { title: 'Later', language: 'nl', format: 'news', publishAt: publishAt.toISOString() })).json().id;
  for (const to of ['in_review', 'approved', 'published']) assert.equal((await move(id, to)).statusCode, 200);
  const story = (await call('GET', `/stories/${id}`, editor)).json();
  assert.equal(story.status, 'published');
  assert.equal(story.publishedAt, publishAt.toISOString());
  const reader = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  assert.equal((await call('GET', `/stories/${id}`, reader)).statusCode, 404);
  assert.ok(!(await call('GET', '/stories?status=published', reader)).json().items.some((s: { id: string }) => s.id === id));
  t.clock.advance(4 * 86_400_000);
  assert.equal((await call('GET', `/stories/${id}`, reader)).statusCode, 200);
  assert.ok((await call('GET', '/stories?status=published', reader)).json().items.some((s: { id: string }) => s.id === id));
});

test('archiving keeps the story readable and restores to published with its original date', async () => {
  const id = (await call('POST', '/stories', editor, { title: 'Archief', language: 'nl', format: 'column' })).json().id;
  for (const to of ['in_review', 'approved', 'published']) await move(id, to);
  const publishedAt = (await call('GET', `/stories/${id}`, editor)).json().publishedAt;
  t.clock.advance(86_400_000);
  const archived = await move(id, 'archived');
  assert.equal(archived.json().status, 'archived');
  assert.deepEqual(archived.json().allowedTransitions, ['published']);
  const reader = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  assert.equal((await call('GET', `/stories/${id}`, reader)).statusCode, 200, 'links are forever');
  const restored = await move(id, 'published');
  assert.equal(restored.json().publishedAt, publishedAt);
});

test('comments: editors, the submitter and featured colleagues; not a bystander', async () => {
  const id = (await call('POST', '/stories', editor, { title: 'Commentaar', language: 'nl', format: 'news' })).json().id;
  const comment = await call('POST', `/stories/${id}/comments`, editor, { comment: 'Mooi begin' });
  assert.equal(comment.statusCode, 201);
  assert.equal(comment.json().kind, 'comment');
  assert.deepEqual(comment.json().actor, { id: editorPerson.id, name: 'Eva Editor' });
  const bystander = await tokenHeaders(t, 'ambassador', (await buildPerson(t)).id);
  assert.equal((await call('POST', `/stories/${id}/comments`, bystander, { comment: 'Hoi' })).statusCode, 404);
  assert.equal((await call('POST', `/stories/${id}/comments`, editor, { comment: '' })).statusCode, 400);
  const audit = await t.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where subject_id = $1 and action = 'story.commented'`, [id]);
  assert.equal(audit[0]?.n, 1);
});
