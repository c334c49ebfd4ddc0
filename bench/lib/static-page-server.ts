// The baseline of the web page benchmark: a bare Fastify 5 route, logger off, that answers
// GET /page with one HTML file read once at start (what serving the page costs with no
// rendering, no database and no session at all).
//
//   node --import tsx bench/lib/static-page-server.ts --file PAGE.html --port N
//
// Answers GET /healthz with 200 once listening; SIGTERM / SIGINT close it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const { values } = parseArgs({
  options: { file: { type: 'string' }, port: { type: 'string', default: '0' } },
});
if (!values.file) throw new Error('static-page-server: --file is required');
const html = readFileSync(values.file, 'utf8');

const app = Fastify({ logger: false });
app.get('/page', async (_request, reply) =>
  reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html),
);
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(values.port) });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
