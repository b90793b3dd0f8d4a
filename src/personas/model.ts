import type { PersonaKey } from '../db/schema/engagement.ts';
import { type AssessmentAnswers, assessmentScale } from './assessment.ts';

/**
 * The persona model: a transparent, linear score per type over the last 90 days of signals.
 * Pure functions only: the batch (service.ts) gathers signals set-wise and hands them here.
 *
 * 1. Signals are turned into features between 0 and 1 (FEATURES below says how, each in one line).
 * 2. Each type's score is Σ weight × feature, with the weights in PERSONA_WEIGHTS (negative weights
 *    count against a type). The highest score wins; its reasons are the features that moved it most.
 * 3. Too little data (see hasEnoughData), or no score reaching MIN_WINNING_SCORE: `unknown`.
 * 4. No flip-flopping (decide): a new type replaces the current one only after winning two weekly
 *    runs in a row, or at once when it beats the current type by CLEAR_MARGIN or more.
 *
 * The four questions of the self-assessment (assessment.ts) are features of their own: answered,
 * they weigh in about as much as all behaviour together, so a person can correct their type.
 */

/** What the batch gathers per person (90-day window unless said otherwise). */
export interface PersonaSignals {
  /** Feed visits (one per person per 30 minutes at most). */
  feedVisits: number;
  /** Stories opened to read (one per story per person per 30 minutes at most). */
  storyReads: number;
  /** Days with any feed visit or story read. */
  activeDays: number;
  shares: number;
  /** Shares whose text the composer judged personalised (own words, not a copied suggestion). */
  personalisedShares: number;
  /** Stories written or submitted by the person (created in the window). */
  storiesAuthored: number;
  /** Published stories (in the window) that feature the person. */
  storiesFeatured: number;
  /** Nudges sent to the person. */
  nudgesSent: number;
  /** Of those, nudges followed by a share within 7 days. */
  nudgesFollowed: number;
  /** Years since people.start_date; null when unknown. */
  tenureYears: number | null;
  /** Self-reported LinkedIn network size; null when not given. */
  networkSize: number | null;
  /** Days the person has been in Podium within the window (0–90). */
  observedDays: number;
  assessment: AssessmentAnswers | null;
}

export const featureKeys = [
  'lurking',
  'quiet',
  'sharing',
  'own_words',
  'copying',
  'stage',
  'nudge_response',
  'nudge_ignored',
  'long_tenure',
  'short_tenure',
  'big_network',
  'small_network',
  'says_uses_linkedin',
  'says_rarely_uses_linkedin',
  'says_comfortable_posting',
  'says_uncomfortable_posting',
  'says_proud',
  'says_open_to_moves',
  'says_staying',
] as const;
export type FeatureKey = (typeof featureKeys)[number];
export type Features = Record<FeatureKey, number>;

/** Persona types the model can win with (unknown is the absence of a winner). */
export const knownPersonas = ['anchored', 'loyal_fan', 'cautious_mover', 'job_hopper'] as const satisfies readonly PersonaKey[];
export type KnownPersona = (typeof knownPersonas)[number];

/** A feature counts fully from this many feed visits plus story reads in 90 days (about two a week). */
export const VIEWING_FULL = 24;
/** … and from this many shares in 90 days (about one a fortnight). */
export const SHARING_FULL = 6;
/** Nudge response counts once this many nudges were sent (one nudge says little). */
export const MIN_NUDGES = 2;

/**
 * The weights, per type and feature. Features not listed weigh 0 for that type. The self-assessment
 * features add up to 2–2.5 per type, about as much as the behaviour that defines the type.
 */
