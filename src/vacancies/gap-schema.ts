import { z } from 'zod';
import { urgencies } from '../db/schema/index.ts';

const gapVacancySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  slug: z.string(),
  urgency: z.enum(urgencies),
  openings: z.number().int(),
  department: z.string().nullable(),
  openedAt: z.iso.datetime(),
  /** This vacancy's part of the theme's pressure. */
  pressure: z.number(),
});

const gapStorySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  slug: z.string(),
  publishedAt: z.iso.datetime(),
  /** Shares and human clicks within the supply window (the last 8 weeks). */
  shares: z.number().int(),
  humanClicks: z.number().int(),
});

/** A colleague to feature: never their persona, only what an editor needs to ask them. */
const suggestedPersonSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The department through which they match the theme's vacancies. */
  department: z.string(),
  tellMyStory: z.boolean(),
  lastFeaturedAt: z.iso.datetime().nullable(),
});

/** One theme that needs stories: its hiring pressure against its recent content supply. */
export const contentGapSchema = z
  .object({
    theme: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    pressure: z.number(),
    supply: z.number(),
    /** pressure / (1 + supply): the ranking key. */
    need: z.number(),
    /** Every open vacancy carrying the theme; `vacancies` lists the weightiest ten. */
    vacancyCount: z.number().int(),
    vacancies: z.array(gapVacancySchema),
    /** Every story counted in the supply; `stories` lists the ten most recent. */
    storyCount: z.number().int(),
    stories: z.array(gapStorySchema),
    suggestedPeople: z.array(suggestedPersonSchema),
  })
  .meta({ id: 'ContentGap' });
export type ContentGapView = z.infer<typeof contentGapSchema>;

export const contentGapsSchema = z.object({ items: z.array(contentGapSchema), generatedAt: z.iso.datetime() }).meta({ id: 'ContentGaps' });
export type ContentGapsView = z.infer<typeof contentGapsSchema>;

export const gapRequestKinds = ['interview', 'idea'] as const;

export const gapRequestBody = z.object({
  themeId: z.uuid(),
  /** The colleague to feature; required for an interview. */
  personId: z.uuid().optional(),
  /** The vacancy that prompted the request, named in the story's summary. */
  vacancyId: z.uuid().optional(),
  kind: z.enum(gapRequestKinds),
  /** The editor (or admin) who takes it on; by default the requester when they are one. */
  assignedTo: z.uuid().optional(),
});
export type GapRequestInput = z.infer<typeof gapRequestBody>;

export const gapRequestResult = z.object({ storyId: z.uuid(), editorUrl: z.string() }).meta({ id: 'ContentGapRequest' });
