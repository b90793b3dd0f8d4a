import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/service.ts';
import { signInAllowed } from '../auth/alumni-access.ts';
import type { Auth } from '../auth/context.ts';
import type { OidcConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import type { Tx } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { type GroupKind, groupMemberships, groups, identities, people } from '../db/schema/index.ts';
import { createGroup } from '../groups/service.ts';
import { AppError } from '../http/errors.ts';
import { peopleChanged } from '../people/changes.ts';
import { findFormerEmployee } from '../people/rehire.ts';
import { createPerson, findPersonByEmail, getPersonRow, setMembershipsOfKind } from '../people/service.ts';
import { type Claims, SsoFailure } from './client.ts';
import { domainOf } from './policy.ts';

type PersonRow = typeof people.$inferSelect;

/** Nobody signed in yet: the provider vouches for the person, Podium records no actor. */
const provider: Auth = { kind: 'anonymous' };

const emailClaim = z.email().max(254);

/**
 * What the provider says of the address: `true` or `false`, or `null` when it says nothing (Entra ID
 * sends no `email_verified`). Some providers send the strings "true" and "false".
 */
export function emailVerified(claims: Claims): boolean | null {
  const raw = claims.email_verified;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
  return null;
}

/** Holds more than the ambassador role (admin, editor, recruiter …): linking such an account needs more certainty. */
const privileged = (person: PersonRow): boolean => person.roles.some((role) => role !== 'ambassador');

/** Whether an e-mail address may sign in by SSO under PODIUM_OIDC_ALLOWED_DOMAINS (empty list: any). */
export function domainAllowed(settings: Pick<OidcConfig, 'allowedDomains'>, email: string): boolean {
  return settings.allowedDomains.length === 0 || settings.allowedDomains.includes(domainOf(email));
}

/** Google's issuer, for every Google account (Workspace and private ones alike). */
const isGoogle = (issuer: string): boolean => /^https:\/\/accounts\.google\.com\/?$/.test(issuer);

/** A person's display name from the usual claims, or the e-mail address's local part. */
function nameFrom(claims: Claims, email: string): string {
  const pieces = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : pieces.join(' ');
  return (name.trim() || email.slice(0, email.indexOf('@'))).slice(0, 200);
}

/** The group names or ids in the configured claim: a list of strings or one string; at most 100. */
export function groupValues(claims: Claims, claim: string | null): string[] | null {
  if (!claim) return null;
  const raw = claims[claim];
  if (raw === undefined) return null;
  const list = Array.isArray(raw) ? raw : [raw];
  const values = list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '' && v.length <= 200);
  return [...new Set(values)].slice(0, 100);
}

async function findIdentity(tx: Tx, issuer: string, subject: string) {
  const [row] = await tx
    .select()
    .from(identities)
    .where(and(eq(identities.provider, 'oidc'), eq(identities.issuer, issuer), eq(identities.subject, subject)))
    .limit(1);
  return row ?? null;
}

function refuseUnless(person: PersonRow): void {
  if (signInAllowed(person, 'single_sign_on')) return;
  if (person.ambassadorStatus === 'alumni') throw new SsoFailure('alumni', `person ${person.id} left the organisation`);
  throw new SsoFailure('account_deactivated', `person ${person.id} is deactivated or erased`);
}

/**
 * Name and e-mail address follow the provider (an address only when the provider does not call it
 * unverified); an address another person has stays as it was. Answers whether anything changed.
 */
async function refreshProfile(ctx: AppContext, person: PersonRow, email: string, name: string, addressVerified: boolean): Promise<boolean> {
  const changes: Partial<PersonRow> = {};
  if (name !== person.name) changes.name = name;
  if (addressVerified && email !== person.email.toLowerCase()) changes.email = email;
  if (Object.keys(changes).length === 0) return false;
  try {
    await ctx.database.db.update(people).set({ ...changes, updatedAt: ctx.clock.now() }).where(eq(people.id, person.id));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    ctx.log.warn({ personId: person.id }, 'single sign-on: the provider’s e-mail address belongs to another person; kept the old one');
    if (changes.name) await ctx.database.db.update(people).set({ name, updatedAt: ctx.clock.now() }).where(eq(people.id, person.id));
  }
  return true;
}

