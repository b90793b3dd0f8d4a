import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { mailOutbox } from '../db/schema/index.ts';
import type { RenderedMail } from './templates.ts';

export interface OutgoingMail extends RenderedMail {
  to: string;
  personId: string | null;
  kind: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on nudges and digests. */
  headers?: Record<string, string>;
}

/** Sends mail over SMTP, or keeps it in the outbox table when no SMTP server is configured. */
export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

/** Builds the mailer from configuration; `now` comes from the app clock. */
export function createMailer(config: Config, database: Database, log: FastifyBaseLogger, now: () => Date): Mailer {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  const record = async (mail: OutgoingMail, status: 'outbox' | 'sent' | 'failed', error: string | null) => {
    // With SMTP the log keeps who got what and when, but not the body: bodies carry sign-in links.
    const keepBody = status === 'outbox';
    await database.db.insert(mailOutbox).values({
      createdAt: now(),
      toAddress: mail.to,
      personId: mail.personId,
      kind: mail.kind,
      subject: mail.subject,
      textBody: keepBody ? mail.text : '',
      htmlBody: keepBody ? mail.html : '',
      status,
      sentAt: status === 'sent' ? now() : null,
      error,
    });
  };
  return {
    mode: transport ? 'smtp' : 'outbox',
    async send(mail) {
      if (!transport) {
        await record(mail, 'outbox', null);
        if (config.outboxEcho) log.info({ outbox: { to: mail.to, subject: mail.subject } }, `outbox mail\n${mail.text}`);
        return;
      }
      try {
        await transport.sendMail({ from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
      } catch (error) {
        await record(mail, 'failed', (error as Error).message.slice(0, 500));
        throw error;
      }
      await record(mail, 'sent', null);
    },
    async verify() {
      if (transport) await transport.verify();
    },
    close() {
      transport?.close();
    },
  };
}
