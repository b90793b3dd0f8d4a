import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Length of a new short-link code: 62^10 ≈ 8·10^17 codes, so guessing one is hopeless. */
export const CODE_LENGTH = 10;

/** What a link code may look like when looked up (new codes have 10 characters; the issue allows 8 or more). */
export const codePattern = /^[0-9A-Za-z]{8,16}$/;

/** A random base62 code from the operating system's CSPRNG. */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
