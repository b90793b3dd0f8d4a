import { ScimError } from './errors.ts';
import { shortAttribute } from './filter.ts';
import { ENTERPRISE_SCHEMA } from './schemas.ts';
import { attr, booleanValue, isObject, type Json, pickValue, stringValue } from './values.ts';

/**
 * The part of a SCIM User Podium keeps, flattened. POST and PUT read it from the body; PATCH
 * applies its operations to the current state; either way the result is written by one function
 * (users.ts), so every path through the protocol ends in the same checks.
 */
export interface UserState {
  userName: string | null;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  formatted: string | null;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  preferredLanguage: string | null;
  locale: string | null;
  title: string | null;
  department: string | null;
  locality: string | null;
}

export const emptyState = (): UserState => ({
  userName: null,
  email: null,
  givenName: null,
  familyName: null,
  formatted: null,
  displayName: null,
  externalId: null,
  active: true,
  preferredLanguage: null,
  locale: null,
  title: null,
  department: null,
  locality: null,
});

const ENTERPRISE = ENTERPRISE_SCHEMA.toLowerCase();

/** Sets one attribute, named by a (lower-cased, URN-less) path; unknown attributes are ignored, as providers send many. */
function assign(state: UserState, rawPath: string, value: unknown, op: 'add' | 'replace' | 'remove'): void {
  let path = shortAttribute(rawPath.trim());
  if (path.startsWith(`${ENTERPRISE}:`)) path = `enterprise:${path.slice(ENTERPRISE.length + 1)}`;
  else if (path === ENTERPRISE) path = 'enterprise';
  // A value filter on type: only the work address and e-mail are Podium's business.
  const filtered = /^(\w+)\[\s*type\s+eq\s+"([^"]*)"\s*\](?:\.(\w+))?$/i.exec(path);
  if (filtered) {
    const [, attribute = '', type = '', sub] = filtered;
    if (type.toLowerCase() !== 'work') return;
    path = sub ? `${attribute}.${sub}` : attribute;
    if (!sub && op !== 'remove') value = Array.isArray(value) ? value : [value];
  }
  const clear = op === 'remove';
  const text = (name: string) => (clear ? null : stringValue(value, name));
  // An object value sets each of its attributes (Okta's replace without a path; `name`; the extension).
  if ((path === 'name' || path === 'enterprise') && !clear) {
    if (!isObject(value)) throw new ScimError(400, `"${rawPath}" must be an object.`, 'invalidValue');
    for (const [key, inner] of Object.entries(value)) assign(state, path === 'name' ? `name.${key}` : `${ENTERPRISE}:${key}`, inner, op);
    return;
  }
  switch (path) {
    case 'username':
      state.userName = text('userName');
      return;
    case 'externalid':
      state.externalId = text('externalId');
      return;
    case 'displayname':
      state.displayName = text('displayName');
      return;
    case 'name':
      state.givenName = state.familyName = state.formatted = null;
      return;
    case 'name.givenname':
      state.givenName = text('name.givenName');
      return;
    case 'name.familyname':
      state.familyName = text('name.familyName');
      return;
    case 'name.formatted':
      state.formatted = text('name.formatted');
      return;
    case 'title':
      state.title = text('title');
      return;
    case 'preferredlanguage':
      state.preferredLanguage = text('preferredLanguage');
      return;
    case 'locale':
      state.locale = text('locale');
      return;
    case 'active':
      if (!clear) state.active = booleanValue(value, 'active');
      return;
    case 'emails':
      state.email = clear ? null : stringValue(pickOf(value, 'work', 'emails')?.value ?? null, 'emails.value');
      return;
    case 'emails.value':
      state.email = text('emails.value');
      return;
    case 'addresses':
      state.locality = clear ? null : stringValue(pickOf(value, 'work', 'addresses')?.locality ?? null, 'addresses.locality');
      return;
    case 'addresses.locality':
      state.locality = text('addresses.locality');
      return;
    case 'enterprise:department':
      state.department = text('department');
      return;
    default:
      return;
  }
}

function pickOf(value: unknown, type: string, name: string): { value?: unknown; locality?: unknown } | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) && !isObject(value)) throw new ScimError(400, `"${name}" must be a list of objects.`, 'invalidValue');
  const item = pickValue(value, type);
  return item ? { value: attr(item, 'value'), locality: attr(item, 'locality') } : null;
}

/** The state a POST or PUT body describes (attributes it leaves out are empty). */
export function stateFromBody(body: Json): UserState {
  const state = emptyState();
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || lower === 'id' || lower === 'meta' || lower === 'groups') continue;
    if (value === null) continue;
    assign(state, key, value, 'replace');
  }
  return state;
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string | null;
  value: unknown;
}

/** The operations of a PatchOp body, with `op` lower-cased (Entra ID sends "Replace", "Add"). */
export function patchOperations(body: Json): PatchOperation[] {
  const operations = attr(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError(400, 'A PATCH request needs a non-empty "Operations" list.', 'invalidSyntax');
  if (operations.length > 1000) throw new ScimError(400, 'A PATCH request takes at most 1000 operations.', 'tooMany');
  return operations.map((raw) => {
    if (!isObject(raw)) throw new ScimError(400, 'Each operation must be an object.', 'invalidSyntax');
    const op = String(attr(raw, 'op') ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `Unknown operation "${String(attr(raw, 'op'))}": use add, replace or remove.`, 'invalidSyntax');
    const path = attr(raw, 'path');
    if (path !== undefined && path !== null && typeof path !== 'string') throw new ScimError(400, '"path" must be a string.', 'invalidPath');
    return { op, path: typeof path === 'string' && path.trim() !== '' ? path : null, value: attr(raw, 'value') };
  });
}

/** Applies PATCH operations to a user's state (RFC 7644 §3.5.2). */
export function applyUserPatch(state: UserState, operations: PatchOperation[]): UserState {
  const next = { ...state };
  for (const operation of operations) {
    if (operation.path) {
      assign(next, operation.path, operation.value, operation.op);
    } else {
      if (operation.op === 'remove') throw new ScimError(400, 'A remove operation needs a "path".', 'noTarget');
      if (!isObject(operation.value)) throw new ScimError(400, 'An operation without a "path" needs an object "value".', 'invalidValue');
      for (const [key, value] of Object.entries(operation.value)) assign(next, key, value, operation.op);
    }
  }
  return next;
}
