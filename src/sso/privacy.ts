import { eq } from 'drizzle-orm';
import { identities } from '../db/schema/index.ts';
import { registerPersonalData } from '../privacy/register.ts';

// A person's accounts at the identity provider: which provider account signs in as whom.
registerPersonalData({
  key: 'sso.identities',
  tables: ['identities'],
  description:
    'The person’s accounts at the organisation’s identity provider (single sign-on and SCIM provisioning): the issuer, the provider’s stable id of the account (subject), the e-mail address it last gave, and when it was first and last used. Deleted when the person is erased.',
  export: (tx, subject) =>
    tx
      .select({ provider: identities.provider, issuer: identities.issuer, subject: identities.subject, email: identities.email, createdAt: identities.createdAt, lastSeenAt: identities.lastSeenAt })
      .from(identities)
      .where(eq(identities.personId, subject.id))
      .orderBy(identities.createdAt),
  async erase(tx, subject) {
    await tx.delete(identities).where(eq(identities.personId, subject.id));
  },
});