/**
 * Makes the person's groups follow the groups claim. Values match a group by `external_id`, else by
 * name (any kind); a value that matches nothing becomes a new team. The claim decides membership of
 * every group that has an `external_id` (those are the provider's groups): the person joins the
 * matched ones and leaves the others. Groups Podium's admins keep themselves (no `external_id`) are
 * joined when their name matches, and never left because of the claim. One department and one
 * location at most: the first match of each kind.
 */
export async function syncGroups(ctx: AppContext, personId: string, values: string[]): Promise<void> {
  const db = ctx.database.db;
  const lower = values.map((v) => v.toLowerCase());
  const found = values.length
    ? await db
        .select({ id: groups.id, kind: groups.kind, name: groups.name, externalId: groups.externalId })
        .from(groups)
        .where(or(inArray(groups.externalId, values), inArray(sql`lower(${groups.name})`, lower)))
    : [];
  const matched: { id: string; kind: GroupKind }[] = [];
  for (const value of values) {
    let group = found.find((g) => g.externalId === value) ?? found.find((g) => g.name.toLowerCase() === value.toLowerCase());
    if (!group) {
      try {
        const created = await createGroup(ctx, provider, { kind: 'team', name: value });
        if (!created) continue;
        await db.update(groups).set({ externalId: value }).where(eq(groups.id, created.id));
        group = { ...created, externalId: value };
      } catch (error) {
        // Created at the same moment by another sign-in: use that one.
        if (!(error instanceof AppError && error.code === 'group_taken')) throw error;
        const [row] = await db
          .select({ id: groups.id, kind: groups.kind, name: groups.name, externalId: groups.externalId })
          .from(groups)
          .where(and(eq(groups.kind, 'team'), eq(sql`lower(${groups.name})`, value.toLowerCase())));
        if (!row) continue;
        group = row;
      }
      found.push(group);
    }
    if (!matched.some((m) => m.id === group.id)) matched.push({ id: group.id, kind: group.kind });
  }
  await db.transaction(async (tx) => {
    for (const kind of ['department', 'location'] as const) {
      const first = matched.find((m) => m.kind === kind);
      if (first) await setMembershipsOfKind(tx, personId, kind, [first.id]);
    }
    const teams = matched.filter((m) => m.kind === 'team').map((m) => m.id);
    const providerGroups = tx.select({ id: groups.id }).from(groups).where(isNotNull(groups.externalId));
    const stale = await tx
      .select({ groupId: groupMemberships.groupId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.personId, personId), inArray(groupMemberships.groupId, providerGroups)));
    const keep = new Set(matched.map((m) => m.id));
    const leave = stale.map((s) => s.groupId).filter((id) => !keep.has(id));
    if (leave.length) await tx.delete(groupMemberships).where(and(eq(groupMemberships.personId, personId), inArray(groupMemberships.groupId, leave)));
    if (teams.length) await tx.insert(groupMemberships).values(teams.map((groupId) => ({ groupId, personId }))).onConflictDoNothing();
  });
}

export interface SsoSignIn {
  personId: string;
  /** How the identity came about this time: known, linked to an existing person, or a new person. */
  outcome: 'known' | 'linked' | 'created';
}

/**
 * Signs a person in from validated ID token claims: the identity (issuer + sub) decides who it is;
 * the first time, a person with the same verified e-mail address is linked, or a new ambassador is
 * created. Alumni and deactivated people are refused. Throws SsoFailure with the reason.
 */
