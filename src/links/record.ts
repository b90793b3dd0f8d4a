import type { AppContext } from '../context.ts';
import { clicks } from '../db/schema/index.ts';

/** One opening of a link, as stored: never the IP address or the user agent. */
export interface Click {
  /** UUIDv7; handed to the destination as `pcid` so a later conversion can be joined to it. */
  id: string;
  linkCode: string;
  shareId: string;
  occurredAt: Date;
  /** True for everything that is not a person's visit (crawlers, bots, HEAD requests). */
  bot: boolean;
  kind: 'visit' | 'preview' | 'head' | 'bot';
  device: 'mobile' | 'tablet' | 'desktop' | null;
  referrerHost: string | null;
}

/**
 * Records one opening of a link. Kept to this one function so the click-tracking issue can swap
 * the direct insert for group commit with a spool file without touching the redirect.
 */
export async function recordClick(ctx: AppContext, click: Click): Promise<void> {
  await ctx.database.db.insert(clicks).values(click);
}
