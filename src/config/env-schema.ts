// Every environment variable Brier reads, as one TypeBox schema: type, bounds, default and the
// explanation that `.env.example` shows (rendered from this schema by env-example.ts). The
// string values of the environment are converted and checked against it by read-env.ts.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** Where a variable appears in `.env.example`. */
export type EnvSection =
  | 'HTTP'
  | 'Database'
  | 'Security'
  | 'Rate limits (per instance, in memory; see docs/decisions.md)'
  | 'Background work and content'
  | 'Logs and metrics';

/** Annotations of a variable beyond JSON Schema's. */
export interface EnvAnnotations {
  description: string;
  'x-section': EnvSection;
  /** Shown commented out as `# NAME=value` (an example, not the default). */
  'x-example'?: string;
  /** URL variables: the accepted schemes, e.g. `postgres:`. */
  'x-protocols'?: readonly string[];
  /** The default depends on other variables (BASE_URL on PORT): no `NAME=` line in the example. */
  'x-derived-default'?: true;
  /** Echoing a rejected value could print a password (DATABASE_URL); taken as written. */
  'x-secret'?: true;
  /** What a value that fails `pattern` is, in the error message. */
  'x-invalid'?: string;
}

const LIMIT = 1_000_000;

const integer = (minimum: number, maximum: number, fallback: number, notes: EnvAnnotations) =>
  Type.Integer({ minimum, maximum, default: fallback, ...notes });

const url = (protocols: readonly string[], notes: Omit<EnvAnnotations, 'x-protocols'>) =>
  Type.Optional(Type.String({ format: 'uri', 'x-protocols': protocols, ...notes }));

