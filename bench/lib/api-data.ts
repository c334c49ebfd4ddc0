// Synthetic data of the HTTP API benchmark: users with API tokens, open binary questions and past
// forecasts (valid per docs/maths.md §14.2: whole seconds, one chain per user and question), generated
// with mulberry32 and loaded with a few bulk SQL statements through the project's database module.
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../../src/db/schema.ts';
import { sha256 } from '../../src/services/auth/secrets.ts';
import { Mulberry32 } from './mulberry32.ts';

const DAY_SECONDS = 86_400;

export interface ApiDataSpec {
  users: number;
  questions: number;
  forecasts: number;
  seed: number;
  /** Unix seconds "now": every generated time lies before it. */
  now: number;
}

export const DEFAULT_DATA_SPEC: Omit<ApiDataSpec, 'now'> = {
  users: 10_000,
  questions: 20,
  forecasts: 100_000,
  seed: 20_261_126,
};

/** One past forecast; times are unix seconds, `endTime` null = still standing. */
export interface PastForecast {
  /** Index into the question list (0-based). */
  question: number;
  /** Index into the user list (0-based). */
  user: number;
  startTime: number;
  endTime: number | null;
  probabilityYes: number;
}

export interface ApiData {
  spec: ApiDataSpec;
  openTime: number;
  /** In start-time order (the insertion order, so ids grow with time as on a live server). */
  forecasts: PastForecast[];
  withdrawnCount: number;
}

/** Share of (user, question) chains whose last forecast was withdrawn before now. */
const WITHDRAWN_SHARE = 0.03;
/** Questions opened this long before now; forecasts start from a minute after the open… */
const OPEN_DAYS = 30;
/** …up to ten minutes before now. */
const QUIET_SECONDS = 600;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** P(yes) to 3 decimals in [0.001, 0.999] (docs/maths.md §14.2). */
export function roundProbability(p: number): number {
  return Math.min(0.999, Math.max(0.001, Math.round(p * 1000) / 1000));
}

/**
 * Each forecast picks a user and a question uniformly and a start time uniformly in the open
 * window; a (user, question) pair's forecasts form a chain (each ends at the next one's start),
 * the chain's last one stands, or for 3 % of chains was withdrawn before now. Values drift around
 * a per-question centre on the log-odds scale.
 */
