import { CsvFileError } from '../../people/csv/csv-file-error.ts';
import { decodeCsvBytes } from '../../people/csv/decode.ts';
import { parseStartDate } from '../../people/csv/field-values.ts';
import { normalizeHeader } from '../../people/csv/headers.ts';
import { type CsvRecord, readRecords } from '../../people/csv/read-records.ts';
import { collectVacancies } from './collect.ts';
import { htmlOrText } from './html.ts';
import { type Adapter, InvalidFeedError } from './types.ts';
import { cleanText, parseFeedDate } from './values.ts';

/** Largest number of vacancies in one CSV file. */
export const MAX_VACANCY_ROWS = 10_000;

type Column =
  | 'externalId'
  | 'title'
  | 'department'
  | 'location'
  | 'employmentType'
  | 'description'
  | 'applyUrl'
  | 'openings'
  | 'openedAt';

// The documented English names first; Dutch ones because recruiters export from Dutch Excel.
const ALIASES: Record<Column, readonly string[]> = {
  externalId: ['externalId', 'external id', 'id', 'reference', 'referentie', 'vacaturenummer'],
  title: ['title', 'titel', 'job title', 'functie', 'functietitel'],
  department: ['department', 'afdeling'],
  location: ['location', 'locatie', 'vestiging', 'standplaats'],
  employmentType: ['employmentType', 'employment type', 'dienstverband', 'contract'],
  description: ['description', 'omschrijving', 'beschrijving'],
  applyUrl: ['applyUrl', 'apply url', 'sollicitatielink', 'url'],
  openings: ['openings', 'aantal', 'aantal plekken', 'aantal vacatures'],
  openedAt: ['openedAt', 'opened at', 'opened', 'geopend', 'publicatiedatum', 'datum'],
};

const COLUMN_BY_HEADER = new Map<string, Column>();
for (const [column, names] of Object.entries(ALIASES) as [Column, readonly string[]][]) {
  for (const name of names) COLUMN_BY_HEADER.set(normalizeHeader(name), column);
}

/** CSV bytes as text, UTF-8 or Windows-1252 (Dutch Excel), detected as for the people import. */
export function csvBodyFromBytes(bytes: Uint8Array): string {
  return decodeCsvBytes(bytes).text;
}

function readFile(body: string): { columns: Partial<Record<Column, number>>; data: CsvRecord[] } {
  if (!/\S/.test(body)) throw new InvalidFeedError('csv', 'the file is empty');
  let header: CsvRecord;
  let data: CsvRecord[];
  try {
    ({ header, data } = readRecords(body, MAX_VACANCY_ROWS, 'en'));
  } catch (error) {
    if (error instanceof CsvFileError) throw new InvalidFeedError('csv', error.message);
    throw error;
  }
  const columns: Partial<Record<Column, number>> = {};
  header.fields.forEach((field, index) => {
    const column = COLUMN_BY_HEADER.get(normalizeHeader(field));
    if (column !== undefined && columns[column] === undefined) columns[column] = index;
  });
  const missing = (['externalId', 'title'] as const).filter((column) => columns[column] === undefined);
  if (missing.length > 0) throw new InvalidFeedError('csv', `the first line has no ${missing.join(' or ')} column`);
  return { columns, data };
}

// Dates as recruiters type them (2026-03-01, 01-03-2026) or full ISO date-times.
function parseCsvDate(raw: unknown): Date | null {
  if (typeof raw !== 'string') return null;
  const day = parseStartDate(raw.trim());
  return day === null ? parseFeedDate(raw) : new Date(`${day}T00:00:00Z`);
}

/** Reads a vacancy CSV (comma or semicolon, English or Dutch headers); decode bytes with csvBodyFromBytes. */
export const csv: Adapter = (body) => {
  const { columns, data } = readFile(body);
  const rows = data.map((record) => {
    const row: Partial<Record<Column, string>> = {};
    for (const [column, index] of Object.entries(columns) as [Column, number][]) {
      const value = record.fields[index];
      if (value !== undefined && value !== '') row[column] = value;
    }
    return row;
  });
  return collectVacancies(rows, (i) => `Line ${data[i]?.line ?? '?'}`, (row, reader) => {
    const identity = reader.identify(row.externalId, row.title);
    if (identity === null) return null;
    return {
      ...identity,
      department: cleanText(row.department),
      location: cleanText(row.location),
      employmentType: cleanText(row.employmentType),
      descriptionHtml: htmlOrText(row.description),
      applyUrl: reader.url(row.applyUrl, 'Apply URL'),
      openings: reader.openings(row.openings),
      openedAt: reader.date(row.openedAt, 'Opened date', parseCsvDate),
      language: null,
    };
  });
};
