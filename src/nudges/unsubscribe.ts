import { and, eq, isNull } from 'drizzle-orm';
import { safeEqual, sign } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { type Language, people } from '../db/schema/index.ts';

/**
 * Unsubscribe links that work without signing in and cannot be forged.
 *
 * A token is `<scope>.<personId>.<issuedAt>.<mac>`: scope `n` (nudge e-mails) or `d` (weekly digest),
 * the person's id, the issue time in seconds (base 36) and an HMAC-SHA256 under `config.secretKey`
 * over the first three parts. Nothing is stored per token, so a replayed token simply unsubscribes
 * an unsubscribed person again (a no-op). A token issued before the person re-subscribed (the
 * re-subscribe time is kept in `people.preferences.resubscribedAt[scope]`) no longer unsubscribes them.
 */
export type UnsubscribeScope = 'nudges' | 'digest';

export interface UnsubscribeToken {
  scope: UnsubscribeScope;
  personId: string;
  issuedAt: Date;
}

const scopeCodes: Record<UnsubscribeScope, string> = { nudges: 'n', digest: 'd' };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mac(secretKey: string, payload: string): string {
  return sign(secretKey, 'unsubscribe', payload).slice(0, 32);
}

/** A signed unsubscribe token for a person and scope, issued now (the app clock). */
export function unsubscribeToken(ctx: AppContext, personId: string, scope: UnsubscribeScope, issuedAt = ctx.clock.now()): string {
  const payload = `${scopeCodes[scope]}.${personId}.${Math.floor(issuedAt.getTime() / 1000).toString(36)}`;
  return `${payload}.${mac(ctx.config.secretKey, payload)}`;
}

/** Checks a token's signature and shape; null for anything forged, truncated or malformed. */
export function verifyUnsubscribeToken(ctx: AppContext, token: string): UnsubscribeToken | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [code, personId, issued, signature] = parts as [string, string, string, string];
  const scope = (Object.keys(scopeCodes) as UnsubscribeScope[]).find((s) => scopeCodes[s] === code);
  if (!scope || !uuidPattern.test(personId) || !/^[0-9a-z]{1,10}$/.test(issued)) return null;
  if (!safeEqual(signature, mac(ctx.config.secretKey, `${code}.${personId}.${issued}`))) return null;
  return { scope, personId, issuedAt: new Date(Number.parseInt(issued, 36) * 1000) };
}

/** The absolute unsubscribe URL on `config.baseUrl`; no sign-in needed. */
export function unsubscribeUrl(ctx: AppContext, personId: string, scope: 'nudges' | 'digest'): string {
  return `${ctx.config.baseUrl}/unsubscribe/${unsubscribeToken(ctx, personId, scope)}`;
}

/** RFC 2369 + RFC 8058 headers: the URL in angle brackets and the one-click POST marker. */
export function unsubscribeHeaders(ctx: AppContext, personId: string, scope: 'nudges' | 'digest'): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl(ctx, personId, scope)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

const columns = { nudges: people.nudgeMailUnsubscribedAt, digest: people.digestUnsubscribedAt } as const;

/** When the person last re-subscribed to a scope (their profile), from `people.preferences.resubscribedAt`. */
function resubscribedAt(preferences: Record<string, unknown>, scope: UnsubscribeScope): number | null {
  const value = (preferences.resubscribedAt as Record<string, unknown> | undefined)?.[scope];
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? null : at;
}

export interface UnsubscribeState {
  token: UnsubscribeToken;
  person: { id: string; name: string; language: Language };
  unsubscribed: boolean;
  /** The token was issued before the person re-subscribed: it no longer unsubscribes them. */
  superseded: boolean;
}

/** What an unsubscribe link is about, without changing anything (the GET page); null for a forged or unknown link. */
export async function inspectUnsubscribe(ctx: AppContext, raw: string): Promise<UnsubscribeState | null> {
  const token = verifyUnsubscribeToken(ctx, raw);
  if (!token) return null;
  const [person] = await ctx.database.db
    .select({ id: people.id, name: people.name, language: people.language, preferences: people.preferences, unsubscribedAt: columns[token.scope], erasedAt: people.erasedAt })
    .from(people)
    .where(eq(people.id, token.personId))
    .limit(1);
  if (!person || person.erasedAt) return null;
  const since = resubscribedAt(person.preferences, token.scope);
  return {
    token,
    person: { id: person.id, name: person.name, language: person.language },
    unsubscribed: person.unsubscribedAt !== null,
    // Tokens carry whole seconds: one issued in the same second as the re-subscription still counts.
    superseded: since !== null && token.issuedAt.getTime() < Math.floor(since / 1000) * 1000,
  };
}

/**
 * The one-click unsubscribe (RFC 8058 POST, or the page's button). Replaying it is harmless (the
 * first time is kept); a token from before a re-subscription changes nothing.
 */
export async function unsubscribe(ctx: AppContext, raw: string): Promise<UnsubscribeState | null> {
  const state = await inspectUnsubscribe(ctx, raw);
  if (!state || state.superseded || state.unsubscribed) return state;
  const column = columns[state.token.scope];
  await ctx.database.db
    .update(people)
    .set({ [state.token.scope === 'nudges' ? 'nudgeMailUnsubscribedAt' : 'digestUnsubscribedAt']: ctx.clock.now() })
    .where(and(eq(people.id, state.person.id), isNull(column)));
  return { ...state, unsubscribed: true };
}

/** The person's own switches (profile): false unsubscribes, true re-subscribes and makes older links void. */
export async function setSubscriptions(ctx: AppContext, personId: string, wanted: Partial<Record<UnsubscribeScope, boolean>>): Promise<Record<UnsubscribeScope, boolean>> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const [person] = await tx
      .select({ preferences: people.preferences, nudges: people.nudgeMailUnsubscribedAt, digest: people.digestUnsubscribedAt })
      .from(people)
      .where(eq(people.id, personId))
      .for('update')
      .limit(1);
    if (!person) return;
    const preferences = { ...person.preferences };
    const resubscribed = { ...((preferences.resubscribedAt as Record<string, string> | undefined) ?? {}) };
    const change: Partial<typeof people.$inferInsert> = {};
    for (const scope of ['nudges', 'digest'] as const) {
      const want = wanted[scope];
      if (want === undefined) continue;
      const key = scope === 'nudges' ? 'nudgeMailUnsubscribedAt' : 'digestUnsubscribedAt';
      if (!want && person[scope] === null) change[key] = now;
      if (want && person[scope] !== null) {
        change[key] = null;
        resubscribed[scope] = now.toISOString();
      }
    }
    if (Object.keys(change).length === 0) return;
    await tx
      .update(people)
      .set({ ...change, preferences: { ...preferences, resubscribedAt: resubscribed }, updatedAt: now })
      .where(eq(people.id, personId));
  });
  return subscriptionsOf(ctx, personId);
}

export async function subscriptionsOf(ctx: AppContext, personId: string): Promise<Record<UnsubscribeScope, boolean>> {
  const [person] = await ctx.database.db.select({ nudges: people.nudgeMailUnsubscribedAt, digest: people.digestUnsubscribedAt }).from(people).where(eq(people.id, personId)).limit(1);
  return { nudges: person?.nudges == null, digest: person?.digest == null };
}
