import { inArray } from 'drizzle-orm';
import { AttemptCounter } from '../auth/attempts.ts';
import { type AppContext, perContext } from '../context.ts';
import { clicks } from '../db/schema/index.ts';
import { AppError } from '../http/errors.ts';
import type { BrowserConversionInput } from './schema.ts';
import { loadConversions, recordConversion } from './service.ts';

/**
 * Conversions a browser may report per click id and day. A real visitor converts a handful of
 * times (apply started, application); anyone who copies one pcid cannot inflate its results.
 */
export const BROWSER_CONVERSIONS_PER_CLICK = 10;
const perClick = perContext(() => new AttemptCounter(BROWSER_CONVERSIONS_PER_CLICK, 86_400_000));

/**
 * The external id a browser's report is stored under: in a namespace of its own, so a page can
 * never claim an id the ATS will report later (the ATS's report would otherwise answer with the
 * forged one, being the "first").
 */
export const browserExternalId = (externalId: string): string => `web:${externalId}`;

/**
 * Records a conversion reported by t.js. Public, so it accepts only what it can check: click ids
 * that exist (unknown ones are dropped; with no person's click among them nothing is stored),
 * no hires, the time of arrival as the time, and a brake per click id on top of the per-address
 * rate limit of the route.
 */
export async function recordBrowserConversion(ctx: AppContext, input: BrowserConversionInput): Promise<{ created: boolean }> {
  const externalId = browserExternalId(input.externalId);
  // A retry of a report already stored is answered as such and counts against no brake.
  if ((await loadConversions(ctx.database.db, [externalId])).has(externalId)) return { created: false };
  const reported = [...new Set(input.clickIds.map((id) => id.toLowerCase()))];
  const known = await ctx.database.db.select({ id: clicks.id, bot: clicks.bot }).from(clicks).where(inArray(clicks.id, reported));
  if (!known.some((click) => !click.bot)) throw new AppError(422, 'conversion_click_unknown', 'error.conversion_click_unknown');
  const now = ctx.clock.now().getTime();
  const wait = Math.max(...known.map((click) => perClick(ctx).hit(click.id, now)));
  if (wait > 0) throw new AppError(429, 'rate_limited', 'error.rate_limited', { seconds: wait });
  const knownIds = new Set(known.map((click) => click.id));
  const { created } = await recordConversion(
    ctx,
    { type: input.type, externalId, clickIds: reported.filter((id) => knownIds.has(id)), vacancyRef: input.vacancy ?? null },
    'script',
  );
  return { created };
}
