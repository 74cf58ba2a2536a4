import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { eventually } from './support/polling';
import { API_MAIN, Child, sparePort, startNode } from './support/processes';
import { newAccount } from './support/test-api';

/**
 * Without JWT_SECRET, outside production, every process on a machine signs with the machine's one
 * key (HAVEN_VAR_DIR/jwt-secret), so a token from one API process works on another and after a
 * restart. Production still refuses to start without a real secret.
 */
describe('the machine signing key, across API processes (e2e)', () => {
  let config: AppConfig;
  let varDir: string;
  const apis: Child[] = [];

  beforeAll(async () => {
    if (!existsSync(API_MAIN))
      throw new Error(`${API_MAIN} is missing: run npm run build first (npm test does)`);
    config = await createTestConfig();
    varDir = mkdtempSync(join(tmpdir(), 'haven-key-'));
    chmodSync(varDir, 0o755);
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.stop('SIGKILL')));
    await dropTestResources(config);
    rmSync(varDir, { recursive: true, force: true });
  });

  async function startApi(name: string, stateDir: string): Promise<string> {
    const port = await sparePort();
    const api = startNode(name, API_MAIN, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      REDIS_PREFIX: config.REDIS_PREFIX,
      RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      HAVEN_VAR_DIR: stateDir,
      PORT: String(port),
    });
    apis.push(api);
    const base = `http://127.0.0.1:${port}`;
    await eventually(async () => {
      if (!api.running) throw new Error(`${name} exited\n${api.output()}`);
      return (await fetch(`${base}/health/live`)).ok;
    }, `${name} to answer`);
    return base;
  }

  const me = (base: string, token: string) =>
    fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then(
      (response) => response.status,
    );

  it('is created once by two processes starting together, and accepted by both and after a restart', async () => {
    const [first, second] = await Promise.all([startApi('api A', varDir), startApi('api B', varDir)]);
    expect(readdirSync(varDir)).toEqual(['jwt-secret']);
    // Start-up is quiet at warn level: no route-syntax warnings from Nest (LegacyRouteConverter).
    expect(apis[0].output()).not.toMatch(/LegacyRouteConverter|Unsupported route path/);
    expect(statSync(join(varDir, 'jwt-secret')).mode & 0o777).toBe(0o600);

    const registered = await fetch(`${first}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(newAccount()),
    });
    expect(registered.status).toBe(201);
    const { accessToken } = (await registered.json()) as { accessToken: string };

    expect(await me(first, accessToken)).toBe(200);
    expect(await me(second, accessToken)).toBe(200);

    // Nothing is kept in a process: what one API writes, the other reads at once.
    const profile = { skills: ['logistics'], languages: ['ar'], availability: [], remote: true, campIds: [] };
    const written = await fetch(`${first}/api/v1/me/volunteer-profile`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(profile),
    });
    expect(written.status).toBe(200);
    const read = await fetch(`${second}/api/v1/me/volunteer-profile`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await read.json()).toEqual(expect.objectContaining(profile));

    // A restart of the process that issued the token still accepts it.
    await apis[0].stop('SIGTERM');
    const restarted = await startApi('api A again', varDir);
    expect(await me(restarted, accessToken)).toBe(200);

    // Another machine (another state folder, so another key) refuses it.
    const elsewhere = mkdtempSync(join(tmpdir(), 'haven-key-other-'));
    try {
      expect(await me(await startApi('api on another machine', elsewhere), accessToken)).toBe(401);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without JWT_SECRET, naming the variable', async () => {
    const api = startNode('api in production', API_MAIN, {
      NODE_ENV: 'production',
      MAIL_URL: 'smtp://127.0.0.1:2525',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      HAVEN_VAR_DIR: varDir,
      PORT: String(await sparePort()),
    });
    apis.push(api);
    const { code } = await api.exited;
    expect(code).toBe(1);
    expect(api.output()).toContain('JWT_SECRET: is required when NODE_ENV=production');
  });
});
