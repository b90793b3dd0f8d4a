import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLEAR_MARGIN, type Classification, classify, decide, hasEnoughData, MIN_OBSERVED_DAYS, type PersonaSignals, type PersonaState, weekOf } from './model.ts';

/** Someone Podium has watched for 90 days who did nothing at all and told nothing. */
const nothing: PersonaSignals = {
  feedVisits: 0,
  storyReads: 0,
  activeDays: 0,
  shares: 0,
  personalisedShares: 0,
  storiesAuthored: 0,
  storiesFeatured: 0,
  nudgesSent: 0,
  nudgesFollowed: 0,
  tenureYears: null,
  networkSize: null,
  observedDays: 90,
  assessment: null,
};

const histories = {
  // Fifteen years in, never opens the feed, lets three nudges pass.
  anchored: { ...nothing, tenureYears: 15, nudgesSent: 3, networkSize: 80 },
  // Eight years in, shares often (suggested texts as often as own words), featured in a story, answers nudges.
  loyal_fan: { ...nothing, tenureYears: 8, feedVisits: 25, storyReads: 6, activeDays: 20, shares: 10, personalisedShares: 5, storiesFeatured: 1, nudgesSent: 4, nudgesFollowed: 3 },
  // Five years in, reads the feed and stories every week, has never shared.
  cautious_mover: { ...nothing, tenureYears: 5, feedVisits: 40, storyReads: 15, activeDays: 30 },
  // A year in, a big network, shares in their own words, wrote a story.
  job_hopper: { ...nothing, tenureYears: 1, networkSize: 3000, feedVisits: 12, storyReads: 8, activeDays: 12, shares: 8, personalisedShares: 7, storiesAuthored: 1 },
} satisfies Record<string, PersonaSignals>;

for (const [persona, signals] of Object.entries(histories)) {
  test(`a crafted ${persona} history is classified as ${persona}, with the reasons that decided it`, () => {
    const result = classify(signals);
    assert.equal(result.persona, persona, JSON.stringify(result.scores));
    assert.ok(result.reasons.length > 0 && result.reasons.length <= 5);
    assert.ok(result.reasons.every((reason) => reason.persona === persona));
    const strongest = result.reasons[0];
    assert.ok(strongest && strongest.effect > 0, 'the strongest reason speaks for the type');
    // The reasons are ordered by how much they moved the score.
    const effects = result.reasons.map((r) => Math.abs(r.effect));
    assert.deepEqual(effects, [...effects].sort((a, b) => b - a));
  });
}

test('the decisive signals are named: lurking for a cautious mover, own words and network for a job hopper', () => {
  const cautious = classify(histories.cautious_mover);
  assert.equal(cautious.reasons[0]?.signal, 'lurking');
  assert.equal(cautious.reasons[0]?.value, 55, 'feed visits plus story reads');
  const hopper = classify(histories.job_hopper).reasons.map((r) => r.signal);
  assert.ok(hopper.includes('own_words') && hopper.includes('big_network') && hopper.includes('short_tenure'), hopper.join());
  const anchored = classify(histories.anchored).reasons.map((r) => r.signal);
  assert.ok(anchored.includes('quiet') && anchored.includes('long_tenure') && anchored.includes('nudge_ignored'), anchored.join());
});

test('a cautious mover who starts to share in their own words every week becomes a job hopper or loyal fan, not a lurker', () => {
  const braver = classify({ ...histories.cautious_mover, shares: 12, personalisedShares: 10 });
  assert.notEqual(braver.persona, 'cautious_mover');
  assert.ok(braver.scores.cautious_mover < 0.5);
});

test('minimum data: a new person with little activity stays unknown, with the reason', () => {
  const newcomer = { ...nothing, observedDays: MIN_OBSERVED_DAYS - 1, feedVisits: 10, storyReads: 5, activeDays: 6, tenureYears: 0.1 };
  assert.equal(hasEnoughData(newcomer), false, 'not observed long enough');
  const result = classify(newcomer);
  assert.equal(result.persona, 'unknown');
  assert.deepEqual(result.reasons.map((r) => r.signal), ['too_little_data']);
  // Long enough, but only one piece of evidence (tenure): still unknown.
  assert.equal(classify({ ...nothing, observedDays: 40, tenureYears: 12 }).persona, 'unknown');
  // Long enough, and enough evidence: a type.
  assert.equal(classify({ ...newcomer, observedDays: MIN_OBSERVED_DAYS }).persona, 'cautious_mover');
});

