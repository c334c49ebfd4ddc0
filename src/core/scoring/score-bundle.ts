// Scores every forecaster and the CP of one resolved question: the structure of docs/maths.md §16.3.
import { DEFAULT_INBOUND_OUTCOME_COUNT, resolutionBucket } from '../locations/bucket.ts';
import { cpEntryPmf, forecastPmf } from '../locations/pmf.ts';
import type {
  AggregationMethod,
  CoreBundle,
  CoreQuestion,
  ExtraScoreType,
  HistoryEntry,
  ScoreType,
  ScoreValue,
} from '../types.ts';
import { SCORE_TYPES } from '../types.ts';
import { baselineScores, type ItemScores, spotBaselineScores } from './baseline-score.ts';
import { brierItemScore, logItemScore, spotScore, timeAveragedScore } from './brier-log-score.ts';
import { buildGeometricMeanHistory, type GeometricMeanHistory } from './geometric-mean-history.ts';
import { peerScores, peerTimeline, spotPeerScores } from './peer-score.ts';
import type { ReferenceTimeline } from './reference-timeline.ts';
import { relativeLegacyScores, relativeLegacyTimeline } from './relative-legacy-score.ts';
import { type ScoringContext, scoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';
import { isActiveAt } from './scoring-window.ts';

export type ScoreValues = Partial<Record<ScoreType, ScoreValue>>;
export type ExtraScoreValues = Partial<Record<ExtraScoreType, ScoreValue>>;

export interface UserScores<Values> {
  userId: number;
  scores: Values;
}

export interface ForecastScores {
  forecastId: number;
  userId: number;
  /** Already multiplied by coverage; zero-length forecasts give 0/0. */
  baseline: ScoreValue;
  peer: ScoreValue;
}

export interface BundleScores {
  /** null for annulled / ambiguous questions, which have no scores at all. */
  resolutionBucket: number | null;
  /** Ascending user id; a type is present only with coverage > 0, a user only with some type. */
  users: UserScores<ScoreValues>[];
  /** The CP scored as a forecaster: all five types, even at coverage 0. */
  aggregations: Partial<Record<AggregationMethod, Record<ScoreType, ScoreValue>>>;
  /** One row per input forecast, in input order. */
  perForecast: ForecastScores[];
  /** G of docs/maths.md §11 with raw timestamps. */
  geometricMeans: GeometricMeanHistory;
  extras: {
    users: UserScores<ExtraScoreValues>[];
    aggregations: Partial<Record<AggregationMethod, ExtraScoreValues>>;
  };
}

/** Every score of §10–12 for a set of items, per item. */
type ItemScoresByType = Record<ScoreType, ItemScores>;

/**
 * Scores a bundle whose question has `resolution` and `actual_close_time`, given its
 * recency-weighted CP history (docs/maths.md §7) as the reference of relative legacy and as the
 * `recency_weighted` aggregation's items. Inputs are assumed valid (docs/maths.md §14.1).
 */
export function scoreBundle(bundle: CoreBundle, history: readonly HistoryEntry[]): BundleScores {
  const question = bundle.question;
  const forecastItems: ScoringItem[] = bundle.forecasts.map((forecast) => ({
    startTime: forecast.startTime,
    endTime: forecast.endTime,
    pmf: forecastPmf(question.type, forecast.values),
  }));
  const geometricMeans = buildGeometricMeanHistory(forecastItems, pmfWidth(question));
  const bucket = resolutionBucket(question);
  if (bucket === null) {
    return {
      resolutionBucket: null,
      users: [],
      aggregations: {},
      perForecast: [],
      geometricMeans,
      extras: { users: [], aggregations: {} },
    };
  }

  const context = scoringContext(question, bucket);
  const cpItems: ScoringItem[] = history.map((entry) => ({
    startTime: entry.startTime,
    endTime: entry.endTime,
    pmf: cpEntryPmf(question, entry),
  }));
  const references: References = {
    geometricMeans,
    peer: peerTimeline(geometricMeans, context),
    relativeLegacy: relativeLegacyTimeline(cpItems, context),
  };
  const forecastScores = scoreItems(forecastItems, references, context);
  const cpScores = scoreItems(cpItems, references, context);
  const forecastExtras = extraItemValues(forecastItems, forecastScores, context);
  const cpExtras = extraItemValues(cpItems, cpScores, context);

  const itemsByUser = groupByUser(bundle);
  const users: UserScores<ScoreValues>[] = [];
  const extraUsers: UserScores<ExtraScoreValues>[] = [];
  for (const [userId, indices] of itemsByUser) {
    const scores: ScoreValues = {};
    for (const type of SCORE_TYPES) {
      const total = sumItems(forecastScores[type], indices);
      if (total.coverage > 0) scores[type] = total;
    }
    if (Object.keys(scores).length > 0) users.push({ userId, scores });
    const extras = extraScores(forecastExtras, indices, context, true);
    if (Object.keys(extras).length > 0) extraUsers.push({ userId, scores: extras });
  }

  const cpIndices = Int32Array.from(cpItems.keys());
  const cpTotals = {} as Record<ScoreType, ScoreValue>;
  for (const type of SCORE_TYPES) cpTotals[type] = sumItems(cpScores[type], cpIndices);

  const perForecast: ForecastScores[] = bundle.forecasts.map((forecast, i) => ({
    forecastId: forecast.id,
    userId: forecast.userId,
    baseline: itemValue(forecastScores.baseline, i),
    peer: itemValue(forecastScores.peer, i),
  }));

  return {
    resolutionBucket: bucket,
    users,
    aggregations: { recency_weighted: cpTotals },
    perForecast,
    geometricMeans,
    extras: {
      users: extraUsers,
      aggregations: { recency_weighted: extraScores(cpExtras, cpIndices, context, false) },
    },
  };
}

/** Length of every PMF of the question: 2, K_all or n + 2. */
function pmfWidth(question: CoreQuestion): number {
  if (question.type === 'binary') return 2;
  if (question.type === 'multiple_choice') return (question.allOptions ?? []).length;
  return (question.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT) + 2;
}

/** What forecasts and CP entries are both compared with: G (peer) and the CP (relative legacy). */
interface References {
  geometricMeans: GeometricMeanHistory;
  peer: ReferenceTimeline;
  relativeLegacy: ReferenceTimeline;
}

function scoreItems(
  items: readonly ScoringItem[],
  references: References,
  context: ScoringContext,
): ItemScoresByType {
  return {
    baseline: baselineScores(items, context),
    peer: peerScores(items, references.peer, context),
    spot_baseline: spotBaselineScores(items, context),
    spot_peer: spotPeerScores(items, references.geometricMeans, context),
    relative_legacy: relativeLegacyScores(items, references.relativeLegacy, context),
  };
}

interface ExtraItemValues {
  brier: Float64Array;
  log: Float64Array;
  /** §9 coverage of each item (the baseline's), the weight of the time averages. */
  coverages: Float64Array;
  isActiveAtSpot: Uint8Array;
}

function extraItemValues(
  items: readonly ScoringItem[],
  scores: ItemScoresByType,
  context: ScoringContext,
): ExtraItemValues {
  const brier = new Float64Array(items.length);
  const log = new Float64Array(items.length);
  const isActiveAtSpot = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!context.isContinuous) brier[i] = brierItemScore(item.pmf, context);
    log[i] = logItemScore(item.pmf, context);
    isActiveAtSpot[i] = isActiveAt(item.startTime, item.endTime, context.window.spotTime) ? 1 : 0;
  }
  return { brier, log, coverages: scores.baseline.coverages, isActiveAtSpot };
}

