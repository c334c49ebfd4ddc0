// Two instances on one PostgreSQL database under a forecast load, one of them SIGKILLed (issue
// 22): the survivor keeps acknowledging forecasts, every forecast acknowledged by either
// instance is stored, and each question's stored CP history equals a full recompute.
// PostgreSQL only: the embedded database belongs to one process.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  killStartedProcesses,
  PROCESS_TEST_TIMEOUT_MS,
  startServerProcess,
} from '../../helpers/brier-process.ts';
import {
  cpProblems,
  type ForecastData,
  missingForecasts,
  nthForecast,
  type PostedForecast,
  postForecast,
  seedForecastData,
} from '../../helpers/forecast-load.ts';
import { createServerStorage, type ServerStorage } from '../../helpers/server-storage.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { waitFor } from '../../helpers/wait-for.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const CLIENTS_PER_INSTANCE = 6;

let storage: ServerStorage;
let data: ForecastData;

describe.skipIf(testBackend() !== 'postgres')('two instances, one killed', () => {
  beforeAll(async () => {
    storage = await createServerStorage();
    data = await seedForecastData(storage);
  });
  afterAll(async () => {
    await killStartedProcesses();
    await storage?.cleanup();
  });

  it('the survivor keeps going and nothing acknowledged by either is lost', async () => {
    const [doomed, survivor] = await Promise.all([
      startServerProcess(storage.env),
      startServerProcess(storage.env),
    ]);
    const acknowledged: PostedForecast[] = [];
    const bySurvivorAfterKill: PostedForecast[] = [];
    const unexpected: string[] = [];
    let next = 0;
    let isKilled = false;
    let isStopping = false;
    const client = async (url: string, isSurvivor: boolean) => {
      while (!isStopping) {
        const forecast = nthForecast(data, next++);
        let answer: Awaited<ReturnType<typeof postForecast>>;
        try {
          answer = await postForecast(url, forecast.token, forecast);
        } catch {
          if (isSurvivor) unexpected.push('the survivor dropped a connection');
          return;
        }
        if (answer.status === 201) {
          acknowledged.push(forecast);
          if (isSurvivor && isKilled) bySurvivorAfterKill.push(forecast);
        } else unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const clients = Array.from({ length: CLIENTS_PER_INSTANCE }, () => [
      client(doomed.url, false),
      client(survivor.url, true),
    ]).flat();
    await waitFor(() => acknowledged.length >= 40 || unexpected.length > 0, {
      timeoutMs: 90_000,
      description: '40 acknowledged forecasts',
    });
    doomed.signal('SIGKILL');
    isKilled = true;
    expect((await doomed.exited).signal).toBe('SIGKILL');
    await waitFor(() => bySurvivorAfterKill.length >= 20 || unexpected.length > 0, {
      timeoutMs: 90_000,
      description: 'the survivor to acknowledge 20 more',
    });
    isStopping = true;
    await Promise.all(clients);
    expect(unexpected).toEqual([]);
    expect(next).toBeLessThan(data.userIds.length);

    const database = await storage.open();
    try {
      expect(await missingForecasts(database, acknowledged)).toEqual([]);
      expect(await cpProblems(database, data)).toEqual([]);
    } finally {
      await database.close();
    }
    survivor.signal('SIGTERM');
    expect((await survivor.exited).code).toBe(0);
  });
});
