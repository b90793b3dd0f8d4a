import type { ThemePressure } from '../vacancies/pressure.ts';

/**
 * The ambassador feed's order. Each story a reader may see gets a score at the ranking's reference
 * time `ref`, and the feed lists stories by score, highest first (ties: newest id first):
 *
 *     score = recency       · 0.5 ^ (age in days / RECENCY_HALF_LIFE_DAYS)
 *           + yourGroup     · [the story is targeted at one of my groups]
 *           + hiring        · log1p(P)  / log1p(Pmax)
 *           + yourDepartmentHiring · log1p(Pd) / log1p(Pmax)
 *           + campaign      · [the story is in a campaign running for me today]
 *           + personaFit    · [the story fits how my persona is met halfway]  (src/personas/feed-hint.ts)
 *           + alreadyShared · [I shared it before]                      (a negative weight)
 *
 * P is the hiring pressure (src/vacancies/pressure.ts) of the story's most pressing theme, Pd the
 * part of a theme's pressure that comes from open vacancies in my own departments (the highest
 * among the story's themes), and Pmax the pressure of the most pressing theme of all, so both
 * hiring terms lie between 0 and 1; the logarithm keeps one huge theme from flattening the rest.
 * The campaign weight is larger than all other positive terms together: a campaign story stays
 * above every story outside a campaign, as editors expect of a highlight, unless I already shared
 * it. A story I shared loses a whole recency weight: it sinks as if it were old news. personaFit
 * adds one recency weight for a cautious mover's stories with a ready suggested text and a job
 * hopper's vacancy spotlights and hiring themes; other personas (and people not yet known) get 0.
 * It gives no card reason of its own: the feed response's `persona` hint says it once for the page.
 *
 * A card says why it is where it is with the terms that apply, strongest first: `new` (published in
 * the last NEW_WITHIN_DAYS days), `your_group`, `hiring` and `your_department_hiring` (each with the
 * theme behind it), `campaign`; and `already_shared` last.
 */
export const FEED_WEIGHTS = {
  recency: 1,
  yourGroup: 0.5,
  hiring: 0.75,
  yourDepartmentHiring: 0.5,
  // Above all other positive terms together (1 + 0.5 + 0.75 + 0.5 + 1 = 3.75).
  campaign: 4,
  personaFit: 1,
  alreadyShared: -1,
} as const;

/** Recency halves every week. */
export const RECENCY_HALF_LIFE_DAYS = 7;
/** A story counts as new (the `new` reason) for this many days after publication. */
export const NEW_WITHIN_DAYS = 3;

const DAY_MS = 86_400_000;

export const feedReasonKeys = ['new', 'your_group', 'hiring', 'your_department_hiring', 'campaign', 'already_shared'] as const;
export type FeedReasonKey = (typeof feedReasonKeys)[number];

/** Why a story is in the feed where it is; `themeId` names the theme behind a hiring reason. */
export interface RankingReason {
  key: FeedReasonKey;
  themeId?: string;
}

/** What the score needs to know about one story, for one reader. */
export interface StoryFacts {
  id: string;
  publishedAt: Date;
  /** Targeted at one of the reader's groups (a story for everyone is not). */
  forMyGroup: boolean;
  /** In a campaign running today for the reader. */
  inCampaign: boolean;
  themeIds: readonly string[];
  /** Fits the reader's persona profile (see src/personas/feed-hint.ts); absent: no. */
  fitsPersona?: boolean;
}

/** Anything ordered by score. */
export interface Scored {
  id: string;
  score: number;
}

/** A story's score for one reader and the reasons behind it, strongest first. */
export interface Ranked extends Scored {
  reasons: RankingReason[];
}

/** Hiring pressure as the score reads it: per theme, and the highest theme total (Pmax). */
export interface PressureView {
  byTheme: ReadonlyMap<string, ThemePressure>;
  max: number;
  /** Every department with an open vacancy that carries a theme. */
  departments: ReadonlySet<string>;
}

/** The view of a pressure table; the maximum and the departments are worked out once per table. */
const views = new WeakMap<ReadonlyMap<string, ThemePressure>, PressureView>();
export function pressureView(byTheme: ReadonlyMap<string, ThemePressure>): PressureView {
  let view = views.get(byTheme);
  if (!view) {
    let max = 0;
    const departments = new Set<string>();
    for (const theme of byTheme.values()) {
      max = Math.max(max, theme.total);
      for (const department of theme.byDepartment.keys()) departments.add(department);
    }
    view = { byTheme, max, departments };
    views.set(byTheme, view);
  }
  return view;
}

/** Of a reader's groups, those that are the department of an open vacancy: the only ones the department term looks at. */
export function hiringDepartments(groups: Iterable<string>, pressure: PressureView): ReadonlySet<string> {
  const departments = new Set<string>();
  for (const group of groups) if (pressure.departments.has(group)) departments.add(group);
  return departments;
}

/** log1p(p) / log1p(Pmax): 0 without pressure, 1 for the most pressing theme. */
const normalised = (pressure: number, max: number) => (max > 0 && pressure > 0 ? Math.log1p(pressure) / Math.log1p(max) : 0);

