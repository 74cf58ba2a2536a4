import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@haven/core';
import { EmailChannel } from './email.channel';
import { accountEmail } from './templates/account';

describe('EmailChannel with MAIL_URL=log:', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'haven-mail-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const send = async (nodeEnv: 'development' | 'test') => {
    const channel = new EmailChannel(
      loadConfig({ NODE_ENV: nodeEnv, MAIL_URL: 'log:', MAIL_LOG_DIR: folder }),
    );
    const link = 'http://localhost:3000/verify-email?token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    await channel.send(
      { email: 'sam@example.org', displayName: 'Sam' },
      accountEmail('verify_email', link, 'Sam'),
      '5b0d7a8e-3c0f-4a55-9d2a-0f4c1c1f0a11',
    );
    channel.onModuleDestroy();
    return link;
  };

  it('writes each message whole as an .eml file in development, so its link can be opened', async () => {
    const link = await send('development');
    const files = await readdir(folder);
    expect(files).toEqual([expect.stringMatching(/-5b0d7a8e-3c0f-4a55-9d2a-0f4c1c1f0a11\.eml$/)]);
    const raw = await readFile(join(folder, files[0]), 'utf8');
    expect(raw).toMatch(/^Subject: Confirm your e-mail address for Haven$/m);
    expect(raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(link);
  });

  it('writes nothing outside development', async () => {
    await send('test');
    expect(await readdir(folder)).toEqual([]);
  });
});
