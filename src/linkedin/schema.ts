import { z } from 'zod';
import { linkedinPostStatuses } from '../db/schema/integrations.ts';
import { text } from '../http/text.ts';

/** The LinkedIn section of the profile page. */
export const connectionViewSchema = z
  .object({
    configured: z.boolean().describe('Whether this Podium has a LinkedIn app configured; when false the feature is hidden'),
    status: z.enum(['connected', 'expired', 'not_connected']),
    name: z.string().nullable().describe('The member name LinkedIn gave'),
    expiresAt: z.iso.datetime().nullable(),
    connectedAt: z.iso.datetime().nullable(),
    expiresInDays: z.number().int().nullable(),
  })
  .meta({ id: 'LinkedinConnection' });
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** The person's own words; LinkedIn allows 3000 characters including the disclosure (checked like any share). */
const postText = text().trim().min(1).max(3000);

export const postBody = z
  .object({
    itemType: z.enum(['story', 'vacancy']),
    storyId: z.uuid().optional(),
    vacancyId: z.uuid().optional(),
    text: postText,
    audience: z.string().trim().min(1).max(60).default('candidates').describe('The audience key the share counts for, as in POST /shares'),
    campaignId: z.uuid().optional(),
    at: z.iso.datetime({ offset: true }).optional().describe('When to post (ISO 8601); leave out to post now'),
  })
  .refine((b) => (b.itemType === 'story' ? b.storyId !== undefined && b.vacancyId === undefined : b.vacancyId !== undefined && b.storyId === undefined), {
    message: 'give storyId for a story, vacancyId for a vacancy',
    path: ['storyId'],
  });
export type PostInput = z.infer<typeof postBody>;

export const postPatchBody = z
  .object({ text: postText.optional(), at: z.iso.datetime({ offset: true }).optional() })
  .refine((b) => b.text !== undefined || b.at !== undefined, { message: 'give text or at', path: ['text'] });
export type PostPatch = z.infer<typeof postPatchBody>;

export const postsQuery = z.object({
  status: z.enum(['planned', 'sent', 'failed', 'all']).default('all').describe('planned: scheduled or being sent; sent: posted; all: everything but cancelled'),
});

export const postViewSchema = z
  .object({
    id: z.uuid(),
    itemType: z.enum(['story', 'vacancy']),
    storyId: z.uuid().nullable(),
    vacancyId: z.uuid().nullable(),
    itemTitle: z.string(),
    text: z.string(),
    requestedFor: z.iso.datetime().nullable().describe('The moment the person chose (null: now)'),
    scheduledFor: z.iso.datetime().describe('When it goes (or went) out; may differ from requestedFor to spread colleagues’ posts of the same story'),
    status: z.enum(linkedinPostStatuses),
    attempts: z.number().int(),
    lastError: z.string().nullable().describe('Why the last attempt failed: token_expired, not_connected, rate_limited, linkedin_unavailable, rejected, item_unavailable, …'),
    shortUrl: z.string().nullable(),
    postUrn: z.string().nullable(),
    postUrl: z.string().nullable(),
    postedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'LinkedinPost' });
export type PostView = z.infer<typeof postViewSchema>;
