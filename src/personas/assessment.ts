import { z } from 'zod';

/** Every answer is on a five-point scale: 1 (not at all / never) … 5 (very much / daily). */
export const assessmentScale = { min: 1, max: 5 } as const;

export const assessmentQuestionKeys = ['linkedinUse', 'postingComfort', 'pride', 'careerOpenness'] as const;
export type AssessmentQuestionKey = (typeof assessmentQuestionKeys)[number];
export type AssessmentAnswers = Record<AssessmentQuestionKey, number>;

/**
 * The optional four-question self-assessment. Each question feeds one pair of model features
 * (model.ts): how much one uses LinkedIn, how comfortable one is posting about work in public,
 * how proud one is to tell others about the organisation, how open one is to a move elsewhere.
 */
export const assessmentQuestions: readonly {
  key: AssessmentQuestionKey;
  text: { nl: string; en: string };
  low: { nl: string; en: string };
  high: { nl: string; en: string };
}[] = [
  {
    key: 'linkedinUse',
    text: { en: 'How often do you look at LinkedIn?', nl: 'Hoe vaak kijk je op LinkedIn?' },
    low: { en: 'Never', nl: 'Nooit' },
    high: { en: 'Every day', nl: 'Elke dag' },
  },
  {
    key: 'postingComfort',
    text: { en: 'How comfortable are you posting about your work in public?', nl: 'Hoe prettig vind je het om openlijk iets over je werk te posten?' },
    low: { en: 'Not at all', nl: 'Helemaal niet' },
    high: { en: 'Very comfortable', nl: 'Heel prettig' },
  },
  {
    key: 'pride',
    text: { en: 'How much do you enjoy telling others about where you work?', nl: 'Hoe graag vertel je anderen over je werkgever?' },
    low: { en: 'Not at all', nl: 'Helemaal niet' },
    high: { en: 'Very much', nl: 'Heel graag' },
  },
  {
    key: 'careerOpenness',
    text: { en: 'How open are you to a next step outside this organisation in the coming years?', nl: 'Hoe open sta je voor een volgende stap buiten deze organisatie in de komende jaren?' },
    low: { en: 'Not at all: I am staying', nl: 'Helemaal niet: ik blijf' },
    high: { en: 'Very open', nl: 'Heel open' },
  },
];

const answer = z.number().int().min(assessmentScale.min).max(assessmentScale.max);

/** The self-assessment as a person sends it: all four answers, each 1–5. */
export const assessmentAnswersSchema = z
  .object({ linkedinUse: answer, postingComfort: answer, pride: answer, careerOpenness: answer })
  .strict()
  .meta({ id: 'PersonaAssessmentAnswers' });

/** Stored answers as the model reads them; anything incomplete or out of range counts as not answered. */
export function answersOf(stored: unknown): AssessmentAnswers | null {
  const parsed = assessmentAnswersSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
