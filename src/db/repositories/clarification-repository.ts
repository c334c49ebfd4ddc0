// SQL for question clarifications: dated, versioned notes that may amend one text field.
import type { Executor } from './question-repository.ts';

export type ClarifiedField = 'description' | 'fine_print';

export interface ClarificationRecord {
  id: number;
  questionId: number;
  version: number;
  note: string;
  field: ClarifiedField | null;
  previousText: string | null;
  newText: string | null;
  authorId: number;
  authorUsername: string;
  createdAt: Date;
}

export interface NewClarification {
  questionId: number;
  version: number;
  note: string;
  field: ClarifiedField | null;
  previousText: string | null;
  newText: string | null;
  authorId: number;
  createdAt: Date;
}

export async function insertClarification(db: Executor, entry: NewClarification): Promise<number> {
  const row = await db
    .insertInto('question_clarifications')
    .values({
      question_id: entry.questionId,
      version: entry.version,
      note: entry.note,
      field: entry.field,
      previous_text: entry.previousText,
      new_text: entry.newText,
      author_id: entry.authorId,
      created_at: entry.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The highest version so far (0 when none); call with the question row locked. */
export async function latestClarificationVersion(
  db: Executor,
  questionId: number,
): Promise<number> {
  const row = await db
    .selectFrom('question_clarifications')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('question_id', '=', questionId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function listClarifications(
  db: Executor,
  questionId: number,
): Promise<ClarificationRecord[]> {
  const rows = await db
    .selectFrom('question_clarifications as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.question_id',
      'c.version',
      'c.note',
      'c.field',
      'c.previous_text',
      'c.new_text',
      'c.author_id',
      'c.created_at',
      'u.username',
    ])
    .where('c.question_id', '=', questionId)
    .orderBy('c.version')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    questionId: row.question_id,
    version: row.version,
    note: row.note,
    field: row.field as ClarifiedField | null,
    previousText: row.previous_text,
    newText: row.new_text,
    authorId: row.author_id,
    authorUsername: row.username ?? '',
    createdAt: row.created_at,
  }));
}
