import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ThemePressure } from '../vacancies/pressure.ts';
import { FEED_WEIGHTS, personalOrder, positionAfter, pressureView, type Ranked, rankStories, scoreOnly, scoreStory, type StoryFacts } from './ranking.ts';

const DAY = 86_400_000;
const ref = Date.parse('2026-11-27T09:00:00Z');
const noPressure = pressureView(new Map());
const nobody = new Set<string>();
let counter = 0;

function story(overrides: Partial<StoryFacts> & { ageDays?: number } = {}): StoryFacts {
  counter += 1;
  const { ageDays = 10, ...rest } = overrides;
  return { id: `0190${String(counter).padStart(4, '0')}-0000-7000-8000-000000000000`, publishedAt: new Date(ref - ageDays * DAY), forMyGroup: false, inCampaign: false, themeIds: [], ...rest };
}

const pressure = (total: number, byDepartment: Record<string, number> = {}): ThemePressure => ({ total, byDepartment: new Map(Object.entries(byDepartment)), vacancies: 1 });
const close = (actual: number, expected: number, message = `${actual} ≈ ${expected}`) => assert.ok(Math.abs(actual - expected) < 1e-9, message);

test('recency halves every week, and a story is new for three days', () => {
  close(scoreStory(story({ ageDays: 0 }), nobody, noPressure, ref).score, 1);
  close(scoreStory(story({ ageDays: 7 }), nobody, noPressure, ref).score, 0.5);
  close(scoreStory(story({ ageDays: 14 }), nobody, noPressure, ref).score, 0.25);
  assert.deepEqual(scoreStory(story({ ageDays: 3 }), nobody, noPressure, ref).reasons, [{ key: 'new' }]);
  assert.deepEqual(scoreStory(story({ ageDays: 3.1 }), nobody, noPressure, ref).reasons, []);
  close(scoreStory(story({ ageDays: -1 }), nobody, noPressure, ref).score, 1);
});

test('a story targeted at one of my groups gains the group weight', () => {
  const mine = scoreStory(story({ forMyGroup: true }), nobody, noPressure, ref);
  const everyone = scoreStory(story(), nobody, noPressure, ref);
  close(mine.score - everyone.score, FEED_WEIGHTS.yourGroup);
  assert.deepEqual(mine.reasons, [{ key: 'your_group' }]);
});

test('hiring pressure counts the most pressing of a story’s themes, on a log scale against the most pressing theme of all', () => {
  const view = pressureView(new Map([['care', pressure(24)], ['it', pressure(3)], ['quiet', pressure(0)]]));
  const top = scoreStory(story({ themeIds: ['it', 'care'] }), nobody, view, ref);
  const base = scoreStory(story(), nobody, view, ref).score;
  close(top.score - base, FEED_WEIGHTS.hiring);
  assert.deepEqual(top.reasons, [{ key: 'hiring', themeId: 'care' }], 'the reason names the theme that carries the pressure');
  const small = scoreStory(story({ themeIds: ['it'] }), nobody, view, ref);
  close(small.score - base, FEED_WEIGHTS.hiring * (Math.log1p(3) / Math.log1p(24)));
  assert.deepEqual(scoreStory(story({ themeIds: ['quiet', 'unknown'] }), nobody, view, ref).reasons, [], 'no open vacancy: no hiring reason');
});

test('pressure from vacancies in my own departments adds to it, only for me', () => {
  const view = pressureView(new Map([['care', pressure(24, { icu: 16, ward: 8 })], ['it', pressure(6, { ict: 6 })]]));
  const facts = story({ ageDays: 30, themeIds: ['care', 'it'] });
  const outsider = scoreStory(facts, new Set(['finance']), view, ref);
  const nurse = scoreStory(facts, new Set(['icu', 'some-team']), view, ref);
  close(nurse.score - outsider.score, FEED_WEIGHTS.yourDepartmentHiring * (Math.log1p(16) / Math.log1p(24)));
  assert.deepEqual(outsider.reasons, [{ key: 'hiring', themeId: 'care' }]);
  assert.deepEqual(nurse.reasons, [{ key: 'hiring', themeId: 'care' }, { key: 'your_department_hiring', themeId: 'care' }]);
  const both = scoreStory(facts, new Set(['icu', 'ward']), view, ref);
  close(both.score - outsider.score, FEED_WEIGHTS.yourDepartmentHiring, 'two of my departments add up to the whole theme');
  const it = scoreStory(facts, new Set(['ict']), view, ref);
  assert.deepEqual(it.reasons.at(-1), { key: 'your_department_hiring', themeId: 'it' }, 'the department reason names my department’s theme');
});

