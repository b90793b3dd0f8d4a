import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import type { Role } from '../db/schema/index.ts';
import { breakdownDimensions } from './figures.ts';

/** Who may read the analytics API, and what non-admins never see: groups of fewer than 5 people. */

let t: TestApp;
let admin: Record<string, string>;
let editor: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await tokenHeaders(t, 'admin');
  editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor', 'ambassador'], name: 'Analytics Editor' }));
  const demo = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: admin });
  assert.equal(demo.statusCode, 201, demo.body);
});
after(() => t.close());

const get = async (url: string, headers: Record<string, string>) => {
  const response = await t.app.inject({ method: 'GET', url, headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};

async function token(role: Role, scopes: 'analytics'[]): Promise<Record<string, string>> {
  const { token: secret } = await createApiToken(t.ctx.database.db, { name: `bi ${role}`, role, scopes, personId: null, createdBy: null, now: t.clock.now() });
  return { authorization: `Bearer ${secret}` };
}

const urls = ['/api/v1/analytics/overview', '/api/v1/analytics/breakdown?by=network', '/api/v1/analytics/timeseries?interval=week', '/api/v1/analytics/overview?format=csv'];

test('an API token with the analytics scope reads every analytics endpoint; one without it cannot', async () => {
  const bi = await token('ambassador', ['analytics']);
  const plain = await token('ambassador', []);
  const recruiter = await token('recruiter', []);
  for (const url of urls) {
    assert.equal((await t.app.inject({ method: 'GET', url, headers: bi })).statusCode, 200, url);
    for (const headers of [plain, recruiter, {}]) {
      const response = await t.app.inject({ method: 'GET', url, headers });
      assert.ok([401, 403].includes(response.statusCode), `${url}: ${response.statusCode}`);
    }
  }
  // A token made through the API with the scope reads too.
  const made = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: admin, payload: { name: 'BI tool', role: 'ambassador', scopes: ['analytics'] } });
  assert.equal(made.statusCode, 201, made.body);
  const overview = await get('/api/v1/analytics/overview', { authorization: `Bearer ${made.json().token}` });
  assert.equal(typeof overview.clicks.human, 'number');
  // The scope reads, never writes: the assumptions are an admin's.
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/analytics', headers: bi, payload: { emv: { currency: 'EUR', costPerClick: 1, costPerThousandImpressions: 1, impressionsPerNetworkMember: 0.1 }, defaultNetworkSize: 10 } });
  assert.equal(put.statusCode, 403);
});

test('non-admins never see a group of fewer than 5 people, and a lone small group takes the next smallest with it; admins see all', async () => {
  let small = 0;
  let lone = 0;
  for (const period of ['from=2026-11-21&to=2026-11-27', 'from=2026-10-01&to=2026-11-27']) {
    for (const by of breakdownDimensions) {
      const url = `/api/v1/analytics/breakdown?by=${by}&${period}`;
      const full = await get(url, admin);
      const seen = await get(url, editor);
      assert.ok(full.rows.every((r: { suppressed: boolean }) => !r.suppressed), 'admins see every group');
      assert.deepEqual(seen.rows.map((r: { key: string }) => r.key), full.rows.map((r: { key: string }) => r.key), 'the same groups, in the same order');
      const tooSmall = full.rows.filter((r: { people: number }) => r.people > 0 && r.people < 5).map((r: { key: string }) => r.key);
      small += tooSmall.length;
      for (const [index, row] of seen.rows.entries()) {
        if (row.suppressed) {
          assert.deepEqual([row.people, row.shares, row.clicks, row.conversions], [null, null, null, null], `${by} ${row.key}`);
        } else {
          assert.ok(row.people >= 5, `${by} ${row.key}: ${row.people} people shown`);
          assert.deepEqual(row, full.rows[index]);
        }
      }
      for (const key of tooSmall) assert.equal(seen.rows.find((r: { key: string }) => r.key === key).suppressed, true, `${by} ${key}`);
      const hidden = seen.rows.filter((r: { suppressed: boolean }) => r.suppressed);
      if (tooSmall.length === 1 && full.rows.length > 1) {
        lone++;
        assert.equal(hidden.length, 2, `${by}: a lone small group is hidden with the smallest other`);
        const others = full.rows.filter((r: { key: string }) => r.key !== tooSmall[0]);
        const smallest = Math.min(...others.map((r: { people: number }) => r.people));
        assert.equal(full.rows.find((r: { key: string }) => r.key === hidden.find((h: { key: string }) => h.key !== tooSmall[0])?.key).people, smallest);
      } else {
        assert.equal(hidden.length, tooSmall.length);
      }
      if (full.totals.people >= 5) assert.deepEqual(seen.totals, full.totals);
    }
  }
  assert.ok(small > 0, 'the demo has small groups in a week, so the rule is tested');
  assert.ok(lone > 0, 'and a breakdown with one small group, so the complementary rule is tested');
});

