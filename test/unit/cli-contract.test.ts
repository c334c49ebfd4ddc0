// The `brier` command-line contract of docs/maths.md §16.5: exit codes, streams, paths, formats.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.ts';
import { COMMANDS, commandHelpText, findCommand } from '../../src/cli/command-registry.ts';
import { runCli, usageText } from '../../src/cli/run-cli.ts';
import { runCliProcess } from '../helpers/run-cli-process.ts';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the dispatcher in-process with `stdin` as standard input. */
async function cli(argv: string[], stdin: unknown = ''): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    writeStdout: (text) => {
      stdout += text;
    },
    writeStderr: (text) => {
      stderr += text;
    },
    readStdin: async () => (typeof stdin === 'string' ? stdin : JSON.stringify(stdin)),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const binaryBundle = {
  question: {
    id: 1,
    type: 'binary',
    open_time: 1000,
    scheduled_close_time: 5000,
    actual_close_time: null,
  },
  forecasts: [
    { id: 1, user_id: 1, start_time: 1000, end_time: 1300, probability_yes: 0.2 },
    { id: 2, user_id: 2, start_time: 1100, end_time: 1400, probability_yes: 0.5 },
    { id: 3, user_id: 3, start_time: 1200, end_time: null, probability_yes: 0.8 },
    { id: 4, user_id: 1, start_time: 1300, end_time: null, probability_yes: 0.7 },
  ],
};

function withForecast(change: Record<string, unknown>, index = 0) {
  const forecasts = binaryBundle.forecasts.map((row, position) =>
    position === index ? { ...row, ...change } : row,
  );
  return { ...binaryBundle, forecasts };
}

/** Invalid input: exit 2, empty stdout, exactly one stderr line `brier: <path>: <reason>`. */
function expectInvalid(result: Captured, path: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0].startsWith(`brier: ${path}: `)).toBe(true);
  expect(lines[0].length).toBeGreaterThan(`brier: ${path}: `.length);
}

/**
 * Command-line error: exit 2, one line `brier: <reason>`, then one line pointing at the help of
 * the command (`brier aggregate --help`), or at `brier --help` when there is no known command.
 */
function expectUsageError(result: Captured, helpCommand = 'brier --help'): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^brier: \S/);
  expect(lines[1]).toContain(`\`${helpCommand}\``);
  expect(lines[2]).toBe('');
}

describe('help and usage', () => {
  it('prints the list of commands on stdout and exits 0 for --help', async () => {
    for (const argv of [['--help'], ['-h']]) {
      expect(await cli(argv)).toEqual({ code: 0, stdout: usageText(), stderr: '' });
    }
    for (const command of COMMANDS) expect(usageText()).toContain(`brier ${command.synopsis}`);
  });

  it.each(COMMANDS.map((command) => [command.name]))(
    'prints the help of %s, not the general usage, for <command> --help',
    async (name) => {
      const help = commandHelpText(findCommand(name)!);
      const result = await cli([name, '--help']);
      expect(result).toEqual({ code: 0, stdout: help, stderr: '' });
      expect(help).not.toBe(usageText());
      expect(help.split('\n')[0]).toBe(`Usage: brier ${findCommand(name)!.synopsis}`);
      expect(help).toContain('--help');
    },
  );

  it('describes every option a command accepts in its help', async () => {
    for (const registration of COMMANDS) {
      const command = await registration.load();
      const help = commandHelpText(registration);
      for (const option of Object.keys(command.options)) expect(help).toContain(`--${option}`);
    }
  });

  it('prints the command help wherever --help stands', async () => {
    const help = commandHelpText(findCommand('aggregate')!);
    expect(await cli(['aggregate', '-', '--help'])).toEqual({ code: 0, stdout: help, stderr: '' });
  });

  it.each([[[]], [['frobnicate', '-']], [['--bogus']]])(
    'rejects %j with a reason and a pointer to brier --help',
    async (argv) => {
      expectUsageError(await cli(argv, binaryBundle));
    },
  );

  it.each([
    [['aggregate', '-', '--bogus']],
    [['aggregate', '-', '--bogus=1']],
    [['aggregate', '-', '-x']],
    [['aggregate']],
    [['aggregate', 'a.json', 'b.json']],
    [['aggregate', '-', '--at', 'x']],
    [['aggregate', '-', '--at=1.5']],
    [['aggregate', '-', '--at']],
    [['aggregate', '-', '--method', 'foo']],
    [['aggregate', '-', '--method=median']],
    [['aggregate', '-', '--extremize', '0']],
    [['aggregate', '-', '--extremize=-1']],
    [['aggregate', '-', '--extremize', 'abc']],
    [['aggregate', '-', '--help=yes']],
  ])('rejects %j with a reason and a pointer to brier aggregate --help', async (argv) => {
    expectUsageError(await cli(argv, binaryBundle), 'brier aggregate --help');
  });
});

