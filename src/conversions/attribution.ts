/** How far back a conversion looks for the clicks that led to it. */
export const LOOKBACK_DAYS = 90;
export const LOOKBACK_MS = LOOKBACK_DAYS * 86_400_000;

/** A stored click as attribution needs it. */
export interface ReportedClick {
  id: string;
  shareId: string;
  occurredAt: Date;
  bot: boolean;
}

/** One touchpoint of a conversion with its credit under the three models. */
export interface Touchpoint {
  clickId: string;
  shareId: string;
  /** 1 for the first touch, counting up in time order. */
  position: number;
  occurredAt: Date;
  creditFirst: number;
  creditLast: number;
  creditLinear: number;
}

/**
 * The touchpoints of a conversion: the people's clicks (never bots, previews or HEAD requests)
 * among the reported ones that happened in the 90 days up to the conversion — a click exactly
 * 90 days before counts, one a millisecond earlier or any click after the conversion does not.
 * First touch gives all credit to the earliest, last touch to the latest, linear 1/n to each.
 * @example attribute(new Date('2026-03-10'), clicks).map((t) => t.creditLinear) // [0.5, 0.5]
 */
export function attribute(occurredAt: Date, clicks: readonly ReportedClick[]): Touchpoint[] {
  const end = occurredAt.getTime();
  const start = end - LOOKBACK_MS;
  const seen = new Set<string>();
  const touches = clicks
    .filter((click) => {
      const at = click.occurredAt.getTime();
      if (click.bot || at < start || at > end || seen.has(click.id)) return false;
      seen.add(click.id);
      return true;
    })
    // Ties in time are broken by click id (UUIDv7, so in the order the clicks were made).
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = touches.length;
  return touches.map((click, index) => ({
    clickId: click.id,
    shareId: click.shareId,
    position: index + 1,
    occurredAt: click.occurredAt,
    creditFirst: index === 0 ? 1 : 0,
    creditLast: index === n - 1 ? 1 : 0,
    creditLinear: 1 / n,
  }));
}
