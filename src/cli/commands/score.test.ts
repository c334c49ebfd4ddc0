import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.ts';
import { runCli } from '../run-cli.ts';

function fakeIo(stdin: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    writeStdout: (text) => {
      stdout += text;
    },
    writeStderr: (text) => {
      stderr += text;
    },
    readStdin: async () => stdin,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

async function score(input: unknown) {
  const io = fakeIo(JSON.stringify(input));
  const code = await runCli(['score', '-'], io.io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

// E6 of docs/maths.md §17.
const e6 = (resolution = 'yes') => ({
  question: {
    id: 1,
    type: 'binary',
    open_time: 0,
    scheduled_close_time: 1000,
    actual_close_time: 1000,
    resolution,
    spot_scoring_time: 1000,
  },
  forecasts: [
    { id: 1, user_id: 1, start_time: 0, end_time: null, probability_yes: 0.8 },
    { id: 2, user_id: 2, start_time: 500, end_time: null, probability_yes: 0.4 },
  ],
});

describe('brier score (docs/maths.md §16.3)', () => {
  it('prints the §16.3 keys in order', async () => {
    const { code, stdout, stderr } = await score(e6());
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('}\n')).toBe(true);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual([
      'resolution_bucket',
      'users',
      'aggregations',
      'per_forecast',
      'geometric_means',
      'extras',
    ]);
    expect(output.resolution_bucket).toBe(1);
    expect(Object.keys(output.users)).toEqual(['1', '2']);
    expect(Object.keys(output.aggregations.recency_weighted)).toEqual([
      'baseline',
      'peer',
      'spot_baseline',
      'spot_peer',
      'relative_legacy',
    ]);
    expect(Object.keys(output.per_forecast[0])).toEqual([
      'forecast_id',
      'user_id',
      'baseline',
      'peer',
    ]);
    expect(output.geometric_means[1]).toMatchObject({ timestamp: 500, num_forecasters: 2 });
    expect(Object.keys(output.extras)).toEqual(['users', 'aggregations']);
    expect(output.extras.users['2'].brier).toEqual({ score: 0.36, coverage: 0.5 });
  });

  it('maps an array of inputs to an array of results', async () => {
    const { code, stdout } = await score([e6(), e6('annulled')]);
    expect(code).toBe(0);
    const [resolved, annulled] = JSON.parse(stdout);
    expect(resolved.resolution_bucket).toBe(1);
    expect(annulled).toEqual({
      resolution_bucket: null,
      users: {},
      aggregations: {},
      per_forecast: [],
      geometric_means: annulled.geometric_means,
      extras: { users: {}, aggregations: {} },
    });
    expect(annulled.geometric_means).toHaveLength(2);
  });

  it('rejects unscoreable input with exit 2, empty stdout and the path', async () => {
    const open = e6();
    (open.question as { actual_close_time: number | null }).actual_close_time = null;
    const result = await score([e6(), open]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^brier: \[1\]\.question\.actual_close_time: /);
    const badResolution = await score(e6('maybe'));
    expect(badResolution.stderr).toMatch(/^brier: question\.resolution: /);
  });
});
