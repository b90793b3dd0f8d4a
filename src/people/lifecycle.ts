import { and, eq, isNull } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import type { AppContext } from '../context.ts';
import { consents, people, type AmbassadorStatus } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import { changeAmbassadorStatus, getPersonRow } from './service.ts';
import { presentPerson } from './presenter.ts';

type Transition = 'consent' | 'pause' | 'resume' | 'opt_out';

/** Which status each self-service step starts from and leads to. */
const transitions: Record<Transition, { from: AmbassadorStatus[]; to: AmbassadorStatus }> = {
  consent: { from: ['invited', 'opted_out', 'paused', 'active'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  opt_out: { from: ['invited', 'active', 'paused'], to: 'opted_out' },
};

/**
 * A person joins, pauses, resumes or leaves the ambassador programme. Status is read live by every
 * domain, so an opt-out takes effect everywhere with this one write.
 */
export async function changeOwnStatus(ctx: AppContext, personId: string, step: Transition, policyVersion?: string) {
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const person = await getPersonRow(tx, personId);
    const rule = transitions[step];
    if (!rule.from.includes(person.ambassadorStatus)) {
      throw new AppError(409, 'invalid_status_change', 'error.not_ambassador_state', { status: person.ambassadorStatus });
    }
    if (step === 'consent') {
      await tx.update(consents).set({ withdrawnAt: now }).where(and(eq(consents.personId, personId), isNull(consents.withdrawnAt)));
      await tx.insert(consents).values({ personId, policyVersion: policyVersion ?? '', givenAt: now });
    }
    if (step === 'opt_out') {
      await tx.update(consents).set({ withdrawnAt: now }).where(and(eq(consents.personId, personId), isNull(consents.withdrawnAt)));
    }
    return changeAmbassadorStatus(tx, person, rule.to, now);
  });
  return presentPerson(ctx.database.db, row);
}

const MIN_PASSWORD = 12;

/** Sets or replaces a person's optional password (argon2id). */
export async function setPassword(ctx: AppContext, personId: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD) throw new AppError(400, 'password_too_short', 'error.password_too_short');
  const passwordHash = await hash(password);
  await ctx.database.db.update(people).set({ passwordHash, updatedAt: ctx.clock.now() }).where(eq(people.id, personId));
}

/** Checks a password; a missing hash still costs one verification so timing does not reveal accounts. */
export async function checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash('podium-dummy-password-for-timing');
  const target = passwordHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}

let dummyHash: Promise<string> | null = null;
