import { z } from 'zod';
import { campaignGoals } from '../db/schema/stories.ts';
import { text } from '../http/text.ts';
import { dateSchema } from '../people/schema.ts';
import { storyStatusSchema } from '../stories/schema.ts';

export const campaignSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    goal: z.enum(campaignGoals),
    theme: z.object({ id: z.uuid(), key: z.string(), name: z.string() }).nullable(),
    description: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    active: z.boolean(),
    stories: z.array(z.object({ id: z.uuid(), title: z.string(), slug: z.string(), status: storyStatusSchema })),
    targetGroups: z.array(z.object({ id: z.uuid(), kind: z.string(), name: z.string() })),
  })
  .meta({ id: 'Campaign' });
export type CampaignView = z.infer<typeof campaignSchema>;

const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'use lower-case letters, digits and single hyphens' });

export const createCampaignBody = z.object({
  name: text().trim().min(1).max(200),
  slug: slugSchema.optional(),
  goal: z.enum(campaignGoals),
  themeId: z.uuid().nullable().optional(),
  description: text().trim().max(5000).optional(),
  startsOn: dateSchema,
  endsOn: dateSchema,
  storyIds: z.array(z.uuid()).max(500).optional(),
  targetGroupIds: z.array(z.uuid()).max(200).optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = createCampaignBody.partial();
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

export const campaignsQuery = z.object({ active: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
