import { createServer } from 'node:net';
import { answers, embeddablePostgres, noRedisMessage, startableRedis } from './local-services';

describe('what the launcher may serve itself', () => {
  it('stands in only for PostgreSQL on this machine, as the postgres user without a password', () => {
    expect(embeddablePostgres('postgres://postgres@127.0.0.1:5432/haven')).toEqual({
      host: '127.0.0.1',
      port: 5432,
    });
    expect(embeddablePostgres('postgres://postgres@localhost/other')).toEqual({
      host: 'localhost',
      port: 5432,
    });
    expect(embeddablePostgres('postgres://postgres@127.0.0.1:55440/haven')).toEqual({
      host: '127.0.0.1',
      port: 55440,
    });
    expect(embeddablePostgres('postgres://haven:secret@127.0.0.1:5432/haven')).toBeNull();
    expect(embeddablePostgres('postgres://postgres:pw@127.0.0.1:5432/haven')).toBeNull();
    expect(embeddablePostgres('postgres://postgres@db.example.org/haven')).toBeNull();
  });

  it('starts Redis only for a local URL without password or TLS', () => {
    expect(startableRedis('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(startableRedis('redis://localhost')).toEqual({ host: 'localhost', port: 6379 });
    expect(startableRedis('rediss://127.0.0.1:6379')).toBeNull();
    expect(startableRedis('redis://:pw@127.0.0.1:6379')).toBeNull();
    expect(startableRedis('redis://cache.example.org:6379')).toBeNull();
  });

  it('tells a listening port from a closed one', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(await answers({ host: '127.0.0.1', port })).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await answers({ host: '127.0.0.1', port })).toBe(false);
  });

  it('names every way to get Redis in one message', () => {
    const message = noRedisMessage('redis://127.0.0.1:6379');
    expect(message).toContain('apt-get install redis-server');
    expect(message).toContain('brew install redis');
    expect(message).toContain('docker compose up');
    expect(message).toContain('REDIS_URL');
  });
});