const http = 'HTTP' as const;
const database = 'Database' as const;
const security = 'Security' as const;
const rateLimits = 'Rate limits (per instance, in memory; see docs/decisions.md)' as const;
const background = 'Background work and content' as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ENV_SCHEMA = Type.Object({
  PORT: integer(0, 65_535, 3000, {
    'x-section': http,
    description: 'TCP port to listen on (0 = any free port).',
  }),
  HOST: Type.String({
    pattern: '^[\\w.:-]+$',
    'x-invalid': 'is not a valid host name or address',
    default: '127.0.0.1',
    'x-section': http,
    description:
      'Address to bind. 127.0.0.1 keeps the server private to this machine; use 0.0.0.0 in a ' +
      'container or behind a reverse proxy on another host.',
  }),
  BASE_URL: url(['http:', 'https:'], {
    'x-section': http,
    'x-derived-default': true,
    'x-example': 'https://forecasts.example.org',
    description:
      'Public URL of the site as users reach it (links, e-mails). An https:// URL also marks ' +
      'cookies Secure. Default: http://localhost:$PORT',
  }),
  TRUST_PROXY: Type.String({
    default: '',
    pattern: '^[0-9A-Za-z.:/,\\s]*$',
    'x-invalid': 'must be a hop count or a comma-separated list of proxy addresses',
    'x-section': http,
    description:
      'Which reverse proxies may set X-Forwarded-For (the client address that per-IP rate limits ' +
      'and logs use). Empty: none, the socket address is the client (a client could otherwise ' +
      'rotate the header to escape every per-IP limit). A number: that many proxies in front ' +
      '(1 for one nginx or load balancer). Or a comma-separated list of proxy addresses or CIDR ' +
      'ranges, e.g. 10.0.0.0/8, and the names loopback, linklocal, uniquelocal.',
  }),
  REQUEST_TIMEOUT_MS: integer(1000, 600_000, 30_000, {
    'x-section': http,
    description:
      'How long a client may take to send a whole request (headers within 10 s of it), in ' +
      'milliseconds; slower connections get 408 and are closed. Responses, such as live ' +
      'update streams, are not limited by it.',
  }),
  LIVE_STREAMS_PER_CLIENT: integer(1, 1000, 16, {
    'x-section': http,
    description:
      'Live-update streams (Server-Sent Events) one client may hold open at once: per user ' +
      'when signed in, per address otherwise. More get 429.',
  }),
  LIVE_STREAMS_TOTAL: integer(1, 1_000_000, 2000, {
    'x-section': http,
    description:
      'Live-update streams one instance holds open in all (about 12 KB each); more get 503.',
  }),
  LIVE_STREAM_MAX_SECONDS: integer(1, 86_400, 900, {
    'x-section': http,
    description:
      'A live-update stream ends after this many seconds; browsers reconnect at once with ' +
      '`Last-Event-ID` and miss nothing. Bounds how long a stream outlives a changed identity.',
  }),
  BODY_LIMIT_BYTES: integer(1024, 100 * 1_048_576, 1_048_576, {
    'x-section': http,
    description: 'Largest accepted request body, in bytes (1 MiB).',
  }),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000, {
    'x-section': http,
    description:
      'On SIGTERM/SIGINT: how long in-flight requests may take to finish before their ' +
      'connections are closed, in milliseconds.',
  }),
  DATABASE_URL: url(['postgres:', 'postgresql:'], {
    'x-section': database,
    'x-secret': true,
    'x-example': 'postgres://brier:secret@db.internal:5432/brier',
    description:
      'Empty: embedded PGlite in DATA_DIR (one process per directory). Set it to use a ' +
      'PostgreSQL server instead (same migrations; required for several instances).',
  }),
  DATA_DIR: Type.String({
    default: './data',
    'x-section': database,
    description:
      'PGlite data directory (ignored when DATABASE_URL is set). See docs/operations.md for ' +
      'backups.',
  }),
  DATABASE_POOL_SIZE: integer(1, 1000, 16, {
    'x-section': database,
    description: 'PostgreSQL connections per instance (ignored on PGlite, which has one).',
  }),
  NODE_ENV: Type.String({
    default: 'development',
    'x-section': security,
    description: '`production` makes SESSION_SECRET mandatory.',
  }),
  SESSION_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      'x-section': security,
      'x-secret': true,
      'x-example': '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      description:
        "The server's signing secret, the same on every instance: at least 32 characters, " +
        'e.g. from `openssl rand -hex 32`. Unset outside production: a random one is generated ' +
        'at each start.',
    }),
  ),
  ARGON2_MEMORY_KIB: integer(8, 4_194_304, 19_456, {
    'x-section': security,
    description:
      "argon2id password hashing memory, in KiB (OWASP's minimum is 19456; tests lower it).",
  }),
  ARGON2_TIME_COST: integer(1, 100, 2, {
    'x-section': security,
    description: "argon2id passes (OWASP's minimum is 2).",
  }),
  RATE_LIMIT_MULTIPLIER: Type.Number({
    exclusiveMinimum: 0,
    default: 1,
    'x-section': rateLimits,
    description:
      'Multiplies every limit below (e.g. 10 for a trusted intranet, 1000 in load tests).',
  }),
  RATE_LIMIT_LOGIN_PER_MINUTE: integer(1, LIMIT, 10, {
    'x-section': rateLimits,
    description: 'Login attempts per IP per minute.',
  }),
  RATE_LIMIT_REGISTER_PER_10_MINUTES: integer(1, LIMIT, 5, {
    'x-section': rateLimits,
    description: 'Registrations per IP per 10 minutes.',
  }),
  RATE_LIMIT_FORECAST_PER_MINUTE: integer(1, LIMIT, 60, {
    'x-section': rateLimits,
    description: 'Forecasts per user per minute.',
  }),
  RATE_LIMIT_WRITE_PER_MINUTE: integer(1, LIMIT, 60, {
    'x-section': rateLimits,
    description: 'Other writes (comments, edits, tokens, ...) per user per minute.',
  }),
  RATE_LIMIT_NEW_ACCOUNT_PERCENT: integer(1, 100, 50, {
    'x-section': rateLimits,
    description:
      'Accounts younger than 24 hours get this percentage of the forecast and write limits.',
  }),
  JOB_POLL_INTERVAL_MS: integer(10, 3_600_000, 1000, {
    'x-section': background,
    description:
      "How often each instance's job runner looks for due jobs (question opening/closing, " +
      'e-mail), in milliseconds.',
  }),
  DISPUTE_WINDOW_HOURS: Type.Number({
    minimum: 0,
    maximum: 8760,
    default: 48,
    'x-section': background,
    description:
      'Default dispute window of a proposed resolution, in hours (0 = it finalises at the next ' +
      'job tick). A question may set its own window.',
  }),
  SMTP_URL: url(['smtp:', 'smtps:'], {
    'x-section': background,
    'x-example': 'smtps://user:password@smtp.example.org:465',
    description: 'Outgoing e-mail server (smtp:// or smtps://). Leave empty to run without e-mail.',
  }),
  LOAD_DEMO_CONTENT: Type.Boolean({
    default: true,
    'x-section': background,
    description:
      'On a start with an empty database (no accounts): load the demo content (an admin, the ' +
      '"US–Russia outlook" tournament, its questions and synthetic forecasters) and print the ' +
      'admin login once. false = start with an empty site (production: create the admin with ' +
      '`brier users create --role admin`).',
  }),
  LOG_LEVEL: Type.Union(
    LOG_LEVELS.map((level) => Type.Literal(level)),
    {
      default: 'info',
      'x-section': 'Logs and metrics',
      description:
        `${LOG_LEVELS.join(', ')}. Logs are JSON lines on stdout, one per request with its ` +
        'request id (also returned in the x-request-id response header).',
    },
  ),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      'x-section': 'Logs and metrics',
      'x-secret': true,
      'x-example': 'a-long-random-string-for-prometheus',
      description:
        'Prometheus metrics at /metrics, for scrapers that send `Authorization: Bearer ' +
        '<this token>` (16+ characters). Empty: /metrics answers 404, so the metrics are never ' +
        'public by accident.',
    }),
  ),
});

/** The environment after conversion: numbers, booleans, and undefined for unset optional ones. */
export type Env = Static<typeof ENV_SCHEMA>;
export type EnvName = keyof Env & string;

/** A variable's schema with its annotations. */
export type EnvVariableSchema = TSchema &
  EnvAnnotations & {
    default?: unknown;
    minimum?: number;
    maximum?: number;
    pattern?: string;
    minLength?: number;
  };

/** The variables in schema order (the order of `.env.example`). */
export const ENV_VARIABLES = Object.entries(ENV_SCHEMA.properties) as unknown as [
  EnvName,
  EnvVariableSchema,
][];
