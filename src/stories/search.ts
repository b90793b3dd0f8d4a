import { type SQL, sql } from 'drizzle-orm';
import { stories } from '../db/schema/index.ts';

/**
 * The search as PostgreSQL text-search queries in both configurations: a story's vector is built
 * with the configuration of its own language, and a reader may search a Dutch story in English
 * words or the other way round, so a match in either counts. websearch_to_tsquery accepts what
 * people type ("quoted phrases", or, -minus) and never fails on odd input.
 */
const tsQuery = (q: string): SQL => sql`(websearch_to_tsquery('dutch', ${q}) || websearch_to_tsquery('english', ${q}))`;

/** Stories whose title, summary or body match the search. */
export const matchesSearch = (q: string): SQL => sql`${stories.searchVector} @@ ${tsQuery(q)}`;

/** Relevance of a story for the search, as float8 so it survives a round trip through a cursor. */
export const searchRank = (q: string): SQL<number> => sql<number>`ts_rank(${stories.searchVector}, ${tsQuery(q)})::float8`;
