import { and, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import {
  apiTokens,
  auditLog,
  consents,
  groupMemberships,
  groups,
  mailOutbox,
  people,
  peopleImportRows,
  peopleImports,
  personStatusChanges,
  sessions,
  signInLinks,
} from '../db/schema/index.ts';
import { declareNoPersonalData, registerPersonalData } from './register.ts';

// The foundation's domains register here; later domains add their own `privacy.ts` and import it in domains.ts.

registerPersonalData({
  key: 'people.profile',
  tables: ['people'],
  description: 'Name, work and personal e-mail address, language, time zone, start date, roles, ambassador status, notification channels, optional password hash and network size.',
  async export(tx, subject) {
    const [row] = await tx.select().from(people).where(eq(people.id, subject.id));
    if (!row) return null;
    const { passwordHash, ...rest } = row;
    return { ...rest, hasPassword: passwordHash !== null };
  },
  async erase(tx, subject, now) {
    // The row stays (shares and links point at it) but says nothing about the person any more.
    await tx
      .update(people)
      .set({
        name: 'Erased person',
        email: `erased-${subject.id}@erased.invalid`,
        personalEmail: null,
        passwordHash: null,
        startDate: null,
        networkSize: null,
        preferences: {},
        notificationChannels: [],
        roles: [],
        active: false,
        ambassadorStatus: 'opted_out',
        deactivatedAt: now,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(people.id, subject.id));
  },
});

registerPersonalData({
  key: 'people.groups',
  tables: ['group_memberships', 'groups'],
  description: 'Which department, location and teams a person belongs to.',
  export: (tx, subject) =>
    tx
      .select({ kind: groups.kind, name: groups.name })
      .from(groupMemberships)
      .innerJoin(groups, eq(groups.id, groupMemberships.groupId))
      .where(eq(groupMemberships.personId, subject.id)),
  async erase(tx, subject) {
    await tx.delete(groupMemberships).where(eq(groupMemberships.personId, subject.id));
  },
});

registerPersonalData({
  key: 'people.consent',
  tables: ['consents', 'person_status_changes'],
  description: 'Consent to the ambassador programme (policy version, when given and withdrawn) and the history of ambassador status changes.',
  async export(tx, subject) {
    return {
      consents: await tx.select().from(consents).where(eq(consents.personId, subject.id)),
      statusChanges: await tx.select().from(personStatusChanges).where(eq(personStatusChanges.personId, subject.id)),
    };
  },
  async erase(tx, subject) {
    await tx.delete(consents).where(eq(consents.personId, subject.id));
    // Status history of an anonymised person keeps lifecycle totals right and says nothing about them.
  },
});

registerPersonalData({
  key: 'people.imports',
  tables: ['people_imports', 'people_import_rows'],
  description: 'CSV imports of employees: row errors (line and reason) and staging rows until the import finishes.',
  export: (tx, subject) =>
    tx.select({ id: peopleImports.id, createdAt: peopleImports.createdAt, status: peopleImports.status }).from(peopleImports).where(eq(peopleImports.createdBy, subject.id)),
  async erase(tx, subject) {
    const email = subject.email.toLowerCase();
    await tx.delete(peopleImportRows).where(eq(sql`lower(${peopleImportRows.email})`, email));
    // Row errors quote the cell ("E-mail address … is also on line 3"); the line stays, the address goes.
    await tx
      .update(peopleImports)
      .set({
        errors: sql`(select coalesce(jsonb_agg(case when strpos(lower(e->>'reason'), ${email}) > 0 then jsonb_set(e, '{reason}', '"(erased)"') else e end order by n), '[]'::jsonb)
          from jsonb_array_elements(${peopleImports.errors}) with ordinality as x(e, n))`,
      })
      .where(sql`strpos(lower(${peopleImports.errors}::text), ${email}) > 0`);
  },
  retention: {
    defaultDays: 30,
    async purge(tx, cutoff) {
      const rows = await tx.delete(peopleImports).where(lt(peopleImports.createdAt, cutoff)).returning({ id: peopleImports.id });
      return rows.length;
    },
  },
});

registerPersonalData({
  key: 'auth.sessions',
  tables: ['sessions'],
  description: 'Signed-in browser sessions (hashed token, start, last use, expiry). No IP address or user agent is stored.',
  export: (tx, subject) =>
    tx
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, method: sessions.method })
      .from(sessions)
      .where(eq(sessions.personId, subject.id)),
  async erase(tx, subject) {
    await tx.delete(sessions).where(eq(sessions.personId, subject.id));
  },
  retention: {
    defaultDays: 1,
    async purge(tx, cutoff) {
      const rows = await tx.delete(sessions).where(lt(sessions.expiresAt, cutoff)).returning({ id: sessions.id });
      return rows.length;
    },
  },
});

