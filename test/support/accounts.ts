import type { Response } from 'supertest';
import { CapturedMail, eventually } from './mail-capture';
import { newAccount, TestApi } from './test-api';

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

/** Waits for the `count`-th link of that page to arrive for `email`, and returns its token. */
export async function awaitToken(messages: CapturedMail[], email: string, page: string, count = 1) {
  const tokens = await eventually(async () => {
    const found = tokensIn(messages, email, page);
    return found.length >= count ? found : undefined;
  }, `link ${count} of /${page} for a test account`);
  return tokens[count - 1];
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