/**
 * §15.3 for one user's items (or the CP's entries): brier and spot_brier are omitted for
 * continuous questions; a user keeps only variants with coverage > 0, the CP keeps all.
 */
function extraScores(
  values: ExtraItemValues,
  indices: ArrayLike<number>,
  context: ScoringContext,
  dropUncovered: boolean,
): ExtraScoreValues {
  const candidates: [ExtraScoreType, ScoreValue][] = [];
  if (!context.isContinuous) {
    candidates.push(['brier', timeAveragedScore(values.brier, values.coverages, indices)]);
    candidates.push(['spot_brier', spotScore(values.brier, values.isActiveAtSpot, indices)]);
  }
  candidates.push(['log', timeAveragedScore(values.log, values.coverages, indices)]);
  candidates.push(['spot_log', spotScore(values.log, values.isActiveAtSpot, indices)]);
  const result: ExtraScoreValues = {};
  for (const [type, value] of candidates) {
    if (!dropUncovered || value.coverage > 0) result[type] = value;
  }
  return result;
}

/** A user's total: Σ item scores and Σ coverages, in input order (docs/maths.md §9). */
function sumItems(itemScores: ItemScores, indices: ArrayLike<number>): ScoreValue {
  let score = 0;
  let coverage = 0;
  for (let k = 0; k < indices.length; k++) {
    score += itemScores.scores[indices[k]];
    coverage += itemScores.coverages[indices[k]];
  }
  return { score, coverage };
}

function itemValue(itemScores: ItemScores, index: number): ScoreValue {
  return { score: itemScores.scores[index], coverage: itemScores.coverages[index] };
}

/** Forecast indices per user in input order, users by ascending id. */
function groupByUser(bundle: CoreBundle): [number, number[]][] {
  const byUser = new Map<number, number[]>();
  bundle.forecasts.forEach((forecast, i) => {
    const indices = byUser.get(forecast.userId);
    if (indices === undefined) byUser.set(forecast.userId, [i]);
    else indices.push(i);
  });
  return [...byUser.entries()].sort((a, b) => a[0] - b[0]);
}
