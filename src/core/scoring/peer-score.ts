// Peer and spot peer scores against the geometric-mean history G (docs/maths.md §11).
import { probabilityOfOutcome } from '../locations/pmf.ts';
import type { ItemScores } from './baseline-score.ts';
import type { GeometricMeanHistory } from './geometric-mean-history.ts';
import {
  buildReferenceTimeline,
  type ReferenceTimeline,
  scoreItemsAgainstTimeline,
} from './reference-timeline.ts';
import type { ScoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';
import { isActiveAt } from './scoring-window.ts';

/**
 * 100 · k/(k − 1). Compatibility quirk (lone forecaster): G stores k = 0 for a single active
 * forecast, so the factor is 0/(−1) = −0 and that forecaster scores exactly 0 against itself.
 */
export function peerFactor(forecasterCount: number): number {
  return 100 * (forecasterCount / (forecasterCount - 1));
}

/** G_i's probability of the outcome, with the catch-all fallback of §8 (no subarray views). */
function geometricMeanProbability(
  history: GeometricMeanHistory,
  entry: number,
  bucket: number,
): number {
  const offset = entry * history.width;
  const probability = history.pmfs[offset + bucket];
  return Number.isNaN(probability) ? history.pmfs[offset + history.width - 1] : probability;
}

/** G clipped to the window (τ_i = max(t_i, T_open)), cut at the first τ_i ≥ T_close. */
export function peerTimeline(
  history: GeometricMeanHistory,
  context: ScoringContext,
): ReferenceTimeline {
  return buildReferenceTimeline(
    history.timestamps,
    context.window,
    (entry) => peerFactor(history.forecasterCounts[entry]),
    (entry) => Math.log(geometricMeanProbability(history, entry, context.bucket)),
    context.isContinuous ? 2 : 1,
    context.window.scheduledDuration,
  );
}

/**
 * Time-averaged peer per item: Σ x_i · (τ_{i+1} − τ_i)/W over the entries starting inside the
 * item's scored interval. Compatibility quirk (last withdrawal): an entry followed by a gap is
 * credited up to the next entry or T_close, so peer coverage may exceed baseline coverage.
 */
export function peerScores(
  items: readonly ScoringItem[],
  timeline: ReferenceTimeline,
  context: ScoringContext,
): ItemScores {
  return scoreItemsAgainstTimeline(items, timeline, context, Math.log);
}

/**
 * Spot peer: the reference is the last entry of the *clipped* G with τ_i strictly before t_s.
 * Compatibility quirk: a forecast made exactly at t_s is compared with a GM that excludes it, and
 * t_s ≤ T_open leaves no reference at all (every item 0/0).
 */
export function spotPeerScores(
  items: readonly ScoringItem[],
  history: GeometricMeanHistory,
  context: ScoringContext,
): ItemScores {
  const scores = new Float64Array(items.length);
  const coverages = new Float64Array(items.length);
  const spotTime = context.window.spotTime;
  let reference = -1;
  for (let i = 0; i < history.count; i++) {
    if (Math.max(history.timestamps[i], context.window.openTime) < spotTime) reference = i;
    else break;
  }
  if (reference < 0) return { scores, coverages };
  const factor = peerFactor(history.forecasterCounts[reference]);
  const referenceProbability = geometricMeanProbability(history, reference, context.bucket);
  const divisor = context.isContinuous ? 2 : 1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isActiveAt(item.startTime, item.endTime, spotTime)) continue;
    const probability = probabilityOfOutcome(item.pmf, context.bucket);
    scores[i] = (factor * Math.log(probability / referenceProbability)) / divisor;
    coverages[i] = 1;
  }
  return { scores, coverages };
}
