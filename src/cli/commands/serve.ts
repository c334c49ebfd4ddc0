// `brier serve`: migrate, listen, and stop gracefully on SIGTERM / SIGINT.
import { openDeps, readConfig, startServer } from '../../bootstrap.ts';
import { type CliCommand, EXIT_SUCCESS, InputError } from '../command.ts';
import { limitHeapGrowth } from '../heap-growth.ts';
import { demoLoginLine } from './seed.ts';

export async function serve(env: Record<string, string | undefined>): Promise<void> {
  limitHeapGrowth();
  const deps = await openDeps(readConfig(env));
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(deps);
  } catch (error) {
    // Release the database (and the PGlite data-dir lock) so the process can exit with the error.
    await deps.database.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new InputError(`PORT: ${deps.config.port} is already in use on ${deps.config.host}`);
    }
    throw error;
  }
  const demo = server.demoContent;
  if (demo !== null) {
    // The generated password goes to standard output only, once: never into the JSON log,
    // which is kept and shipped elsewhere.
    process.stdout.write(`${demoLoginLine(demo.admin)}\n`);
    deps.logger.info(
      {
        demo: {
          questions: demo.questionIds.length + demo.practiceQuestionIds.length,
          practice_questions: demo.practiceQuestionIds.length,
          forecasts: demo.forecastCount,
          admin: { username: demo.admin.username, email: demo.admin.email },
        },
      },
      'demo content loaded; the admin login is on standard output',
    );
  }
  deps.logger.info(
    { address: server.address, database: deps.database.kind },
    `Brier is listening on ${server.address}`,
  );
  const onSignal = (signal: NodeJS.Signals) => {
    deps.logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error) => {
        deps.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

export const serveCommand: CliCommand = {
  name: 'serve',
  options: {},
  positionals: { min: 0, max: 0, name: '' },
  async run() {
    // Returns once listening; the open server keeps the process alive until a signal stops it.
    await serve(process.env);
    return EXIT_SUCCESS;
  },
};
