// The HTTP API benchmark's markdown: result table, targets, checks, PERFORMANCE.md section.
import type { LoadResult } from './api-load.ts';
import type { QuestionCheck } from './api-verify.ts';
import { HTTP_API_HEADING, type MachineInfo } from './performance-doc.ts';
import { formatCount, formatMs, markdownTable } from './report-format.ts';

/** The targets (issue 5). */
export const API_TARGETS = {
  /** Share of the baseline's requests per second. */
  minBaselineShare: 0.6,
  maxP99Ms: 50,
  maxRssMiB: 300,
};

export interface TargetResult extends LoadResult {
  name: string;
  peakRssMiB: number;
  serverCpuMsPerRequest: number;
  /** CPU of every `postgres` process on the machine over the run, per request. */
  postgresCpuMsPerRequest: number;
  /** CPU of the benchmark process itself (autocannon), per request. */
  loaderCpuMsPerRequest: number;
}

export interface BackendResult extends TargetResult {
  backend: 'postgres' | 'pglite';
  /** The PostgreSQL baseline, measured in the rounds alternating with this backend. */
  baseline: TargetResult;
  /**
   * PGlite only: the same route on PGlite in the baseline's process, in the same rounds: the
   * ceiling of an embedded database, beside the PostgreSQL baseline the targets use.
   */
  pgliteBaseline: TargetResult | null;
  loadSeconds: number;
  rebuildSeconds: number;
  /** Stored CP entries per method, summed over the questions, before the load. */
  historyEntries: number;
  checks: QuestionCheck[];
  forecastCount: number;
  /** The first lines the server printed (LOG_LEVEL=warn: warnings and errors only). */
  serverWarnings: string[];
  /** Read from the server's /metrics after the load (null when it did not answer). */
  serverMetrics?: ServerMetrics | null;
}

export interface ServerMetrics {
  /** Forecasts per group-committed write statement (cp-write-batcher.ts). */
  eventsPerStatement: number | null;
  largestBatch: number | null;
  heapUsedMiB: number | null;
  heapTotalMiB: number | null;
  /** Memory outside the JavaScript heap that V8 knows of (buffers, typed arrays, Wasm). */
  externalMiB: number | null;
  /** CP events by how they ran (`brier_cp_events`; absent in older results). */
  cpEvents?: { optimistic: number | null; locked: number | null; fallback: number | null };
}

export interface ApiRun {
  command: string;
  date: string;
  machine: MachineInfo;
  totalSeconds: number;
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    rounds: number;
  };
  data: { users: number; questions: number; forecasts: number; withdrawn: number };
  /** The node flags the server ran with (the start script's; absent in older saved runs). */
  serverNodeFlags?: string[];
  results: BackendResult[];
}

const BACKEND_LABELS: Record<BackendResult['backend'], string> = {
  postgres: 'Brier on PostgreSQL',
  pglite: 'Brier on PGlite',
};

function percent(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}

function cpuCell(result: TargetResult, isPglite: boolean): string {
  const server = formatMs(result.serverCpuMsPerRequest);
  const postgres = isPglite ? '— (in the server)' : formatMs(result.postgresCpuMsPerRequest);
  return `${server} / ${postgres} / ${formatMs(result.loaderCpuMsPerRequest)}`;
}