test('nothing at all over 90 days, not even tenure, is unknown rather than anchored', () => {
  assert.equal(classify(nothing).persona, 'unknown');
});

test('the self-assessment alone is enough data, and it weighs in: a quiet newcomer who says they are open to moves', () => {
  const quietNewcomer = { ...nothing, observedDays: 3 };
  assert.equal(classify(quietNewcomer).persona, 'unknown');
  const hopper = classify({ ...quietNewcomer, assessment: { linkedinUse: 5, postingComfort: 5, pride: 2, careerOpenness: 5 } });
  assert.equal(hopper.persona, 'job_hopper');
  assert.ok(hopper.reasons.some((r) => r.signal === 'says_open_to_moves' && r.value === 5));
  const cautious = classify({ ...quietNewcomer, assessment: { linkedinUse: 4, postingComfort: 1, pride: 3, careerOpenness: 2 } });
  assert.equal(cautious.persona, 'cautious_mover');
});

test('a self-assessment corrects a behavioural type: a lurker who says they love to tell about their work and stay', () => {
  const corrected = classify({ ...histories.cautious_mover, assessment: { linkedinUse: 3, postingComfort: 5, pride: 5, careerOpenness: 1 } });
  assert.equal(corrected.persona, 'loyal_fan', JSON.stringify(corrected.scores));
});

const monday = new Date('2026-11-23T02:00:00Z');
const week = 7 * 86_400_000;
const stateOf = (persona: PersonaState['persona'], at: Date, extra: Partial<PersonaState> = {}): PersonaState => ({ persona, since: at, challenger: null, challengerWins: 0, computedAt: at, ...extra });
/** A verdict with chosen scores (the rule looks at the winner and the scores only). */
const verdict = (persona: Classification['persona'], scores: Partial<Classification['scores']>): Classification => ({
  persona,
  scores: { anchored: 0, loyal_fan: 0, cautious_mover: 0, job_hopper: 0, ...scores },
  reasons: [],
});

test('weekOf is the Monday of the ISO week', () => {
  assert.equal(weekOf(new Date('2026-11-23T00:00:00Z')), '2026-11-23');
  assert.equal(weekOf(new Date('2026-11-29T23:59:59Z')), '2026-11-23');
  assert.equal(weekOf(new Date('2026-11-30T00:00:00Z')), '2026-11-30');
  assert.equal(weekOf(new Date('2027-01-01T12:00:00Z')), '2026-12-28');
});

test('no flip-flop: a narrow challenger replaces the current type only after winning two weekly runs in a row', () => {
  const start = stateOf('cautious_mover', new Date(monday.getTime() - 10 * week));
  const narrow = verdict('loyal_fan', { cautious_mover: 2, loyal_fan: 2.4 });
  const first = decide(start, narrow, monday);
  assert.equal(first.persona, 'cautious_mover', 'one win is not enough');
  assert.equal(first.challenger, 'loyal_fan');
  assert.equal(first.challengerWins, 1);
  // The nightly runs of the same week do not add wins.
  let state = first;
  for (let day = 1; day < 7; day++) state = decide(state, narrow, new Date(monday.getTime() + day * 86_400_000));
  assert.equal(state.persona, 'cautious_mover');
  assert.equal(state.challengerWins, 1);
  // The next week's run is the second weekly win in a row.
  const second = decide(state, narrow, new Date(monday.getTime() + week));
  assert.equal(second.persona, 'loyal_fan');
  assert.equal(second.since.getTime(), monday.getTime() + week);
  assert.equal(second.challenger, null);
});

test('no flip-flop: a week where the current type wins again resets the challenger', () => {
  const start = stateOf('cautious_mover', new Date(monday.getTime() - 10 * week));
  const narrow = verdict('loyal_fan', { cautious_mover: 2, loyal_fan: 2.4 });
  const back = verdict('cautious_mover', { cautious_mover: 2.4, loyal_fan: 2 });
  let state = decide(start, narrow, monday);
  state = decide(state, back, new Date(monday.getTime() + week));
  assert.equal(state.challenger, null);
  state = decide(state, narrow, new Date(monday.getTime() + 2 * week));
  assert.equal(state.persona, 'cautious_mover', 'alternating weeks never switch');
  assert.equal(state.challengerWins, 1);
  // A different challenger starts counting afresh.
  state = decide(state, verdict('job_hopper', { cautious_mover: 2, job_hopper: 2.5 }), new Date(monday.getTime() + 3 * week));
  assert.equal(state.persona, 'cautious_mover');
  assert.equal(state.challenger, 'job_hopper');
  assert.equal(state.challengerWins, 1);
});

