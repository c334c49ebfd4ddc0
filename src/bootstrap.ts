// Composition root shared by every command: config → logger → database → deps; plus the server.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { type Config, loadConfig } from './config/config.ts';
import { acquireDataDirLock } from './db/data-dir-lock.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock } from './domain/clock.ts';
import { type App, buildApp } from './http/app.ts';
import { startEmailDelivery } from './jobs/email-delivery.ts';
import { startJobRunner } from './jobs/runner.ts';
import { type DemoContent, loadDemoContent } from './services/demo/load-demo-content.ts';
import type { Deps } from './services/deps.ts';
import { schedulePurge } from './services/maintenance/purge-expired-data.ts';
import { scheduleHourlyNotifications } from './services/notifications/periodic.ts';
import { scheduleLeaderboardRefresh } from './services/standings/refresh-leaderboards.ts';

export type Env = Record<string, string | undefined>;

export function readConfig(env: Env): Config {
  return loadConfig(env, () => randomBytes(32).toString('hex'));
}

export async function openDeps(config: Config): Promise<Deps> {
  const logger = pino({ level: config.logLevel, base: { service: 'brier' } });
  const releaseLock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    onError: (error) => logger.warn({ err: error }, 'database connection error'),
  });
  if (releaseLock) {
    const close = database.close.bind(database);
    database.close = async () => {
      await close();
      releaseLock();
    };
  }
  return { database, config, clock: systemClock, logger };
}

/** After the shutdown deadline, how long the app may take to run its onClose hooks. */
const CLOSE_AFTER_DEADLINE_CAP_MS = 5000;

export interface RunningServer {
  app: App;
  address: string;
  /** What this start loaded into an empty database (LOAD_DEMO_CONTENT), else null. */
  demoContent: DemoContent | null;
  /** Stops accepting, lets in-flight requests finish (up to the deadline), closes the database. */
  stop(): Promise<void>;
}

export async function startServer(deps: Deps): Promise<RunningServer> {
  const applied = await migrateToLatest(deps.database.db);
  if (applied.length > 0) deps.logger.info({ migrations: applied }, 'migrations applied');
  // Before listening, so the first request already sees it. Of several instances starting
  // together on one database, one loads it and the others find accounts and skip.
  const demoContent = deps.config.loadDemoContent ? await loadDemoContent(deps) : null;
  const app = await buildApp(deps);
  // Requests still in flight when shutdown starts answer with `Connection: close`, so keep-alive
  // clients let go once served and the server can stop before the deadline.
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (isClosing) reply.header('connection', 'close');
  });
  const address = await app.listen({ port: deps.config.port, host: deps.config.host });
  // The first clean-up runs a minute after the start (one pending job for every instance).
  await schedulePurge(deps.database.db, new Date(deps.clock.now().getTime() + 60_000));
  // Leaderboards are rebuilt at start (a migration or rescore may have changed scores), then hourly.
  await scheduleLeaderboardRefresh(deps.database.db, deps.clock.now());
  await scheduleHourlyNotifications(
    deps.database.db,
    new Date(deps.clock.now().getTime() + 60_000),
  );
  const jobRunner = startJobRunner(deps);
  const emailDelivery = startEmailDelivery(deps);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      const deadline = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), deps.config.shutdownTimeoutMs).unref(),
      );
      const closed = app.close().then(() => 'closed' as const);
      if ((await Promise.race([closed, deadline])) === 'timeout') {
        deps.logger.warn('shutdown deadline passed; closing remaining connections');
        app.server.closeAllConnections();
        // The app's own closing work (onClose hooks: the last token uses, the LISTEN
        // connection) still needs the database: let it finish, within a short cap.
        const cap = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), CLOSE_AFTER_DEADLINE_CAP_MS).unref(),
        );
        if ((await Promise.race([closed, cap])) === 'timeout') {
          deps.logger.warn('the app did not finish closing; closing the database anyway');
        }
      }
      await jobRunner.stop();
      await emailDelivery.stop();
      await deps.database.close();
      deps.logger.info('stopped');
    })();
    return stopping;
  };
  return { app, address, demoContent, stop };
}
