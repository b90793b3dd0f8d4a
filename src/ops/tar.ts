// A minimal ustar (POSIX tar) writer and streaming reader for Podium's backup archives: regular
// files only, names up to 100 bytes, each file at most 8 GiB. Enough for a manifest, the embedded
// database's own dump and the uploaded files; nothing else is ever written or accepted.

const BLOCK = 512;

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** The 512-byte header of one regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  if (size >= 8 * 1024 ** 3) throw new Error(`tar entry larger than 8 GiB: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** Zero bytes that fill a file's data up to the next 512-byte block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);
}

/** The two zero blocks that end an archive. */
export const tarEnd = (): Buffer => Buffer.alloc(BLOCK * 2, 0);

export class TarFormatError extends Error {}

function parseHeader(block: Buffer): { name: string; size: number; type: string } | null {
  if (block.every((byte) => byte === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] as number);
  const stored = Number.parseInt(block.subarray(148, 156).toString('ascii').replace(/[\0 ]/g, ''), 8);
  if (stored !== sum) throw new TarFormatError('not a Podium backup (a tar header checksum does not match)');
  const name = block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
  const size = Number.parseInt(block.subarray(124, 136).toString('ascii').replace(/[\0 ]/g, '') || '0', 8);
  const type = String.fromCharCode(block[156] as number);
  return { name, size, type };
}

/**
 * Reads the files of a tar stream one by one, each as a whole Buffer (the archive's files are a
 * manifest, one database dump and images). Only regular files are returned.
 */
export async function* readTar(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ name: string; data: Buffer }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const take = (n: number): Buffer => {
    const all = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    pending = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
    return head;
  };
  let entry: { name: string; size: number; type: string } | null = null;
  let ended = false;
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    for (;;) {
      if (ended) break;
      if (!entry) {
        if (pendingBytes < BLOCK) break;
        const header = parseHeader(take(BLOCK));
        if (!header) {
          ended = true;
          break;
        }
        entry = header;
      }
      const padded = entry.size + tarPadding(entry.size).length;
      if (pendingBytes < padded) break;
      const data = Buffer.from(take(padded).subarray(0, entry.size));
      const current = entry;
      entry = null;
      if (current.type === '0' || current.type === '\0') yield { name: current.name, data };
    }
  }
  if (entry || !ended) throw new TarFormatError('the backup file ends too early (copied only in part?)');
}
