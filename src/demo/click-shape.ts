import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Network } from '../db/schema/stories.ts';
import type { ClickInput, ClickKind } from '../links/store.ts';

/**
 * The shape of the demo's synthetic clicks, as pure functions of a seeded random source: when
 * people click (evenings and lunch on weekdays, decaying after the share), on what device, from
 * which referrer, and how much bot and preview noise comes with it.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export type Random = () => number;

/** Picks a key by weight. */
export function weighted<T extends string | number>(rand: Random, weights: readonly (readonly [T, number])[]): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights.at(-1) as readonly [T, number])[0];
}

/** An exponentially distributed wait with the given mean. */
export const exponential = (rand: Random, mean: number): number => -Math.log(1 - rand()) * mean;

/** A log-normal factor around 1 (the spread of reach between posts). */
export function spread(rand: Random, sigma: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.exp(gaussian * sigma - (sigma * sigma) / 2);
}

/** A UUIDv7 for the given time from the seeded source: ids sort like the clicks and the demo is the same every time. */
export function seededUuid(rand: Random, at: Date | number): string {
  const random = new Uint8Array(16);
  for (let i = 0; i < 16; i++) random[i] = Math.floor(rand() * 256);
  return uuidv7({ msecs: typeof at === 'number' ? at : at.getTime(), random });
}

/** How busy each hour of the day is for people reading LinkedIn (Amsterdam time): commute, lunch and evening peaks. */
const hourWeights = [0.05, 0.03, 0.02, 0.02, 0.03, 0.1, 0.35, 0.8, 1, 0.85, 0.7, 0.75, 0.95, 0.9, 0.65, 0.6, 0.65, 0.75, 0.7, 0.85, 0.95, 0.8, 0.45, 0.15];
/** Weekends are quieter on LinkedIn. */
const weekdayWeights = [0.5, 1, 1, 1, 0.95, 0.85, 0.45];

/** How likely a person clicks at this moment (0–1), by hour and weekday in Amsterdam (UTC+1, summer time ignored). */
export function activity(at: number): number {
  const local = new Date(at + HOUR);
  return (hourWeights[local.getUTCHours()] ?? 0.5) * (weekdayWeights[local.getUTCDay()] ?? 1);
}

/**
 * When a person clicks on a share made at `sharedAt`: most within a day, a tail over the following
 * weeks, at the hours people read; null when the moment would lie after `until`.
 */
export function clickTime(rand: Random, sharedAt: number, until: number): number | null {
  for (let attempt = 0; attempt < 12; attempt++) {
    const delay = rand() < 0.82 ? exponential(rand, 16 * HOUR) : exponential(rand, 7 * DAY);
    const at = sharedAt + 60_000 + delay;
    if (at > until) continue;
    if (rand() < activity(at)) return Math.floor(at);
  }
  return null;
}

/** People's clicks a share gets, on average, by network (LinkedIn posts travel furthest). */
export const meanReach: Record<Network, number> = { linkedin: 26, facebook: 11, x: 7, whatsapp: 8, email: 4, link: 3 };

/** The device a visitor from a network uses. */
export function deviceFor(rand: Random, network: Network): NonNullable<ClickInput['device']> {
  const mobile = { linkedin: 0.62, facebook: 0.75, x: 0.7, whatsapp: 0.92, email: 0.35, link: 0.5 }[network];
  const roll = rand();
  return roll < mobile ? 'mobile' : roll < mobile + 0.05 ? 'tablet' : 'desktop';
}

const referrers: Record<Network, readonly (readonly [string, number])[]> = {
  linkedin: [['www.linkedin.com', 45], ['lnkd.in', 30], ['com.linkedin.android', 5], ['', 20]],
  x: [['t.co', 85], ['', 15]],
  facebook: [['l.facebook.com', 50], ['m.facebook.com', 30], ['lm.facebook.com', 10], ['', 10]],
  whatsapp: [['', 80], ['web.whatsapp.com', 20]],
  email: [['', 70], ['mail.google.com', 15], ['outlook.live.com', 15]],
  link: [['', 100]],
};

/** The referrer host a click from a network arrives with (in-app browsers often send none). */
export function referrerFor(rand: Random, network: Network): string | null {
  return weighted(rand, referrers[network]) || null;
}

/** Link-preview fetches right after a share: each network's crawler renders the card. */
export const previewsAtShare: Record<Network, number> = { linkedin: 2, facebook: 2, x: 1, whatsapp: 1, email: 0, link: 0 };

/** Stand-in for the salted visitor hash: the same visitor on the same day hashes the same, on another day differently (as with the daily salt). */
export function demoVisitorHash(visitor: string, at: number): string {
  return createHash('sha256').update(`demo\u0000${visitor}\u0000${new Date(at).toISOString().slice(0, 10)}`).digest('base64url').slice(0, 22);
}

/** A click of the demo, before it gets its share's dimensions. */
export interface DemoClick {
  id: string;
  at: number;
  kind: ClickKind;
  device: ClickInput['device'];
  referrerHost: string | null;
  visitorHash: string | null;
}

/** A bot's or crawler's opening: no device, no visitor. */
export function botClick(rand: Random, kind: Exclude<ClickKind, 'visit'>, at: number, referrerHost: string | null = null): DemoClick {
  return { id: seededUuid(rand, at), at, kind, device: null, referrerHost, visitorHash: null };
}
