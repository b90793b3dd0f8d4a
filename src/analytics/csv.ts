import type { FastifyReply } from 'fastify';

export type CsvCell = string | number | null;

/** One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Cells that a spreadsheet would run as a formula get a leading apostrophe. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text: CRLF line ends (RFC 4180), a UTF-8 BOM so Excel reads accents right. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * Answers a CSV download (RFC 4180, UTF-8 with BOM, `content-disposition: attachment`).
 * @example return sendCsv(reply, 'analytics-overview.csv', ['figure', 'value'], [['shares', 12]])
 */
export function sendCsv(reply: FastifyReply, filename: string, header: string[], rows: CsvCell[][]): FastifyReply {
  const safe = filename.replace(/[^\w.-]+/g, '-');
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safe}"`)
    .header('cache-control', 'no-store')
    .send(toCsv(header, rows));
}