export function generateApiData(spec: ApiDataSpec): ApiData {
  const random = new Mulberry32(spec.seed);
  const openTime = spec.now - OPEN_DAYS * DAY_SECONDS;
  const first = openTime + 60;
  const last = spec.now - QUIET_SECONDS;
  const centres = Array.from({ length: spec.questions }, () => random.gaussian() * 1.5);
  const seen = new Set<string>();
  const forecasts: PastForecast[] = [];
  while (forecasts.length < spec.forecasts) {
    const user = random.integer(spec.users);
    const question = random.integer(spec.questions);
    const startTime = first + random.integer(last - first);
    // One forecast per pair and second: a second one would have replaced it (§14.2).
    const key = `${user}:${question}:${startTime}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const drift = ((startTime - openTime) / (last - openTime)) * 0.5;
    const probabilityYes = roundProbability(
      logistic(centres[question] + drift + random.gaussian() * 0.8),
    );
    forecasts.push({ question, user, startTime, endTime: null, probabilityYes });
  }
  forecasts.sort((a, b) => a.startTime - b.startTime || a.user - b.user || a.question - b.question);
  const previous = new Map<number, PastForecast>();
  for (const forecast of forecasts) {
    const pair = forecast.user * spec.questions + forecast.question;
    const before = previous.get(pair);
    if (before) before.endTime = forecast.startTime;
    previous.set(pair, forecast);
  }
  let withdrawnCount = 0;
  for (const standing of previous.values()) {
    if (random.next() >= WITHDRAWN_SHARE) continue;
    const latest = spec.now - 60;
    if (latest <= standing.startTime + 1) continue;
    standing.endTime = standing.startTime + 1 + random.integer(latest - standing.startTime - 1);
    withdrawnCount++;
  }
  return { spec, openTime, forecasts, withdrawnCount };
}

export interface LoadedData {
  /** `brier_…` API tokens (read + write), index = user index. */
  tokens: string[];
  userIds: number[];
  questionIds: number[];
}

const BATCH = 10_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) {
    out.push(items.slice(index, index + size));
  }
  return out;
}

/**
 * Inserts the users (one precomputed password hash for all), one read+write API token each
 * (stored as sha-256, as src/services/auth/secrets.ts does), the questions (open, authored by
 * the first user) and the past forecasts, with bulk `unnest` inserts. The CP history is not
 * built here (see rebuildCpHistory).
 */
export async function loadApiData(
  db: Kysely<DatabaseSchema>,
  data: ApiData,
  passwordHash: string,
): Promise<LoadedData> {
  const { spec, openTime } = data;
  const created = openTime - DAY_SECONDS;
  const tokens = Array.from(
    { length: spec.users },
    () => `brier_${randomBytes(32).toString('base64url')}`,
  );
  const userIds: number[] = [];
  for (const batch of chunks(
    Array.from({ length: spec.users }, (_, index) => index),
    BATCH,
  )) {
    const names = batch.map((index) => `bench_${String(index + 1).padStart(5, '0')}`);
    const roles = batch.map((index) => (index === 0 ? 'analyst' : 'reader'));
    const result = await sql<{ id: number; username: string }>`
      insert into users (username, email, password_hash, role, created_at)
      select name, name || '@example.test', ${passwordHash}, role, to_timestamp(${created})
      from unnest(${names}::text[], ${roles}::text[]) with ordinality as u(name, role, n)
      order by n
      returning id, username`.execute(db);
    const idByName = new Map(result.rows.map((row) => [row.username, Number(row.id)]));
    userIds.push(...names.map((name) => idByName.get(name) as number));
  }
  for (const batch of chunks(
    Array.from({ length: spec.users }, (_, index) => index),
    BATCH,
  )) {
    const ids = batch.map((index) => userIds[index]);
    const hashes = batch.map((index) => sha256(tokens[index]));
    const prefixes = batch.map((index) => tokens[index].slice(0, 12));
    await sql`
      insert into api_tokens (user_id, name, token_hash, token_prefix, scopes, created_at)
      select user_id, 'bench', token_hash, token_prefix, array['read', 'write'], to_timestamp(${created})
      from unnest(${ids}::bigint[], ${hashes}::text[], ${prefixes}::text[])
        as t(user_id, token_hash, token_prefix)`.execute(db);
  }
  const questionIds: number[] = [];
  for (let index = 0; index < spec.questions; index++) {
    const result = await sql<{ id: number }>`
      insert into questions (type, status, title, description, resolution_criteria, author_id,
        open_time, scheduled_close_time, scheduled_resolve_time, cp_reveal_time, created_at,
        updated_at)
      values ('binary', 'open', ${`Benchmark question ${index + 1}`}, 'Synthetic.',
        'Resolves yes if it happens.', ${userIds[0]}, to_timestamp(${openTime}),
        to_timestamp(${spec.now + OPEN_DAYS * DAY_SECONDS}),
        to_timestamp(${spec.now + (OPEN_DAYS + 1) * DAY_SECONDS}), to_timestamp(${openTime}),
        to_timestamp(${created}), to_timestamp(${created}))
      returning id`.execute(db);
    questionIds.push(Number(result.rows[0].id));
  }
  for (const batch of chunks(data.forecasts, BATCH)) {
    await sql`
      insert into forecasts (question_id, user_id, start_time, end_time, probability_yes, created_at)
      select question_id, user_id, to_timestamp(start_time), to_timestamp(end_time), p,
        to_timestamp(start_time)
      from unnest(${batch.map((f) => questionIds[f.question])}::bigint[],
        ${batch.map((f) => userIds[f.user])}::bigint[],
        ${batch.map((f) => f.startTime)}::float8[],
        ${batch.map((f) => f.endTime)}::float8[],
        ${batch.map((f) => f.probabilityYes)}::float8[]) with ordinality
        as f(question_id, user_id, start_time, end_time, p, n)
      order by n`.execute(db);
  }
  await sql`analyze`.execute(db);
  return { tokens, userIds, questionIds };
}
