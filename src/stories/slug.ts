/**
 * A URL slug from a title: diacritics folded (é → e, ë → e, ß → ss, ĳ → ij), lower case, words
 * joined by single hyphens, at most 80 characters, cut at a word boundary.
 * @example slugify('Één dag bij de brandweer') // 'een-dag-bij-de-brandweer'
 */
export function slugify(title: string, maxLength = 80): string {
  const folded = title
    .replace(/ß/g, 'ss')
    .replace(/[Ĳĳ]/g, 'ij')
    .replace(/[Ææ]/g, 'ae')
    .replace(/[Œœ]/g, 'oe')
    .replace(/[Øø]/g, 'o')
    .replace(/[Łł]/g, 'l')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (folded.length <= maxLength) return folded || 'story';
  const cut = folded.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/**
 * The first free slug: `base`, else `base-2`, `base-3`, … among those taken.
 * @example nextFreeSlug('dag', new Set(['dag', 'dag-2'])) // 'dag-3'
 */
export function nextFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
