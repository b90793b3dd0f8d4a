import { z } from 'zod';
import { notificationChannels, nudgeStatuses, nudgeTriggers, personaKeys } from '../db/schema/index.ts';
import { guardrailsSchema } from './guardrails.ts';

/** Trigger parameters, per trigger; unknown keys are refused so a typo does not silently do nothing. */
export const triggerParams = {
  new_story: z.strictObject({ withinHours: z.number().int().min(1).max(336).default(48), featuringTeamOnly: z.boolean().default(false) }),
  share_clicks: z.strictObject({ clicks: z.number().int().min(1).max(100_000).default(10), withinDays: z.number().int().min(1).max(90).default(30) }),
  share_application: z.strictObject({ withinDays: z.number().int().min(1).max(90).default(14) }),
  vacancy_needs_stories: z.strictObject({ minNeed: z.number().min(0).max(10_000).default(1) }),
  inactive: z.strictObject({ days: z.number().int().min(7).max(365).default(30) }),
  onboarding: z.strictObject({
    step: z.enum(['welcome', 'first_share', 'profile']),
    afterDays: z.number().int().min(0).max(60).default(0),
    onlyWithoutShares: z.boolean().default(false),
  }),
  leaving: z.strictObject({ withinDays: z.number().int().min(1).max(365).default(30) }),
} as const;
export type TemplateParams = z.output<(typeof triggerParams)[keyof typeof triggerParams]>;

export const nudgeText = z.object({
  subject: z.string().trim().min(1).max(160),
  body: z.string().trim().min(1).max(1000),
  action: z.string().trim().min(1).max(60),
});
export const nudgeTexts = z.object({ en: nudgeText, nl: nudgeText });

export const templateSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    trigger: z.enum(nudgeTriggers),
    params: z.record(z.string(), z.unknown()),
    personas: z.array(z.enum(personaKeys)),
    channel: z.enum(notificationChannels),
    texts: nudgeTexts,
    enabled: z.boolean(),
    holdoutPercent: z.number().int(),
    variables: z.array(z.string()).describe('The {variables} this template’s trigger fills in'),
    updatedAt: z.string(),
  })
  .meta({ id: 'NudgeTemplate' });
export type TemplateView = z.infer<typeof templateSchema>;

export const templateCreateBody = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{1,59}$/, 'use 2–60 lower-case letters, digits, dots, dashes or underscores')
    .describe('Stable name, e.g. new_story.cautious_mover'),
  trigger: z.enum(nudgeTriggers),
  params: z.record(z.string(), z.unknown()).default({}),
  personas: z.array(z.enum(personaKeys)).min(1).max(5),
  channel: z.enum(notificationChannels),
  texts: nudgeTexts,
  enabled: z.boolean().default(true),
  holdoutPercent: z.number().int().min(0).max(50).optional(),
});
export type TemplateCreateInput = z.infer<typeof templateCreateBody>;

export const templateUpdateBody = z.object({
  params: z.record(z.string(), z.unknown()).optional(),
  personas: z.array(z.enum(personaKeys)).min(1).max(5).optional(),
  channel: z.enum(notificationChannels).optional(),
  texts: nudgeTexts.optional(),
  enabled: z.boolean().optional(),
  holdoutPercent: z.number().int().min(0).max(50).optional(),
});
export type TemplateUpdateInput = z.infer<typeof templateUpdateBody>;

export const guardrailsView = guardrailsSchema.meta({ id: 'NudgeGuardrails' });

export const failedNudgeSchema = z.object({
  id: z.uuid(),
  templateKey: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  channel: z.enum(notificationChannels),
  status: z.enum(nudgeStatuses),
  reason: z.string().nullable(),
  attempts: z.number().int(),
  scheduledFor: z.string(),
});

export const reportRowSchema = z.object({
  templateKey: z.string(),
  persona: z.enum(personaKeys),
  decided: z.number().int(),
  sent: z.number().int(),
  holdout: z.number().int(),
  suppressed: z.number().int(),
  failed: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  sharedAfterNudge: z.number().int(),
  sharedInHoldout: z.number().int(),
  /** Share of sent nudges followed by a share within 7 days (0–1), null without sent nudges. */
  shareRateNudged: z.number().nullable(),
  shareRateHoldout: z.number().nullable(),
  /** Nudged minus holdout share rate, in percentage points. */
  upliftPoints: z.number().nullable(),
  tooFewToSay: z.boolean(),
});
export const reportSchema = z.object({
  days: z.number().int(),
  minimumNudged: z.number().int(),
  minimumHoldout: z.number().int(),
  rows: z.array(reportRowSchema),
});
export type NudgeReport = z.infer<typeof reportSchema>;

export const subscriptionsSchema = z.object({ nudges: z.boolean(), digest: z.boolean() });
