// Checks that en.json and nl.json have the same keys and the same {{placeholders}} per key.
// Usage: node web/scripts/check-i18n-keys.mjs (the type check enforces key parity as well).
import { readFileSync } from 'node:fs';

const load = (lng) =>
  JSON.parse(readFileSync(new URL(`../src/i18n/${lng}.json`, import.meta.url), 'utf8'));

function flatten(tree, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

const placeholders = (text) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

const en = flatten(load('en'));
const nl = flatten(load('nl'));
const problems = [];
for (const key of en.keys()) if (!nl.has(key)) problems.push(`missing in nl: ${key}`);
for (const key of nl.keys()) if (!en.has(key)) problems.push(`missing in en: ${key}`);
for (const [key, text] of en) {
  const other = nl.get(key);
  if (other !== undefined && placeholders(text) !== placeholders(other)) {
    problems.push(`placeholders differ: ${key}`);
  }
  if (text.trim() === '' || other?.trim() === '') problems.push(`empty text: ${key}`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`i18n ok: ${en.size} keys in en and nl, placeholders match`);
