import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppConfig } from './app-config';

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its promises are checked as data:
 * it parses, passes every configuration variable through, pins its images, restarts what should
 * run, checks the health of every long-running Haven process, and has the scale-out profile.
 */
const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, unknown>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true, prettyErrors: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const HAVEN = ['migrate', 'api', 'worker', 'cli', 'api-2', 'worker-2'];
const LONG_RUNNING_HAVEN = ['api', 'worker', 'api-2', 'worker-2'];
/** Fixed inside the containers: the compose file's own servers, port and state volume. */
const FIXED = new Set(['DATABASE_URL', 'REDIS_URL', 'PORT', 'HAVEN_VAR_DIR']);
const VARIABLES = Object.keys(new AppConfig())
  .filter((key) => /^[A-Z][A-Z0-9_]+$/.test(key))
  .concat('JWT_SECRET');

describe('docker-compose.yml', () => {
  it('knows every Haven service', () => {
    for (const name of HAVEN) expect(services[name]).toBeDefined();
    expect(VARIABLES).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'NODE_ENV', 'LOG_LEVEL', 'TRUST_PROXY']),
    );
  });

  it.each(HAVEN)('passes every configuration variable to %s', (name) => {
    const environment = services[name].environment ?? {};
    for (const variable of VARIABLES) {
      expect({ variable, value: environment[variable] }).toEqual({ variable, value: expect.any(String) });
      if (!FIXED.has(variable))
        expect(environment[variable]).toMatch(new RegExp(`^\\$\\{${variable}(:-|\\})`));
    }
  });

  it('pins every image it pulls', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      expect({ name, image: service.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:v?\d+\.\d+/),
      });
    }
  });

  it('restarts what runs, and not the one-shot commands', () => {
    for (const [name, service] of Object.entries(services)) {
      const expected = name === 'migrate' || name === 'cli' ? 'no' : 'unless-stopped';
      expect({ name, restart: service.restart }).toEqual({ name, restart: expected });
    }
  });

  it('checks the health of every long-running Haven process with something real', () => {
    for (const name of LONG_RUNNING_HAVEN) {
      expect(services[name].healthcheck?.test.join(' ')).toMatch(/health\/ready|healthcheck\.js/);
    }
    expect(services.worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/apps/worker/src/healthcheck.js']);
    expect(existsSync(join(ROOT, 'apps', 'worker', 'src', 'healthcheck.ts'))).toBe(true);
  });

  it('shares the development signing key between containers through a volume', () => {
    for (const name of HAVEN) expect(services[name].volumes).toContain('haven-var:/app/var');
  });

  it('runs two APIs behind Caddy and two workers in the scale profile, and nothing else needs it', () => {
    const scaled = Object.entries(services)
      .filter(([, service]) => service.profiles?.includes('scale'))
      .map(([name]) => name);
    expect(scaled.sort()).toEqual(['api-2', 'proxy', 'worker-2']);
    expect(services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy api:3000 api-2:3000/);
    for (const [name, service] of Object.entries(services)) {
      if (service.profiles) continue;
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect({ name, dependency, profiles: services[dependency].profiles }).toEqual({
          name,
          dependency,
          profiles: undefined,
        });
      }
    }
  });

  it('documents every variable in .env.example', () => {
    const example = read('.env.example');
    for (const variable of VARIABLES) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'));
  });

  it('builds the image on Node 24', () => {
    expect(read('Dockerfile')).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-bookworm-slim$/m);
  });
});
