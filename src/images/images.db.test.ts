import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { images } from '../db/schema/index.ts';
import { erasePerson, exportPerson } from '../privacy/service.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildPerson, sessionHeaders, tokenHeaders } from '../../test/support/factories.ts';

let t: TestApp;
let dataDir: string;
let ambassador: { id: string };
let headers: Record<string, string>;

/** A photo-like test image: a gradient with a bright square off-centre, so a crop has something to find. */
async function picture(format: 'jpeg' | 'png' | 'webp', width = 1600, height = 1200): Promise<Buffer> {
  const square = await sharp({ create: { width: Math.round(width / 5), height: Math.round(height / 5), channels: 3, background: '#ffcc00' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#204060' } })
    .composite([{ input: square, left: Math.round(width / 8), top: Math.round(height / 3) }])
    .toFormat(format)
    .toBuffer();
}

const upload = (body: Buffer | string, contentType: string, extra: Record<string, string> = headers, query = '') =>
  t.app.inject({ method: 'POST', url: `/api/v1/images${query}`, headers: { ...extra, 'content-type': contentType }, payload: body });

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'podium-images-'));
  t = await createTestApp({ PODIUM_DATA_DIR: dataDir });
  ambassador = await buildPerson(t);
  headers = await sessionHeaders(t, ambassador);
});
after(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

for (const [format, type] of [['jpeg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp']] as const) {
  test(`a ${format} upload is stored with a 1200×627 JPEG share image`, async () => {
    const bytes = await picture(format);
    const response = await upload(bytes, type, headers, '?alt=Two%20colleagues%20at%20the%20lab');
    assert.equal(response.statusCode, 201, response.body);
    const body = response.json();
    assert.equal(body.width, 1600);
    assert.equal(body.height, 1200);
    assert.equal(body.altText, 'Two colleagues at the lab');
    assert.equal(body.url, `http://podium.test/images/${body.id}/original`);
    assert.equal(body.shareUrl, `http://podium.test/images/${body.id}/share`);

    const extension = { jpeg: 'jpg', png: 'png', webp: 'webp' }[format];
    assert.ok(existsSync(path.join(dataDir, 'uploads', 'images', body.id, `original.${extension}`)));
    assert.ok(existsSync(path.join(dataDir, 'uploads', 'images', body.id, 'share.jpg')));

    const original = await t.app.inject({ method: 'GET', url: `/images/${body.id}/original` });
    assert.equal(original.statusCode, 200);
    assert.equal(original.headers['content-type'], type);
    assert.match(String(original.headers['cache-control']), /max-age=31536000/);
    // The original is re-encoded without metadata: same format and size, not the same bytes.
    const originalMeta = await sharp(original.rawPayload).metadata();
    assert.equal(originalMeta.format, format);
    assert.deepEqual([originalMeta.width, originalMeta.height], [1600, 1200]);

    const share = await t.app.inject({ method: 'GET', url: `/images/${body.id}/share` });
    assert.equal(share.statusCode, 200);
    assert.equal(share.headers['content-type'], 'image/jpeg');
    assert.match(String(share.headers['cache-control']), /immutable/);
    const meta = await sharp(share.rawPayload).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 1200);
    assert.equal(meta.height, 627);
    assert.equal(meta.exif, undefined, 'metadata is stripped');
  });
}

test('a text file renamed to .png is refused with a message', async () => {
  const response = await upload('hello, I am not a picture\n'.repeat(20), 'image/png');
  assert.equal(response.statusCode, 415);
  assert.equal(response.json().error.code, 'image_unreadable');
  assert.match(response.json().error.message, /not a readable image\/png image/);
});

test('an image of another type than declared is refused', async () => {
  const response = await upload(await picture('png', 40, 30), 'image/jpeg');
  assert.equal(response.statusCode, 415);
  assert.equal(response.json().error.code, 'image_unreadable');
});

test('a type other than JPEG, PNG or WebP is refused, in the caller’s language', async () => {
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
  const response = await upload(gif, 'image/gif');
  assert.equal(response.statusCode, 415);
  assert.equal(response.json().error.code, 'unsupported_image_type');
  assert.match(response.json().error.message, /JPEG, PNG or WebP/);
  const plain = await upload('text', 'text/plain');
  assert.equal(plain.statusCode, 415);
  assert.equal(plain.json().error.code, 'unsupported_image_type');
  const empty = await upload(Buffer.alloc(0), 'image/png');
  assert.equal(empty.statusCode, 400);
});

