import webpush from 'web-push';
import { type AppContext, perContext } from '../context.ts';
import { settings } from '../db/schema/index.ts';
import { getSetting } from '../settings/service.ts';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const remembered = perContext((): { keys: VapidKeys | null } => ({ keys: null }));

/**
 * The organisation's VAPID key pair (RFC 8292), made with web-push the first time anyone needs it
 * and kept in settings; every node reads the same pair (a race between two nodes keeps the first).
 * The private key never leaves the server: only the public key is ever answered.
 */
export async function vapidKeys(ctx: AppContext): Promise<VapidKeys> {
  const memo = remembered(ctx);
  if (memo.keys) return memo.keys;
  const db = ctx.database.db;
  let keys = await getSetting(db, 'push.vapid');
  if (!keys) {
    const made = webpush.generateVAPIDKeys();
    await db
      .insert(settings)
      .values({ key: 'push.vapid', value: { publicKey: made.publicKey, privateKey: made.privateKey }, updatedAt: ctx.clock.now() })
      .onConflictDoNothing();
    keys = await getSetting(db, 'push.vapid');
    if (!keys) throw new Error('the VAPID key pair could not be stored');
  }
  memo.keys = keys;
  return keys;
}

/**
 * Who push services may contact about our messages: the site when it is served over https, else
 * the sender address of Podium's mail (web-push and RFC 8292 want an https: or mailto: URI).
 */
export function vapidSubject(ctx: AppContext): string {
  if (ctx.config.baseUrl.startsWith('https://')) return ctx.config.baseUrl;
  const address = /<([^>]+)>/.exec(ctx.config.mailFrom)?.[1] ?? ctx.config.mailFrom;
  return `mailto:${address.trim()}`;
}
