/** Mirrors of the personas API (src/personas/schema.ts). */
export const PERSONA_KEYS = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper', 'unknown'] as const;
export type PersonaKey = (typeof PERSONA_KEYS)[number];

export const QUESTION_KEYS = ['linkedinUse', 'postingComfort', 'pride', 'careerOpenness'] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];
export type AssessmentAnswers = Record<QuestionKey, number>;

export interface PersonaReason {
  signal: string;
  value: number | null;
  effect: number;
  persona: PersonaKey;
}

export interface PersonaView {
  personId: string;
  persona: PersonaKey;
  since: string | null;
  computedAt: string | null;
  reasons: PersonaReason[];
  scores: Record<Exclude<PersonaKey, 'unknown'>, number> | null;
  challenger: { persona: PersonaKey; weeklyWins: number } | null;
  history: { week: string; persona: PersonaKey }[];
  assessment: {
    questions: { key: QuestionKey; text: string; low: string; high: string }[];
    scale: { min: number; max: number };
    answers: AssessmentAnswers | null;
    answeredAt: string | null;
  };
}

/** A count, or null where it would concern fewer than 5 people. */
export type Cell = number | null;

export interface PersonaFlow {
  from: string;
  to: string;
  department: { id: string; name: string } | null;
  minGroupSize: number;
  groupTooSmall: boolean;
  weeks: { week: string; counts: Record<PersonaKey, Cell> }[];
  transitions: { from: PersonaKey; to: PersonaKey; count: Cell }[];
  suppressed: boolean;
}

/** The feed response's `persona` hint (present only when the feed adapts to the reader). */
export interface PersonaFeedHint {
  persona: 'cautious_mover' | 'job_hopper';
  profile: 'start_small' | 'refer_and_write';
  boosted: 'ready_text' | 'vacancies_and_hiring';
  composer: 'start_with_suggestion' | 'own_words';
  invitations: { key: 'refer_vacancy' | 'write_story'; path: string }[];
}
