// Forecast writes against a running `brier serve`, for the durability and fault tests: storage
// seeded with the API benchmark's synthetic data (bench/lib/api-data.ts, made small), forecasts
// posted with API tokens, and the checks afterwards (every acknowledged forecast stored, stored CP
// history equal to a full recompute: bench/lib/api-verify.ts).
import { sql } from 'kysely';
import { pino } from 'pino';
import { generateApiData, type LoadedData, loadApiData } from '../../bench/lib/api-data.ts';
import { checkQuestion, type QuestionCheck } from '../../bench/lib/api-verify.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { rebuildCpHistory } from '../../src/services/forecasts/rebuild-cp-history.ts';
import type { ServerStorage } from './server-storage.ts';

export interface ForecastData extends LoadedData {}

/** Migrates `storage` and loads users with tokens, open binary questions and past forecasts. */
export async function seedForecastData(
  storage: ServerStorage,
  spec: { users?: number; questions?: number; forecasts?: number } = {},
): Promise<ForecastData> {
  const database = await storage.open();
  try {
    await migrateToLatest(database.db);
    const data = generateApiData({
      users: spec.users ?? 400,
      questions: spec.questions ?? 4,
      forecasts: spec.forecasts ?? 200,
      seed: 7,
      now: Math.floor(Date.now() / 1000),
    });
    // Nobody signs in with a password here: the tokens are what the tests use.
    const loaded = await loadApiData(database.db, data, 'not-a-password-hash');
    const deps = {
      database,
      config: loadConfig({ LOG_LEVEL: 'silent' }, () => 'unused'),
      clock: systemClock,
      logger: pino({ level: 'silent' }),
    };
    for (const questionId of loaded.questionIds) await rebuildCpHistory(deps, { questionId });
    return loaded;
  } finally {
    await database.close();
  }
}

export interface PostedForecast {
  questionId: number;
  userId: number;
  probabilityYes: number;
}

/**
 * POSTs one forecast; resolves to the HTTP status and the parsed body (rejects when the
 * connection fails, e.g. the server was killed).
 */
export async function postForecast(
  baseUrl: string,
  token: string,
  forecast: { questionId: number; probabilityYes: number },
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/v1/questions/${forecast.questionId}/forecasts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ probability_yes: forecast.probabilityYes }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return { status: response.status, body };
}

/**
 * The i-th forecast of a deterministic sequence: user, question and value vary, and no (user,
 * question) pair comes twice within `users` forecasts (a second one in the same second would
 * replace the first, docs/maths.md §14.2).
 */
export function nthForecast(data: ForecastData, index: number): PostedForecast & { token: string } {
  const user = index % data.userIds.length;
  const question = index % data.questionIds.length;
  return {
    questionId: data.questionIds[question] as number,
    userId: data.userIds[user] as number,
    token: data.tokens[user] as string,
    probabilityYes: (1 + ((index * 37) % 997)) / 1000,
  };
}

/** The acknowledged forecasts missing from the database (empty when all were kept). */
export async function missingForecasts(
  database: Database,
  acknowledged: readonly PostedForecast[],
): Promise<PostedForecast[]> {
  const result = await sql<{ question_id: number; user_id: number; probability_yes: number }>`
    select question_id, user_id, probability_yes from forecasts`.execute(database.db);
  const stored = new Set(
    result.rows.map((row) => `${row.question_id}:${row.user_id}:${row.probability_yes}`),
  );
  return acknowledged.filter(
    (forecast) =>
      !stored.has(`${forecast.questionId}:${forecast.userId}:${forecast.probabilityYes}`),
  );
}

/** Every question's stored CP history compared with a full recompute; only failed checks. */
export async function cpProblems(database: Database, data: ForecastData): Promise<QuestionCheck[]> {
  const checks: QuestionCheck[] = [];
  for (const questionId of data.questionIds) {
    checks.push(await checkQuestion(database.db, questionId));
  }
  return checks.filter((check) => check.problems.length > 0);
}

/** A gauge or counter's value from /metrics text, e.g. `brier_pglite_syncs`. */
export function metricValue(metrics: string, name: string, labels = ''): number {
  const line = metrics
    .split('\n')
    .find((candidate) => candidate.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  if (!line) throw new Error(`no ${name}{${labels}} in /metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}
