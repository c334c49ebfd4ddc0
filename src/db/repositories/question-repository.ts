// SQL for questions: insert, read (optionally locked), update, filtered listing, conditional branches.
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { QuestionContent } from '../../domain/question-fields.ts';
import type {
  QuestionOptionsHistory,
  QuestionRecord,
  QuestionStatus,
  QuestionType,
} from '../../domain/question-record.ts';
import type { DatabaseSchema, QuestionsTable } from '../schema.ts';

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/** A `questions` row with its author's username, as read by `selectQuestions`. */
export type QuestionRow = Selectable<QuestionsTable> & { author_username: string | null };

/** Exported for repositories that read a question in their own query (forecast events). */
export function toRecord(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    type: row.type as QuestionType,
    status: row.status as QuestionStatus,
    title: row.title,
    description: row.description,
    resolutionCriteria: row.resolution_criteria,
    finePrint: row.fine_print,
    sources: row.sources ?? [],
    tags: row.tags ?? [],
    authorId: row.author_id,
    authorUsername: row.author_username ?? '',
    tournamentId: row.tournament_id,
    questionWeight: row.question_weight,
    openTime: row.open_time,
    scheduledCloseTime: row.scheduled_close_time,
    scheduledResolveTime: row.scheduled_resolve_time,
    cpRevealTime: row.cp_reveal_time,
    actualCloseTime: row.actual_close_time,
    rangeMin: row.range_min,
    rangeMax: row.range_max,
    zeroPoint: row.zero_point,
    openLowerBound: row.open_lower_bound,
    openUpperBound: row.open_upper_bound,
    inboundOutcomeCount: row.inbound_outcome_count,
    unit: row.unit,
    options: row.options,
    optionsHistory: row.options_history,
    conditionParentId: row.condition_parent_id,
    conditionChildId: row.condition_child_id,
    conditionOutcome: row.condition_outcome,
    isForecastBeforeCrowd: row.is_forecast_before_crowd,
    reviewNote: row.review_note,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function selectQuestions(db: Executor) {
  return db
    .selectFrom('questions')
    .selectAll('questions')
    .select((eb) =>
      eb
        .selectFrom('users')
        .select('users.username')
        .whereRef('users.id', '=', 'questions.author_id')
        .as('author_username'),
    );
}

/** The stored columns of a question's content (times, ranges, options…). */
export function contentColumns(content: QuestionContent) {
  return {
    type: content.type,
    title: content.title,
    description: content.description,
    resolution_criteria: content.resolutionCriteria,
    fine_print: content.finePrint,
    sources: JSON.stringify(content.sources),
    tags: content.tags,
    tournament_id: content.tournamentId,
    open_time: content.openTime,
    scheduled_close_time: content.scheduledCloseTime,
    scheduled_resolve_time: content.scheduledResolveTime,
    cp_reveal_time: content.cpRevealTime,
    range_min: content.rangeMin,
    range_max: content.rangeMax,
    zero_point: content.zeroPoint,
    open_lower_bound: content.openLowerBound,
    open_upper_bound: content.openUpperBound,
    inbound_outcome_count: content.inboundOutcomeCount,
    unit: content.unit,
    options: content.options ? JSON.stringify(content.options) : null,
    is_forecast_before_crowd: content.isForecastBeforeCrowd,
  };
}

export interface NewQuestion {
  content: QuestionContent;
  status: QuestionStatus;
  authorId: number;
  optionsHistory: QuestionOptionsHistory | null;
  conditionParentId?: number | null;
  conditionChildId?: number | null;
  conditionOutcome?: string | null;
  actualCloseTime?: Date | null;
  now: Date;
}

export async function insertQuestion(db: Executor, question: NewQuestion): Promise<number> {
  const row = await db
    .insertInto('questions')
    .values({
      ...contentColumns(question.content),
      status: question.status,
      author_id: question.authorId,
      options_history: question.optionsHistory ? JSON.stringify(question.optionsHistory) : null,
      condition_parent_id: question.conditionParentId ?? null,
      condition_child_id: question.conditionChildId ?? null,
      condition_outcome: question.conditionOutcome ?? null,
      actual_close_time: question.actualCloseTime ?? null,
      created_at: question.now,
      updated_at: question.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A new branch changes its child's and parent's pages (their conditional section).
  for (const related of [question.conditionChildId, question.conditionParentId]) {
    if (related != null) await notifyQuestionChanged(db, related);
  }
  return row.id;
}

/** One question, or undefined. `forUpdate` locks its row until the transaction ends. */
export async function selectQuestion(
  db: Executor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<QuestionRecord | undefined> {
  let query = selectQuestions(db).where('questions.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRecord(row as QuestionRow) : undefined;
}

export type QuestionUpdate = Updateable<QuestionsTable>;

export async function updateQuestion(
  db: Executor,
  id: number,
  changes: QuestionUpdate,
): Promise<void> {
  await db.updateTable('questions').set(changes).where('id', '=', id).execute();
  await notifyQuestionChanged(db, id);
}

/** NOTIFY on commit that a question changed (cached pages of it are dropped); id only. */
export const QUESTION_CHANGED_CHANNEL = 'question_changed';

export async function notifyQuestionChanged(db: Executor, id: number): Promise<void> {
  await sql`select pg_notify(${QUESTION_CHANGED_CHANNEL}, ${String(id)})`.execute(db);
}

export async function tournamentExists(db: Executor, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('tournaments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export interface QuestionListFilter {
  /** Restricts to these states (already limited to what the viewer may list). */
  statuses: readonly QuestionStatus[];
  /**
   * Private states (draft, in_review) among `statuses` are listed only for this author; null =
   * every author's (moderators).
   */
  privateAuthorId: number | null;
  authorId?: number;
  type?: QuestionType;
  tag?: string;
  tournamentId?: number;
  /** Case-insensitive substring of title or description. */
  text?: string;
  /** Keyset pagination: ids strictly below this one (newest first). */
  beforeId?: number;
  limit: number;
}

const PRIVATE_STATUSES: readonly QuestionStatus[] = ['draft', 'in_review'];

/** `%`, `_` and `\` are LIKE wildcards or its escape; match them literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listQuestions(
  db: Executor,
  filter: QuestionListFilter,
): Promise<QuestionRecord[]> {
  if (filter.statuses.length === 0) return [];
  let query = selectQuestions(db).where('questions.status', 'in', [...filter.statuses]);
  const privateStatuses = filter.statuses.filter((s) => PRIVATE_STATUSES.includes(s));
  if (privateStatuses.length > 0 && filter.privateAuthorId !== null) {
    const authorId = filter.privateAuthorId;
    query = query.where((eb) =>
      eb.or([
        eb('questions.status', 'not in', privateStatuses),
        eb('questions.author_id', '=', authorId),
      ]),
    );
  }
  if (filter.authorId !== undefined)
    query = query.where('questions.author_id', '=', filter.authorId);
  if (filter.type !== undefined) query = query.where('questions.type', '=', filter.type);
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
  if (filter.beforeId !== undefined) query = query.where('questions.id', '<', filter.beforeId);
  const rows = await query.orderBy('questions.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => toRecord(row as QuestionRow));
}

/**
 * The branch questions "CHILD if PARENT = x" of a child in creation order; with `ofParentToo`,
 * also those whose condition (parent) the question is.
 */
export async function selectBranchesOf(
  db: Executor,
  questionId: number,
  options: { ofParentToo?: boolean; forUpdate?: boolean } = {},
): Promise<QuestionRecord[]> {
  let query = selectQuestions(db)
    .where((eb) =>
      options.ofParentToo
        ? eb.or([
            eb('questions.condition_child_id', '=', questionId),
            eb('questions.condition_parent_id', '=', questionId),
          ])
        : eb('questions.condition_child_id', '=', questionId),
    )
    .orderBy('questions.id');
  if (options.forUpdate) query = query.forUpdate();
  const rows = await query.execute();
  return rows.map((row) => toRecord(row as QuestionRow));
}

export async function branchExists(
  db: Executor,
  parentId: number,
  childId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('questions')
    .select('id')
    .where('condition_parent_id', '=', parentId)
    .where('condition_child_id', '=', childId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Questions in `statuses` that `userId` has forecast on, most recently forecast first. */
export async function listQuestionsForecastBy(
  db: Executor,
  userId: number,
  statuses: readonly QuestionRecord['status'][],
  limit: number,
): Promise<QuestionRecord[]> {
  if (statuses.length === 0) return [];
  const latest = db
    .selectFrom('forecasts')
    .select(['forecasts.question_id', (eb) => eb.fn.max('forecasts.start_time').as('last_start')])
    .where('forecasts.user_id', '=', userId)
    .groupBy('forecasts.question_id')
    .as('latest');
  const rows = await selectQuestions(db)
    .innerJoin(latest, 'latest.question_id', 'questions.id')
    .where('questions.status', 'in', [...statuses])
    .orderBy('latest.last_start', 'desc')
    .orderBy('questions.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => toRecord(row as QuestionRow));
}
