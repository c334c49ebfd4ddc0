// One `npm test` runs the pure unit tests once and every database-backed test twice:
// on embedded PGlite and on a real PostgreSQL server (TEST_DATABASE_URL).
import { defineConfig } from 'vitest/config';

const integration = ['test/integration/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'test/unit/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'pglite',
          include: integration,
          env: { BRIER_TEST_BACKEND: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: integration,
          env: { BRIER_TEST_BACKEND: 'postgres' },
          globalSetup: ['test/helpers/require-postgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Headless Chromium against the real server process (see test/e2e/).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
