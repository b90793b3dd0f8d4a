import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { visitorSalts } from '../db/schema/index.ts';

/** Salts are deleted this long after they were made: a visitor hash can then never be matched again. */
export const SALT_LIFETIME_MS = 48 * 3_600_000;
/** The redirect never waits longer than this for the day's salt; without it the click is stored without a visitor hash. */
const SALT_WAIT_MS = 500;

/**
 * The visitor hash's daily salt (the Plausible method): one random salt per UTC day, shared by
 * every node through the database, held in memory so a redirect reads nothing. Making a new day's
 * salt also deletes the salts older than 48 hours.
 */
export class VisitorSalts {
  readonly #database: Database;
  readonly #known = new Map<string, string>();
  readonly #loading = new Map<string, Promise<string | null>>();

  constructor(database: Database) {
    this.#database = database;
  }

  /** The salt of the UTC day of `now`, or null when the database cannot be asked in time. */
  async saltFor(now: Date): Promise<string | null> {
    const day = now.toISOString().slice(0, 10);
    const known = this.#known.get(day);
    if (known) return known;
    let loading = this.#loading.get(day);
    if (!loading) {
      loading = this.#load(day, now).finally(() => this.#loading.delete(day));
      this.#loading.set(day, loading);
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), SALT_WAIT_MS);
    });
    return Promise.race([loading, late]).finally(() => clearTimeout(timer));
  }

  async #load(day: string, now: Date): Promise<string | null> {
    try {
      const db = this.#database.db;
      await db.delete(visitorSalts).where(lt(visitorSalts.createdAt, new Date(now.getTime() - SALT_LIFETIME_MS)));
      await db.insert(visitorSalts).values({ day, salt: randomBytes(32).toString('base64url'), createdAt: now }).onConflictDoNothing();
      const [row] = await db.select({ salt: visitorSalts.salt }).from(visitorSalts).where(eq(visitorSalts.day, day)).limit(1);
      if (!row) return null;
      // Only today's salt is needed in memory; yesterday's goes.
      this.#known.clear();
      this.#known.set(day, row.salt);
      return row.salt;
    } catch {
      return null;
    }
  }
}

/**
 * The visitor hash: (salt, IP address, user agent, link host) → 128 bits. Neither the address nor
 * the user agent is stored anywhere; once the salt is deleted the hash leads to no one.
 */
export function visitorHash(salt: string, ip: string, userAgent: string, linkHost: string): string {
  return createHash('sha256').update(`${salt}\u0000${ip}\u0000${userAgent}\u0000${linkHost.toLowerCase()}`).digest('base64url').slice(0, 22);
}
