import { z } from 'zod';
import { ambassadorStatusSchema, dateSchema, emailSchema, personSchema } from './schema.ts';

/** POST /people answers the person, and whether they were an alumnus taken back (a re-hire). */
export const createdPersonSchema = personSchema
  .extend({ rehired: z.boolean().describe('true: the e-mail was an alumnus’s work or personal e-mail, and their own row was reactivated') })
  .meta({ id: 'CreatedPerson' });

/** A person's alumni status as admins and the alumnus see it. */
export const alumniViewSchema = z
  .object({
    personId: z.uuid(),
    name: z.string(),
    ambassadorStatus: ambassadorStatusSchema,
    leftAt: z.iso.datetime().nullable(),
    personalEmail: z.string().nullable().describe('The private address an alumnus signs in with (a magic link; never a password or single sign-on)'),
    inProgramme: z.boolean(),
    alumniJoinedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AlumniStatus' });

export const leaveBody = z.object({
  personalEmail: emailSchema.nullable().optional().describe('A private address the leaver keeps; they sign in with it as an alumnus'),
  leftOn: dateSchema.optional().describe('The day they left (today or earlier); today when left out'),
});

const token = z.string().min(20).max(300);

export const invitationQuery = z.object({ token });

export const invitationSchema = z
  .object({
    name: z.string(),
    language: z.enum(['nl', 'en']),
    inProgramme: z.boolean(),
    personalEmailHint: z.string().nullable().describe('The personal e-mail, masked (j•••@example.org); null when none is known'),
  })
  .meta({ id: 'AlumniInvitation' });

export const joinBody = z.object({ token, personalEmail: emailSchema.optional() });
export const joinResponse = z.object({ inProgramme: z.literal(true), signInLinkSentTo: z.string().nullable() });
export const leaveProgrammeBody = z.object({ token });
export const leaveProgrammeResponse = z.object({ inProgramme: z.literal(false) });
export const updateMyAlumniBody = z.object({ personalEmail: emailSchema });
