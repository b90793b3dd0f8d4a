import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { v7 as uuidv7 } from 'uuid';
import { startJobQueue } from '../jobs/queue.ts';
import { linkFastPath } from '../links/fast-path.ts';
import { insertStory } from '../sharing/story-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildShare } from '../../test/support/tracking.ts';

const token = 'metrics-token-for-the-scraper-0123';
let t: TestApp;
before(async () => {
  t = await createTestApp({ PODIUM_METRICS_TOKEN: token });
});
after(() => t.close());

const scrape = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.statusCode, 200, response.body);
  return response;
};

/** The value of one sample line (`name{labels} value`), or undefined when it is missing. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics asks for the metrics token: none, a wrong one or another scheme gets 401', async () => {
  for (const authorization of [undefined, 'Bearer not-the-metrics-token-at-all', `Basic ${token}`, `Bearer ${token}x`]) {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
    assert.equal(response.statusCode, 401, String(authorization));
    assert.equal(response.json().error.code, 'not_signed_in');
    assert.match(String(response.headers['www-authenticate']), /^Bearer/);
    assert.doesNotMatch(response.body, /podium_|process_/, 'no metrics without the token');
  }
  const response = await scrape();
  assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.ok((sample(response.body, 'process_cpu_user_seconds_total') ?? -1) >= 0, 'default process metrics are there');
  assert.ok(sample(response.body, 'nodejs_heap_size_used_bytes') !== undefined);
});

test('requests are counted per route pattern and status class, never under the raw URL', async () => {
  const before = sample((await scrape()).body, 'podium_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}') ?? 0;
  for (let i = 0; i < 3; i++) assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
  const id = uuidv7();
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/people/${id}?secret=abc` })).statusCode, 401);
  assert.equal((await t.app.inject({ method: 'PATCH', url: `/api/nothing/here/${id}` })).statusCode, 404);
  const text = (await scrape()).body;
  assert.equal(sample(text, 'podium_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}'), before + 3);
  assert.ok((sample(text, 'podium_http_request_duration_seconds_sum{method="GET",route="/healthz",status="2xx"}') ?? -1) > 0);
  assert.equal(sample(text, 'podium_http_request_duration_seconds_bucket{method="GET",route="/healthz",status="2xx",le="+Inf"}'), before + 3);
  assert.equal(sample(text, 'podium_http_request_duration_seconds_count{method="GET",route="/api/v1/people/:id",status="4xx"}'), 1);
  assert.equal(sample(text, 'podium_http_request_duration_seconds_count{method="PATCH",route="unmatched",status="4xx"}'), 1);
  assert.ok(!text.includes(id) && !text.includes('secret'), 'no raw URL, id or query in the metrics');
});

test('short links count on both paths, and group commits show their batch size and latency', async () => {
  const story = await insertStory(t, { slug: 'gemeten-pad' });
  const share = await buildShare(t, story.id);
  const fastPath = linkFastPath(t.ctx, () => false);
  const server = createServer((request, response) => {
    if (fastPath(request, response)) return;
    response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const batchesBefore = sample((await scrape()).body, 'podium_click_batch_size_count') ?? 0;
  try {
    const visits = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`http://127.0.0.1:${port}/l/${share.code}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' } })),
    );
    for (const visit of visits) assert.equal(visit.status, 302);
    assert.equal((await fetch(`http://127.0.0.1:${port}/l/zzzzzzzz`, { redirect: 'manual' })).status, 404);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const routed = await t.app.inject({ method: 'GET', url: `/l/${share.code}`, headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' } });
  assert.equal(routed.statusCode, 302, 'the Fastify route');
  const text = (await scrape()).body;
  // The fast path and the Fastify route both report under the route pattern /l/:code.
  assert.equal(sample(text, 'podium_http_request_duration_seconds_count{method="GET",route="/l/:code",status="3xx"}'), 6);
  assert.equal(sample(text, 'podium_http_request_duration_seconds_count{method="GET",route="/l/:code",status="4xx"}'), 1);
  assert.ok(!text.includes(share.code), 'no link code in the metrics');
  const batches = (sample(text, 'podium_click_batch_size_count') ?? 0) - batchesBefore;
  const clicks = sample(text, 'podium_click_batch_size_sum') ?? 0;
  assert.ok(batches >= 1 && batches <= 6, `6 clicks in ${batches} group commits`);
  assert.equal(clicks, 6, 'every click counted once in a batch');
  assert.equal(sample(text, 'podium_click_commit_seconds_count'), sample(text, 'podium_click_batch_size_count'));
  assert.equal(sample(text, 'podium_click_spool_files'), 0);
  assert.equal(sample(text, 'podium_click_spool_bytes'), 0);
  assert.equal(sample(text, 'podium_click_recorder_healthy'), 1);
});

test('the job queue depth is read from pg-boss: waiting jobs by queue and state', async () => {
  const before = (await scrape()).body;
  assert.doesNotMatch(before, /podium_job_queue_depth\{/, 'no pg-boss schema in this database yet: no samples, no error');
  const queue = await startJobQueue(t.ctx.database, { databaseUrl: t.db.url, workers: false });
  try {
    await queue.sendMany('people.invite', [{ personId: 'a' }, { personId: 'b' }, { personId: 'c' }]);
    await queue.send('mail.send', { to: 'nobody' });
    const text = (await scrape()).body;
    assert.equal(sample(text, 'podium_job_queue_depth{queue="people.invite",state="created"}'), 3);
    assert.equal(sample(text, 'podium_job_queue_depth{queue="mail.send",state="created"}'), 1);
  } finally {
    await queue.stop();
  }
});

test('without PODIUM_METRICS_TOKEN there is no /metrics: 404, even with a token', async () => {
  const plain = await createTestApp();
  try {
    for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
      const response = await plain.app.inject({ method: 'GET', url: '/metrics', headers });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'route_not_found');
    }
  } finally {
    await plain.close();
  }
});
