import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders } from '../../test/support/factories.ts';
import { S3Server } from '../../test/support/s3-server.ts';
import { s3Storage } from './s3.ts';

let t: TestApp;
let server: S3Server;
let dataDir: string;
let headers: Record<string, string>;

before(async () => {
  server = await new S3Server(['podium-images']).start();
  dataDir = mkdtempSync(path.join(tmpdir(), 'podium-s3-images-'));
  t = await createTestApp({ PODIUM_DATA_DIR: dataDir, ...server.env('podium-images', 'podium/') });
  headers = await sessionHeaders(t, await buildPerson(t));
});
after(async () => {
  await t?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('with PODIUM_STORAGE=s3 an uploaded image goes to the bucket, not the data directory, and is served from it', async () => {
  const png = await sharp({ create: { width: 1400, height: 900, channels: 3, background: '#336699' } }).png().toBuffer();
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/images?alt=Our%20team', headers: { ...headers, 'content-type': 'image/png' }, payload: png });
  assert.equal(response.statusCode, 201, response.body);
  const { id } = response.json() as { id: string };

  assert.equal(existsSync(path.join(dataDir, 'uploads')), false);
  const bucket = s3Storage(t.ctx.config.storage as Extract<typeof t.ctx.config.storage, { kind: 's3' }>);
  assert.equal(await bucket.exists(`images/${id}/original.png`), true);
  const share = await bucket.get(`images/${id}/share.jpg`);
  assert.ok(share);
  assert.deepEqual(await sharp(share).metadata().then((m) => [m.format, m.width, m.height]), ['jpeg', 1200, 627]);

  const served = await t.app.inject({ method: 'GET', url: `/images/${id}/share` });
  assert.equal(served.statusCode, 200);
  assert.equal(served.headers['content-type'], 'image/jpeg');
  assert.ok(served.rawPayload.equals(share));
  const original = await t.app.inject({ method: 'GET', url: `/images/${id}/original` });
  assert.equal(original.statusCode, 200);
  assert.equal(original.headers['content-type'], 'image/png');
});

test('an image whose object is missing from the bucket answers 404, not 500', async () => {
  const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#993366' } }).png().toBuffer();
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/images', headers: { ...headers, 'content-type': 'image/png' }, payload: png });
  assert.equal(response.statusCode, 201, response.body);
  const { id } = response.json() as { id: string };
  // Remove the object behind Podium's back (an operator's lifecycle rule, say).
  const { AwsClient } = await import('aws4fetch');
  const client = new AwsClient({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', service: 's3', region: 'eu-west-1' });
  const deleted = await client.fetch(`${server.url}/podium-images/podium/images/${id}/share.jpg`, { method: 'DELETE' });
  assert.equal(deleted.status, 204);
  const served = await t.app.inject({ method: 'GET', url: `/images/${id}/share` });
  assert.equal(served.statusCode, 404);
});

test('a bucket that cannot be reached or refuses the keys answers 503 with a message, and stores no image row', async () => {
  const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#669933' } }).png().toBuffer();
  for (const env of [
    { ...server.env('podium-images'), PODIUM_S3_ENDPOINT: 'http://127.0.0.1:1' },
    { ...server.env('podium-images'), PODIUM_S3_ACCESS_KEY_ID: 'NOT-A-KEY' },
  ]) {
    const broken = await createTestApp({ PODIUM_DATA_DIR: dataDir, ...env });
    try {
      const person = await buildPerson(broken);
      const before = await broken.ctx.database.query<{ n: number }>('select count(*)::int as n from images');
      const response = await broken.app.inject({ method: 'POST', url: '/api/v1/images', headers: { ...(await sessionHeaders(broken, person)), 'content-type': 'image/png' }, payload: png });
      assert.equal(response.statusCode, 503, response.body);
      assert.equal(response.json().error.code, 'storage_unavailable');
      assert.match(response.json().error.message, /Try again in a minute/);
      assert.deepEqual(await broken.ctx.database.query<{ n: number }>('select count(*)::int as n from images'), before);
    } finally {
      await broken.close();
    }
  }
});
