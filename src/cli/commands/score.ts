// `brier score FILE|-`: every score of a resolved question, as docs/maths.md §16.3 prints it.
import { buildCpHistory } from '../../core/aggregation/cp-history.ts';
import { parseBundle } from '../../core/bundle/parse-bundle.ts';
import { geometricMeanEntries } from '../../core/scoring/geometric-mean-history.ts';
import {
  type BundleScores,
  scoreBundle,
  type UserScores,
} from '../../core/scoring/score-bundle.ts';
import type { CoreBundle, HistoryEntry } from '../../core/types.ts';
import { type CliCommand, EXIT_SUCCESS } from '../command.ts';
import { mapJsonInputAsync } from '../json-input.ts';
import { writeJsonDocument } from '../json-output.ts';
import { buildCpHistoryInParallel } from '../parallel-history.ts';
import { readJsonInput } from '../read-input.ts';

/** `{"<user_id>": scores}`; ascending ids, which JavaScript also keeps for integer-like keys. */
function byUserId<Values>(rows: readonly UserScores<Values>[]): Record<string, Values> {
  const byUser: Record<string, Values> = {};
  for (const row of rows) byUser[String(row.userId)] = row.scores;
  return byUser;
}

/** The §16.3 document, keys in the order the contract lists them. */
export function presentScores(scores: BundleScores): Record<string, unknown> {
  return {
    resolution_bucket: scores.resolutionBucket,
    users: byUserId(scores.users),
    aggregations: scores.aggregations,
    per_forecast: scores.perForecast.map((row) => ({
      forecast_id: row.forecastId,
      user_id: row.userId,
      baseline: row.baseline,
      peer: row.peer,
    })),
    geometric_means: geometricMeanEntries(scores.geometricMeans).map((entry) => ({
      timestamp: entry.timestamp,
      num_forecasters: entry.numForecasters,
      pmf: entry.pmf,
    })),
    extras: {
      users: byUserId(scores.extras.users),
      aggregations: scores.extras.aggregations,
    },
  };
}

/**
 * Scores one validated bundle against its own recency-weighted CP history (§12), built here
 * unless the caller passes it.
 */
export function scoreValidatedBundle(
  bundle: CoreBundle,
  history: HistoryEntry[] = buildCpHistory(bundle, 'recency_weighted'),
): Record<string, unknown> {
  return presentScores(scoreBundle(bundle, history));
}

export const scoreCommand: CliCommand = {
  name: 'score',
  options: {},
  positionals: { min: 1, max: 1, name: 'FILE (a path, or - for stdin)' },
  async run({ positionals, io }) {
    const input = await readJsonInput(positionals[0], io);
    const output = await mapJsonInputAsync(
      input,
      (element, basePath) => parseBundle(element, { forScoring: true }, basePath),
      async (bundle) =>
        scoreValidatedBundle(bundle, await buildCpHistoryInParallel(bundle, 'recency_weighted')),
    );
    writeJsonDocument(io, output);
    return EXIT_SUCCESS;
  },
};
