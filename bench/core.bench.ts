// `npm run bench:core`: the maths core benchmark (issue 4), one fresh process per case.
//
// Usage: npm run bench:core -- [--write] [--json FILE] [--type binary,multiple_choice,numeric]
//                                [--size 1k,10k,50k]
//        npm run bench:core -- --from-json FILE [--write]   (re-render saved results)
// Prints the markdown table (and targets / growth analysis) on stdout and a progress bar on
// stderr; --write replaces the "Maths core" section of docs/PERFORMANCE.md; --json saves the
// raw per-case results.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  CASE_PHASES,
  CASE_SIZES,
  type CaseMessage,
  type CaseResult,
  type CaseSize,
} from './lib/core-cases.ts';
import {
  machineInfo,
  mathsCoreSection,
  type RunInfo,
  replaceMathsCoreSection,
} from './lib/performance-doc.ts';
import { BENCH_QUESTION_TYPES, type BenchQuestionType } from './lib/synthetic-bundle.ts';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const caseScript = path.join(repositoryRoot, 'bench', 'core-case.ts');
const performanceDoc = path.join(repositoryRoot, 'docs', 'PERFORMANCE.md');

interface BenchCase {
  type: BenchQuestionType;
  size: CaseSize;
}

function selectedCases(typeList: string | undefined, sizeList: string | undefined): BenchCase[] {
  const types = typeList === undefined ? [...BENCH_QUESTION_TYPES] : typeList.split(',');
  const sizes = sizeList === undefined ? CASE_SIZES.map((size) => size.label) : sizeList.split(',');
  for (const type of types) {
    if (!(BENCH_QUESTION_TYPES as readonly string[]).includes(type)) {
      throw new RangeError(`unknown --type ${type}`);
    }
  }
  const cases: BenchCase[] = [];
  for (const type of types as BenchQuestionType[]) {
    for (const size of CASE_SIZES) {
      if (sizes.includes(size.label)) cases.push({ type, size });
    }
  }
  if (cases.length === 0) throw new RangeError('no case selected');
  return cases;
}

/** Runs one case in a fresh `node --expose-gc --import tsx bench/core-case.ts` process. */
function runCase(benchCase: BenchCase, onPhase: () => void): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', caseScript, benchCase.type, benchCase.size.label],
      { cwd: repositoryRoot, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
    );
    let result: CaseResult | undefined;
    let errorOutput = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errorOutput += chunk.toString();
    });
    child.on('message', (message: CaseMessage) => {
      if (message.kind === 'phase') onPhase();
      else result = message.result;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result !== undefined) resolve(result);
      else {
        const label = `${benchCase.type} ${benchCase.size.label}`;
        reject(new Error(`case ${label} failed (exit ${code}):\n${errorOutput}`));
      }
    });
  });
}

/** The command as a reader would retype it (the --json path is left out). */
function commandLine(values: { write?: boolean; type?: string; size?: string }): string {
  const flags: string[] = [];
  if (values.write) flags.push('--write');
  if (values.type !== undefined) flags.push(`--type ${values.type}`);
  if (values.size !== undefined) flags.push(`--size ${values.size}`);
  return flags.length === 0 ? 'npm run bench:core' : `npm run bench:core -- ${flags.join(' ')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      type: { type: 'string' },
      size: { type: 'string' },
      json: { type: 'string' },
      'from-json': { type: 'string' },
    },
  });
  const savedRun = values['from-json'];
  if (savedRun !== undefined) {
    // Re-render saved results (e.g. after editing the text) without re-running the cases.
    const saved = JSON.parse(readFileSync(savedRun, 'utf8')) as {
      run: RunInfo;
      results: CaseResult[];
    };
    publish(mathsCoreSection(saved.results, saved.run), values.write === true);
    return;
  }
  const cases = selectedCases(values.type, values.size);
  const loadAtStart = os.loadavg()[0];
  const startedAt = Date.now();

  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'bench:core {bar} {value}/{total} phases | {duration_formatted} | {case}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(cases.length * CASE_PHASES.length, 0, { case: '' });
  const results: CaseResult[] = [];
  try {
    for (const benchCase of cases) {
      const label = `${benchCase.type} ${benchCase.size.label}`;
      const done = results.length * CASE_PHASES.length;
      let phase = 0;
      bar.update(done, { case: label });
      const result = await runCase(benchCase, () => {
        phase++;
        // A phase message marks the start of a phase; the bar counts finished phases.
        bar.update(done + phase - 1, { case: `${label} (${CASE_PHASES[phase - 1]})` });
      });
      results.push(result);
      bar.update(results.length * CASE_PHASES.length, { case: label });
    }
  } finally {
    bar.stop();
  }

  const run: RunInfo = {
    command: commandLine(values),
    date: new Date().toISOString().slice(0, 10),
    machine: machineInfo(loadAtStart),
    totalSeconds: (Date.now() - startedAt) / 1000,
  };
  if (values.json !== undefined) {
    writeFileSync(values.json, `${JSON.stringify({ run, results }, null, 2)}\n`);
  }
  publish(mathsCoreSection(results, run), values.write === true);
}

/** Prints the section and, with --write, puts it into docs/PERFORMANCE.md. */
function publish(section: string, isWriting: boolean): void {
  process.stdout.write(`${section}\n`);
  if (isWriting) {
    const existing = existsSync(performanceDoc) ? readFileSync(performanceDoc, 'utf8') : null;
    writeFileSync(performanceDoc, replaceMathsCoreSection(existing, section));
    process.stderr.write(`wrote the Maths core section of ${performanceDoc}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:core: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
