import { z } from 'zod';
import { text } from '../http/text.ts';
import { ambassadorStatuses, languages, notificationChannels, roles } from '../db/schema/people.ts';
import { quietHoursSchema } from '../notifications/schema.ts';

const timeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export const roleSchema = z.enum(roles);
export const languageSchema = z.enum(languages);
export const ambassadorStatusSchema = z.enum(ambassadorStatuses);
export const emailSchema = z.email().max(254).transform((e) => e.toLowerCase());
export const nameSchema = text().trim().min(1).max(200);
export const timeZoneSchema = z.string().refine((tz) => timeZones.has(tz), { message: 'not a known IANA time zone' });
// PostgreSQL has no year 0, which the ISO pattern allows.
export const dateSchema = z.iso.date().refine((d) => !d.startsWith('0000'), { message: 'year 0000 does not exist' });

const groupRef = z.object({ id: z.uuid(), name: z.string() });

/** A person as the API shows it (never a raw row). */
export const personSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    language: languageSchema,
    timeZone: z.string(),
    startDate: z.string().nullable(),
    roles: z.array(roleSchema),
    ambassadorStatus: ambassadorStatusSchema,
    active: z.boolean(),
    department: groupRef.nullable(),
    location: groupRef.nullable(),
    teams: z.array(groupRef),
    consent: z.object({ policyVersion: z.string(), givenAt: z.iso.datetime() }).nullable(),
    notificationChannels: z.array(z.enum(notificationChannels)),
    hasPassword: z.boolean(),
    /** "I'd like to tell my story": the person's own wish to be featured (the content gap favours them). */
    tellMyStory: z.boolean(),
    /** No nudges between start and end in the person's own time zone; null: none chosen. */
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    /** Self-reported LinkedIn network size (connections and followers), for reach and personas; null: not given. */
    networkSize: z.number().int().nullable(),
    /** The person chose to appear on leaderboards (off unless they switch it on). */
    leaderboardOptIn: z.boolean(),
    erased: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Person' });
export type PersonView = z.infer<typeof personSchema>;

export const createPersonBody = z.object({
  email: emailSchema,
  name: nameSchema,
  language: languageSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  startDate: dateSchema.nullable().optional(),
  roles: z
    .array(roleSchema)
    .max(4)
    .transform((list) => [...new Set(list)])
    .optional(),
  departmentId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  teamIds: z.array(z.uuid()).max(100).optional(),
  invite: z.boolean().optional(),
});
export type CreatePersonInput = z.infer<typeof createPersonBody>;

export const updatePersonBody = createPersonBody.omit({ invite: true }).partial().extend({ active: z.boolean().optional() });
export type UpdatePersonInput = z.infer<typeof updatePersonBody>;

export const updateMeBody = z.object({
  name: nameSchema.optional(),
  language: languageSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  notificationChannels: z.array(z.enum(notificationChannels)).max(4).optional(),
  /** "I'd like to tell my story": only the person themselves sets it. */
  tellMyStory: z.boolean().optional(),
  /** Quiet hours for nudges (people.preferences.quietHours); null clears them. */
  quietHours: quietHoursSchema.nullable().optional(),
  /** My LinkedIn network size as I count it; null clears it. */
  networkSize: z.number().int().min(0).max(1_000_000).nullable().optional(),
  /** Appear on leaderboards (people.preferences.leaderboardOptIn): only the person themselves chooses it. */
  leaderboardOptIn: z.boolean().optional(),
});

export const peopleQuery = z.object({
  q: text().trim().max(200).optional(),
  email: text().trim().max(254).optional(),
  groupId: z.uuid().optional(),
  role: roleSchema.optional(),
  status: ambassadorStatusSchema.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuery>;
