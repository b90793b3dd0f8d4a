/** A column Podium understands in a people CSV. */
export type ColumnKey =
  | 'email'
  | 'name'
  | 'firstName'
  | 'infix'
  | 'lastName'
  | 'language'
  | 'timeZone'
  | 'startDate'
  | 'department'
  | 'location'
  | 'teams'
  | 'roles';

/** Index of each recognised column in the header record. */
export type ColumnMap = Partial<Record<ColumnKey, number>>;

// Written as people type them; normalised once below so that "E-mail", "e_mail" and "E MAIL" all match.
const ALIASES: Record<ColumnKey, readonly string[]> = {
  email: [
    'email',
    'e-mail',
    'mail',
    'email address',
    'e-mail address',
    'e-mailadres',
    'emailadres',
    'mailadres',
  ],
  name: ['name', 'naam', 'full name', 'fullname', 'volledige naam', 'display name', 'weergavenaam'],
  firstName: ['first name', 'firstname', 'given name', 'voornaam', 'roepnaam'],
  infix: ['tussenvoegsel', 'tussenvoegsels', 'infix', 'middle name'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'achternaam'],
  language: ['language', 'taal', 'lang'],
  timeZone: ['time zone', 'timezone', 'tijdzone'],
  startDate: [
    'start date',
    'startdate',
    'startdatum',
    'in dienst',
    'datum in dienst',
    'in dienst sinds',
    'hire date',
  ],
  department: ['department', 'afdeling'],
  location: ['location', 'locatie', 'vestiging', 'office', 'kantoor'],
  teams: ['team', 'teams'],
  roles: ['role', 'roles', 'rol', 'rollen'],
};

/**
 * Lower-cases, strips accents and hints in brackets ("Startdatum (dd-mm-jjjj)"), and treats
 * spaces, underscores, hyphens and dots alike.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[\s_.\-*]+/g, ' ')
    .trim();
}

const KEY_BY_HEADER = new Map<string, ColumnKey>();
for (const [key, names] of Object.entries(ALIASES) as [ColumnKey, readonly string[]][]) {
  for (const name of names) KEY_BY_HEADER.set(normalizeHeader(name), key);
}

/** Finds the recognised columns in a header record; unknown columns are ignored, the first of a repeated one wins. */
export function mapHeader(fields: readonly string[]): ColumnMap {
  const columns: ColumnMap = {};
  fields.forEach((field, index) => {
    const key = KEY_BY_HEADER.get(normalizeHeader(field));
    if (key !== undefined && columns[key] === undefined) columns[key] = index;
  });
  return columns;
}
