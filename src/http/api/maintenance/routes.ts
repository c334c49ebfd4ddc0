// GET /api/v1/admin/backup: a consistent snapshot of the whole database, streamed as
// gzip-compressed JSON Lines while the server keeps serving (what `brier backup --from` fetches;
// with the embedded database, the only way to back up a running server).

import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Deps } from '../../../services/deps.ts';
import { authorizeBackup, writeDatabaseDump } from '../../../services/maintenance/database-dump.ts';
import type { App } from '../../app-type.ts';
import { errors, SIGNED_IN } from '../kit/conventions.ts';
import { TextResponse } from '../kit/schemas.ts';

export function registerMaintenanceRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/v1/admin/backup',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['admin'],
        summary: 'Download a backup of the whole database (admin; a session or a write token)',
        description:
          'gzip-compressed JSON Lines: a header line, then one line per row. Load it with ' +
          '`brier restore FILE` into an empty database. It holds password hashes and session ' +
          'digests: keep it as safe as the database.',
        security: SIGNED_IN,
        response: {
          200: TextResponse('application/gzip', 'The backup file'),
          ...errors(403),
        },
      },
    },
    async (request, reply) => {
      authorizeBackup(request.actor);
      const gzip = createGzip();
      const body = new PassThrough();
      gzip.pipe(body);
      const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
      reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="brier-backup-${stamp}.jsonl.gz"`)
        .header('cache-control', 'private, no-store');
      writeDatabaseDump(deps, async (line) => {
        if (!gzip.write(line)) await once(gzip, 'drain');
      })
        .then(() => gzip.end())
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'backup failed while streaming');
          body.destroy(error as Error);
        });
      // The schema describes the bytes (a string); Fastify streams the body as they are made.
      return reply.send(body as unknown as string);
    },
  );
}