export const PERSONA_WEIGHTS: Record<KnownPersona, Partial<Record<FeatureKey, number>>> = {
  // Long-tenured, sees no point in LinkedIn: neither reads nor shares, lets nudges pass.
  anchored: { quiet: 2, long_tenure: 1.5, small_network: 0.5, nudge_ignored: 1, sharing: -1, says_rarely_uses_linkedin: 1, says_staying: 1, says_uncomfortable_posting: 0.5 },
  // Shares happily (suggested texts are fine), gets on the stage, answers nudges, proud.
  loyal_fan: { sharing: 2, copying: 0.5, stage: 1, nudge_response: 1, says_proud: 1.5, says_comfortable_posting: 0.5, says_staying: 0.5 },
  // Watches (reads the feed and stories) but does not publish, or only copies a suggestion.
  cautious_mover: { lurking: 2.5, copying: 0.5, sharing: -0.5, says_uses_linkedin: 0.5, says_uncomfortable_posting: 1.5, says_comfortable_posting: -1 },
  // Knows the game: shares in their own words, short tenure, a big network, open to moves.
  job_hopper: { own_words: 1.5, short_tenure: 1.5, big_network: 1.5, stage: 0.5, says_uses_linkedin: 0.5, says_comfortable_posting: 0.5, says_open_to_moves: 1.5 },
};

/** A winner needs at least this score; below it no type stands out and the person stays unknown. */
export const MIN_WINNING_SCORE = 1;
/**
 * A challenger that beats the current type's score by this much replaces it at once, without
 * waiting for a second weekly win: one full-weight signal (e.g. going from reading only to sharing
 * every fortnight) or a self-assessment that says otherwise.
 */
export const CLEAR_MARGIN = 1;
/** A challenger replaces the current type after winning this many weekly runs in a row. */
export const WEEKLY_WINS_TO_SWITCH = 2;

/**
 * Minimum data: a self-assessment, or at least MIN_OBSERVED_DAYS in Podium and MIN_EVIDENCE points
 * (a share, an active day or a sent nudge 1 each, a story 2, tenure and network size 1 each, and
 * 2 for having been observed 60 days or more — a long silence says something too).
 */
export const MIN_OBSERVED_DAYS = 28;
export const MIN_EVIDENCE = 4;

const clamp = (x: number) => Math.min(1, Math.max(0, x));
/** An answer 1–5 as 0–1. */
const scaled = (answer: number) => clamp((answer - assessmentScale.min) / (assessmentScale.max - assessmentScale.min));

/** How much evidence the signals hold (see MIN_EVIDENCE). */
export function evidenceOf(s: PersonaSignals): number {
  return (
    s.shares +
    s.activeDays +
    Math.min(s.nudgesSent, 3) +
    2 * (s.storiesAuthored + s.storiesFeatured) +
    (s.tenureYears !== null ? 1 : 0) +
    (s.networkSize !== null ? 1 : 0) +
    (s.observedDays >= 60 ? 2 : 0)
  );
}

/** Whether there is enough to give the person a type at all. */
export function hasEnoughData(s: PersonaSignals): boolean {
  return s.assessment !== null || (s.observedDays >= MIN_OBSERVED_DAYS && evidenceOf(s) >= MIN_EVIDENCE);
}

