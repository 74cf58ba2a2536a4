import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expectProblem } from '@haven/testing';
import { startTestApi, TestApi } from './support/test-api';
import { mountWebApp } from '../apps/api/src/web/web-app';
import { createApi } from '../apps/api/src/app.factory';

/**
 * The API serves the web app at `/`: its files, index.html for deep links, and 404 problem+json for
 * unknown API paths. Runs against a small stand-in build so it does not depend on `build:web`.
 */
describe('serving the web app (e2e)', () => {
  let api: TestApi;
  const root = mkdtempSync(join(tmpdir(), 'haven-web-'));

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Haven</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log("haven")');
    writeFileSync(join(root, 'assets', 'app-abc123.js.gz'), gzipSync('console.log("haven")'));
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  async function withStandIn<T>(run: (http: TestApi['http']) => Promise<T>): Promise<T> {
    const app = await createApi(api.config, { webRoot: root });
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const request = (await import('supertest')).default;
      return await run(request(app.getHttpServer()));
    } finally {
      await app.close();
    }
  }

  it('serves index.html at / and for deep links, files as themselves', async () => {
    await withStandIn(async (http) => {
      for (const path of ['/', '/tasks/6a1d2c1e-0000-4000-8000-000000000000', '/org/needs/new?x=1']) {
        const response = await http.get(path).expect(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('<div id="root">');
        expect(response.headers['cache-control']).toBe('no-cache');
      }
      const asset = await http.get('/assets/app-abc123.js');
      expect([asset.status, asset.text]).toEqual([200, 'console.log("haven")']);
      expect(asset.headers['cache-control']).toContain('immutable');
      const compressed = await http.get('/assets/app-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
      expect(compressed.headers['content-encoding']).toBe('gzip');
      expect((await http.get('/sw.js').expect(200)).headers['cache-control']).toBe('no-cache');
    });
  });

  it('keeps unknown API and operations paths 404 problem+json, and missing files 404', async () => {
    await withStandIn(async (http) => {
      expectProblem(await http.get('/api/v1/no-such-thing'), 404);
      expectProblem(await http.get('/api/nothing'), 404);
      expectProblem(await http.get('/health/nothing'), 404);
      expectProblem(await http.get('/assets/missing-file.js'), 404);
      expectProblem(await http.post('/tasks/anything').send({}), 404);
      expect((await http.get('/health/live')).status).toBe(200);
      expect((await http.get('/api/openapi.json')).status).toBe(200);
    });
  });

  it('runs the API alone when the web app is not built', async () => {
    const app = await createApi(api.config, { webRoot: join(root, 'nowhere') });
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const request = (await import('supertest')).default;
      expectProblem(await request(app.getHttpServer()).get('/tasks/anything'), 404);
      expect(await mountWebApp(app, join(root, 'nowhere'))).toBe(false);
    } finally {
      await app.close();
    }
  });
});
