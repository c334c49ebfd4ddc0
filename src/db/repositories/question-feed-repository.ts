// The home feed's page of open questions in one query: filters, the four sorts, and each
// question's current CP entry and the entry standing 7 days ago (for "biggest 7-day move").
import { sql } from 'kysely';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { FeedSort } from '../../domain/view-models/home-feed.ts';
import {
  type Executor,
  likePattern,
  type QuestionRow,
  selectQuestions,
  toRecord,
} from './question-repository.ts';

export interface FeedPageFilter {
  sort: FeedSort;
  tag?: string;
  tournamentId?: number;
  text?: string;
  /** The instant the week's move is measured from. */
  weekAgo: Date;
  offset: number;
  limit: number;
}

export interface FeedRow {
  question: QuestionRecord;
  /** Signed change of P(yes) over the week for binary questions, else null. */
  weekMoveYes: number | null;
}

const CP_METHOD = 'recency_weighted';

export async function listFeedPage(db: Executor, filter: FeedPageFilter): Promise<FeedRow[]> {
  let query = selectQuestions(db)
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('cp_entries')
          .select(['forecaster_count', 'forecast_values'])
          .whereRef('cp_entries.question_id', '=', 'questions.id')
          .where('cp_entries.method', '=', CP_METHOD)
          .orderBy('cp_entries.seq', 'desc')
          .limit(1)
          .as('current_cp'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('cp_entries')
          .select(['forecast_values'])
          .whereRef('cp_entries.question_id', '=', 'questions.id')
          .where('cp_entries.method', '=', CP_METHOD)
          .where('cp_entries.start_time', '<=', filter.weekAgo)
          .orderBy('cp_entries.seq', 'desc')
          .limit(1)
          .as('week_ago_cp'),
      (join) => join.onTrue(),
    )
    .select([
      sql<number | null>`case when questions.type = 'binary'
        then current_cp.forecast_values[2] - week_ago_cp.forecast_values[2] end`.as(
        'week_move_yes',
      ),
      // The largest change of any value of the CP vector: |ΔP| for binary and multiple choice,
      // the Kolmogorov distance between the CDFs for continuous questions. Null without a CP a
      // week ago.
      sql<number | null>`(select max(abs(pair.now_value - pair.then_value))
        from unnest(current_cp.forecast_values, week_ago_cp.forecast_values)
          as pair(now_value, then_value))`.as('week_move_size'),
      sql<number>`coalesce(current_cp.forecaster_count, 0)`.as('forecasters'),
    ])
    .where('questions.status', '=', 'open');
  if (filter.tag !== undefined) {
    query = query.where(sql<boolean>`${filter.tag} = any(${sql.ref('questions.tags')})`);
  }
  if (filter.tournamentId !== undefined) {
    query = query.where('questions.tournament_id', '=', filter.tournamentId);
  }
  if (filter.text !== undefined) {
    const pattern = likePattern(filter.text);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`${sql.ref('questions.title')} ilike ${pattern} escape '\\'`,
        sql<boolean>`${sql.ref('questions.description')} ilike ${pattern} escape '\\'`,
      ]),
    );
  }
  switch (filter.sort) {
    case 'newest':
      break;
    case 'closing_soon':
      query = query.orderBy(sql`questions.scheduled_close_time asc nulls last`);
      break;
    case 'most_forecasters':
      query = query.orderBy(sql`coalesce(current_cp.forecaster_count, 0) desc`);
      break;
    case 'biggest_move':
      query = query.orderBy(sql`week_move_size desc nulls last`);
      break;
  }
  const rows = await query
    .orderBy('questions.id', 'desc')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({
    question: toRecord(row as unknown as QuestionRow),
    weekMoveYes: row.week_move_yes === null ? null : Number(row.week_move_yes),
  }));
}

/** Tags in use on open questions, alphabetically. */
export async function listOpenQuestionTags(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('questions')
    .select(sql<string>`distinct unnest(questions.tags)`.as('tag'))
    .where('questions.status', '=', 'open')
    .orderBy('tag')
    .execute();
  return rows.map((row) => row.tag);
}
