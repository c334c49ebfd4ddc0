// Builds the real app on a fresh test database, with a controllable clock and a silent logger.
import { pino } from 'pino';
import { type Config, loadConfig } from '../../src/config/config.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Deps } from '../../src/services/deps.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

/** A clock tests move by hand; it starts at the real time so "future" dates stay in the future. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: Date = new Date()) {
    this.current = Math.floor(start.getTime() / 1000) * 1000;
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date.getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface TestApp {
  app: App;
  deps: Deps;
  clock: TestClock;
  testDatabase: TestDatabase;
  close(): Promise<void>;
}

/** The /metrics bearer token of test apps and test servers (brierEnv). */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';
export const METRICS_AUTH = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      // Cheap password hashes and generous rate limits, unless a test is about them.
      ARGON2_MEMORY_KIB: '64',
      ARGON2_TIME_COST: '1',
      RATE_LIMIT_MULTIPLIER: '1000',
      // buildApp never loads it, but a test app stands for a server on an empty database.
      LOAD_DEMO_CONTENT: 'false',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      ...env,
    },
    () => 'unused',
  );
}

export async function createTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const clock = new TestClock();
  const deps: Deps = {
    database: testDatabase.database,
    config: testConfig(options.env),
    clock,
    logger: pino({ level: 'silent' }),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    testDatabase,
    async close() {
      await app.close();
      await testDatabase.cleanup();
    },
  };
}
