// Changes to an existing comment: edit (the previous text kept as a revision), soft delete,
// votes and "changed my mind" marks (one per user; not on one's own comment).
import {
  insertCommentRevision,
  listCommentRevisions,
  selectComment,
  setMindChanged,
  setVote,
  updateCommentRow,
} from '../../db/repositories/comment-repository.ts';
import { type Actor, actorUserId, hasRole } from '../../domain/actor.ts';
import type { CommentRecord } from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { getCommentTarget, requireDiscussionVisible } from './comment-target.ts';
import { requireWriter } from './discussion-access.ts';
import { bodyHash, checkCommentBody } from './post-comment.ts';

function commentNotFound(id: number): DomainError {
  return new DomainError('NOT_FOUND', `No comment ${id}.`);
}

/** The comment if the actor may see its discussion (hidden ones: staff and the author). */
export async function getCommentForActor(
  deps: Deps,
  id: number,
  actor: Actor | null,
): Promise<CommentRecord> {
  const comment = await selectComment(deps.database.db, id);
  if (!comment) throw commentNotFound(id);
  const target = await getCommentTarget(deps, comment.targetType, comment.targetId, actor).catch(
    () => {
      throw commentNotFound(id);
    },
  );
  await requireDiscussionVisible(deps, target, actor);
  return comment;
}

function requireLive(comment: CommentRecord): void {
  if (comment.deletedAt !== null) throw new DomainError('CONFLICT', 'This comment was deleted.');
  if (comment.hiddenAt !== null) {
    throw new DomainError('CONFLICT', 'This comment was hidden by a moderator.');
  }
}

export async function editComment(
  deps: Deps,
  input: { actor: Actor | null; id: number; body: string },
): Promise<CommentRecord> {
  const user = await requireWriter(deps, input.actor);
  const comment = await getCommentForActor(deps, input.id, input.actor);
  if (comment.authorId !== user.userId) {
    throw new DomainError('FORBIDDEN', 'Only its author can edit a comment.');
  }
  requireLive(comment);
  const body = checkCommentBody(input.body);
  if (body === comment.body) return comment;
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await insertCommentRevision(tx, { commentId: comment.id, body: comment.body, now });
    await updateCommentRow(tx, comment.id, { body, body_hash: bodyHash(body), edited_at: now });
  });
  return (await selectComment(deps.database.db, comment.id)) as CommentRecord;
}

/** Soft delete by the author or a moderator: the thread stays, the text becomes "[deleted]". */
export async function deleteComment(
  deps: Deps,
  input: { actor: Actor | null; id: number },
): Promise<CommentRecord> {
  const user = await requireWriter(deps, input.actor);
  const comment = await getCommentForActor(deps, input.id, input.actor);
  const isModerator = hasRole(input.actor, 'moderator');
  if (comment.authorId !== user.userId && !isModerator) {
    throw new DomainError('FORBIDDEN', 'Only its author or a moderator can delete a comment.');
  }
  if (comment.deletedAt === null) {
    const now = deps.clock.now();
    await deps.database.db.transaction().execute(async (tx) => {
      await updateCommentRow(tx, comment.id, { deleted_at: now });
      if (comment.authorId !== user.userId) {
        await tx
          .insertInto('audit_log')
          .values({
            actor_id: user.userId,
            action: 'comment.delete',
            target_type: 'comment',
            target_id: comment.id,
            details: JSON.stringify({ author_id: comment.authorId }),
            created_at: now,
          })
          .execute();
      }
    });
  }
  return (await selectComment(deps.database.db, comment.id)) as CommentRecord;
}

async function reactable(deps: Deps, actor: Actor | null, id: number) {
  const user = await requireWriter(deps, actor);
  const comment = await getCommentForActor(deps, id, actor);
  requireLive(comment);
  if (comment.authorId === user.userId) {
    throw new DomainError('FORBIDDEN', 'You cannot vote on or mark your own comment.');
  }
  return { user, comment };
}

export async function voteOnComment(
  deps: Deps,
  input: { actor: Actor | null; id: number; value: -1 | 0 | 1 },
): Promise<CommentRecord> {
  const { user, comment } = await reactable(deps, input.actor, input.id);
  await deps.database.db
    .transaction()
    .execute((tx) => setVote(tx, comment.id, user.userId, input.value, deps.clock.now()));
  return (await selectComment(deps.database.db, comment.id)) as CommentRecord;
}

export async function markChangedMind(
  deps: Deps,
  input: { actor: Actor | null; id: number; isChanged: boolean },
): Promise<CommentRecord> {
  const { user, comment } = await reactable(deps, input.actor, input.id);
  await deps.database.db
    .transaction()
    .execute((tx) =>
      setMindChanged(tx, comment.id, user.userId, input.isChanged, deps.clock.now()),
    );
  return (await selectComment(deps.database.db, comment.id)) as CommentRecord;
}

/** Earlier versions of a comment, newest first (anyone who may see it; moderation needs it). */
export async function getCommentRevisions(
  deps: Deps,
  input: { actor: Actor | null; id: number },
): Promise<Array<{ id: number; body: string; createdAt: Date }>> {
  const comment = await getCommentForActor(deps, input.id, input.actor);
  const isStaff =
    hasRole(input.actor, 'moderator') || actorUserId(input.actor) === comment.authorId;
  if ((comment.deletedAt !== null || comment.hiddenAt !== null) && !isStaff) return [];
  return listCommentRevisions(deps.database.db, comment.id);
}
