// The baseline of the HTTP API benchmark: perf-kit's server case (../shared/perf-kit/servers/
// fastify-server.mjs, POST /forecast) reimplemented here so the same run measures it. A bare
// Fastify 5 route, logger off, body validated by a JSON schema, one `INSERT … RETURNING id`
// through a pg Pool of 16 into perf-kit's `forecasts` table (sql/schema.sql).
//
//   node --import tsx bench/lib/baseline-server.ts --pg-url postgres://… [--port 0] [--pool 16]
//
// Creates the table (dropping an old one) in the database it is given, then prints one JSON line
// {"ready":true,"port":N} on stdout once listening. SIGTERM / SIGINT close it.
import { parseArgs } from 'node:util';
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'pg-url': { type: 'string' },
      pool: { type: 'string', default: '16' },
    },
  });
  if (!values['pg-url']) throw new Error('--pg-url is required');
  const pool = new pg.Pool({ connectionString: values['pg-url'], max: Number(values.pool) });
  await pool.query(BASELINE_SCHEMA);

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
      const result = await pool.query(
        'INSERT INTO forecasts (question_id, user_id, probability) VALUES ($1, $2, $3) RETURNING id',
        [questionId, userId, probability],
      );
      reply.code(201);
      return { id: result.rows[0].id };
    },
  );

  const shutdown = async () => {
    await app.close();
    await pool.end();
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
