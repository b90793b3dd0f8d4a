import { AwsClient } from 'aws4fetch';
import type { StorageConfig } from '../config.ts';
import { assertSafeKey, type FileStorage } from '../images/storage.ts';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/** What an S3-compatible server answered when it refused a request, with its own code and message. */
export class S3StorageError extends Error {
  readonly status: number;
  readonly code: string | null;
  constructor(operation: string, key: string, status: number, code: string | null, message: string | null) {
    super(`S3 ${operation} ${key} failed ${status === 0 ? '(server unreachable)' : `with ${status}`}${code && status !== 0 ? ` ${code}` : ''}${message ? `: ${message}` : ''}`);
    this.status = status;
    this.code = code;
  }
}

/** The base URL of the bucket: path style (`<endpoint>/<bucket>`) or virtual-hosted (`<bucket>.<host>`). */
export function bucketUrl(config: S3Config): string {
  const endpoint = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
  if (config.forcePathStyle) return `${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}/${config.bucket}/`;
  return `${endpoint.protocol}//${config.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}/`;
}

/** The `<Code>` and `<Message>` of an S3 XML error body (any of them may be missing). */
function errorDetails(body: string): { code: string | null; message: string | null } {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? null;
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? null;
  return { code, message };
}

const requestTimeoutMs = 30_000;

/**
 * Storage in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph RGW, Cloudflare R2, …), speaking the
 * plain S3 REST API with Signature Version 4: PUT, GET and HEAD of one object. Objects are written in
 * one PUT, which S3 makes visible all at once, so a reader never sees half a file.
 */
export function s3Storage(config: S3Config): FileStorage {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    service: 's3',
    region: config.region,
    // aws4fetch retries 5xx and throttling answers with exponential backoff; three tries are enough
    // for an upload that a person is waiting on.
    retries: 2,
  });
  const base = bucketUrl(config);
  const urlOf = (key: string) => {
    assertSafeKey(key);
    return `${base}${config.prefix}${key}`;
  };
  /** One request; a server that cannot be reached is an S3StorageError too (status 0). */
  const send = async (operation: string, key: string, init: RequestInit): Promise<Response> => {
    try {
      return await client.fetch(urlOf(key), { ...init, method: operation, signal: AbortSignal.timeout(requestTimeoutMs) });
    } catch (error) {
      if (error instanceof Error && /unsafe storage key/.test(error.message)) throw error;
      throw new S3StorageError(operation, key, 0, 'Unreachable', `${(error as Error).message}${(error as Error & { cause?: Error }).cause ? ` (${(error as Error & { cause?: Error }).cause?.message})` : ''}`);
    }
  };
  const refuse = async (operation: string, key: string, response: Response): Promise<never> => {
    const details = operation === 'HEAD' ? { code: null, message: null } : errorDetails(await response.text());
    throw new S3StorageError(operation, key, response.status, details.code, details.message);
  };
  return {
    async put(key, bytes) {
      const response = await send('PUT', key, {
        body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
      });
      if (!response.ok) return refuse('PUT', key, response);
      await response.body?.cancel();
    },
    async get(key) {
      const response = await send('GET', key, {});
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) return refuse('GET', key, response);
      return Buffer.from(await response.arrayBuffer());
    },
    async exists(key) {
      const response = await send('HEAD', key, {});
      await response.body?.cancel();
      if (response.status === 404) return false;
      if (!response.ok) return refuse('HEAD', key, response);
      return true;
    },
  };
}

/** Checks that the bucket answers with these keys (for `podium doctor`): a HEAD of the bucket. */
export async function checkS3Bucket(config: S3Config): Promise<{ ok: boolean; detail: string }> {
  const client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, service: 's3', region: config.region, retries: 0 });
  const url = bucketUrl(config);
  try {
    const response = await client.fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return { ok: true, detail: `bucket ${config.bucket} at ${new URL(url).origin}` };
    const hint =
      response.status === 404 ? 'the bucket does not exist: create it, or correct PODIUM_S3_BUCKET' : response.status === 403 ? 'access denied: check PODIUM_S3_ACCESS_KEY_ID and PODIUM_S3_SECRET_ACCESS_KEY' : 'check PODIUM_S3_ENDPOINT and PODIUM_S3_REGION';
    return { ok: false, detail: `bucket ${config.bucket} answered ${response.status} (${hint})` };
  } catch (error) {
    return { ok: false, detail: `cannot reach ${new URL(url).origin}: ${(error as Error).message} (check PODIUM_S3_ENDPOINT)` };
  }
}
