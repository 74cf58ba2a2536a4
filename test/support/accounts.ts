import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { CapturedMail, startMailCapture } from './mail-capture';
import { eventually } from './polling';
import { bearer, newAccount, registerAdmin, startTestApi, TestApi } from './test-api';

/** A request from another network address (Fastify's inject), answered like supertest's response. */
export async function from(
  api: TestApi,
  address: string,
  method: 'POST' | 'DELETE' | 'GET',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
): Promise<Response> {
  const reply = await api.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method, url, payload, headers, remoteAddress: address });
  return {
    status: reply.statusCode,
    headers: reply.headers,
    body: reply.body ? JSON.parse(reply.body) : {},
  } as unknown as Response;
}

/** Undoes quoted-printable soft breaks and escapes, enough to read a link out of a raw message. */
export const unquote = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The tokens of every `APP_URL/<page>?token=…` link mailed to `email`, oldest first. */
export function tokensIn(messages: CapturedMail[], email: string, page: string): string[] {
  return messages
    .filter((message) => message.to.includes(email.toLowerCase()))
    .flatMap((message) => [
      ...unquote(message.raw).matchAll(new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`, 'g')),
    ])
    .map((match) => match[1])
    .filter((token, index, all) => all.indexOf(token) === index);
}

/**
 * Waits for the `count`-th link of that page to arrive for `email`, and for the sending
 * transaction to have committed its hash (the SMTP server sees the message just before), and
 * returns its token.
 */
export async function awaitToken(
  api: TestApi,
  messages: CapturedMail[],
  email: string,
  page: string,
  count = 1,
) {
  const tokens = await eventually(async () => {
    const found = tokensIn(messages, email, page);
    return found.length >= count ? found : undefined;
  }, `link ${count} of /${page} for a test account`);
  const token = tokens[count - 1];
  await eventually(
    async () =>
      (await api.db.query('SELECT 1 FROM account_tokens WHERE token_hash = $1', [sha256(token)])).length ===
      1,
    'the link to be committed',
  );
  return token;
}

/** Registers over HTTP, as a person does: the account starts unverified. */
export async function registerUnverified(
  api: TestApi,
  role: 'volunteer' | 'coordinator' = 'volunteer',
  headers: Record<string, string> = {},
) {
  const account = newAccount(role);
  const response = await api.http.post('/api/v1/auth/register').set(headers).send(account).expect(201);
  return {
    ...account,
    id: response.body.user.id as string,
    accessToken: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
    setCookie: response.headers['set-cookie'] as unknown as string[] | undefined,
  };
}

export const APP_URL = 'https://app.haven.test';
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The real API and an in-process worker mailing to a real SMTP capture, and an admin. */
export async function startAccountsHarness() {
  const mail = await startMailCapture();
  const api = await startTestApi({ MAIL_URL: mail.url, APP_URL });
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(api.config), {
    logger: false,
  });
  worker.enableShutdownHooks();
  await worker.init();
  const admin = await registerAdmin(api);
  return {
    api,
    mail,
    admin,
    login: (email: string, password: string) => api.http.post('/api/v1/auth/login').send({ email, password }),
    me: (account: { accessToken: string }) => api.http.get('/api/v1/me').set(bearer(account)).expect(200),
    /** Outbox rows of this type for this user. */
    outboxRows: async (userId: string, type: string) =>
      (
        await api.db.query(
          `SELECT count(*)::int AS n FROM outbox WHERE event_type = $1 AND $2 = ANY (recipient_ids)`,
          [type, userId],
        )
      )[0].n as number,
    close: async () => {
      await worker.close();
      await api.close();
      await mail.close();
    },
  };
}

export type AccountsHarness = Awaited<ReturnType<typeof startAccountsHarness>>;
