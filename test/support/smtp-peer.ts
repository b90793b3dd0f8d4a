import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A local SMTP peer (`smtp-server`) that keeps what it receives. Recipients starting with
 * "refused" get a permanent 550; while `failing` is true every recipient gets a temporary 451
 * (a server having trouble), so delivery retries can be tested against a real SMTP conversation.
 */
export class SmtpPeer {
  readonly received: ReceivedMail[] = [];
  failing = false;
  readonly #server: SMTPServer;
  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.failing) return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        if (address.address.startsWith('refused')) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(resolve));
  }
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}

/** Decodes a quoted-printable body (what nodemailer uses for long UTF-8 lines). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The decoded body of the MIME part with the given content type. */
export function mimePart(raw: string, contentType: string): string {
  const boundary = raw.match(/boundary="?([^";\r\n]+)"?/)?.[1];
  if (!boundary) throw new Error('not a multipart message');
  const section = raw.split(`--${boundary}`).find((s) => new RegExp(`^\\s*Content-Type: ${contentType}`, 'im').test(s));
  if (!section) throw new Error(`no ${contentType} part`);
  const [headers = '', ...body] = section.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return decodeQuotedPrintable(content);
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  return content;
}

/** A header's value, folded lines joined. */
export function mailHeader(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.match(new RegExp(`^${name}: (.*)$`, 'im'))?.[1]?.trim();
}

/** The links (<a href>) of an HTML body, entities decoded. */
export const htmlLinks = (html: string): string[] => [...html.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
/** The links of a text body. */
export const textLinks = (text: string): string[] => [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
