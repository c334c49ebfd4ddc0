// loadConfig: defaults, and one clear ConfigError naming the variable for every kind of bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const SECRET = 'x'.repeat(32);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, () => 'generated');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('runs on an empty environment with PGlite in ./data on localhost:3000', () => {
    const config = loadConfig({}, () => 'generated-secret');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: null,
      dataDir: './data',
      baseUrl: 'http://localhost:3000',
      sessionSecret: 'generated-secret',
      isSessionSecretGenerated: true,
      logLevel: 'info',
      bodyLimitBytes: 1_048_576,
      liveStreams: { perClient: 16, total: 2000, maxLifetimeMs: 900_000 },
      shutdownTimeoutMs: 10_000,
      isSecureCookies: false,
      databasePoolSize: 16,
      smtpUrl: null,
      loadDemoContent: true,
      jobPollIntervalMs: 1000,
      disputeWindowHours: 48,
      argon2MemoryKib: 19_456,
      argon2TimeCost: 2,
      rateLimits: {
        multiplier: 1,
        loginPerMinute: 10,
        registerPerTenMinutes: 5,
        forecastPerMinute: 60,
        writePerMinute: 60,
        newAccountPercent: 50,
      },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rateLimits)).toBe(true);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '', SMTP_URL: '' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeNull();
    expect(config.logLevel).toBe('info');
    expect(config.smtpUrl).toBeNull();
  });

  it('reads every variable when set', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://brier@db.internal:5432/brier',
      DATA_DIR: '/var/lib/brier',
      BASE_URL: 'https://forecasts.example.org/',
      SESSION_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      BODY_LIMIT_BYTES: '4096',
      SHUTDOWN_TIMEOUT_MS: '0',
      DATABASE_POOL_SIZE: '4',
      SMTP_URL: 'smtps://mailer:pw@smtp.example.org:465',
      LOAD_DEMO_CONTENT: 'no',
      NODE_ENV: 'production',
      JOB_POLL_INTERVAL_MS: '250',
      ARGON2_MEMORY_KIB: '65536',
      ARGON2_TIME_COST: '3',
      RATE_LIMIT_MULTIPLIER: '2.5',
      RATE_LIMIT_LOGIN_PER_MINUTE: '20',
      RATE_LIMIT_REGISTER_PER_10_MINUTES: '3',
      RATE_LIMIT_FORECAST_PER_MINUTE: '120',
      RATE_LIMIT_WRITE_PER_MINUTE: '30',
      RATE_LIMIT_NEW_ACCOUNT_PERCENT: '25',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://brier@db.internal:5432/brier',
      dataDir: '/var/lib/brier',
      baseUrl: 'https://forecasts.example.org',
      sessionSecret: SECRET,
      isSessionSecretGenerated: false,
      logLevel: 'warn',
      bodyLimitBytes: 4096,
      shutdownTimeoutMs: 0,
      isSecureCookies: true,
      databasePoolSize: 4,
      smtpUrl: 'smtps://mailer:pw@smtp.example.org:465',
      loadDemoContent: false,
      jobPollIntervalMs: 250,
      disputeWindowHours: 48,
      argon2MemoryKib: 65_536,
      argon2TimeCost: 3,
      rateLimits: {
        multiplier: 2.5,
        loginPerMinute: 20,
        registerPerTenMinutes: 3,
        forecastPerMinute: 120,
        writePerMinute: 30,
        newAccountPercent: 25,
      },
    });
  });

  it('derives BASE_URL from PORT when unset', () => {
    expect(loadConfig({ PORT: '4000' }).baseUrl).toBe('http://localhost:4000');
  });

  it('accepts postgresql:// as well as postgres://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/brier' }).databaseUrl).toBe(
      'postgresql://localhost/brier',
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('reads a hop count or a list of addresses, CIDR ranges and range names', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.1,loopback,::1,fd00::/8' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.0.2.1', 'loopback', '::1', 'fd00::/8']);
  });
});

describe('loadConfig errors name the variable', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '3000.5' }],
    ['PORT', { PORT: '65536' }],
    ['HOST', { HOST: 'local host' }],
    ['HOST', { HOST: 'evil;rm' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/brier' }],
    ['BASE_URL', { BASE_URL: 'localhost:3000' }],
    ['BASE_URL', { BASE_URL: 'ftp://example.org' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'too-short' }],
    ['SESSION_SECRET', { NODE_ENV: 'production' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '10' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '1MB' }],
    ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: '600001' }],
    ['SHUTDOWN_TIMEOUT_MS', { SHUTDOWN_TIMEOUT_MS: 'soon' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example.org' }],
    ['SMTP_URL', { SMTP_URL: '::' }],
    ['LOAD_DEMO_CONTENT', { LOAD_DEMO_CONTENT: 'maybe' }],
    ['JOB_POLL_INTERVAL_MS', { JOB_POLL_INTERVAL_MS: '5' }],
    ['ARGON2_MEMORY_KIB', { ARGON2_MEMORY_KIB: '4' }],
    ['ARGON2_TIME_COST', { ARGON2_TIME_COST: '0' }],
    ['RATE_LIMIT_MULTIPLIER', { RATE_LIMIT_MULTIPLIER: '0' }],
    ['RATE_LIMIT_MULTIPLIER', { RATE_LIMIT_MULTIPLIER: 'lots' }],
    ['RATE_LIMIT_LOGIN_PER_MINUTE', { RATE_LIMIT_LOGIN_PER_MINUTE: '0' }],
    ['RATE_LIMIT_REGISTER_PER_10_MINUTES', { RATE_LIMIT_REGISTER_PER_10_MINUTES: 'x' }],
    ['RATE_LIMIT_FORECAST_PER_MINUTE', { RATE_LIMIT_FORECAST_PER_MINUTE: '1.5' }],
    ['RATE_LIMIT_WRITE_PER_MINUTE', { RATE_LIMIT_WRITE_PER_MINUTE: '10000000' }],
    ['RATE_LIMIT_NEW_ACCOUNT_PERCENT', { RATE_LIMIT_NEW_ACCOUNT_PERCENT: '101' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', { TRUST_PROXY: '11' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.1, example.org' }],
    ['TRUST_PROXY', { TRUST_PROXY: '<script>' }],
    ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '10' }],
  ];

  it.each(cases)('%s: %j', (variable, env) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a rejected DATABASE_URL (it may hold a password)', () => {
    const error = configError({ DATABASE_URL: 'mysql://admin:hunter2@db/brier' });
    expect(error.message).not.toContain('hunter2');
  });
});