/** The features, each in [0, 1]. */
export function featuresOf(s: PersonaSignals): Features {
  const viewing = clamp((s.feedVisits + s.storyReads) / VIEWING_FULL);
  const sharing = clamp(s.shares / SHARING_FULL);
  const personalisedRate = s.shares > 0 ? s.personalisedShares / s.shares : 0;
  const nudgeRate = s.nudgesSent >= MIN_NUDGES ? s.nudgesFollowed / s.nudgesSent : null;
  const log = s.networkSize !== null && s.networkSize > 0 ? Math.log10(s.networkSize) : s.networkSize === 0 ? 0 : null;
  const a = s.assessment;
  return {
    // Reads without sharing; fades as shares come.
    lurking: viewing * (1 - sharing),
    // Neither reads nor shares; a silence counts fully once it lasted 60 days.
    quiet: (1 - viewing) * (1 - sharing) * clamp(s.observedDays / 60),
    sharing,
    // Sharing in their own words, and sharing suggestions as they were.
    own_words: sharing * personalisedRate,
    copying: s.shares > 0 ? sharing * (1 - personalisedRate) : 0,
    // On the stage: two stories written or featured in count fully.
    stage: clamp((s.storiesAuthored + s.storiesFeatured) / 2),
    nudge_response: nudgeRate ?? 0,
    nudge_ignored: nudgeRate === null ? 0 : 1 - nudgeRate,
    // 0 at 3 years or less, 1 at 10 years or more.
    long_tenure: s.tenureYears === null ? 0 : clamp((s.tenureYears - 3) / 7),
    // 1 in the first year, 0 from 4 years.
    short_tenure: s.tenureYears === null ? 0 : clamp((4 - s.tenureYears) / 3),
    // 0 up to 200 connections, 1 from about 3,200; small: 1 up to 100, 0 from 500.
    big_network: log === null ? 0 : clamp((log - 2.3) / 1.2),
    small_network: log === null ? 0 : clamp((2.7 - log) / 0.7),
    says_uses_linkedin: a ? scaled(a.linkedinUse) : 0,
    says_rarely_uses_linkedin: a ? 1 - scaled(a.linkedinUse) : 0,
    says_comfortable_posting: a ? scaled(a.postingComfort) : 0,
    says_uncomfortable_posting: a ? 1 - scaled(a.postingComfort) : 0,
    says_proud: a ? scaled(a.pride) : 0,
    says_open_to_moves: a ? scaled(a.careerOpenness) : 0,
    says_staying: a ? 1 - scaled(a.careerOpenness) : 0,
  };
}

/** The signal value a reason names, in the person's own terms (counts, years, the answer given). */
function signalValue(feature: FeatureKey, s: PersonaSignals): number | null {
  switch (feature) {
    case 'lurking':
    case 'quiet':
      return s.feedVisits + s.storyReads;
    case 'sharing':
      return s.shares;
    case 'own_words':
      return s.personalisedShares;
    case 'copying':
      return s.shares - s.personalisedShares;
    case 'stage':
      return s.storiesAuthored + s.storiesFeatured;
    case 'nudge_response':
      return s.nudgesFollowed;
    case 'nudge_ignored':
      return s.nudgesSent - s.nudgesFollowed;
    case 'long_tenure':
    case 'short_tenure':
      return s.tenureYears === null ? null : Math.round(s.tenureYears * 10) / 10;
    case 'big_network':
    case 'small_network':
      return s.networkSize;
    case 'says_uses_linkedin':
    case 'says_rarely_uses_linkedin':
      return s.assessment?.linkedinUse ?? null;
    case 'says_comfortable_posting':
    case 'says_uncomfortable_posting':
      return s.assessment?.postingComfort ?? null;
    case 'says_proud':
      return s.assessment?.pride ?? null;
    case 'says_open_to_moves':
    case 'says_staying':
      return s.assessment?.careerOpenness ?? null;
  }
}

/** One signal that decided the type, with its effect on the winning score (negative: it counted against). */
export interface PersonaReason {
  signal: FeatureKey | 'too_little_data';
  value: number | null;
  effect: number;
  persona: PersonaKey;
}

/** The model's verdict for one run, before the no-flip-flop rule. */
export interface Classification {
  persona: PersonaKey;
  scores: Record<KnownPersona, number>;
  reasons: PersonaReason[];
  /**
   * Unknown although there is enough data: no type reached MIN_WINNING_SCORE this run. Unlike too
   * little data, such a verdict is held to the no-flip-flop rule (see decide), so a score that
   * hovers around the threshold does not swing a person between a type and unknown every week.
   */
  undecided?: true;
}

/** At most this many reasons are kept: the strongest. */
export const MAX_REASONS = 5;
const round = (x: number) => Math.round(x * 1000) / 1000;

/** Each type's score. */
export function scoresOf(features: Features): Record<KnownPersona, number> {
  const scores = {} as Record<KnownPersona, number>;
  for (const persona of knownPersonas) {
    let score = 0;
    for (const [feature, weight] of Object.entries(PERSONA_WEIGHTS[persona]) as [FeatureKey, number][]) score += weight * features[feature];
    scores[persona] = round(score);
  }
  return scores;
}

