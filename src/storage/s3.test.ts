import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { AwsClient } from 'aws4fetch';
import { loadConfig, type StorageConfig } from '../config.ts';
import { S3Server, s3Credentials } from '../../test/support/s3-server.ts';
import { bucketUrl, checkS3Bucket, S3StorageError, s3Storage } from './s3.ts';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

let server: S3Server;
let config: S3Config;

before(async () => {
  server = await new S3Server(['podium-test']).start();
  config = { kind: 's3', endpoint: server.url, region: 'eu-west-1', bucket: 'podium-test', ...s3Credentials, forcePathStyle: true, prefix: '' };
});
after(async () => {
  await server?.close();
});

test('put, get and exists round-trip bytes through the S3 API unchanged', async () => {
  const storage = s3Storage(config);
  const bytes = randomBytes(200_000);
  assert.equal(await storage.exists('images/a/share.jpg'), false);
  assert.equal(await storage.get('images/a/share.jpg'), null);
  await storage.put('images/a/share.jpg', bytes);
  assert.equal(await storage.exists('images/a/share.jpg'), true);
  const back = await storage.get('images/a/share.jpg');
  assert.ok(back);
  assert.ok(back.equals(bytes));
  // Overwriting replaces the object.
  await storage.put('images/a/share.jpg', Buffer.from('second'));
  assert.equal((await storage.get('images/a/share.jpg'))?.toString(), 'second');
});

test('a prefix keeps Podium’s objects under one folder of a shared bucket', async () => {
  const prefixed = s3Storage({ ...config, prefix: 'podium/' });
  await prefixed.put('images/b/original.png', Buffer.from('png'));
  assert.equal(await prefixed.exists('images/b/original.png'), true);
  // The same key without the prefix is another object.
  assert.equal(await s3Storage(config).exists('images/b/original.png'), false);
  assert.equal((await s3Storage(config).get('podium/images/b/original.png'))?.toString(), 'png');
});

test('an unsafe key is refused before any request', async () => {
  const storage = s3Storage(config);
  await assert.rejects(storage.put('../escape', Buffer.from('x')), /unsafe storage key/);
  await assert.rejects(storage.get('images//x'), /unsafe storage key/);
});

test('the server’s refusal comes back with its S3 error code and message', async () => {
  const unknownKey = s3Storage({ ...config, accessKeyId: 'NOT-A-KEY' });
  await assert.rejects(unknownKey.put('images/c/share.jpg', Buffer.from('x')), (error: unknown) => {
    assert.ok(error instanceof S3StorageError);
    assert.equal(error.status, 403);
    assert.equal(error.code, 'InvalidAccessKeyId');
    assert.match(error.message, /PUT images\/c\/share\.jpg failed with 403 InvalidAccessKeyId/);
    return true;
  });
  const unreachable = s3Storage({ ...config, endpoint: 'http://127.0.0.1:1' });
  await assert.rejects(unreachable.get('images/c/share.jpg'), (error: unknown) => {
    assert.ok(error instanceof S3StorageError);
    assert.equal(error.status, 0);
    assert.match(error.message, /^S3 GET images\/c\/share\.jpg failed \(server unreachable\): fetch failed/);
    return true;
  });
  const missingBucket = s3Storage({ ...config, bucket: 'no-such-bucket' });
  await assert.rejects(missingBucket.put('images/c/share.jpg', Buffer.from('x')), (error: unknown) => error instanceof S3StorageError && error.status === 404 && error.code === 'NoSuchBucket');
});

test('the doctor check names what is wrong with the bucket', async () => {
  assert.deepEqual(await checkS3Bucket(config), { ok: true, detail: `bucket podium-test at ${server.url}` });
  const missing = await checkS3Bucket({ ...config, bucket: 'no-such-bucket' });
  assert.equal(missing.ok, false);
  assert.match(missing.detail, /404 \(the bucket does not exist/);
  const unreachable = await checkS3Bucket({ ...config, endpoint: 'http://127.0.0.1:1' });
  assert.equal(unreachable.ok, false);
  assert.match(unreachable.detail, /cannot reach http:\/\/127\.0\.0\.1:1/);
});

test('bucket URLs: path style for self-hosted servers, virtual-hosted AWS by default', () => {
  assert.equal(bucketUrl({ ...config, endpoint: 'http://minio.internal:9000', forcePathStyle: true }), 'http://minio.internal:9000/podium-test/');
  assert.equal(bucketUrl({ ...config, endpoint: null, region: 'eu-central-1', forcePathStyle: false }), 'https://podium-test.s3.eu-central-1.amazonaws.com/');
  assert.equal(bucketUrl({ ...config, endpoint: null, region: 'eu-central-1', forcePathStyle: true }), 'https://s3.eu-central-1.amazonaws.com/podium-test/');
});

test('PODIUM_STORAGE=s3 is configured from the environment', () => {
  const loaded = loadConfig({ PODIUM_SECRET_KEY: 'k'.repeat(32), ...server.env('podium-test', 'podium/') });
  assert.deepEqual(loaded.storage, { ...config, prefix: 'podium/' });
});

test('requests are signed as AWS’s published Signature Version 4 example for S3 says', async () => {
  // The GET Object example of the S3 API reference ("Signature Calculations for the Authorization
  // Header"): the local server does not check signatures, so the signing is checked against AWS here.
  const client = new AwsClient({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', service: 's3', region: 'us-east-1' });
  const signed = await client.sign('https://examplebucket.s3.amazonaws.com/test.txt', {
    method: 'GET',
    headers: { range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    aws: { datetime: '20130524T000000Z', allHeaders: true },
  });
  assert.equal(
    signed.headers.get('authorization'),
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  );
});
