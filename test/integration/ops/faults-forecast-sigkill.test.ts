// SIGKILL in the middle of a forecast load (issue 22): every acknowledged forecast is stored, and
// each question's stored CP history equals a full recompute from the stored forecasts (the
// group-committed write of a batch is all or nothing). Runs on both backends.
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
import { waitFor } from '../../helpers/wait-for.ts';

vi.setConfig({ testTimeout: PROCESS_TEST_TIMEOUT_MS, hookTimeout: PROCESS_TEST_TIMEOUT_MS });

const CLIENTS = 12;
const ACKNOWLEDGED_BEFORE_KILL = 60;

let storage: ServerStorage;
let data: ForecastData;
beforeAll(async () => {
  storage = await createServerStorage();
  data = await seedForecastData(storage);
});
afterAll(async () => {
  await killStartedProcesses();
  await storage?.cleanup();
});

describe('SIGKILL during a forecast load', () => {
  it('keeps every acknowledged forecast and a CP history equal to a recompute', async () => {
    const server = await startServerProcess(storage.env);
    const acknowledged: PostedForecast[] = [];
    const unexpected: string[] = [];
    let next = 0;
    const client = async () => {
      for (;;) {
        const forecast = nthForecast(data, next++);
        let answer: Awaited<ReturnType<typeof postForecast>>;
        try {
          answer = await postForecast(server.url, forecast.token, forecast);
        } catch {
          return; // the kill
        }
        if (answer.status === 201) acknowledged.push(forecast);
        else unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    await waitFor(() => acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL || unexpected.length > 0, {
      timeoutMs: 90_000,
      description: `${ACKNOWLEDGED_BEFORE_KILL} acknowledged forecasts`,
    });
    // Every client has a forecast in flight: some are in the batch being written right now.
    server.signal('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    await Promise.all(clients);
    expect(unexpected).toEqual([]);
    const acknowledgedAtKill = [...acknowledged];
    // Fewer than `users` forecasts: no (user, question) pair came twice (nthForecast).
    expect(next).toBeLessThan(data.userIds.length);

    const database = await storage.open();
    try {
      expect(await missingForecasts(database, acknowledgedAtKill)).toEqual([]);
      expect(await cpProblems(database, data)).toEqual([]);
    } finally {
      await database.close();
    }

    // And the server starts again on the same storage and takes forecasts.
    const restarted = await startServerProcess(storage.env);
    const forecast = nthForecast(data, next);
    const answer = await postForecast(restarted.url, forecast.token, forecast);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    restarted.signal('SIGTERM');
    expect((await restarted.exited).code).toBe(0);
  });
});