/** The reasons behind a type: its weighted features, strongest effect first. */
export function reasonsFor(persona: KnownPersona, features: Features, signals: PersonaSignals): PersonaReason[] {
  return (Object.entries(PERSONA_WEIGHTS[persona]) as [FeatureKey, number][])
    .map(([feature, weight]) => ({ signal: feature, value: signalValue(feature, signals), effect: round(weight * features[feature]), persona }))
    .filter((reason) => reason.effect !== 0)
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || featureKeys.indexOf(a.signal) - featureKeys.indexOf(b.signal))
    .slice(0, MAX_REASONS);
}

/**
 * Classifies one person's signals: the type with the highest score, with the reasons for it, or
 * unknown with the reason `too_little_data`.
 * @example classify({ ...noSignals, shares: 8, personalisedShares: 7, tenureYears: 1, networkSize: 3000, observedDays: 90 }).persona // 'job_hopper'
 */
export function classify(signals: PersonaSignals): Classification {
  const features = featuresOf(signals);
  const scores = scoresOf(features);
  const unknown = (): Classification => ({ persona: 'unknown', scores, reasons: [{ signal: 'too_little_data', value: evidenceOf(signals), effect: 0, persona: 'unknown' }] });
  if (!hasEnoughData(signals)) return unknown();
  let best: KnownPersona = knownPersonas[0];
  for (const persona of knownPersonas) if (scores[persona] > scores[best]) best = persona;
  if (scores[best] < MIN_WINNING_SCORE) return { ...unknown(), undecided: true };
  return { persona: best, scores, reasons: reasonsFor(best, features, signals) };
}

/** Where a person stands between runs (the person_personas row). */
export interface PersonaState {
  persona: PersonaKey;
  since: Date;
  /** A type that won the last weekly run(s) without replacing the current one yet. */
  challenger: PersonaKey | null;
  /** How many weekly runs in a row the challenger has won (including this week's, if this week ran). */
  challengerWins: number;
  computedAt: Date;
}

/** The Monday (UTC) of the ISO week a moment falls in, as yyyy-mm-dd. */
export function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * The no-flip-flop rule. Runs happen nightly (and on demand) but count per ISO week: the last run
 * of a week is that week's result, so a second run in the same week replaces its own earlier vote
 * rather than adding one. A challenger replaces the current type after WEEKLY_WINS_TO_SWITCH weekly
 * wins in a row, or at once when its score beats the current type's by CLEAR_MARGIN. Leaving or
 * reaching `unknown` for too little data to hold any type happens at once, and so does the type a new
 * or changed self-assessment leads to (`assessmentChanged`): it is the person's own correction. An
 * `unknown` with enough data (no type scored enough, `undecided`) is a challenger like any other.
 */
export function decide(previous: PersonaState | null, result: Classification, now: Date, options: { assessmentChanged?: boolean } = {}): PersonaState {
  const switchTo = (persona: PersonaKey): PersonaState => ({ persona, since: now, challenger: null, challengerWins: 0, computedAt: now });
  if (!previous) return switchTo(result.persona);
  const current = previous.persona;
  const candidate = result.persona;
  if (candidate === current) return { ...previous, challenger: null, challengerWins: 0, computedAt: now };
  if (current === 'unknown' || (candidate === 'unknown' && !result.undecided) || options.assessmentChanged) return switchTo(candidate);
  // No type scoring enough is never a clear margin over the type held.
  const margin = candidate === 'unknown' ? 0 : result.scores[candidate as KnownPersona] - result.scores[current as KnownPersona];
  if (margin >= CLEAR_MARGIN) return switchTo(candidate);
  // This week's earlier run (if any) voted for the challenger: take that vote back before counting again.
  const sameWeek = weekOf(previous.computedAt) === weekOf(now);
  const earlierWins = previous.challenger ? previous.challengerWins - (sameWeek ? 1 : 0) : 0;
  const wins = (previous.challenger === candidate ? Math.max(0, earlierWins) : 0) + 1;
  if (wins >= WEEKLY_WINS_TO_SWITCH) return switchTo(candidate);
  return { ...previous, challenger: candidate, challengerWins: wins, computedAt: now };
}
