// Relative legacy score against the recency-weighted CP history (docs/maths.md §12).
import { probabilityOfOutcome } from '../locations/pmf.ts';
import type { ItemScores } from './baseline-score.ts';
import {
  buildReferenceTimeline,
  type ReferenceTimeline,
  scoreItemsAgainstTimeline,
} from './reference-timeline.ts';
import type { ScoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';

/**
 * The CP history (entries in order, `end_time`s ignored) as a timeline: entry i runs from
 * τ_i = max(start_time_i, T_open) to τ_{i+1}, or to T_close for the last one before close.
 * Compatibility quirks: the denominator is W' = T_close − T_open (the actual window, unlike every
 * other score) and a gap in the CP history is credited to the entry before it.
 */
export function relativeLegacyTimeline(
  cpItems: readonly ScoringItem[],
  context: ScoringContext,
): ReferenceTimeline {
  const startTimes = new Float64Array(cpItems.length);
  for (let i = 0; i < cpItems.length; i++) startTimes[i] = cpItems[i].startTime;
  return buildReferenceTimeline(
    startTimes,
    context.window,
    () => 1,
    (entry) => Math.log2(probabilityOfOutcome(cpItems[entry].pmf, context.bucket)),
    1,
    context.window.actualDuration,
  );
}

/**
 * Per item Σ log2(p / r_i) · stretch / W'. An all-null CP entry (docs/maths.md §5 quirk) has r = NaN,
 * so every total it enters is NaN (written null).
 */
export function relativeLegacyScores(
  items: readonly ScoringItem[],
  timeline: ReferenceTimeline,
  context: ScoringContext,
): ItemScores {
  return scoreItemsAgainstTimeline(items, timeline, context, Math.log2);
}