registerPersonalData({
  key: 'auth.links',
  tables: ['sign_in_links'],
  description: 'Single-use sign-in and invitation links (hashed), until a day after use or expiry.',
  export: (tx, subject) =>
    tx
      .select({ purpose: signInLinks.purpose, createdAt: signInLinks.createdAt, usedAt: signInLinks.usedAt })
      .from(signInLinks)
      .where(eq(signInLinks.personId, subject.id)),
  async erase(tx, subject) {
    await tx.delete(signInLinks).where(eq(signInLinks.personId, subject.id));
  },
  retention: {
    defaultDays: 1,
    async purge(tx, cutoff) {
      const rows = await tx
        .delete(signInLinks)
        .where(or(lt(signInLinks.expiresAt, cutoff), and(isNotNull(signInLinks.usedAt), lt(signInLinks.usedAt, cutoff))))
        .returning({ id: signInLinks.id });
      return rows.length;
    },
  },
});

registerPersonalData({
  key: 'auth.api_tokens',
  tables: ['api_tokens'],
  description: 'API tokens acting for a person or created by them (name, role, hashed secret, last use).',
  export: (tx, subject) =>
    tx
      .select({ name: apiTokens.name, role: apiTokens.role, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.personId, subject.id), eq(apiTokens.internal, false))),
  async erase(tx, subject) {
    await tx.delete(apiTokens).where(eq(apiTokens.personId, subject.id));
  },
});

registerPersonalData({
  key: 'audit.log',
  tables: ['audit_log'],
  description: 'Admin and editor actions: who did what to which record, with before and after values.',
  export: (tx, subject) =>
    tx
      .select({ at: auditLog.at, action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(or(eq(auditLog.actorPersonId, subject.id), and(eq(auditLog.subjectType, 'person'), eq(auditLog.subjectId, subject.id)))),
  async erase(tx, subject) {
    // The record that something happened stays; the values that described the person go.
    await tx
      .update(auditLog)
      .set({ before: sql`case when ${auditLog.before} is null then null else '{"erased":true}'::jsonb end`, after: sql`case when ${auditLog.after} is null then null else '{"erased":true}'::jsonb end` })
      .where(and(eq(auditLog.subjectType, 'person'), eq(auditLog.subjectId, subject.id)));
  },
  retention: {
    defaultDays: 730,
    async purge(tx, cutoff) {
      const rows = await tx.delete(auditLog).where(lt(auditLog.at, cutoff)).returning({ id: auditLog.id });
      return rows.length;
    },
  },
});

registerPersonalData({
  key: 'mail.outbox',
  tables: ['mail_outbox'],
  description: 'E-mails Podium sent or kept in the outbox: recipient, subject, and the body only while no SMTP server is configured.',
  export: (tx, subject) =>
    tx
      .select({ createdAt: mailOutbox.createdAt, kind: mailOutbox.kind, subject: mailOutbox.subject, status: mailOutbox.status })
      .from(mailOutbox)
      .where(or(eq(mailOutbox.personId, subject.id), eq(sql`lower(${mailOutbox.toAddress})`, subject.email.toLowerCase()))),
  async erase(tx, subject) {
    await tx.delete(mailOutbox).where(or(eq(mailOutbox.personId, subject.id), eq(sql`lower(${mailOutbox.toAddress})`, subject.email.toLowerCase())));
  },
  retention: {
    defaultDays: 90,
    async purge(tx, cutoff) {
      const rows = await tx.delete(mailOutbox).where(lt(mailOutbox.createdAt, cutoff)).returning({ id: mailOutbox.id });
      return rows.length;
    },
  },
});

declareNoPersonalData('settings');

