import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@haven/core';
import { MimeComposer } from './mime-message';
import { RenderedEmail } from './templates/render';

export interface Recipient {
  email: string;
  displayName: string;
}

/** A way to reach a person. E-mail first; SMS or push would be further implementations. */
export interface Channel {
  readonly name: 'email';
  /** `id` is the notification's: the same message sent twice carries the same Message-ID. */
  send(to: Recipient, message: RenderedEmail, id: string): Promise<void>;
}

/**
 * E-mail through nodemailer. `MAIL_URL=log:` renders the message but only logs that it would have
 * been sent, with the recipient redacted: development never mails anyone, nor logs who. In
 * development (never in production, which refuses log:) each message is also written whole to
 * MAIL_LOG_DIR as an .eml file, so the person at the terminal can open account links.
 */
@Injectable()
export class EmailChannel implements Channel, OnModuleDestroy {
  readonly name = 'email' as const;
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter;
  private readonly logOnly: boolean;
  private readonly mailFolder: string | null;
  private readonly composer: MimeComposer;

  constructor(private readonly config: AppConfig) {
    this.composer = new MimeComposer(config.MAIL_FROM);
    this.logOnly = config.MAIL_URL === 'log:';
    this.mailFolder = this.logOnly && config.NODE_ENV === 'development' ? resolve(config.MAIL_LOG_DIR) : null;
    this.transport = this.logOnly
      ? createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
      : // A pool of reused connections: one connection per message would cap throughput at the handshake.
        createTransport({
          url: config.MAIL_URL,
          pool: true,
          maxConnections: 8,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  async send(to: Recipient, message: RenderedEmail, id: string): Promise<void> {
    const sent = await this.transport.sendMail(
      this.composer.handles(to)
        ? // Built here in one buffer: nodemailer's composer costs more CPU than the rest of a send.
          {
            envelope: { from: this.composer.envelopeFrom, to: [to.email] },
            // Given, so that nodemailer does not draw a random one for its own records.
            messageId: `<${id}@haven>`,
            raw: this.composer.compose(to, message, id),
          }
        : {
            messageId: `<${id}@haven>`,
            from: this.config.MAIL_FROM,
            to: { name: to.displayName, address: to.email },
            subject: message.subject,
            text: message.text,
            html: message.html,
          },
    );
    if (this.logOnly) {
      const raw = sent.message as Buffer;
      const file = this.mailFolder ? await this.keep(raw, id) : undefined;
      this.logger.log(
        { to: '[redacted]', subject: message.subject, bytes: raw.length, ...(file ? { file } : {}) },
        'E-mail (log: transport)',
      );
    }
  }

  /** Development only: the whole message as an .eml file (any mail program opens it). */
  private async keep(raw: Buffer, id: string): Promise<string> {
    await mkdir(this.mailFolder!, { recursive: true });
    const file = join(this.mailFolder!, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
    await writeFile(file, raw);
    return file;
  }
}
