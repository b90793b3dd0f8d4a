// Public surface of the vacancy importers: one pure parser per source, no fetching, no database.
import { csv } from './csv.ts';
import { greenhouse } from './greenhouse.ts';
import { jsonld } from './jsonld.ts';
import { lever } from './lever.ts';
import { personio } from './personio.ts';
import { recruitee } from './recruitee.ts';
import type { Adapter, VacancySourceType } from './types.ts';
import { workable } from './workable.ts';

export { csvBodyFromBytes } from './csv.ts';
export type { Adapter, AdapterProblem, AdapterResult, ImportedVacancy, VacancySourceType } from './types.ts';
export { InvalidFeedError } from './types.ts';

/** The adapter that reads each kind of source. */
export const adapters: Record<VacancySourceType, Adapter> = {
  recruitee,
  greenhouse,
  lever,
  personio,
  workable,
  jsonld,
  csv,
};
