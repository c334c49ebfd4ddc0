// Global setup of the `postgres` test project: fail loudly (never skip) when no server answers.
import pg from 'pg';
import { testServerUrl } from './test-db.ts';

export default async function requirePostgres(): Promise<void> {
  const client = new pg.Client({
    connectionString: testServerUrl(),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `The PostgreSQL half of the test suite needs a server at ${testServerUrl()} ` +
        `(set TEST_DATABASE_URL to use another). Start the local one with: ` +
        `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start ` +
        `(cause: ${(error as Error).message})`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
