// The stored CP history of a question for charts: full resolution in the database, downsampled
// here for display (docs/design.md: default ≤ 400 points; docs/maths.md §7: display only).
import type { AggregationMethod } from '../../core/types.ts';
import {
  type CpChartEntryRecord,
  listChartEntries,
  listEntries,
  listEntryStarts,
} from '../../db/repositories/cp-entry-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { requireCpVisible } from './cp-access.ts';
import { type CpEntryView, cpEntryView } from './forecast-views.ts';

export const DEFAULT_HISTORY_POINTS = 400;
export const MAX_HISTORY_POINTS = 5000;

export interface GetCpHistoryInput {
  actor: Actor | null;
  questionId: number;
  method?: AggregationMethod;
  /** Most entries to return; default 400, at most 5000. */
  points?: number;
}

export interface CpHistory {
  question_id: number;
  method: AggregationMethod;
  /** Entries stored (full resolution). */
  entry_count: number;
  /** The entries returned (all of them, or an even-in-time selection). */
  entries: CpEntryView[];
}

/**
 * Positions (indexes into `startTimes`, ascending) of at most `points` entries chosen evenly in
 * time: for each of `points` instants spread from the first to the last start, the entry in
 * force then; the first and last entries are always kept.
 */
export function chooseRepresentatives(startTimes: readonly number[], points: number): number[] {
  const count = startTimes.length;
  if (count <= points) return startTimes.map((_, index) => index);
  if (points <= 1) return [count - 1];
  const first = startTimes[0];
  const last = startTimes[count - 1];
  const chosen = new Set<number>([0, count - 1]);
  let cursor = 0;
  for (let k = 1; k < points - 1 && chosen.size < points; k++) {
    const target = first + ((last - first) * k) / (points - 1);
    while (cursor + 1 < count && startTimes[cursor + 1] <= target) cursor++;
    chosen.add(cursor);
  }
  return [...chosen].sort((left, right) => left - right);
}

export async function getCpHistory(deps: Deps, input: GetCpHistoryInput): Promise<CpHistory> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const db = deps.database.db;
  await requireCpVisible(db, question, input.actor, deps.clock.now());
  const method = input.method ?? 'recency_weighted';
  const points = Math.min(Math.max(input.points ?? DEFAULT_HISTORY_POINTS, 1), MAX_HISTORY_POINTS);
  const starts = await listEntryStarts(db, question.id, method);
  const positions = chooseRepresentatives(
    starts.map((entry) => entry.startTime),
    points,
  );
  const entries =
    positions.length === starts.length
      ? await listEntries(db, question.id, method)
      : await listEntries(
          db,
          question.id,
          method,
          positions.map((position) => starts[position].seq),
        );
  return {
    question_id: question.id,
    method,
    entry_count: starts.length,
    entries: entries.map((entry) => cpEntryView(question, entry)),
  };
}

/**
 * The entries a chart draws (seq, start, forecast values), chosen as `getCpHistory` chooses
 * them, of a question already read and whose CP the caller has found visible. One query when
 * the history is short; a short read of starts, then the chosen entries, when it is long.
 */
export async function getCpChartHistory(
  deps: Deps,
  question: QuestionRecord,
  method: AggregationMethod = 'recency_weighted',
  points = DEFAULT_HISTORY_POINTS,
): Promise<CpChartEntryRecord[]> {
  const db = deps.database.db;
  const first = await listChartEntries(db, question.id, method, { limit: points + 1 });
  if (first.length <= points) return first;
  const starts = await listEntryStarts(db, question.id, method);
  const positions = chooseRepresentatives(
    starts.map((entry) => entry.startTime),
    points,
  );
  return listChartEntries(db, question.id, method, {
    seqs: positions.map((position) => starts[position].seq),
  });
}
