import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// s3rver ships no type declarations; the part used here is typed below.
// @ts-expect-error -- untyped CommonJS module
import S3rver from 's3rver';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** The key pair s3rver's one built-in account accepts (any other access key id is refused). */
export const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * A local S3-compatible server (`s3rver` from npm, the S3 REST API over a folder) for tests: no
 * Docker, no network. It answers PUT/GET/HEAD/DELETE of objects and buckets with S3's status codes
 * and XML errors (NoSuchBucket, NoSuchKey, InvalidAccessKeyId). It checks the access key id of a
 * Signature Version 4 request but not the signature itself, so tests of signing go to AWS's own
 * contract, not to this server.
 */
export class S3Server {
  readonly directory: string;
  readonly #server: S3rverInstance;
  #url: string | null = null;
  constructor(buckets: string[]) {
    this.directory = mkdtempSync(path.join(tmpdir(), 'podium-s3-'));
    this.#server = new (S3rver as S3rverClass)({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: this.directory,
      vhostBuckets: false,
      configureBuckets: buckets.map((name) => ({ name })),
    });
  }
  async start(): Promise<this> {
    const address = await this.#server.run();
    this.#url = `http://127.0.0.1:${address.port}`;
    return this;
  }
  get url(): string {
    if (!this.#url) throw new Error('S3Server not started');
    return this.#url;
  }
  /** The environment that points Podium at a bucket of this server. */
  env(bucket: string, prefix = ''): Record<string, string> {
    return {
      PODIUM_STORAGE: 's3',
      PODIUM_S3_ENDPOINT: this.url,
      PODIUM_S3_REGION: 'eu-west-1',
      PODIUM_S3_BUCKET: bucket,
      PODIUM_S3_ACCESS_KEY_ID: s3Credentials.accessKeyId,
      PODIUM_S3_SECRET_ACCESS_KEY: s3Credentials.secretAccessKey,
      PODIUM_S3_FORCE_PATH_STYLE: 'true',
      PODIUM_S3_PREFIX: prefix,
    };
  }
  async close(): Promise<void> {
    await this.#server.close().catch(() => {});
    rmSync(this.directory, { recursive: true, force: true });
  }
}
