import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { people, personStatusChanges, signInLinks } from '../db/schema/index.ts';
import { consumeLink, createLink } from '../auth/links.ts';
import { AppError } from '../http/errors.ts';
import { peopleChanged } from '../people/changes.ts';
import { renderMail } from '../mail/templates.ts';
import { recordAudit } from '../audit/service.ts';
import type { Language } from '../db/schema/people.ts';

/** True while nobody holds the admin role: Podium then needs its first-run set-up. */
export async function needsSetup(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(sql`'admin' = any(${people.roles})`);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates a fresh one-time set-up link (replacing unused ones), puts it in the outbox and returns it.
 * There are no default credentials: whoever can read the server's log or outbox creates the first admin.
 */
export async function issueSetupLink(ctx: AppContext): Promise<string> {
  const now = ctx.clock.now();
  await ctx.database.db.delete(signInLinks).where(and(eq(signInLinks.purpose, 'setup'), isNull(signInLinks.usedAt)));
  const token = await createLink(ctx.database.db, 'setup', null, now);
  const url = `${ctx.config.baseUrl}/setup?token=${encodeURIComponent(token)}`;
  const mail = renderMail('setup', 'en', { organisation: ctx.config.organisationName, name: '', url });
  await ctx.mailer.send({ ...mail, to: 'operator@podium.invalid', personId: null, kind: 'setup' });
  return url;
}

/** Uses the set-up link to create the first admin. */
export async function completeSetup(ctx: AppContext, input: { token: string; name: string; email: string; language: Language }) {
  if (!(await needsSetup(ctx))) throw new AppError(409, 'setup_done', 'error.setup_done');
  const now = ctx.clock.now();
  const created = await ctx.database.db.transaction(async (tx) => {
    try {
      await consumeLink(tx, input.token, ['setup'], now);
    } catch {
      throw new AppError(400, 'setup_link_invalid', 'error.setup_link_invalid');
    }
    const [row] = await tx
      .insert(people)
      .values({
        email: input.email,
        name: input.name,
        language: input.language,
        roles: ['admin', 'ambassador'],
        ambassadorStatus: 'invited',
        statusChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const person = row ?? (await tx.select().from(people).where(eq(sql`lower(${people.email})`, input.email)).limit(1))[0];
    if (!person) throw new Error('first admin could not be created');
    if (!row) await tx.update(people).set({ roles: ['admin', ...person.roles.filter((r) => r !== 'admin')], active: true }).where(eq(people.id, person.id));
    else await tx.insert(personStatusChanges).values({ personId: person.id, fromStatus: null, toStatus: 'invited', changedAt: now });
    await recordAudit(tx, { kind: 'anonymous' }, now, { action: 'setup.completed', subjectType: 'person', subjectId: person.id, after: { email: person.email, roles: ['admin'] } });
    return person;
  });
  peopleChanged(ctx);
  return created;
}
