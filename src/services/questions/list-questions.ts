// Lists and searches questions, newest first, showing each viewer only what they may see.

import type { QuestionType } from '../../core/types.ts';
import { listQuestions as selectQuestionPage } from '../../db/repositories/question-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import {
  PUBLIC_QUESTION_STATUSES,
  type QuestionRecord,
  type QuestionStatus,
} from '../../domain/question-record.ts';
import { requireUser } from '../auth/require-user.ts';
import type { Deps } from '../deps.ts';
import { decodeCursor, pageOf } from './question-cursor.ts';

export interface ListQuestionsInput {
  actor: Actor | null;
  /** Default: the public states (scheduled and later). */
  statuses?: QuestionStatus[];
  type?: QuestionType;
  tag?: string;
  tournamentId?: number;
  /** Case-insensitive text in title or description. */
  text?: string;
  /** Only the caller's own questions, drafts included. */
  isMine?: boolean;
  limit: number;
  cursor?: string;
}

export async function listQuestions(
  deps: Deps,
  input: ListQuestionsInput,
): Promise<{ items: QuestionRecord[]; nextCursor: string | null }> {
  const beforeId = decodeCursor(input.cursor);
  let authorId: number | undefined;
  if (input.isMine) authorId = requireUser(input.actor).userId;
  const statuses =
    input.statuses && input.statuses.length > 0
      ? input.statuses
      : input.isMine
        ? undefined
        : [...PUBLIC_QUESTION_STATUSES];
  const allStatuses: QuestionStatus[] = statuses ?? [
    'draft',
    'in_review',
    ...PUBLIC_QUESTION_STATUSES,
  ];
  const userId = actorUserId(input.actor);
  const isModerator = hasRole(input.actor, 'moderator');
  // Anonymous viewers can match no author: -1 is never an id.
  const privateAuthorId = isModerator ? null : (userId ?? -1);
  const text = input.text?.trim();
  const rows = await selectQuestionPage(deps.database.db, {
    statuses: allStatuses,
    privateAuthorId,
    authorId,
    type: input.type,
    tag: input.tag?.trim().toLowerCase() || undefined,
    tournamentId: input.tournamentId,
    text: text ? text : undefined,
    beforeId,
    limit: input.limit + 1,
  });
  return pageOf(rows, input.limit);
}
