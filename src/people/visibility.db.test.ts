import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertConversion } from '../stats/conversion-fixtures.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { buildClicks, buildShare } from '../../test/support/tracking.ts';

/** Pause and opt-out take effect at once everywhere: out of staff's individual views, links working, totals intact. */

let t: TestApp;
let recruiter: Record<string, string>;
before(async () => {
  t = await createTestApp();
  recruiter = await sessionHeaders(t, await buildPerson(t, { roles: ['recruiter'] }));
});
after(() => t?.close());

const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

/** An ambassador with one share, two human clicks and an application credited to them. */
async function creditedAmbassador(name: string) {
  const person = await buildPerson(t, { name });
  const self = await sessionHeaders(t, person);
  const story = await insertStory(t);
  const share = await buildShare(t, story.id, { personId: person.id });
  const [clickId] = await buildClicks(t, share, [{ visitor: `${name}-a` }, { visitor: `${name}-b` }]);
  await insertConversion(t, { type: 'application', at: t.clock.now(), touches: [{ shareId: share.shareId, clickId: clickId as string, at: t.clock.now() }] });
  return { person, self, share };
}

const step = (headers: Record<string, string>, what: 'pause' | 'resume' | 'opt-out' | 'consent', payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/me/${what}`, headers, ...(payload ? { payload } : {}) });

async function attributed(personId: string): Promise<{ key: string | null; name: string | null; credit: number }[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?by=ambassador&type=application&limit=200', headers: recruiter });
  assert.equal(response.statusCode, 200, response.body);
  const items = response.json().items as { key: string | null; name: string | null; credit: number }[];
  return items.filter((item) => item.key === personId || item.key === null);
}

for (const [status, leaveStep] of [
  ['paused', 'pause'],
  ['opted_out', 'opt-out'],
] as const) {
  test(`${status}: out of staff's individual views at once, their links keep working, totals stay`, async () => {
    const { person, self, share } = await creditedAmbassador(`Visible ${status}`);
    const personStats = () => t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/stats`, headers: recruiter });
    const vacancyStats = () => t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/vacancy-stats`, headers: recruiter });
    assert.equal((await personStats()).statusCode, 200);
    assert.equal((await vacancyStats()).statusCode, 200);
    assert.ok((await attributed(person.id)).some((item) => item.key === person.id && item.name === `Visible ${status}`));
    const totalBefore = (await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?by=ambassador&type=application', headers: recruiter })).json().totalCredit;

    assert.equal((await step(self, leaveStep)).statusCode, 200);

    const stats = await personStats();
    assert.deepEqual([stats.statusCode, stats.json().error.code], [403, 'person_opted_out'], 'no individual results for staff');
    const funnel = await vacancyStats();
    assert.deepEqual([funnel.statusCode, funnel.json().error.code], [403, 'person_opted_out'], 'named in no referral funnel');
    const rows = await attributed(person.id);
    assert.ok(!rows.some((item) => item.key === person.id), 'not identified in attribution by ambassador');
    assert.ok(rows.some((item) => item.key === null && item.name === null && item.credit > 0), 'their credit stays, unnamed');
    const totalAfter = (await t.app.inject({ method: 'GET', url: '/api/v1/analytics/attribution?by=ambassador&type=application', headers: recruiter })).json().totalCredit;
    assert.equal(totalAfter, totalBefore, 'the organisation’s totals do not change');
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/stats`, headers: self });
    assert.equal(own.statusCode, 200, 'a person always sees their own results');
    assert.equal(own.json().conversions.application, 1);

    const redirect = await t.app.inject({ method: 'GET', url: `/l/${share.code}`, headers: { 'user-agent': iPhone } });
    assert.equal(redirect.statusCode, 302, 'their shared link keeps working');

    const policy = (await t.app.inject({ method: 'GET', url: '/api/v1/settings/public' })).json().socialPolicyVersion;
    const back = status === 'paused' ? await step(self, 'resume') : await step(self, 'consent', { policyVersion: policy });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal((await personStats()).statusCode, 200, 'back in the programme: back in the views at once');
  });
}

test('alumni stay credited by name: their attribution stays', async () => {
  const { person } = await creditedAmbassador('Credited Alumnus');
  const admin = await tokenHeaders(t, 'admin');
  const left = await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/leave`, headers: admin, payload: {} });
  assert.equal(left.statusCode, 200, left.body);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/stats`, headers: recruiter })).statusCode, 200);
  assert.ok((await attributed(person.id)).some((item) => item.key === person.id && item.name === 'Credited Alumnus'));
});