test('a same-week rerun that no longer favours the challenger takes its vote back', () => {
  const start = stateOf('anchored', new Date(monday.getTime() - 10 * week));
  let state = decide(start, verdict('loyal_fan', { anchored: 1.5, loyal_fan: 2 }), monday);
  state = decide(state, verdict('anchored', { anchored: 2, loyal_fan: 1.5 }), new Date(monday.getTime() + 86_400_000));
  assert.equal(state.challenger, null, 'the last run of the week is the week’s result');
  state = decide(state, verdict('loyal_fan', { anchored: 1.5, loyal_fan: 2 }), new Date(monday.getTime() + week));
  assert.equal(state.persona, 'anchored');
  assert.equal(state.challengerWins, 1);
});

test('a clear margin switches at once; a margin just below it does not', () => {
  const start = stateOf('cautious_mover', new Date(monday.getTime() - 10 * week));
  const clear = decide(start, verdict('job_hopper', { cautious_mover: 1, job_hopper: 1 + CLEAR_MARGIN }), monday);
  assert.equal(clear.persona, 'job_hopper');
  const almost = decide(start, verdict('job_hopper', { cautious_mover: 1, job_hopper: 1 + CLEAR_MARGIN - 0.01 }), monday);
  assert.equal(almost.persona, 'cautious_mover');
});

test('the first type is given at once, and too little data returns to unknown at once', () => {
  const first = decide(null, verdict('loyal_fan', { loyal_fan: 2 }), monday);
  assert.equal(first.persona, 'loyal_fan');
  assert.equal(first.since, monday);
  const fromUnknown = decide(stateOf('unknown', new Date(monday.getTime() - week)), verdict('anchored', { anchored: 1.2 }), monday);
  assert.equal(fromUnknown.persona, 'anchored');
  const toUnknown = decide(first, verdict('unknown', {}), new Date(monday.getTime() + week));
  assert.equal(toUnknown.persona, 'unknown');
});

test('no flip-flop through unknown: with enough data, a week where no type scores enough does not drop the type at once', () => {
  // Enough data, but the scores hover around the threshold: a mild reader who shares a little.
  const hovering = { ...nothing, tenureYears: 5, feedVisits: 8, storyReads: 4, activeDays: 8, shares: 2 };
  const weak = classify(hovering);
  assert.equal(hasEnoughData(hovering), true);
  assert.equal(weak.persona, 'unknown', JSON.stringify(weak.scores));
  const start = stateOf('cautious_mover', new Date(monday.getTime() - 10 * week));
  const first = decide(start, weak, monday);
  assert.equal(first.persona, 'cautious_mover', 'one weak week keeps the type');
  assert.equal(first.challenger, 'unknown');
  const back = decide(first, verdict('cautious_mover', { cautious_mover: 1.1 }), new Date(monday.getTime() + week));
  assert.equal(back.persona, 'cautious_mover');
  assert.equal(back.since.getTime(), start.since.getTime(), 'no new since date: it never changed');
  // Two weak weeks in a row do make the type unknown.
  const twice = decide(decide(start, weak, monday), weak, new Date(monday.getTime() + week));
  assert.equal(twice.persona, 'unknown');
  // Too little data still returns to unknown at once.
  const gone = classify({ ...nothing, observedDays: 90, tenureYears: 5 });
  assert.equal(decide(start, gone, monday).persona, 'unknown');
});

test('a new self-assessment applies the type it leads to at once, even by a narrow margin', () => {
  const start = stateOf('cautious_mover', new Date(monday.getTime() - 10 * week));
  const narrow = verdict('loyal_fan', { cautious_mover: 2, loyal_fan: 2.4 });
  assert.equal(decide(start, narrow, monday).persona, 'cautious_mover');
  assert.equal(decide(start, narrow, monday, { assessmentChanged: true }).persona, 'loyal_fan');
});

test('an unchanged type keeps its since date', () => {
  const start = stateOf('loyal_fan', new Date(monday.getTime() - 10 * week));
  const next = decide(start, verdict('loyal_fan', { loyal_fan: 3 }), monday);
  assert.equal(next.since.getTime(), start.since.getTime());
  assert.equal(next.computedAt, monday);
});