export async function signInWithClaims(ctx: AppContext, settings: OidcConfig, claims: Claims): Promise<SsoSignIn> {
  const db = ctx.database.db;
  const parsed = emailClaim.safeParse(typeof claims.email === 'string' ? claims.email.trim() : undefined);
  if (!parsed.success) throw new SsoFailure('email_missing', 'the provider sent no usable e-mail address');
  const email = parsed.data.toLowerCase();
  if (!domainAllowed(settings, email)) throw new SsoFailure('domain_not_allowed', `the domain ${domainOf(email)} is not allowed`);
  // Google signs in every Google account, also a private one made with a work address (kept after
  // leaving): only the `hd` claim says the organisation's Workspace vouches for it.
  if (settings.allowedDomains.length > 0 && isGoogle(settings.issuer)) {
    const hostedDomain = typeof claims.hd === 'string' ? claims.hd.toLowerCase() : '';
    if (!settings.allowedDomains.includes(hostedDomain)) throw new SsoFailure('domain_not_allowed', `the Google account is not one of the allowed Workspace domains (hd ${hostedDomain || 'missing'})`);
  }
  const name = nameFrom(claims, email);
  const verified = emailVerified(claims);
  const now = ctx.clock.now();
  const issuer = settings.issuer;

  let outcome: SsoSignIn['outcome'] = 'known';
  let person: PersonRow;
  const identity = await findIdentity(db, issuer, claims.sub);
  if (identity) {
    person = await getPersonRow(db, identity.personId);
    refuseUnless(person);
  } else {
    const existing = await findPersonByEmail(db, email);
    if (existing) {
      // Only an address the provider verified may take over an existing account.
      if (verified === false) throw new SsoFailure('email_unverified', 'the provider has not verified this e-mail address');
      // An administrator's (or editor's, recruiter's) account is linked only when the provider vouches
      // for the address: it says it verified it, or the address is in a domain the organisation named.
      if (privileged(existing) && verified !== true && settings.allowedDomains.length === 0) {
        throw new SsoFailure('email_unverified', `person ${existing.id} holds roles beyond ambassador and the provider did not say the address is verified`);
      }
      refuseUnless(existing);
      // A person already signs in with another account of this provider: an address handed on to someone
      // new (before the person's own next sign-in updated it) must not open their account.
      const [other] = await db
        .select({ subject: identities.subject })
        .from(identities)
        .where(and(eq(identities.personId, existing.id), eq(identities.provider, 'oidc'), eq(identities.issuer, issuer)))
        .limit(1);
      if (other) throw new SsoFailure('failed', `person ${existing.id} is linked to another account of this provider`);
      person = existing;
      outcome = 'linked';
    } else {
      // An unverified address would claim someone else's place in Podium before they arrive.
      if (verified === false) throw new SsoFailure('email_unverified', 'the provider has not verified this e-mail address');
      // A returning colleague is re-hired by an admin, not by signing in.
      if (await findFormerEmployee(db, email)) throw new SsoFailure('alumni', 'the address belongs to someone who left');
      const language = typeof claims.locale === 'string' && claims.locale.toLowerCase().startsWith('nl') ? 'nl' : 'en';
      try {
        const created = await createPerson(ctx, provider, { email, name, language, roles: ['ambassador'] });
        person = await getPersonRow(db, created.id);
      } catch (error) {
        // Someone with this address appeared meanwhile (a parallel sign-in, an import): sign in as them next time.
        if (error instanceof AppError && error.code === 'email_taken') throw new SsoFailure('failed', 'the address was taken while signing in', { cause: error });
        throw error;
      }
      outcome = 'created';
    }
    try {
      await db.transaction(async (tx) => {
        await tx.insert(identities).values({ personId: person.id, provider: 'oidc', issuer, subject: claims.sub, email, createdAt: now, lastSeenAt: now });
        await recordAudit(tx, provider, now, {
          action: outcome === 'created' ? 'sso.person_created' : 'sso.identity_linked',
          subjectType: 'person',
          subjectId: person.id,
          after: { issuer, subject: claims.sub, email },
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A parallel first sign-in linked the same account a moment ago.
      const linked = await findIdentity(db, issuer, claims.sub);
      if (!linked || linked.personId !== person.id) throw new SsoFailure('failed', 'the account was linked to another person meanwhile', { cause: error });
    }
  }

  const refreshed = await refreshProfile(ctx, person, email, name, verified !== false);
  await db
    .update(identities)
    .set({ email, lastSeenAt: now })
    .where(and(eq(identities.provider, 'oidc'), eq(identities.issuer, issuer), eq(identities.subject, claims.sub)));
  const values = groupValues(claims, settings.groupsClaim);
  if (values) await syncGroups(ctx, person.id, values);
  // Cached views of people (names, groups) on this node start again.
  if (refreshed || values || outcome !== 'known') peopleChanged(ctx);
  return { personId: person.id, outcome };
}