/**
 * Scores one story for a reader at `ref` (ms). `departments` are the reader's groups: only those
 * that are the department of an open vacancy carry department pressure. `shared`: the reader
 * shared the story before.
 * @example scoreStory(facts, new Set(reader.groups), pressureView(await themePressure(ctx)), Date.now())
 */
export function scoreStory(story: StoryFacts, departments: ReadonlySet<string>, pressure: PressureView, ref: number, shared = false): Ranked {
  const parts: Part[] = [];
  const score = scoreWith(story, departments, pressure, ref, shared, parts);
  // Strongest reason first, so a card that says one thing says the main one; having shared it comes last.
  parts.sort((a, b) => b.value - a.value || feedReasonKeys.indexOf(a.key) - feedReasonKeys.indexOf(b.key));
  const reasons: RankingReason[] = parts.map(({ key, themeId }) => (themeId ? { key, themeId } : { key }));
  if (shared) reasons.push({ key: 'already_shared' });
  return { id: story.id, score, reasons };
}

/** The score alone, without allocating reasons: what a ranking of hundreds of stories needs. */
export function scoreOnly(story: StoryFacts, departments: ReadonlySet<string>, pressure: PressureView, ref: number): number {
  return scoreWith(story, departments, pressure, ref, false, null);
}

type Part = { key: FeedReasonKey; value: number; themeId?: string };

/** The formula above, once: adds up the terms and, when given `parts`, notes each positive one. */
function scoreWith(story: StoryFacts, departments: ReadonlySet<string>, pressure: PressureView, ref: number, shared: boolean, parts: Part[] | null): number {
  const ageDays = Math.max(0, (ref - story.publishedAt.getTime()) / DAY_MS);
  const recency = FEED_WEIGHTS.recency * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
  let score = recency;
  if (ageDays <= NEW_WITHIN_DAYS) parts?.push({ key: 'new', value: recency });
  if (story.forMyGroup) {
    score += FEED_WEIGHTS.yourGroup;
    parts?.push({ key: 'your_group', value: FEED_WEIGHTS.yourGroup });
  }
  let hiring = 0;
  let hiringTheme = '';
  let mine = 0;
  let mineTheme = '';
  for (const themeId of story.themeIds) {
    const theme = pressure.byTheme.get(themeId);
    if (!theme) continue;
    if (theme.total > hiring) {
      hiring = theme.total;
      hiringTheme = themeId;
    }
    let own = 0;
    for (const department of departments) own += theme.byDepartment.get(department) ?? 0;
    if (own > mine) {
      mine = own;
      mineTheme = themeId;
    }
  }
  if (hiring > 0) {
    const value = FEED_WEIGHTS.hiring * normalised(hiring, pressure.max);
    score += value;
    parts?.push({ key: 'hiring', value, themeId: hiringTheme });
  }
  if (mine > 0) {
    const value = FEED_WEIGHTS.yourDepartmentHiring * normalised(mine, pressure.max);
    score += value;
    parts?.push({ key: 'your_department_hiring', value, themeId: mineTheme });
  }
  if (story.inCampaign) {
    score += FEED_WEIGHTS.campaign;
    parts?.push({ key: 'campaign', value: FEED_WEIGHTS.campaign });
  }
  if (story.fitsPersona) score += FEED_WEIGHTS.personaFit;
  if (shared) score += FEED_WEIGHTS.alreadyShared;
  return score;
}

/** Highest score first; equal scores newest id first (ids are time-ordered). */
export function byScore(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Scores and orders stories for one reader (as nobody's shares counted). */
export function rankStories(stories: readonly StoryFacts[], departments: ReadonlySet<string>, pressure: PressureView, ref: number): Ranked[] {
  return stories.map((story) => scoreStory(story, departments, pressure, ref)).sort(byScore);
}

/**
 * The reader's own order of a ranking: stories they shared lose the alreadyShared weight and move
 * down. Answers the same array when the reader shared none of them, so the common case allocates nothing.
 */
export function personalOrder<T extends Scored>(ranked: readonly T[], sharedByMe: ReadonlyMap<string, number>): readonly T[] {
  if (sharedByMe.size === 0) return ranked;
  const lowered: T[] = [];
  const rest: T[] = [];
  for (const entry of ranked) {
    if (sharedByMe.has(entry.id)) lowered.push({ ...entry, score: entry.score + FEED_WEIGHTS.alreadyShared });
    else rest.push(entry);
  }
  if (lowered.length === 0) return ranked;
  // The rest keeps its order; the few shared stories are merged back in at their lower scores.
  lowered.sort(byScore);
  const order: T[] = [];
  let next = 0;
  for (const entry of rest) {
    while (next < lowered.length && byScore(lowered[next] as T, entry) < 0) order.push(lowered[next++] as T);
    order.push(entry);
  }
  while (next < lowered.length) order.push(lowered[next++] as T);
  return order;
}

/** Where a page starts: the first entry after the keyset position (score, id) in an ordered list. */
export function positionAfter(ordered: readonly Scored[], after: Scored): number {
  const index = ordered.findIndex((entry) => entry.score < after.score || (entry.score === after.score && entry.id < after.id));
  return index === -1 ? ordered.length : index;
}
