import { z } from 'zod';
import { personaKeys } from '../db/schema/engagement.ts';
import { assessmentAnswersSchema, assessmentQuestionKeys } from './assessment.ts';
import { feedProfiles } from './feed-hint.ts';
import { featureKeys, knownPersonas } from './model.ts';

export const personaKeySchema = z.enum(personaKeys).meta({ id: 'PersonaKey' });

/** One signal that decided the persona, and its effect on the score (negative: it counted against). */
export const personaReasonSchema = z
  .object({
    signal: z.enum([...featureKeys, 'too_little_data']),
    value: z.number().nullable().describe('The signal in the person’s own terms: a count, years, a network size or the answer given (1–5)'),
    effect: z.number(),
    persona: personaKeySchema,
  })
  .meta({ id: 'PersonaReason' });

const question = z.object({
  key: z.enum(assessmentQuestionKeys),
  text: z.string(),
  low: z.string().describe('What 1 means'),
  high: z.string().describe('What 5 means'),
});

export const personaViewSchema = z
  .object({
    personId: z.uuid(),
    persona: personaKeySchema,
    /** When the person got this persona; null while never classified. */
    since: z.iso.datetime().nullable(),
    computedAt: z.iso.datetime().nullable(),
    reasons: z.array(personaReasonSchema),
    scores: z.record(z.enum(knownPersonas), z.number()).nullable(),
    /** A type that won the latest weekly run(s) but has not replaced the current one yet (no flip-flopping). */
    challenger: z.object({ persona: personaKeySchema, weeklyWins: z.number().int() }).nullable(),
    /** Persona per ISO week (Monday), newest first, up to two years. */
    history: z.array(z.object({ week: z.iso.date(), persona: personaKeySchema })),
    assessment: z.object({
      questions: z.array(question),
      scale: z.object({ min: z.literal(1), max: z.literal(5) }),
      answers: assessmentAnswersSchema.nullable(),
      answeredAt: z.iso.datetime().nullable(),
    }),
  })
  .meta({ id: 'PersonaView' });
export type PersonaView = z.infer<typeof personaViewSchema>;

export const recomputeReportSchema = z
  .object({
    people: z.number().int(),
    batches: z.number().int(),
    changed: z.number().int(),
    byPersona: z.record(personaKeySchema, z.number().int()),
  })
  .meta({ id: 'PersonaRecomputeReport' });

export const flowQuery = z.object({
  from: z.iso.date().optional().describe('First day (default: the first day of this quarter)'),
  to: z.iso.date().optional().describe('Last day (default: today)'),
  department: z.uuid().optional().describe('Only people in this department'),
});
export type FlowQuery = z.infer<typeof flowQuery>;

/** A count, or null when it concerns fewer than 5 people (or would let such a count be worked out). */
const cell = z.number().int().nullable();

export const personaFlowSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    minGroupSize: z.number().int(),
    /** The people in scope are fewer than minGroupSize: nothing is shown. */
    groupTooSmall: z.boolean(),
    /** Persona distribution per ISO week (Monday) in the period. */
    weeks: z.array(z.object({ week: z.iso.date(), counts: z.record(personaKeySchema, cell) })),
    /** People by persona at the start of the period (from) and at its end (to); `unknown` at the start includes newcomers. */
    transitions: z.array(z.object({ from: personaKeySchema, to: personaKeySchema, count: cell })),
    /** Some cells are hidden (fewer than minGroupSize people). */
    suppressed: z.boolean(),
  })
  .meta({ id: 'PersonaFlow' });
export type PersonaFlow = z.infer<typeof personaFlowSchema>;

/** The feed's `persona` hint for a reader it adapts to (see src/personas/feed-hint.ts). */
export const personaFeedHintSchema = z
  .object({
    persona: z.enum(['cautious_mover', 'job_hopper']),
    profile: z.enum(feedProfiles),
    boosted: z.enum(['ready_text', 'vacancies_and_hiring']),
    composer: z.enum(['start_with_suggestion', 'own_words']),
    invitations: z.array(z.object({ key: z.enum(['refer_vacancy', 'write_story']), path: z.string() })),
  })
  .meta({ id: 'PersonaFeedHint' });
