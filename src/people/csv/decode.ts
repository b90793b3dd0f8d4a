/** Text of a CSV file and the encoding it turned out to be in. */
export interface DecodedCsv {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

// Decoders are stateless between decode() calls without { stream: true }, so one of each will do.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes CSV bytes as UTF-8 (BOM dropped), falling back to Windows-1252, which is what Excel
 * in Dutch locales writes when "CSV (comma delimited)" is chosen instead of "CSV UTF-8".
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // A BOM followed by invalid UTF-8 means a hand-edited file; the BOM is not content.
    const body = startsWithUtf8Bom(bytes) ? bytes.subarray(UTF8_BOM.length) : bytes;
    return { text: windows1252.decode(body), encoding: 'windows-1252' };
  }
}
