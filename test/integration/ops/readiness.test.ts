// /readyz is 200 only when the database answers and every migration is applied; /healthz is about
// the process alone.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrationNames, migrateToLatest } from '../../../src/db/migrate.ts';
import { type App, buildApp } from '../../../src/http/app.ts';
import { TestClock, testConfig } from '../../helpers/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

let testDatabase: TestDatabase;
let app: App;

beforeAll(async () => {
  testDatabase = await createTestDatabase({ migrate: false });
  app = await buildApp({
    database: testDatabase.database,
    config: testConfig(),
    clock: new TestClock(),
    logger: pino({ level: 'silent' }),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await testDatabase.cleanup();
});

describe('readiness', () => {
  it('is 503 naming the pending migrations on an unmigrated database', async () => {
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    const body = response.json() as { status: string; reason: string };
    expect(body.status).toBe('not_ready');
    expect(body.reason).toContain('migrations pending');
    expect(body.reason).toContain((await listMigrationNames())[0]);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('is 200 once the migrations are applied', async () => {
    await migrateToLatest(testDatabase.database.db);
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('is 503 "database unreachable" when the database is gone, while /healthz stays 200', async () => {
    await testDatabase.database.close();
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'not_ready', reason: 'database unreachable' });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
