// Environment configuration: validated once at start, then frozen and passed down as `deps.config`.

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  /** null = embedded PGlite in `dataDir` */
  databaseUrl: string | null;
  dataDir: string;
  baseUrl: string;
  sessionSecret: string;
  /** true when the secret was generated for this process (development only) */
  isSessionSecretGenerated: boolean;
  logLevel: LogLevel;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Cookies get `Secure` when the public URL is https. */
  isSecureCookies: boolean;
  databasePoolSize: number;
  smtpUrl: string | null;
  loadDemoContent: boolean;
  /** How often each instance's job runner looks for due jobs. */
  jobPollIntervalMs: number;
  /** argon2id cost (OWASP minimum: 19456 KiB, 2 passes); tests lower it for speed. */
  argon2MemoryKib: number;
  argon2TimeCost: number;
  rateLimits: RateLimitConfig;
}

/** Requests per window; every maximum is multiplied by `multiplier` (tests raise it). */
export interface RateLimitConfig {
  multiplier: number;
  loginPerMinute: number;
  registerPerTenMinutes: number;
  forecastPerMinute: number;
  writePerMinute: number;
  /** Accounts younger than a day get this percentage of the forecast and write limits. */
  newAccountPercent: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function readPositiveNumber(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0)) {
    throw new ConfigError(name, `must be a positive number, got "${raw}"`);
  }
  return value;
}

function readUrl(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

/**
 * Reads and validates the environment. `generateSecret` is injected so this module stays free of
 * randomness; main passes a crypto-backed generator.
 */
export function loadConfig(env: Env, generateSecret: () => string = () => ''): Config {
  const port = readInteger(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '127.0.0.1';
  if (!/^[\w.:-]+$/.test(host))
    throw new ConfigError('HOST', `is not a valid host name or address`);

  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const dataDir = env.DATA_DIR?.trim() || './data';

  const baseUrl = readUrl(env, 'BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const isProduction = env.NODE_ENV === 'production';
  let sessionSecret = env.SESSION_SECRET ?? '';
  let isSessionSecretGenerated = false;
  if (sessionSecret === '') {
    if (isProduction)
      throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
    sessionSecret = generateSecret();
    isSessionSecretGenerated = true;
  } else if (sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters long');
  }

  const config: Config = {
    port,
    host,
    databaseUrl,
    dataDir,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    sessionSecret,
    isSessionSecretGenerated,
    logLevel,
    bodyLimitBytes: readInteger(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    isSecureCookies: baseUrl.startsWith('https:'),
    databasePoolSize: readInteger(env, 'DATABASE_POOL_SIZE', 16, 1, 1000),
    smtpUrl: readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    loadDemoContent: readBoolean(env, 'LOAD_DEMO_CONTENT', true),
    jobPollIntervalMs: readInteger(env, 'JOB_POLL_INTERVAL_MS', 1000, 10, 3_600_000),
    argon2MemoryKib: readInteger(env, 'ARGON2_MEMORY_KIB', 19_456, 8, 4_194_304),
    argon2TimeCost: readInteger(env, 'ARGON2_TIME_COST', 2, 1, 100),
    rateLimits: Object.freeze({
      multiplier: readPositiveNumber(env, 'RATE_LIMIT_MULTIPLIER', 1),
      loginPerMinute: readInteger(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 1_000_000),
      registerPerTenMinutes: readInteger(
        env,
        'RATE_LIMIT_REGISTER_PER_10_MINUTES',
        5,
        1,
        1_000_000,
      ),
      forecastPerMinute: readInteger(env, 'RATE_LIMIT_FORECAST_PER_MINUTE', 60, 1, 1_000_000),
      writePerMinute: readInteger(env, 'RATE_LIMIT_WRITE_PER_MINUTE', 60, 1, 1_000_000),
      newAccountPercent: readInteger(env, 'RATE_LIMIT_NEW_ACCOUNT_PERCENT', 50, 1, 100),
    }),
  };
  return Object.freeze(config);
}