/** One row per target: the baseline first, then each backend with its ratio to the baseline. */
export function resultTable(run: ApiRun): string {
  const header = [
    'Target',
    'req/s',
    'vs baseline',
    'p50',
    'p99',
    'errors / non-2xx',
    'requests',
    'server peak RSS',
    'CPU per request: server / PostgreSQL / load generator',
  ];
  const row = (label: string, result: TargetResult, ratio: string, isPglite: boolean) => [
    label,
    formatCount(Math.round(result.reqPerSec)),
    ratio,
    `${result.p50Ms} ms`,
    `${result.p99Ms} ms`,
    `${result.errors} / ${result.non2xx}`,
    formatCount(result.total),
    `${result.peakRssMiB.toFixed(0)} MiB`,
    cpuCell(result, isPglite),
  ];
  const rows: string[][] = [];
  for (const result of run.results) {
    const { baseline, pgliteBaseline } = result;
    const label = BACKEND_LABELS[result.backend];
    rows.push(row(`baseline (rounds with ${label})`, baseline, '100 %', false));
    let ratio = percent(result.reqPerSec / baseline.reqPerSec);
    if (pgliteBaseline) {
      rows.push(
        row(
          'baseline on PGlite: the same route, PGlite in its process',
          pgliteBaseline,
          percent(pgliteBaseline.reqPerSec / baseline.reqPerSec),
          true,
        ),
      );
      ratio += ` (${percent(result.reqPerSec / pgliteBaseline.reqPerSec)} of the PGlite baseline)`;
    }
    rows.push(row(`**${label}**`, result, ratio, result.backend === 'pglite'));
  }
  return markdownTable(header, rows);
}

export function targetTable(run: ApiRun): string {
  const verdict = (isMet: boolean) => (isMet ? 'met' : '**missed**');
  const rows = run.results.map((result) => {
    const share = result.reqPerSec / result.baseline.reqPerSec;
    return [
      BACKEND_LABELS[result.backend],
      `${percent(share)}: ${verdict(share >= API_TARGETS.minBaselineShare)}`,
      `${result.p99Ms} ms: ${verdict(result.p99Ms < API_TARGETS.maxP99Ms)}`,
      `${result.errors + result.non2xx}: ${verdict(result.errors + result.non2xx === 0)}`,
      `${result.peakRssMiB.toFixed(0)} MiB: ${verdict(result.peakRssMiB < API_TARGETS.maxRssMiB)}`,
    ];
  });
  return markdownTable(
    [
      'Backend',
      `≥ ${percent(API_TARGETS.minBaselineShare)} of baseline req/s`,
      `p99 < ${API_TARGETS.maxP99Ms} ms`,
      'zero errors',
      `RSS < ${API_TARGETS.maxRssMiB} MB`,
    ],
    rows,
  );
}

function serverMetricsText(metrics: ServerMetrics): string {
  const mib = (value: number | null) => (value === null ? '—' : `${value.toFixed(0)} MiB`);
  const perStatement =
    metrics.eventsPerStatement === null ? '—' : metrics.eventsPerStatement.toFixed(1);
  return (
    `server /metrics after the load: ${perStatement} forecasts per write statement on average ` +
    `(largest ${metrics.largestBatch ?? '—'}); JavaScript heap ${mib(metrics.heapUsedMiB)} used ` +
    `of ${mib(metrics.heapTotalMiB)}, external ${mib(metrics.externalMiB)}` +
    (metrics.cpEvents
      ? `; CP events: ${metrics.cpEvents.optimistic ?? '—'} optimistic, ` +
        `${metrics.cpEvents.fallback ?? '—'} the locked way after trying (a question's first ` +
        `forecast included), ${metrics.cpEvents.locked ?? '—'} the locked way`
      : '')
  );
}

function checksText(run: ApiRun): string {
  const lines: string[] = [];
  for (const result of run.results) {
    const checks = result.checks
      .map((check) => {
        const verdict =
          check.problems.length === 0 ? 'equal' : `**differs**: ${check.problems.join('; ')}`;
        return `question ${check.questionId} (${formatCount(check.forecasts)} forecasts, ${formatCount(check.entries)} entries): ${verdict}`;
      })
      .join('; ');
    lines.push(
      `* ${BACKEND_LABELS[result.backend]}: data loaded in ${result.loadSeconds.toFixed(1)} s, ` +
        `${formatCount(result.historyEntries)} CP entries per method built by rebuildCpHistory in ` +
        `${result.rebuildSeconds.toFixed(1)} s; after the run ${formatCount(result.forecastCount)} ` +
        `forecasts stored; stored history vs full recompute, every method: ${checks}.`,
    );
    const metrics = result.serverMetrics;
    if (metrics) lines.push(`  * ${serverMetricsText(metrics)}`);
    for (const sample of result.non2xxSamples) lines.push(`  * non-2xx answer: \`${sample}\``);
    for (const warning of result.serverWarnings) {
      lines.push(`  * server printed: \`${warning.slice(0, 200)}\``);
    }
  }
  for (const result of run.results) {
    for (const sample of result.baseline.non2xxSamples) {
      lines.push(`* baseline non-2xx answer: \`${sample}\``);
    }
  }
  return lines.join('\n');
}

