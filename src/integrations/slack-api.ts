import type { AppContext } from '../context.ts';

/** Slack answered `{ok:false, error}` (or HTTP 429): the error code as Slack names it. */
/**
 * Slack treats &, < and > as control characters in message text (a `<!channel>` would notify a
 * whole channel): every text Podium sends, the plain \`text\` as much as the blocks, is escaped.
 */
export const escapeSlackText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class SlackApiError extends Error {
  override name = 'SlackApiError';
  /** Slack's error code, e.g. users_not_found, invalid_auth, ratelimited. */
  readonly code: string;
  /** From Retry-After when Slack limits the rate, else null. */
  readonly retryAfterSeconds: number | null;
  constructor(method: string, code: string, retryAfterSeconds: number | null = null) {
    super(retryAfterSeconds === null ? `Slack ${method}: ${code}` : `Slack ${method}: ${code} (retry after ${retryAfterSeconds} s)`);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Slack's error codes that mean the bot token itself no longer works (an admin must save a new one). */
export const tokenErrors = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'not_allowed_token_type']);

/**
 * Calls one Slack Web API method with the bot token as a Bearer header (https://api.slack.com/web).
 * `json: true` sends a JSON body (methods that accept one, like chat.postMessage); otherwise the
 * arguments go form-encoded, which every method accepts. Throws SlackApiError for `ok:false`.
 * The base URL is PODIUM_SLACK_API_URL (operator configuration, not user input).
 */
export async function callSlack<T extends object>(
  ctx: AppContext,
  token: string,
  method: string,
  args: Record<string, unknown>,
  options: { json?: boolean } = {},
): Promise<T> {
  const body = options.json
    ? JSON.stringify(args)
    : new URLSearchParams(Object.entries(args).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])).toString();
  const response = await fetch(`${ctx.config.slackApiUrl}/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': options.json ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded',
      'user-agent': 'Podium',
    },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '');
    await response.body?.cancel();
    throw new SlackApiError(method, 'ratelimited', Number.isFinite(seconds) && seconds > 0 ? seconds : 30);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Slack ${method} answered HTTP ${response.status}`);
  }
  const data = (await response.json()) as { ok?: boolean; error?: string };
  if (data.ok !== true) throw new SlackApiError(method, typeof data.error === 'string' ? data.error : 'unknown_error');
  return data as T;
}
