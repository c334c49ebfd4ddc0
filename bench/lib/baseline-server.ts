// The baseline of the HTTP API benchmark: perf-kit's server case (perf-kit/servers/
// fastify-server.mjs, POST /forecast) reimplemented here so the same run measures it. A bare
// Fastify 5 route, logger off, body validated by a JSON schema, one `INSERT … RETURNING id`
// through a pg Pool of 16 into perf-kit's `forecasts` table (sql/schema.sql).
//
//   node --import tsx bench/lib/baseline-server.ts --pg-url postgres://… [--port 0] [--pool 16]
//   node --import tsx bench/lib/baseline-server.ts --pglite-dir DIR [--port 0]
//
// With --pglite-dir the INSERT goes to PGlite in this process, stored in DIR, as Brier's default
// embedded database does: the same route's ceiling on PGlite (perf-kit measures PGlite's
// INSERTs without HTTP, cases/pglite-insert.mjs).
//
// Creates the table (dropping an old one) in the database it is given, then prints one JSON line
// {"ready":true,"port":N} on stdout once listening. SIGTERM / SIGINT close it.
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

/** perf-kit's sql/schema.sql, verbatim apart from the comment. */
export const BASELINE_SCHEMA = `
DROP TABLE IF EXISTS forecasts;
CREATE TABLE forecasts (
  id          bigserial PRIMARY KEY,
  question_id int NOT NULL,
  user_id     int NOT NULL,
  probability double precision NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);`;

interface ForecastBody {
  questionId: number;
  userId: number;
  probability: number;
}

const INSERT_FORECAST =
  'INSERT INTO forecasts (question_id, user_id, probability) VALUES ($1, $2, $3) RETURNING id';

/** Runs one statement on the baseline's database; `close` ends it. */
interface BaselineDatabase {
  insert(parameters: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

async function openBaselineDatabase(options: {
  pgUrl?: string;
  pgliteDir?: string;
  pool: number;
}): Promise<BaselineDatabase> {
  if (options.pgliteDir !== undefined) {
    const pglite = await PGlite.create(options.pgliteDir);
    await pglite.exec(BASELINE_SCHEMA);
    return {
      insert: async (parameters) => (await pglite.query(INSERT_FORECAST, parameters)).rows[0],
      close: () => pglite.close(),
    };
  }
  if (options.pgUrl === undefined) throw new Error('--pg-url or --pglite-dir is required');
  const pool = new pg.Pool({ connectionString: options.pgUrl, max: options.pool });
  await pool.query(BASELINE_SCHEMA);
  return {
    insert: async (parameters) => (await pool.query(INSERT_FORECAST, parameters)).rows[0],
    close: () => pool.end(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'pg-url': { type: 'string' },
      'pglite-dir': { type: 'string' },
      pool: { type: 'string', default: '16' },
    },
  });
  const database = await openBaselineDatabase({
    pgUrl: values['pg-url'],
    pgliteDir: values['pglite-dir'],
    pool: Number(values.pool),
  });

  const app = Fastify({ logger: false });
  app.post<{ Body: ForecastBody }>(
    '/forecast',
    {
      schema: {
        body: {
          type: 'object',
          required: ['questionId', 'userId', 'probability'],
          properties: {
            questionId: { type: 'integer', minimum: 1 },
            userId: { type: 'integer', minimum: 1 },
            probability: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const { questionId, userId, probability } = request.body;
      const row = (await database.insert([questionId, userId, probability])) as { id: unknown };
      reply.code(201);
      return { id: row.id };
    },
  );

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen({ port: Number(values.port), host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ ready: true, port }));
}

await main();
