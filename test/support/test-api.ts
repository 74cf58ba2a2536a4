import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppConfig } from '@haven/core';
import { createTestConfig, dropTestResources } from '@haven/testing';
import { createApi } from '../../apps/api/src/app.factory';

export interface TestApi {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  db: DataSource;
  close(): Promise<void>;
}

/** The real API, on the suite's own freshly migrated database and Redis prefix. */
export async function startTestApi(overrides: Record<string, string> = {}): Promise<TestApi> {
  const config = await createTestConfig(overrides);
  const app = await createApi(config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    db: app.get(DataSource),
    close: async () => {
      await app.close();
      await dropTestResources(config);
    },
  };
}

let counter = 0;

/** A fictional, unique account for a test. */
export function newAccount(role: 'volunteer' | 'coordinator' = 'volunteer') {
  counter += 1;
  return {
    email: `test-${role}-${process.pid}-${counter}-${Date.now()}@example.org`,
    password: 'a sturdy passphrase 42',
    displayName: `Test ${role} ${counter}`,
    role,
  };
}

export async function register(api: TestApi, role: 'volunteer' | 'coordinator' = 'volunteer') {
  const account = newAccount(role);
  const response = await api.http.post('/api/v1/auth/register').send(account).expect(201);
  return {
    ...account,
    id: response.body.user.id as string,
    accessToken: response.body.accessToken as string,
    refreshToken: response.body.refreshToken as string,
  };
}
