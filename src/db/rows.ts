/** The rows of a raw `execute`: Drizzle answers rows on PGlite and a result with rows on node-postgres. */
export const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);
