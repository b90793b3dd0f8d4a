import { v7 as uuidv7 } from 'uuid';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { createSession, csrfTokenFor } from '../../src/auth/sessions.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { type AmbassadorStatus, people, type Role } from '../../src/db/schema/index.ts';
import type { TestApp } from './app.ts';

type PersonRow = typeof people.$inferSelect;
let counter = 0;

/**
 * Inserts a person with sensible defaults; override what the test is about.
 * @example const editor = await buildPerson(t, { roles: ['editor'] })
 */
export async function buildPerson(
  t: TestApp,
  overrides: Partial<Omit<typeof people.$inferInsert, 'roles' | 'ambassadorStatus'>> & { roles?: Role[]; ambassadorStatus?: AmbassadorStatus } = {},
): Promise<PersonRow> {
  counter += 1;
  const now = t.clock.now();
  const [row] = await t.ctx.database.db
    .insert(people)
    .values({
      id: uuidv7(),
      email: `person${counter}.${uuidv7().slice(-6)}@example.com`,
      name: `Test Person ${counter}`,
      roles: ['ambassador'],
      ambassadorStatus: 'active',
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  if (!row) throw new Error('buildPerson inserted nothing');
  return row;
}

/** Headers of a signed-in browser session (cookie plus CSRF token) for a person. */
export async function sessionHeaders(t: TestApp, person: { id: string }): Promise<Record<string, string>> {
  const token = await createSession(t.ctx.database.db, person.id, 'test', t.clock.now());
  return { cookie: `podium_session=${token}`, 'x-csrf-token': csrfTokenFor(t.config.secretKey, hashToken(token)) };
}

/** Authorization header of an API token with one role, optionally acting for a person. */
export async function tokenHeaders(t: TestApp, role: Role, personId: string | null = null): Promise<Record<string, string>> {
  const { token } = await createApiToken(t.ctx.database.db, { name: `test ${role}`, role, personId, createdBy: null, now: t.clock.now() });
  return { authorization: `Bearer ${token}` };
}

/** The newest outbox mail to an address (the test's way of reading e-mail sent without SMTP). */
export async function lastMailTo(t: TestApp, to: string): Promise<{ subject: string; text: string } | undefined> {
  const rows = await t.ctx.database.query<{ subject: string; text_body: string }>(
    'select subject, text_body from mail_outbox where lower(to_address) = lower($1) order by created_at desc, id desc limit 1',
    [to],
  );
  return rows[0] ? { subject: rows[0].subject, text: rows[0].text_body } : undefined;
}

/** The first link of a mail's text body. */
export function linkIn(text: string): URL {
  const match = text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`no link in mail:\n${text}`);
  return new URL(match[0]);
}
