/** The smallest group an aggregate view shows to anyone but an admin (k-anonymity). */
export const MIN_GROUP = 5;

/** Keys a suppressed row keeps: what the row is, never its figures. */
const identifying = new Set(['key', 'label']);

/** A row after suppression: its figures are null when suppressed. */
export type Suppressible<T> = { [K in keyof T]: K extends 'key' | 'label' ? T[K] : T[K] | null } & { suppressed: boolean };

/** Whether a group of this many distinct people is too small to show (an empty group reveals nobody). */
export const tooSmall = (people: number): boolean => people > 0 && people < MIN_GROUP;

function nulled<T extends object>(row: T): Suppressible<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = identifying.has(key) ? value : null;
  out.suppressed = true;
  return out as Suppressible<T>;
}

/**
 * Rows with fewer than MIN_GROUP distinct people get their figures nulled (suppressed: true), plus
 * the smallest other row when exactly one is suppressed (so the total cannot be subtracted to reveal
 * it); admins see everything.
 * @example suppressSmallGroups([{ key: 'a', people: 3, shares: 9 }, …], { admin: false })
 */
export function suppressSmallGroups<T extends { people: number }>(rows: T[], options: { admin: boolean }): Suppressible<T>[] {
  if (options.admin) return rows.map((row) => ({ ...row, suppressed: false }) as Suppressible<T>);
  const hidden = new Set<number>();
  rows.forEach((row, index) => {
    if (tooSmall(row.people)) hidden.add(index);
  });
  if (hidden.size === 1) {
    // One hidden row plus a visible total would give it away: hide the smallest other group with it.
    let smallest = -1;
    rows.forEach((row, index) => {
      if (hidden.has(index) || row.people === 0) return;
      if (smallest === -1 || row.people < (rows[smallest]?.people ?? Number.POSITIVE_INFINITY)) smallest = index;
    });
    if (smallest !== -1) hidden.add(smallest);
  }
  return rows.map((row, index) => (hidden.has(index) ? nulled(row) : ({ ...row, suppressed: false } as Suppressible<T>)));
}

/** One figure set (a total, or a narrowed overview) for a group of this many people: nulled below MIN_GROUP unless admin. */
export function suppressGroup<T extends { people: number }>(row: T, options: { admin: boolean }): Suppressible<T> {
  return !options.admin && tooSmall(row.people) ? nulled(row) : ({ ...row, suppressed: false } as Suppressible<T>);
}