test('an upload over 10 MB is refused with 413 naming the limit', async () => {
  const justOver = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
  const first = await upload(justOver, 'image/jpeg');
  assert.equal(first.statusCode, 413, first.body);
  assert.equal(first.json().error.code, 'image_too_large');
  assert.match(first.json().error.message, /10 MB/);
  const farOver = await upload(Buffer.alloc(11 * 1024 * 1024, 1), 'image/jpeg');
  assert.equal(farOver.statusCode, 413, farOver.body);
  assert.equal(farOver.json().error.code, 'image_too_large');
  assert.match(farOver.json().error.message, /10 MB/);
  const count = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from images where bytes > 10485760');
  assert.equal(count[0]?.n, 0);
});

test('an image of more than 40 megapixels is refused', async () => {
  const huge = await sharp({ create: { width: 7000, height: 6000, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).toBuffer();
  assert.ok(huge.length < 10 * 1024 * 1024, 'the test image itself is under the byte limit');
  const response = await upload(huge, 'image/png');
  assert.equal(response.statusCode, 413, response.body);
  assert.equal(response.json().error.code, 'image_too_many_pixels');
  assert.match(response.json().error.message, /42 megapixels/);
});

test('unknown image ids are 404 on both public variants', async () => {
  for (const url of [`/images/${uuidv7()}/original`, `/images/${uuidv7()}/share`, '/images/not-an-id/share']) {
    const response = await t.app.inject({ method: 'GET', url });
    assert.equal(response.statusCode, 404, url);
  }
});

test('the uploader, an editor or an admin changes the alt text; another colleague may not', async () => {
  const created = (await upload(await picture('png', 300, 200), 'image/png')).json();
  const other = await sessionHeaders(t, await buildPerson(t));
  const refused = await t.app.inject({ method: 'PATCH', url: `/api/v1/images/${created.id}`, headers: other, payload: { altText: 'Hijacked' } });
  assert.equal(refused.statusCode, 403);
  const own = await t.app.inject({ method: 'PATCH', url: `/api/v1/images/${created.id}`, headers, payload: { altText: 'Our team on the roof' } });
  assert.equal(own.statusCode, 200);
  assert.equal(own.json().altText, 'Our team on the roof');
  const editor = await sessionHeaders(t, await buildPerson(t, { roles: ['editor', 'ambassador'] }));
  const edited = await t.app.inject({ method: 'PATCH', url: `/api/v1/images/${created.id}`, headers: editor, payload: { altText: 'The team on the roof in May' } });
  assert.equal(edited.json().altText, 'The team on the roof in May');
  const missing = await t.app.inject({ method: 'PATCH', url: `/api/v1/images/${uuidv7()}`, headers: editor, payload: { altText: 'x' } });
  assert.equal(missing.statusCode, 404);
  const organisationToken = await t.app.inject({ method: 'POST', url: '/api/v1/images', headers: { ...(await tokenHeaders(t, 'editor')), 'content-type': 'image/png' }, payload: await picture('png', 30, 20) });
  assert.equal(organisationToken.statusCode, 403, 'an organisation token is nobody to credit an upload to');
});

test('an uploader’s images are exported and stay after erasure without the uploader', async () => {
  const person = await buildPerson(t);
  const created = (await upload(await picture('jpeg', 200, 100), 'image/jpeg', await sessionHeaders(t, person))).json();
  const exported = (await exportPerson(t.ctx, person.id)) as Record<string, unknown>;
  assert.deepEqual(
    (exported['images.uploads'] as { id: string }[]).map((row) => row.id),
    [created.id],
  );
  const admin = await buildPerson(t, { roles: ['admin'] });
  await erasePerson(t.ctx, { kind: 'session', personId: admin.id, roles: ['admin'], sessionId: 'x', tokenHash: 'x', language: 'en' }, person.id);
  const [row] = await t.ctx.database.db.select().from(images).where(eq(images.id, created.id));
  assert.equal(row?.uploadedBy, null);
  const still = await t.app.inject({ method: 'GET', url: `/images/${created.id}/share` });
  assert.equal(still.statusCode, 200, 'published pages keep their image');
});

test('the served original carries no EXIF metadata (no GPS position of a phone photo)', async () => {
  const withGps = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PodiumPhone', Copyright: 'Private person' } })
    .toBuffer();
  assert.ok((await sharp(withGps).metadata()).exif, 'the fixture does carry EXIF');
  const response = await upload(withGps, 'image/jpeg');
  assert.equal(response.statusCode, 201, response.body);
  const original = await t.app.inject({ method: 'GET', url: `/images/${response.json().id}/original` });
  assert.equal(original.statusCode, 200);
  const meta = await sharp(original.rawPayload).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.exif, undefined);
  assert.ok(!original.rawPayload.includes(Buffer.from('PodiumPhone')));
});
