/** UTF-8 bytes of CSV lines joined with the given line ending; for tests. */
export function csvBytes(lines: readonly string[], eol = '\n'): Uint8Array {
  return new TextEncoder().encode(lines.join(eol));
}
