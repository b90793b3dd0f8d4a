/**
 * The near-duplicate rule of the share composer: a text counts as copied when, after normalising
 * case, spacing, punctuation and emoji, it is at least 90% similar to a suggested text or to a
 * colleague's text for the same story (identical posts by many colleagues look fake).
 *
 * Similarity is the Sørensen–Dice coefficient over character trigrams (as a multiset), chosen over
 * 1 − Levenshtein/length because:
 * - it costs linear time and memory per pair, so a story with 2,000 colleague texts is checked in
 *   a few milliseconds, where even a banded edit distance is quadratic in the band width;
 * - it ignores the order of sentences: swapping two sentences of a suggestion is still copying;
 * - on texts of a few hundred characters it behaves like "share of the text that is the same":
 *   one word changed in 30 stays above 0.9 (copied), two or three changed words or a personal
 *   sentence of ten words or more drop below it (personalised).
 */

/** The threshold at or above which a text counts as copied. */
export const COPIED_THRESHOLD = 0.9;

// Zero-width joiner, variation selectors and the keycap mark glue emoji together; they are not \p{S}.
const emojiAndMarks = /[\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
const spaces = /\s+/gu;

/** Case-folds and strips punctuation, symbols and emoji; collapses whitespace (NFKC first, so ｆｕｌｌ-width and ligatures compare equal). */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(emojiAndMarks, ' ').replace(spaces, ' ').trim();
}

/** A normalised text as a multiset of character trigrams, ready to compare many times. */
export interface TrigramBag {
  /** Trigram ids, sorted, with repeats: two bags intersect in one merge walk. */
  readonly ids: Int32Array;
  /** Number of trigrams counted with multiplicity. */
  readonly size: number;
  /** The normalised text, for texts too short to have trigrams. */
  readonly text: string;
}

// Trigrams are numbered once, so comparing two bags walks two sorted integer arrays instead of
// hashing strings: what keeps 2,000 colleague texts cheap.
let gramIds = new Map<string, number>();
const MAX_GRAMS = 500_000;

/** Builds the trigram multiset of a text (normalised here); one space of padding on each side. */
export function trigrams(text: string): TrigramBag {
  const normal = normaliseText(text);
  const chars = Array.from(` ${normal} `);
  const ids: number[] = [];
  if (normal.length > 0) {
    for (let i = 0; i + 3 <= chars.length; i++) {
      const gram = `${chars[i]}${chars[i + 1]}${chars[i + 2]}`;
      let id = gramIds.get(gram);
      if (id === undefined) {
        id = gramIds.size;
        gramIds.set(gram, id);
      }
      ids.push(id);
    }
  }
  const sorted = Int32Array.from(ids).sort();
  return { ids: sorted, size: sorted.length, text: normal };
}

/** The most a pair of bags of these sizes can score: 2·min/(a+b). Lets callers skip hopeless candidates. */
export function similarityUpperBound(a: TrigramBag, b: TrigramBag): number {
  if (a.size === 0 || b.size === 0) return a.text === b.text && a.text !== '' ? 1 : 0;
  return (2 * Math.min(a.size, b.size)) / (a.size + b.size);
}

/** Dice similarity of two trigram bags, 0..1 (1 = the same after normalising). */
export function bagSimilarity(a: TrigramBag, b: TrigramBag): number {
  if (a.size === 0 || b.size === 0) return a.text === b.text && a.text !== '' ? 1 : 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  const x = a.ids;
  const y = b.ids;
  while (i < x.length && j < y.length) {
    const p = x[i] as number;
    const q = y[j] as number;
    if (p === q) {
      shared++;
      i++;
      j++;
    } else if (p < q) i++;
    else j++;
  }
  return (2 * shared) / (a.size + b.size);
}

/**
 * Similarity of two texts, 0..1, after normalising.
 * @example textSimilarity('Proud of our team! 🎉', 'proud of our team') // 1
 */
export function textSimilarity(a: string, b: string): number {
  return bagSimilarity(trigrams(a), trigrams(b));
}

/** A text others wrote, with who wrote it (colleagues' shares) or nobody (suggestions). */
export interface Candidate {
  text: string;
  source: 'suggestion' | 'colleague';
  /** The colleagues who posted this exact text (empty for suggestions). */
  personIds: readonly string[];
}

export interface SimilarityVerdict {
  /** Highest similarity found (0..1). */
  similarity: number;
  personalised: boolean;
  /** What made the text count as copied (colleagues win a tie: the composer names how many), or null. */
  similarTo: 'suggestion' | 'colleague' | null;
  /** How many different colleagues posted a text at least 90% similar. */
  colleaguesWithSimilarText: number;
}

const bagCache = new Map<string, TrigramBag>();
const BAG_CACHE_SIZE = 5000;

/** Trigram bags of texts seen before (suggestions and shares are compared on every keystroke check). */
function cachedTrigrams(text: string): TrigramBag {
  const hit = bagCache.get(text);
  if (hit) {
    bagCache.delete(text);
    bagCache.set(text, hit);
    return hit;
  }
  const bag = trigrams(text);
  bagCache.set(text, bag);
  if (bagCache.size > BAG_CACHE_SIZE) bagCache.delete(bagCache.keys().next().value as string);
  return bag;
}

/**
 * Applies the near-duplicate rule to a text against suggestions and colleagues' texts. Pass
 * distinct texts (with the colleagues who posted each); pairs whose lengths alone rule out both a
 * new maximum and the threshold are skipped.
 */
export function judgeText(text: string, candidates: readonly Candidate[]): SimilarityVerdict {
  if (gramIds.size > MAX_GRAMS) {
    // Numbers are only comparable within one numbering: start both afresh together.
    gramIds = new Map();
    bagCache.clear();
  }
  const mine = trigrams(text);
  let best = 0;
  let bestSource: Candidate['source'] | null = null;
  const colleagues = new Set<string>();
  let copiedFromSuggestion = false;
  for (const candidate of candidates) {
    const theirs = cachedTrigrams(candidate.text);
    const bound = similarityUpperBound(mine, theirs);
    if (bound < COPIED_THRESHOLD && bound <= best) continue;
    const score = bagSimilarity(mine, theirs);
    if (score > best || (score === best && candidate.source === 'colleague')) {
      best = score;
      bestSource = candidate.source;
    }
    if (score >= COPIED_THRESHOLD) {
      if (candidate.source === 'suggestion') copiedFromSuggestion = true;
      for (const id of candidate.personIds) colleagues.add(id);
    }
  }
  const copied = best >= COPIED_THRESHOLD;
  const similarTo = !copied ? null : colleagues.size > 0 ? 'colleague' : copiedFromSuggestion ? 'suggestion' : bestSource;
  // Rounded down, so a reported 0.9 always means copied.
  return { similarity: Math.floor(best * 1000) / 1000, personalised: !copied, similarTo, colleaguesWithSimilarText: colleagues.size };
}
