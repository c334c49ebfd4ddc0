// `brier serve`: migrate, listen, and stop gracefully on SIGTERM / SIGINT.
import { openDeps, readConfig, startServer } from '../../bootstrap.ts';

export async function serve(env: Record<string, string | undefined>): Promise<void> {
  const deps = await openDeps(readConfig(env));
  const server = await startServer(deps);
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
