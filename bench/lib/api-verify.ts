// After a load run: the stored CP history of some questions must equal docs/maths.md §7's history
// recomputed from the stored forecasts (the oracle of test/integration/forecasts/cp-check.ts),
// and the stored forecasts must still form valid chains (§14.2).
import { isDeepStrictEqual } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { buildCpHistory } from '../../src/core/aggregation/cp-history.ts';
import type { AggregationMethod, HistoryEntry } from '../../src/core/types.ts';
import {
  type CpEntryRecord,
  listEntries,
  selectCpState,
} from '../../src/db/repositories/cp-entry-repository.ts';
import { listQuestionForecasts } from '../../src/db/repositories/forecast-repository.ts';
import { selectQuestion } from '../../src/db/repositories/question-repository.ts';
import type { DatabaseSchema } from '../../src/db/schema.ts';
import { toCoreQuestion } from '../../src/domain/question-core.ts';
import { toCoreForecast } from '../../src/services/forecasts/cp-engine-cache.ts';

const METHODS: readonly AggregationMethod[] = ['recency_weighted', 'unweighted', 'log_odds_mean'];

interface Comparable {
  startTime: number;
  endTime: number | null;
  forecasterCount: number;
  vectors: Array<Array<number | null> | null>;
}

const clean = (values: readonly (number | null)[]) =>
  values.map((value) => (value === null || !Number.isFinite(value) ? null : value));

function comparable(entry: HistoryEntry | CpEntryRecord): Comparable {
  return {
    startTime: entry.startTime,
    endTime: entry.endTime,
    forecasterCount: entry.forecasterCount,
    vectors: [
      clean(entry.forecastValues),
      clean(entry.intervalLowerBounds),
      clean(entry.centers),
      clean(entry.intervalUpperBounds),
      entry.means === null ? null : clean(entry.means),
    ],
  };
}

export interface QuestionCheck {
  questionId: number;
  forecasts: number;
  entries: number;
  /** Empty when everything matched. */
  problems: string[];
}

/** Binary questions only (what the benchmark creates): no option alignment needed. */
export async function checkQuestion(
  db: Kysely<DatabaseSchema>,
  questionId: number,
): Promise<QuestionCheck> {
  const question = await selectQuestion(db, questionId);
  if (!question) throw new Error(`no question ${questionId}`);
  const core = toCoreQuestion(question);
  const stored = await listQuestionForecasts(db, questionId);
  const forecasts = stored.map((forecast) => toCoreForecast(core, forecast));
  const { processedUntil } = await selectCpState(db, questionId);
  const problems: string[] = [];
  let entries = 0;
  for (const method of METHODS) {
    const recomputed = buildCpHistory({ question: core, forecasts }, method)
      .filter((entry) => entry.startTime <= processedUntil)
      .map(comparable);
    const last = recomputed.at(-1);
    if (last && last.endTime !== null && last.endTime > processedUntil) last.endTime = null;
    const history = (await listEntries(db, questionId, method)).map(comparable);
    entries = history.length;
    if (history.length !== recomputed.length) {
      problems.push(`${method}: ${history.length} stored entries, ${recomputed.length} recomputed`);
      continue;
    }
    const index = history.findIndex((entry, i) => !isDeepStrictEqual(entry, recomputed[i]));
    if (index >= 0) {
      problems.push(
        `${method}: entry ${index} differs: stored ${JSON.stringify(history[index])}, ` +
          `recomputed ${JSON.stringify(recomputed[index])}`,
      );
    }
  }
  // Chains: per user, sorted by (start, id), each forecast ends at or before the next start.
  const byUser = new Map<number, typeof stored>();
  for (const forecast of stored) {
    const list = byUser.get(forecast.userId) ?? [];
    list.push(forecast);
    byUser.set(forecast.userId, list);
  }
  for (const [userId, list] of byUser) {
    list.sort((a, b) => a.startTime - b.startTime || a.id - b.id);
    for (let i = 0; i < list.length; i++) {
      const { endTime, startTime } = list[i];
      if (endTime !== null && endTime <= startTime) {
        problems.push(`user ${userId}: zero-length forecast ${list[i].id}`);
      }
      const next = list[i + 1];
      if (next && (endTime === null || endTime > next.startTime)) {
        problems.push(`user ${userId}: forecast ${list[i].id} overlaps ${next.id}`);
      }
    }
  }
  return { questionId, forecasts: stored.length, entries, problems: problems.slice(0, 5) };
}

/** Number of forecasts stored in the database. */
export async function countForecasts(db: Kysely<DatabaseSchema>): Promise<number> {
  const result = await sql<{ count: number }>`select count(*)::int as count from forecasts`.execute(
    db,
  );
  return Number(result.rows[0].count);
}
