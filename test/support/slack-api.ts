import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's Web API (https://api.slack.com/web), following its contract:
 * POST https://slack.com/api/<method> with the token as `Authorization: Bearer`, arguments
 * form-encoded or JSON, and always a JSON body `{ok:true, …}` or `{ok:false, error}` (HTTP 200),
 * except rate limits: HTTP 429 with Retry-After. Methods: auth.test, users.lookupByEmail,
 * conversations.open, chat.postMessage. Also Slack incoming webhooks (POST /services/…, answers
 * `ok`) and a Microsoft Teams webhook (POST /teams/…, answers 202), each recording what it got.
 */
export interface SlackStandIn {
  /** Base URL to use as PODIUM_SLACK_API_URL (…/api). */
  apiUrl: string;
  slackWebhookUrl: string;
  teamsWebhookUrl: string;
  /** Messages posted with chat.postMessage. */
  messages: { channel: string; user: string; text: string; blocks: unknown }[];
  /** Posts to the incoming webhooks. */
  webhookPosts: { kind: 'slack' | 'teams'; body: Record<string, unknown> }[];
  /** Every Web API call, with its method, how its arguments came and whether the token was right. */
  calls: { method: string; contentType: string; args: Record<string, unknown> }[];
  /** The next n calls answer HTTP 429 with Retry-After. */
  rateLimitNext(n: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

export interface SlackStandInOptions {
  token: string;
  team: { id: string; name: string };
  /** Slack users by e-mail address → user id (e.g. U012AB3CD). */
  users: Record<string, string>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack decodes form fields that hold JSON (blocks) itself; keep them as strings here, as Slack receives them. */
function parseArgs(contentType: string, body: string): Record<string, unknown> | null {
  if (contentType.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  return null;
}

/** Starts the stand-in on a loopback port of the test's own. */
export async function startSlackApi(options: SlackStandInOptions): Promise<SlackStandIn> {
  const messages: SlackStandIn['messages'] = [];
  const webhookPosts: SlackStandIn['webhookPosts'] = [];
  const calls: SlackStandIn['calls'] = [];
  const openedDms = new Map<string, string>(); // channel id → user id
  let rateLimited = 0;
  let retryAfter = 5;

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(body));
  };

  const methods: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, url: `https://${options.team.name.toLowerCase()}.slack.com/`, team: options.team.name, team_id: options.team.id, user: 'podium', user_id: 'UBOT', bot_id: 'BBOT' }),
    'users.lookupByEmail': (args) => {
      if (typeof args.email !== 'string') return { ok: false, error: 'invalid_arguments' };
      const entry = Object.entries(options.users).find(([email]) => email.toLowerCase() === (args.email as string).toLowerCase());
      if (!entry) return { ok: false, error: 'users_not_found' };
      return { ok: true, user: { id: entry[1], team_id: options.team.id, name: entry[0].split('@')[0], profile: { email: entry[0] } } };
    },
    'conversations.open': (args) => {
      const users = typeof args.users === 'string' ? args.users.split(',') : [];
      const user = users[0];
      if (users.length !== 1 || !user) return { ok: false, error: 'invalid_arguments' };
      if (!Object.values(options.users).includes(user)) return { ok: false, error: 'user_not_found' };
      const channel = `D${user.slice(1)}`;
      openedDms.set(channel, user);
      return { ok: true, channel: { id: channel } };
    },
    'chat.postMessage': (args) => {
      const channel = typeof args.channel === 'string' ? args.channel : '';
      const user = openedDms.get(channel);
      if (!user) return { ok: false, error: 'channel_not_found' };
      if (typeof args.text !== 'string' && args.blocks === undefined) return { ok: false, error: 'no_text' };
      const blocks = typeof args.blocks === 'string' ? JSON.parse(args.blocks) : args.blocks;
      messages.push({ channel, user, text: String(args.text ?? ''), blocks });
      return { ok: true, channel, ts: `${Date.now() / 1000}`, message: { text: args.text, type: 'message' } };
    },
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const contentType = (request.headers['content-type'] ?? '').toLowerCase();
    const body = await readBody(request);
    if (request.method !== 'POST') return send(response, 405, { ok: false, error: 'method_not_allowed' });

    if (url.pathname.startsWith('/services/') || url.pathname.startsWith('/teams/')) {
      const kind = url.pathname.startsWith('/teams/') ? 'teams' : 'slack';
      const parsed = contentType.startsWith('application/json') ? parseArgs(contentType, body) : null;
      if (!parsed) {
        response.writeHead(400, { 'content-type': 'text/plain' });
        return response.end('invalid_payload');
      }
      webhookPosts.push({ kind, body: parsed });
      response.writeHead(kind === 'teams' ? 202 : 200, { 'content-type': 'text/plain' });
      return response.end(kind === 'teams' ? '' : 'ok');
    }

    const method = url.pathname.replace(/^\/api\//, '');
    if (rateLimited > 0) {
      rateLimited--;
      return send(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const args = parseArgs(contentType, body);
    calls.push({ method, contentType, args: args ?? {} });
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ')) return send(response, 200, { ok: false, error: 'not_authed' });
    if (authorization.slice('Bearer '.length) !== options.token) return send(response, 200, { ok: false, error: 'invalid_auth' });
    const handler = methods[method];
    if (!handler) return send(response, 200, { ok: false, error: 'unknown_method' });
    if (!args) return send(response, 200, { ok: false, error: 'invalid_form_data' });
    return send(response, 200, handler(args));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api`,
    slackWebhookUrl: `${base}/services/T0001/B0001/secretsecret`,
    teamsWebhookUrl: `${base}/teams/webhookb2/secret`,
    messages,
    webhookPosts,
    calls,
    rateLimitNext(n, seconds = 5) {
      rateLimited = n;
      retryAfter = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
