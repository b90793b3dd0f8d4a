import type { Tx } from '../db/client.ts';

/** The person an export or erasure is about, as they were before erasure. */
export interface DataSubject {
  id: string;
  email: string;
}

/**
 * What one domain holds about people, and how to export, erase and expire it. Every table of the
 * schema is named by an entry (or declared free of personal data); a test keeps it that way.
 */
export interface PersonalDataEntry {
  /** Stable key, also the section name in an export, e.g. `auth.sessions`. */
  key: string;
  /** The tables this entry covers. */
  tables: string[];
  /** What is held and why, for the admin's register page. */
  description: string;
  export(tx: Tx, subject: DataSubject): Promise<unknown>;
  /** Removes or anonymises the data; shared links and aggregate totals must keep working. */
  erase(tx: Tx, subject: DataSubject, now: Date): Promise<void>;
  retention?: {
    defaultDays: number;
    /** Deletes what is older than the cutoff; returns how many rows went. */
    purge(tx: Tx, cutoff: Date): Promise<number>;
  };
}

const entries = new Map<string, PersonalDataEntry>();
/** Tables known to hold no personal data (settings, job queues). */
const freeTables = new Set<string>();

/** Registers a domain's personal data; called once per entry at module load. */
export function registerPersonalData(entry: PersonalDataEntry): void {
  if (entries.has(entry.key)) throw new Error(`personal data entry ${entry.key} registered twice`);
  entries.set(entry.key, entry);
}

/** Declares tables that hold no personal data. */
export function declareNoPersonalData(...tables: string[]): void {
  for (const table of tables) freeTables.add(table);
}

/** Every registered entry, in registration order. */
export function personalDataEntries(): PersonalDataEntry[] {
  return [...entries.values()];
}

/** Tables declared free of personal data. */
export function tablesWithoutPersonalData(): string[] {
  return [...freeTables];
}
