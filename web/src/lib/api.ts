/** A JSON error from the API: `{ "error": { "code", "message" } }`, message already translated. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Raw body (e.g. a CSV file); pair with `contentType`. */
  body?: Blob | ArrayBuffer | string;
  contentType?: string;
  /** When false, a 401 is thrown to the caller instead of sending the person to sign in. */
  redirectOnUnauthorized?: boolean;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let language = 'en';
let messages = {
  network: 'Could not reach the server. Check your connection and try again.',
  http: (status: number) => `Something went wrong (HTTP ${status}). Please try again.`,
};
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token of the current session (from the session or sign-in response). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Sets the UI language sent as `Accept-Language` (so server messages come back translated) and
 * the client's own messages for errors that never reached the API.
 */
export function setApiLanguage(lng: string, translated?: typeof messages): void {
  language = lng;
  if (translated) messages = translated;
}

/** Registers what to do when the API says the session is gone (normally: go to sign-in). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function fallbackMessage(status: number): string {
  return messages.http(status);
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const data: unknown = await response.json();
    if (data && typeof data === 'object' && 'error' in data) {
      const error = (data as { error: { code?: unknown; message?: unknown } }).error;
      const code = typeof error.code === 'string' ? error.code : 'unknown_error';
      const message =
        typeof error.message === 'string' && error.message !== ''
          ? error.message
          : fallbackMessage(response.status);
      return new ApiError(response.status, code, message);
    }
  } catch {
    // Not JSON (e.g. a proxy error page): fall through to a generic message.
  }
  return new ApiError(response.status, 'http_error', fallbackMessage(response.status));
}

/**
 * Calls the Podium API with the session cookie, the CSRF header on mutations and the UI language.
 * @example const person = await api<Person>('/api/v1/me', { method: 'PATCH', json: { name } });
 */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': language });
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers.set('Content-Type', options.contentType ?? 'application/octet-stream');
    body = options.body;
  }
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', messages.network);
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && options.redirectOnUnauthorized !== false) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** A page of a list endpoint. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Builds a query string, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Follows `nextCursor` until the list is complete (for short lists such as groups). */
export async function fetchAll<T>(path: string, params: Record<string, string | undefined> = {}) {
  const items: T[] = [];
  let cursor: string | null = null;
  // A guard against a server that keeps returning cursors.
  for (let pageCount = 0; pageCount < 50; pageCount++) {
    const page: Page<T> = await api<Page<T>>(`${path}${query({ ...params, limit: 100, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
