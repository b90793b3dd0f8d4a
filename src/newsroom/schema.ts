import { z } from 'zod';
import { languageSchema } from '../people/schema.ts';
import { text } from '../http/text.ts';
import { httpUrlSchema } from '../stories/schema.ts';

export const newsroomFeedSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    name: z.string(),
    language: languageSchema,
    active: z.boolean(),
    lastFetchedAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NewsroomFeed' });
export type NewsroomFeedView = z.infer<typeof newsroomFeedSchema>;

export const createFeedBody = z.object({ url: httpUrlSchema, name: text().trim().min(1).max(200), language: languageSchema });
export type CreateFeedInput = z.infer<typeof createFeedBody>;

export const syncResultSchema = z.object({ added: z.number().int(), skipped: z.number().int(), error: z.string().nullable() });
export type SyncResult = z.infer<typeof syncResultSchema>;
