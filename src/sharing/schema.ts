import { z } from 'zod';
import { networks } from '../db/schema/stories.ts';
import { text } from '../http/text.ts';
import { feedReasonKeys } from './ranking.ts';

export const networkSchema = z.enum(networks);
const audienceKey = z.string().trim().min(1).max(60);
const shareText = text().trim().min(1).max(70_000);

const heroImage = z.object({ id: z.uuid(), url: z.string(), shareUrl: z.string(), altText: z.string() }).nullable();
const themeRef = z.object({ id: z.uuid(), key: z.string(), name: z.string() });

export const feedQuery = z.object({
  audience: audienceKey.default('candidates'),
  q: text().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
});
export type FeedQuery = z.infer<typeof feedQuery>;

/** Why a card is in the feed where it is (stable keys; the web app words them). `theme` names the theme behind a hiring reason. */
export const feedReasonSchema = z.object({ key: z.enum(feedReasonKeys), theme: z.string().optional() }).meta({ id: 'FeedReason' });

/** One story in the ambassador feed, shown for the audience the ambassador picked, with the reasons for its place (strongest first). */
export const feedCardSchema = z
  .object({
    story: z.object({
      id: z.uuid(),
      slug: z.string(),
      title: z.string(),
      format: z.string(),
      language: z.enum(['nl', 'en']),
      url: z.string(),
      heroImage,
      publishedAt: z.iso.datetime().nullable(),
      themes: z.array(themeRef),
    }),
    audience: z.object({ key: z.string(), name: z.string() }),
    headline: z.string(),
    teaser: z.string(),
    suggestions: z.array(z.object({ id: z.uuid(), network: networkSchema, text: z.string() })),
    campaign: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
    sharedByMe: z.number().int(),
    colleagueShares: z.number().int(),
    reasons: z.array(feedReasonSchema),
  })
  .meta({ id: 'FeedCard' });
export type FeedCard = z.infer<typeof feedCardSchema>;

/** What is shared: a story, or a vacancy (exactly one of the two). */
const itemFields = {
  storyId: z.uuid().optional().describe('The published story to share; give this or vacancyId'),
  vacancyId: z.uuid().optional().describe('The open vacancy to share (see GET /api/v1/vacancies/{id}/share-kit); give this or storyId'),
};
const oneItem = (body: { storyId?: string | undefined; vacancyId?: string | undefined }) => (body.storyId === undefined) !== (body.vacancyId === undefined);
const oneItemMessage = { message: 'give either storyId or vacancyId', path: ['storyId'] };
const checkFields = z.object({ ...itemFields, network: networkSchema, audience: audienceKey, text: shareText });

export const checkBody = checkFields.refine(oneItem, oneItemMessage);
export type CheckInput = z.infer<typeof checkBody>;

export const checkResponse = z
  .object({
    personalised: z.boolean(),
    similarity: z.number().min(0).max(1),
    similarTo: z.enum(['suggestion', 'colleague']).nullable(),
    colleaguesWithSimilarText: z.number().int(),
    length: z.number().int(),
    limit: z.number().int().nullable(),
    overLimit: z.boolean(),
    textWithDisclosure: z.string(),
  })
  .meta({ id: 'ShareCheck' });
export type CheckResult = z.infer<typeof checkResponse>;

export const shareBody = checkFields.extend({ personId: z.uuid().optional() }).refine(oneItem, oneItemMessage);
export type ShareInput = z.infer<typeof shareBody>;

export const shareResponse = z
  .object({
    id: z.uuid(),
    shortUrl: z.string(),
    shareUrl: z.string(),
    text: z.string(),
    personalised: z.boolean(),
    similarity: z.number().min(0).max(1),
    network: networkSchema,
  })
  .meta({ id: 'Share' });
export type ShareView = z.infer<typeof shareResponse>;

export const myShareSchema = z
  .object({
    id: z.uuid(),
    story: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }).nullable(),
    /** Set instead of story when the share was of a vacancy. */
    vacancy: z.object({ id: z.uuid(), title: z.string(), slug: z.string() }).nullable(),
    network: networkSchema,
    audience: z.string().nullable(),
    text: z.string(),
    shortUrl: z.string(),
    personalised: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'MyShare' });
export type MyShareView = z.infer<typeof myShareSchema>;

export const mySharesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