function totalCpu(result: TargetResult): number {
  return (
    result.serverCpuMsPerRequest + result.postgresCpuMsPerRequest + result.loaderCpuMsPerRequest
  );
}

/** What the run says about the limit: CPU per request against the cores, and the round trips. */
export function limitsText(run: ApiRun): string {
  const cores = run.machine.cores;
  const lines = [
    `Every process here shares ${cores} cores, so CPU time per request (server, PostgreSQL and`,
    `load generator together) bounds throughput at about ${cores} s of CPU per second:`,
  ];
  const parts = run.results.map((result) => {
    const baselineCpu = totalCpu(result.baseline);
    const cpu = totalCpu(result);
    const busy = (result.reqPerSec * cpu) / (cores * 1000);
    return (
      `in the rounds with ${BACKEND_LABELS[result.backend]}, the baseline ${formatMs(baselineCpu)} ` +
      `(a ceiling of ≈ ${formatCount(Math.round((cores * 1000) / baselineCpu))} req/s) and Brier ` +
      `${formatMs(cpu)} (${(cpu / baselineCpu).toFixed(1)}× the baseline, a ceiling of ≈ ` +
      `${formatCount(Math.round((cores * 1000) / cpu))} req/s, ${percent(baselineCpu / cpu)} of ` +
      `the baseline's); Brier's rounds kept the cores ${(busy * 100).toFixed(0)} % busy`
    );
  });
  lines.push(`${parts.join('; ')}.`);
  lines.push(
    '',
    'A forecast does much more than the baseline’s INSERT. On the warm path (the server already',
    'holds the question’s committed state and the token is in its cache) it costs no read: the',
    'server updates the incremental CP of all three methods over the question’s active forecasts,',
    'and the write — lock the question and its CP state, check neither changed, end the standing',
    'forecast, insert the new one, write three CP entry rows (one per method) and end the',
    'previous three, bump the state version, top up the reserved forecast ids, `NOTIFY',
    'cp_updated` — is group-committed: a question’s next forecasts run while its statement is on',
    'its way and go together in the next one (cp-write-chain.ts), and the questions that are',
    'ready share that statement and its commit (cp-write-batcher.ts). A token seen for the first',
    'time in a minute costs one more, read-only statement (`last_used_at` is written apart, in bulk).',
    'On PGlite, PostgreSQL runs as WebAssembly inside the server',
    'process, so its CPU shows as the server’s and one core is all it can use.',
  );
  return lines.join('\n');
}

