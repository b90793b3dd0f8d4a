/**
 * Returns `next` only when it is a same-origin relative path, so a sign-in link can never
 * send someone to another site (no open redirect).
 * @example safeNext('/people?q=an') // '/people?q=an'; safeNext('//evil.example') // null
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith('/')) return null;
  // "//host" and "/\host" are protocol-relative to browsers; control characters can hide either.
  if (next.startsWith('//') || next.startsWith('/\\')) return null;
  for (const char of next) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return null;
  }
  try {
    const url = new URL(next, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    if (url.pathname.startsWith('/sign-in')) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** The sign-in path that brings the person back to `location` afterwards. */
export function signInPath(location: { pathname: string; search: string; hash?: string }): string {
  const next = safeNext(`${location.pathname}${location.search}${location.hash ?? ''}`);
  return next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';
}
