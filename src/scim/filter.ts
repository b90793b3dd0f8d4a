import { ScimError } from './errors.ts';

/**
 * The SCIM filters identity providers send when matching accounts (RFC 7644 §3.4.2.2), reduced to
 * what Podium answers: equality of one attribute, optionally `and`-ed, e.g.
 * `userName eq "ada@example.org"`, `emails[type eq "work"].value eq "ada@example.org"`,
 * `id eq "…" and members[value eq "…"]`. Anything else is a 400 invalidFilter, never a guess.
 */
export interface Comparison {
  /** The attribute path, lower-cased, with a value filter folded in: `emails[type eq "work"].value` → `emails.value`. */
  attribute: string;
  /** A value filter's own comparison, e.g. type = work for `emails[type eq "work"]`. */
  where?: { attribute: string; value: string };
  value: string | boolean | null;
}

const invalid = (detail: string) => new ScimError(400, detail, 'invalidFilter');

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'punct'; text: '[' | ']' | '(' | ')' };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < filter.length && filter[i] !== '"') {
        if (filter[i] === '\\' && i + 1 < filter.length) i++;
        text += filter[i];
        i++;
      }
      if (i >= filter.length) throw invalid('The filter has a string without its closing quote.');
      i++;
      tokens.push({ kind: 'string', text });
    } else if (c === '[' || c === ']' || c === '(' || c === ')') {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      let text = '';
      while (i < filter.length && !' \t"[]()'.includes(filter[i] as string)) text += filter[i++];
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

const attributePattern = /^[a-z][\w.:$-]*$/i;

/** Parses a filter into a conjunction of equality comparisons. */
export function parseFilter(filter: string): Comparison[] {
  if (filter.length > 1000) throw invalid('The filter is too long.');
  const tokens = tokenize(filter);
  const comparisons: Comparison[] = [];
  let i = 0;
  const next = () => tokens[i++];
  const parseValue = (): string | boolean | null => {
    const token = next();
    if (!token) throw invalid('The filter ends where a value was expected.');
    if (token.kind === 'string') return token.text;
    if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
    if (token.kind === 'word' && token.text.toLowerCase() === 'null') return null;
    throw invalid(`Expected a quoted value, true, false or null, not "${token.text}".`);
  };
  const expectEq = () => {
    const op = next();
    if (op?.kind !== 'word') throw invalid('The filter ends where an operator was expected.');
    if (op.text.toLowerCase() !== 'eq') throw invalid(`Only the "eq" operator is supported in filters, not "${op.text}".`);
  };
  while (i < tokens.length) {
    const attribute = next();
    if (attribute?.kind !== 'word' || !attributePattern.test(attribute.text)) throw invalid(`Expected an attribute name at "${attribute?.text ?? ''}".`);
    let path = attribute.text.toLowerCase();
    let where: Comparison['where'];
    if (tokens[i]?.kind === 'punct' && tokens[i]?.text === '[') {
      i++;
      const inner = next();
      if (inner?.kind !== 'word' || !attributePattern.test(inner.text)) throw invalid('Expected an attribute name inside [ ].');
      expectEq();
      const innerValue = parseValue();
      if (typeof innerValue !== 'string') throw invalid('A value filter inside [ ] compares with a quoted value.');
      const close = next();
      if (close?.kind !== 'punct' || close.text !== ']') throw invalid('Expected "]" to close the value filter.');
      where = { attribute: inner.text.toLowerCase(), value: innerValue };
      const rest = tokens[i];
      if (rest?.kind === 'word' && rest.text.startsWith('.')) {
        path = `${path}${rest.text.toLowerCase()}`;
        i++;
      } else if (rest === undefined || (rest.kind === 'word' && rest.text.toLowerCase() === 'and')) {
        // `members[value eq "…"]` on its own: the inner comparison is the whole test.
        comparisons.push({ attribute: `${path}.${where.attribute}`, value: where.value });
        if (rest) i++;
        continue;
      } else {
        throw invalid('Expected ".attribute" after the value filter.');
      }
    }
    expectEq();
    comparisons.push({ attribute: path, ...(where ? { where } : {}), value: parseValue() });
    const joiner = next();
    if (joiner === undefined) break;
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and') throw invalid(`Only "and" may join comparisons in a filter, not "${joiner.text}".`);
    if (i >= tokens.length) throw invalid('The filter ends after "and".');
  }
  if (comparisons.length === 0) throw invalid('The filter is empty.');
  return comparisons;
}

/** Strips a schema URN from an attribute path: `urn:ietf:params:scim:schemas:core:2.0:user:username` → `username`. */
export function shortAttribute(path: string): string {
  const lower = path.toLowerCase();
  for (const urn of ['urn:ietf:params:scim:schemas:core:2.0:user:', 'urn:ietf:params:scim:schemas:core:2.0:group:']) {
    if (lower.startsWith(urn)) return lower.slice(urn.length);
  }
  return lower;
}