describe('aggregate options', () => {
  it('accepts --opt value and --opt=value, before or after FILE', async () => {
    const forms = [
      ['aggregate', '-', '--at', '1450', '--method', 'unweighted'],
      ['aggregate', '--at=1450', '--method=unweighted', '-'],
      ['aggregate', '--method', 'unweighted', '-', '--at=1450'],
    ];
    const outputs = await Promise.all(forms.map((argv) => cli(argv, binaryBundle)));
    for (const output of outputs) {
      expect(output.code).toBe(0);
      expect(output.stderr).toBe('');
      expect(output.stdout).toBe(outputs[0].stdout);
    }
    const parsed = JSON.parse(outputs[0].stdout);
    expect(parsed.at_times).toHaveLength(1);
    expect(parsed.at_times[0].time).toBe(1450);
    expect(parsed.at_times[0].log_odds_mean).toBeUndefined();
  });

  it('takes negative --at values as values, and keeps at_times then --at order with duplicates', async () => {
    const result = await cli(['aggregate', '-', '--at', '-5', '--at', '1450', '--at', '1450'], {
      ...binaryBundle,
      at_times: [2000, 900],
    });
    expect(result.code).toBe(0);
    const times = JSON.parse(result.stdout).at_times.map((entry: { time: number }) => entry.time);
    expect(times).toEqual([2000, 900, -5, 1450, 1450]);
  });

  it('adds a log_odds_mean entry when that is the method, and omits at_times without queries', async () => {
    const result = await cli(
      ['aggregate', '-', '--method', 'log_odds_mean', '--extremize', '1.5', '--at', '1450'],
      binaryBundle,
    );
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed.at_times[0])).toEqual([
      'time',
      'recency_weighted',
      'unweighted',
      'log_odds_mean',
    ]);
    expect(parsed.at_times[0].log_odds_mean.histogram).toBeUndefined();
    expect(parsed.at_times[0].recency_weighted.histogram).toHaveLength(100);
    const plain = JSON.parse((await cli(['aggregate', '-'], binaryBundle)).stdout);
    expect(Object.keys(plain)).toEqual(['history']);
    expect(Object.keys(plain.history[0])).toEqual([
      'start_time',
      'end_time',
      'forecaster_count',
      'forecast_values',
      'interval_lower_bounds',
      'centers',
      'interval_upper_bounds',
      'means',
    ]);
  });
});