/** The whole "HTTP API" section, heading included. */
export function httpApiSection(run: ApiRun): string {
  const { machine, settings, data } = run;
  return [
    HTTP_API_HEADING,
    '',
    `Command: \`${run.command}\` (bench/api.bench.ts).`,
    '',
    `Date: ${run.date}. Machine: ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.memoryGiB.toFixed(1)} GiB RAM, Node ${machine.nodeVersion} (${machine.platform}). ` +
      `1-minute load average ${machine.loadAtStart.toFixed(1)} at the start and ` +
      `${machine.loadAtEnd.toFixed(1)} at the end. Whole run: ${run.totalSeconds.toFixed(0)} s. ` +
      'The load generator, the server and PostgreSQL share these cores.',
    '',
    `Every target gets the same load: autocannon, ${settings.connections} connections, pipelining 1, ` +
      `${settings.warmupSeconds} s of warm-up (not measured), then ${settings.durationSeconds} s measured ` +
      `in ${settings.rounds} rounds of ${(settings.durationSeconds / settings.rounds).toFixed(1)} s that ` +
      'alternate between the targets of a backend (baseline, Brier, baseline, Brier, …; ' +
      'bench/lib/api-measure.ts): the speed of this shared virtual machine drifts by up to ±20 % ' +
      'within minutes, and alternating lays the drift on every target alike. Each figure is over ' +
      'all of a target’s rounds.',
    '',
    '* **baseline**: perf-kit’s server case reimplemented in `bench/lib/baseline-server.ts`: bare',
    '  Fastify 5, logger off, `POST /forecast` with a JSON-schema body, one',
    '  `INSERT … RETURNING id` through a `pg` pool of 16 into perf-kit’s `forecasts` table, in its',
    '  own fresh database on the same PostgreSQL server; bodies vary (question, user, probability).',
    '  The targets are ratios to this baseline, for both backends, each measured in the rounds',
    '  alternating with that backend.',
    '* **baseline on PGlite** (when PGlite is benchmarked): the same route and INSERT on PGlite in',
    '  the baseline’s own process, stored in a temp directory: what one process with an embedded',
    '  database can do at best, shown for comparison beside the PostgreSQL baseline.',
    `* **Brier**: the real server (\`${['node', ...(run.serverNodeFlags ?? []), 'dist/brier.js serve'].join(' ')}\` as \`npm start\` runs it, built by \`npm run build\` at the start; LOG_LEVEL=warn, pool 16) on a fresh`,
    `  database holding ${formatCount(data.users)} users with one read+write API token each,`,
    `  ${formatCount(data.questions)} open **binary** questions and ${formatCount(data.forecasts)} past forecasts`,
    '  (uniform users, questions and whole-second start times over 30 days; each user’s forecasts on',
    `  a question chain, ${formatCount(data.withdrawn)} chains end in a withdrawal), with each`,
    '  question’s stored CP history built by `rebuildCpHistory` before the server starts. Each',
    '  request is `POST /api/v1/questions/{id}/forecasts` `{"probability_yes": p}` with',
    '  `Authorization: Bearer <token>` of a random user on a random question, no Idempotency-Key.',
    '  `RATE_LIMIT_MULTIPLIER=1000000`: the rate limiter still runs on every request, but its limits',
    '  are not what this measures. PGlite: the data are loaded in-process first (PGlite has one',
    '  process), then the server opens the same DATA_DIR.',
    '* **req/s** is the requests answered over the measured seconds; **p50 / p99** are nearest-rank',
    '  percentiles of every answered request’s latency (autocannon’s `response` events);',
    '  **RSS** is the server process’s VmRSS (/proc/<pid>/status) sampled every 200 ms, maximum;',
    '  **CPU per request** is the CPU time over the measured run (from /proc) of the server',
    '  process, of every `postgres` process on the machine (other users of that server count',
    '  too), and of the benchmark process (autocannon), divided by the requests answered.',
    '',
    resultTable(run),
    '',
    '### Targets (issue 5)',
    '',
    targetTable(run),
    '',
    '### What limits throughput',
    '',
    limitsText(run),
    '',
    '### Correctness after the load',
    '',
    checksText(run),
    '',
    'To see where the server spends its time: `npm run bench:api -- --backends postgres',
    '--profile prof` (the server runs under `node --cpu-prof`), then `node --import tsx',
    'bench/cpuprofile-top.ts prof/<largest>.cpuprofile` for the top self times. On a saturated',
    'machine `writev` looks expensive: it is where the server waits for a core after waking',
    'PostgreSQL.',
    '',
  ].join('\n');
}

/**
 * PERFORMANCE.md with its "HTTP API" section replaced by `section` (from that heading up to the
 * next level-2 heading). A missing file or section is created after the "Maths core" section.
 */
export function replaceHttpApiSection(existing: string | null, section: string): string {
  if (existing === null) return ['# Performance', '', section].join('\n');
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === HTTP_API_HEADING);
  if (start < 0) return `${existing.trimEnd()}\n\n${section}`;
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  const rest = lines.slice(end);
  return [...lines.slice(0, start), section, ...rest].join('\n');
}