test('an overview or time series narrowed to fewer than 5 people is left out for editors, shown to admins', async () => {
  // A group of fewer than 5 people in the last week, as the admin's breakdown counts them.
  let filter: string | undefined;
  for (const by of ['network', 'persona', 'campaign'] as const) {
    const rows = (await get(`/api/v1/analytics/breakdown?by=${by}&from=2026-11-21&to=2026-11-27`, admin)).rows;
    const small = rows.find((r: { key: string | null; people: number }) => r.key !== null && r.people > 0 && r.people < 5);
    if (small) {
      filter = `${by}=${small.key}`;
      break;
    }
  }
  assert.ok(filter, 'a network, persona or campaign few people shared or were clicked for in the last week');
  const url = `from=2026-11-21&to=2026-11-27&compare=none&${filter}`;
  const seen = await get(`/api/v1/analytics/overview?${url}`, editor);
  assert.deepEqual(seen, { period: { from: '2026-11-21', to: '2026-11-27' }, previousPeriod: null, suppressed: true, previous: null });
  const full = await get(`/api/v1/analytics/overview?${url}`, admin);
  assert.equal(full.suppressed, false);
  assert.ok(full.shares > 0);
  const series = await get(`/api/v1/analytics/timeseries?${url}`, editor);
  assert.deepEqual([series.suppressed, series.points], [true, []]);
  assert.ok((await get(`/api/v1/analytics/timeseries?${url}`, admin)).points.some((p: { shares: number }) => p.shares > 0));
  // The whole organisation is not a small group: unfiltered, an editor sees the figures.
  assert.equal((await get('/api/v1/analytics/overview?from=2026-11-21&to=2026-11-27', editor)).suppressed, false);
});

test('bad input is a 400 that says what to change', async () => {
  for (const url of ['/api/v1/analytics/breakdown?by=shoe_size', '/api/v1/analytics/overview?from=2026-11-27&to=2026-11-01', '/api/v1/analytics/overview?from=1990-01-01', '/api/v1/analytics/timeseries?interval=hour', '/api/v1/analytics/overview?department=nope']) {
    const response = await t.app.inject({ method: 'GET', url, headers: editor });
    assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
    assert.ok(response.json().error.message.length > 10);
  }
  const period = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/overview?from=2026-11-27&to=2026-11-01', headers: editor });
  assert.equal(period.json().error.code, 'period_invalid');
  assert.match(period.json().error.message, /2026-11-01.*2026-11-27/);
});

test('admins set the assumptions behind earned media value; the overview uses them and shows them', async () => {
  const settings = { emv: { currency: 'usd', costPerClick: 1, costPerThousandImpressions: 10, impressionsPerNetworkMember: 0.5 }, defaultNetworkSize: 300 };
  const put = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/analytics', headers: admin, payload: settings });
  assert.equal(put.statusCode, 200, put.body);
  assert.equal(put.json().emv.currency, 'USD');
  const overview = await get('/api/v1/analytics/overview?compare=none', editor);
  const emv = overview.earnedMediaValue;
  assert.deepEqual([emv.currency, emv.costPerClick, emv.costPerThousandImpressions, emv.impressionsPerNetworkMember, overview.reach.defaultNetworkSize], ['USD', 1, 10, 0.5, 300]);
  assert.equal(emv.amount, Number((overview.clicks.human * 1 + (emv.impressions / 1000) * 10).toFixed(2)));
  const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/analytics', headers: admin, payload: { ...settings, defaultNetworkSize: -1 } });
  assert.equal(bad.statusCode, 400);
  const forbidden = await t.app.inject({ method: 'PUT', url: '/api/v1/settings/analytics', headers: editor, payload: settings });
  assert.equal(forbidden.statusCode, 403);
});

test('the analytics API is in the OpenAPI document with its filters', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const path of ['/api/v1/analytics/overview', '/api/v1/analytics/breakdown', '/api/v1/analytics/timeseries']) {
    const names = (doc.paths[path]?.get?.parameters ?? []).map((p: { name: string }) => p.name);
    for (const name of ['from', 'to', 'compare', 'department', 'location', 'persona', 'theme', 'format', 'campaign', 'network', 'audience']) assert.ok(names.includes(name), `${path} ?${name}`);
  }
  assert.ok(doc.paths['/api/v1/analytics/breakdown'].get.parameters.some((p: { name: string }) => p.name === 'by'));
});