test('a campaign story stays above any story outside a campaign; among campaign stories the rest decides', () => {
  const view = pressureView(new Map([['care', pressure(24, { icu: 24 })]]));
  const departments = new Set(['icu']);
  const best = story({ ageDays: 0, forMyGroup: true, themeIds: ['care'] });
  const oldCampaign = story({ ageDays: 60, inCampaign: true });
  const freshCampaign = story({ ageDays: 1, inCampaign: true });
  const ranked = rankStories([best, oldCampaign, freshCampaign], departments, view, ref);
  assert.deepEqual(ranked.map((r) => r.id), [freshCampaign.id, oldCampaign.id, best.id]);
  assert.deepEqual(ranked[0]?.reasons, [{ key: 'campaign' }, { key: 'new' }], 'strongest reason first');
  assert.deepEqual(ranked[2]?.reasons.map((r) => r.key), ['new', 'hiring', 'your_group', 'your_department_hiring']);
});

test('a story I shared loses the shared weight and says so; my order puts it lower', () => {
  const fresh = story({ ageDays: 0 });
  const mine = scoreStory(fresh, nobody, noPressure, ref, true);
  close(mine.score, 1 + FEED_WEIGHTS.alreadyShared);
  assert.deepEqual(mine.reasons, [{ key: 'new' }, { key: 'already_shared' }], 'having shared it comes last');

  const ranked = rankStories([fresh, story({ ageDays: 5 }), story({ ageDays: 10 })], nobody, noPressure, ref);
  assert.equal(personalOrder(ranked, new Map()), ranked, 'nothing shared: the same array');
  assert.equal(personalOrder(ranked, new Map([['someone-else', 1]])), ranked);
  const order = personalOrder(ranked, new Map([[fresh.id, 2]]));
  assert.deepEqual(order.map((r) => r.id), [ranked[1]?.id, ranked[2]?.id, fresh.id], 'a shared new story drops below a 10-day-old one');
  close(order[2]?.score ?? 0, mine.score);
  close(ranked[0]?.score ?? 0, 1, 'the shared ranking is left as it was');
});

test('equal scores keep a stable order, and a keyset position finds the next entry', () => {
  const a = story({ ageDays: 4 });
  const b = story({ ageDays: 4 });
  const c = story({ ageDays: 9 });
  const ranked = rankStories([a, c, b], nobody, noPressure, ref);
  assert.deepEqual(ranked.map((r) => r.id), [b.id, a.id, c.id], 'ties: the newer id first');
  const [first, second] = ranked as [Ranked, Ranked, Ranked];
  assert.equal(positionAfter(ranked, first), 1);
  assert.equal(positionAfter(ranked, second), 2);
  assert.equal(positionAfter(ranked, { score: -5, id: a.id }), 3);
  assert.equal(positionAfter(ranked, { score: first.score, id: '0' }), 2, 'a position between two entries');
});

test('the score a ranking sorts by is the score the reasons come with', () => {
  const view = pressureView(new Map([['care', pressure(24, { icu: 16 })], ['it', pressure(3, { ict: 3 })]]));
  for (const ageDays of [0, 2, 9, 40]) {
    for (const themeIds of [[], ['care'], ['it', 'care'], ['unknown']]) {
      for (const departments of [nobody, new Set(['icu']), new Set(['ict', 'icu'])]) {
        for (const [forMyGroup, inCampaign] of [[false, false], [true, false], [false, true], [true, true]] as const) {
          const facts = story({ ageDays, themeIds, forMyGroup, inCampaign });
          assert.equal(scoreOnly(facts, departments, view, ref), scoreStory(facts, departments, view, ref).score);
        }
      }
    }
  }
});

test('a reader’s order with shared stories merged back keeps every story once', () => {
  const ranked = rankStories(Array.from({ length: 40 }, (_, i) => story({ ageDays: i / 2, forMyGroup: i % 3 === 0 })), nobody, noPressure, ref);
  const shared = new Map(ranked.filter((_, i) => i % 7 === 0).map((r) => [r.id, 1]));
  const order = personalOrder(ranked, shared);
  assert.equal(order.length, ranked.length);
  assert.equal(new Set(order.map((r) => r.id)).size, ranked.length);
  for (let i = 1; i < order.length; i++) assert.ok((order[i - 1]?.score ?? 0) >= (order[i]?.score ?? 0), 'highest score first throughout');
});