describe('output format', () => {
  it('writes one JSON document and a newline; array in → array out', async () => {
    const single = await cli(['aggregate', '-'], binaryBundle);
    expect(single.stdout.endsWith('}\n')).toBe(true);
    expect(single.stdout.indexOf('\n')).toBe(single.stdout.length - 1);
    const array = await cli(['aggregate', '-'], [binaryBundle, binaryBundle]);
    const parsed = JSON.parse(array.stdout);
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toEqual(JSON.parse(single.stdout));
    expect(await cli(['aggregate', '-'], [])).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('writes NaN as null (the MC all-null quirk)', async () => {
    const bundle = {
      question: {
        id: 2,
        type: 'multiple_choice',
        open_time: 1000,
        scheduled_close_time: 5000,
        actual_close_time: null,
        options: ['A', 'B', 'Other'],
      },
      forecasts: [
        {
          id: 1,
          user_id: 1,
          start_time: 1000,
          end_time: null,
          probability_yes_per_category: [0.998, 0.001, 0.001],
        },
        {
          id: 2,
          user_id: 2,
          start_time: 1000,
          end_time: null,
          probability_yes_per_category: [0.001, 0.998, 0.001],
        },
        {
          id: 3,
          user_id: 3,
          start_time: 1000,
          end_time: null,
          probability_yes_per_category: [0.001, 0.001, 0.998],
        },
      ],
    };
    const result = await cli(['aggregate', '-'], bundle);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"forecast_values":[null,null,null]');
    // means stay numeric: recency-weighted Σ w·v / Σ w of column A
    const weights = [0.48092170020263214, 0.7277212189012763, 1];
    const meanA =
      (weights[0] * 0.998 + weights[1] * 0.001 + weights[2] * 0.001) /
      (weights[0] + weights[1] + weights[2]);
    expect(JSON.parse(result.stdout).history[0].means[0]).toBeCloseTo(meanA, 14);
  });
});

describe('invalid input: exit 2, nothing on stdout, one line with the path', () => {
  const question = binaryBundle.question;
  it.each<[string, unknown, string]>([
    ['a non-object', 42, '$'],
    [
      'a missing question field',
      { ...binaryBundle, question: { ...question, open_time: undefined } },
      'question.open_time',
    ],
    [
      'a wrong type',
      { ...binaryBundle, question: { ...question, scheduled_close_time: '5000' } },
      'question.scheduled_close_time',
    ],
    [
      'an unknown question type',
      { ...binaryBundle, question: { ...question, type: 'poll' } },
      'question.type',
    ],
    [
      'a probability out of range',
      withForecast({ probability_yes: 0.9995 }, 2),
      'forecasts[2].probability_yes',
    ],
    ['a missing forecast field', withForecast({ user_id: undefined }, 1), 'forecasts[1].user_id'],
    [
      'overlapping forecasts of one user',
      withForecast({ end_time: 1301 }),
      'forecasts[3].start_time',
    ],
    ['a duplicate id', withForecast({ id: 1 }, 3), 'forecasts[3].id'],
    ['a bad at_times entry', { ...binaryBundle, at_times: ['1450'] }, 'at_times[0]'],
    [
      'an element of an array',
      [binaryBundle, withForecast({ probability_yes: 0 }, 1)],
      '[1].forecasts[1].probability_yes',
    ],
    ['an invalid element that is not an object', [binaryBundle, null], '[1]'],
  ])('%s', async (_name, input, path) => {
    expectInvalid(await cli(['aggregate', '-'], input), path);
  });

  it('a decreasing CDF', async () => {
    const bundle = {
      question: {
        id: 3,
        type: 'numeric',
        open_time: 1000,
        scheduled_close_time: 5000,
        actual_close_time: null,
        range_min: 0,
        range_max: 10,
        open_lower_bound: false,
        open_upper_bound: false,
        inbound_outcome_count: 3,
      },
      forecasts: [
        { id: 1, user_id: 1, start_time: 1000, end_time: null, continuous_cdf: [0, 0.5, 0.4, 1] },
      ],
    };
    expectInvalid(await cli(['aggregate', '-'], bundle), 'forecasts[0].continuous_cdf[2]');
  });

  it('reports non-JSON and unreadable files as `brier: <FILE>: <reason>`', async () => {
    expectInvalid(await cli(['aggregate', '-'], '{"question": '), '-');
    expectInvalid(await cli(['aggregate', '/nonexistent/bundle.json']), '/nonexistent/bundle.json');
  });
});

describe('failures that are bugs', () => {
  it('exit 1 with one line and no stack trace', async () => {
    const io: CliIo = {
      writeStdout: () => {
        throw new Error('disk on fire\n    at somewhere (file.ts:1:1)');
      },
      writeStderr: (text) => {
        stderr += text;
      },
      readStdin: async () => JSON.stringify(binaryBundle),
    };
    let stderr = '';
    expect(await runCli(['aggregate', '-'], io)).toBe(1);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(stderr.startsWith('brier: ')).toBe(true);
  });
});

describe('through the real executable', () => {
  it('runs `node bin/brier.mjs aggregate -` on stdin', async () => {
    const run = await runCliProcess(['aggregate', '-', '--at=1450'], JSON.stringify(binaryBundle));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const parsed = JSON.parse(run.stdout);
    expect(
      parsed.history.map((entry: { forecast_values: number[] }) => entry.forecast_values[1]),
    ).toEqual([0.2, 0.35, 0.5, 0.7, 0.75]);
  });

  it('exits 2 with one line and an empty stdout for invalid input', async () => {
    const run = await runCliProcess(
      ['aggregate', '-'],
      JSON.stringify(withForecast({ probability_yes: 2 })),
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^brier: forecasts\[0\]\.probability_yes: [^\n]+\n$/);
  });

  it('exits 2 with two lines for a bad option, never printing a stack trace', async () => {
    const run = await runCliProcess(['aggregate', '-', '--method', 'foo'], '{}');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^brier: [^\n]*--method[^\n]*\n[^\n]*brier aggregate --help[^\n]*\n$/,
    );
  });
});

describe('seed --demo arguments (checked before any database is opened)', () => {
  it.each([
    [['seed']],
    [['seed', 'extra', '--demo']],
    [['seed', '--demo', '--bogus']],
    [['seed', '--demo=yes']],
    [['seed', '--demo', '--admin-email']],
    [['seed', '--demo', '--admin-username=']],
  ])('rejects %j with a reason and a pointer to brier seed --help', async (argv) => {
    expectUsageError(await cli(argv), 'brier seed --help');
  });

  it.each([
    [['seed', '--demo', '--admin-password', 'short'], '--admin-password'],
    [['seed', '--demo', '--admin-username', 'demo-admin'], '--admin-username'],
    [['seed', '--demo', '--admin-email', 'not-an-address'], '--admin-email'],
  ])('rejects %j as invalid input naming the option', async (argv, option) => {
    expectInvalid(await cli(argv), option);
  });
});

describe('rescore arguments (checked before any database is opened)', () => {
  it.each([
    [['rescore']],
    [['rescore', '--all', '--question', '3']],
    [['rescore', '--question', 'x']],
    [['rescore', '--question', '0']],
    [['rescore', '--all', 'extra']],
    [['rescore', '--all', '--bogus']],
  ])('rejects %j with a reason and a pointer to brier rescore --help', async (argv) => {
    expectUsageError(await cli(argv), 'brier rescore --help');
  });
});
