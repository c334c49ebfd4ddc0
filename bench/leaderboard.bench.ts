// `npm run bench:leaderboard`: the global leaderboard page under load (issue 20). A fresh
// PostgreSQL database (`brier_bench_lb_<random>` on BENCH_PG_URL's server, dropped afterwards)
// gets 10k users and 1k resolved binary questions with 100 forecasters each (peer and baseline
// scores, plus the CP's); refreshLeaderboards() builds the stored boards (timed); then the app
// serves GET /leaderboards (the HTML page) and GET /api/v1/leaderboards to autocannon with 50
// connections, pipelining 1, 2 s warm-up, 10 s measured each. The app runs in this process
// (one event loop shared with autocannon's clients, so the numbers are pessimistic).
// Usage: npm run bench:leaderboard -- [--duration 10] [--connections 50]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemClock } from '../src/domain/clock.ts';
import { buildApp } from '../src/http/app.ts';
import type { Deps } from '../src/services/deps.ts';
import { refreshStandings } from '../src/services/standings/refresh-leaderboards.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = 10_000;
const QUESTIONS = 1_000;
const FORECASTERS_PER_QUESTION = 100;

async function main(): Promise<void> {
  const name = `brier_bench_lb_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 16 });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const seedStart = performance.now();
    await sql`insert into users (username, email, password_hash)
      select 'user' || i, 'user' || i || '@example.org', 'x' from generate_series(1, ${USERS}) i`.execute(
      db,
    );
    await sql`insert into questions (type, status, title, author_id, open_time,
        scheduled_close_time, actual_close_time, resolution, resolved_at)
      select 'binary', 'resolved', 'Question ' || i, 1, now() - interval '800 days',
        now() - interval '1 day' * (i % 700), now() - interval '1 day' * (i % 700),
        case when i % 2 = 0 then 'yes' else 'no' end, now() - interval '1 day' * (i % 700)
      from generate_series(1, ${QUESTIONS}) i`.execute(db);
    // Forecaster k of question q is user ((q * 37 + k * 101) mod USERS) + 1: distinct per question.
    for (const scoreType of ['peer', 'baseline']) {
      await sql`insert into scores (question_id, user_id, score_type, score, coverage)
        select q.id, ((q.id * 37 + k * 101) % ${USERS}) + 1, ${scoreType},
          (random() - 0.45) * 40, random()
        from questions q, generate_series(1, ${FORECASTERS_PER_QUESTION}) k`.execute(db);
      await sql`insert into scores (question_id, aggregation_method, score_type, score, coverage)
        select id, 'recency_weighted', ${scoreType}, random() * 10, 1 from questions`.execute(db);
    }
    await sql`analyze`.execute(db);
    const seedMs = performance.now() - seedStart;
    const config = loadConfig(
      {
        LOG_LEVEL: 'silent',
        SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01',
        RATE_LIMIT_MULTIPLIER: '100000',
        LOAD_DEMO_CONTENT: 'false',
      },
      () => 'unused',
    );
    const deps: Deps = { database, config, clock: systemClock, logger: pino({ level: 'silent' }) };
    const refreshStart = performance.now();
    await refreshStandings(deps);
    const refreshMs = performance.now() - refreshStart;
    const app = await buildApp(deps);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const results: string[] = [];
    for (const path of ['/leaderboards', '/api/v1/leaderboards?window=all']) {
      const run = (duration: number) =>
        autocannon({
          url: `${base}${path}`,
          connections: Number(values.connections),
          pipelining: 1,
          duration,
        });
      await run(2);
      const result = await run(Number(values.duration));
      results.push(
        `| GET ${path} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ` +
          `${result.latency.p99} | ${result.non2xx + result.errors} |`,
      );
    }
    await app.close();
    console.log(
      [
        `Seeded ${USERS} users, ${QUESTIONS} resolved questions, ` +
          `${2 * QUESTIONS * (FORECASTERS_PER_QUESTION + 1)} score rows in ${Math.round(seedMs)} ms; ` +
          `refreshLeaderboards (every board) took ${Math.round(refreshMs)} ms.`,
        '',
        '| request | req/s | p50 ms | p99 ms | errors + non-2xx |',
        '|---|---|---|---|---|',
        ...results,
      ].join('\n'),
    );
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
