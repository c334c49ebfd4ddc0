// A question's audit trail, oldest first, for anyone who may see the question.

import {
  type AuditEntryRecord,
  listAuditEntries,
} from '../../db/repositories/audit-log-list-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Deps } from '../deps.ts';
import { getQuestionForActor } from './find-question.ts';
import { decodeCursor, pageOf } from './question-cursor.ts';

export interface ListQuestionAuditLogInput {
  actor: Actor | null;
  questionId: number;
  limit: number;
  cursor?: string;
}

export async function listQuestionAuditLog(
  deps: Deps,
  input: ListQuestionAuditLogInput,
): Promise<{ items: AuditEntryRecord[]; nextCursor: string | null }> {
  const cursorId = decodeCursor(input.cursor);
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const rows = await listAuditEntries(deps.database.db, {
    target: { type: 'question', id: question.id },
    cursorId,
    order: 'asc',
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit);
}
