// A page of root comments, each with its whole thread, in one request. Roots are sorted in
// memory (a discussion's roots are few; see docs/decisions.md) and paged with an offset cursor.

import {
  listRootComments,
  listThreadReplies,
  meanScores,
  standingForecastsOf,
  viewerReactions,
} from '../../db/repositories/comment-repository.ts';
import { selectLastEntry } from '../../db/repositories/cp-entry-repository.ts';
import { type Actor, actorUserId, hasRole, isRoleAtLeast, type Role } from '../../domain/actor.ts';
import { cpVisibility } from '../../domain/cp-visibility.ts';
import {
  type CommentRecord,
  type CommentSort,
  type CommentTargetType,
  type ForecastSnapshot,
  vectorDistance,
} from '../../domain/discussion.ts';
import { DomainError } from '../../domain/errors.ts';
import type { CommentPage, CommentView } from '../../domain/view-models/discussion.ts';
import type { Deps } from '../deps.ts';
import { renderMarkdown } from '../markdown/render-markdown.ts';
import { getCommentForActor } from './change-comment.ts';
import {
  type CommentTarget,
  getCommentTarget,
  requireDiscussionVisible,
} from './comment-target.ts';
import { forecastSnapshot } from './forecast-snapshot.ts';

export interface ListCommentsInput {
  actor: Actor | null;
  targetType: CommentTargetType;
  targetId: number;
  sort?: CommentSort;
  limit?: number;
  cursor?: string;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new DomainError('VALIDATION_FAILED', 'querystring/cursor: is not a valid cursor', {
      fields: [{ path: 'querystring/cursor', message: 'is not a valid cursor' }],
    });
  }
  return Number(match[1]);
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

type Ranked = { comment: CommentRecord; key: number };

function byKeyThenNewest(a: Ranked, b: Ranked): number {
  return b.key - a.key || b.comment.id - a.comment.id;
}

async function crowdVector(
  deps: Deps,
  target: CommentTarget,
  actor: Actor | null,
): Promise<number[] | null> {
  const question = target.forecastQuestion;
  if (!question || (question.type !== 'binary' && question.type !== 'multiple_choice')) return null;
  // Ordering by distance from a hidden CP would leak it: only when the viewer may see the CP.
  const hasForecast = true; // forecast-first was checked by requireDiscussionVisible
  if (!cpVisibility(question, actor, deps.clock.now(), hasForecast).ok) return null;
  const entry = await selectLastEntry(deps.database.db, question.id, 'recency_weighted');
  if (!entry || entry.endTime !== null) return null;
  const values = entry.forecastValues.map((value) => value ?? 0);
  return question.type === 'binary' ? [values[1] ?? 0] : values;
}

async function sortRoots(
  deps: Deps,
  roots: CommentRecord[],
  sort: CommentSort,
  target: CommentTarget,
  actor: Actor | null,
): Promise<CommentRecord[]> {
  const score = (comment: CommentRecord) => comment.upvotes - comment.downvotes;
  let keyOf: (comment: CommentRecord) => number;
  switch (sort) {
    case 'newest':
      keyOf = () => 0;
      break;
    case 'top':
      keyOf = score;
      break;
    case 'minds_changed':
      keyOf = (comment) => comment.mindsChanged * 1_000_000 + score(comment);
      break;
    case 'accurate': {
      const means = await meanScores(deps.database.db, [
        ...new Set(roots.map((comment) => comment.authorId)),
      ]);
      keyOf = (comment) => means.get(comment.authorId) ?? Number.NEGATIVE_INFINITY;
      break;
    }
    case 'disagree': {
      const crowd = await crowdVector(deps, target, actor);
      keyOf = (comment) => {
        const vector = comment.forecastAtPosting?.vector;
        const distance = crowd && vector ? vectorDistance(vector, crowd) : null;
        return distance ?? Number.NEGATIVE_INFINITY;
      };
      break;
    }
  }
  return roots
    .map((comment) => ({ comment, key: keyOf(comment) }))
    .sort((a, b) =>
      a.key === b.key
        ? b.comment.id - a.comment.id
        : a.key === Number.NEGATIVE_INFINITY
          ? 1
          : b.key === Number.NEGATIVE_INFINITY
            ? -1
            : byKeyThenNewest(a, b),
    )
    .map((ranked) => ranked.comment);
}

function questionRef(question: { id: number; title: string } | undefined) {
  return question ? { id: question.id, title: question.title } : null;
}

const TRUSTED_ROLES: Role = 'analyst';

export async function listComments(deps: Deps, input: ListCommentsInput): Promise<CommentPage> {
  const { actor } = input;
  const target = await getCommentTarget(deps, input.targetType, input.targetId, actor);
  await requireDiscussionVisible(deps, target, actor);
  const sort = input.sort ?? 'minds_changed';
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const offset = decodeOffset(input.cursor);
  const db = deps.database.db;
  const roots = await listRootComments(db, target.type, target.id);
  const sorted = await sortRoots(deps, roots, sort, target, actor);
  const pageRoots = sorted.slice(offset, offset + limit);
  const replies = await listThreadReplies(
    db,
    pageRoots.map((comment) => comment.id),
  );
  const views = await buildCommentViews(deps, actor, target, [...pageRoots, ...replies]);
  for (const reply of replies) {
    const parent = reply.parentId === null ? undefined : views.get(reply.parentId);
    const view = views.get(reply.id);
    if (parent && view) parent.replies.push(view);
  }
  return {
    sort,
    items: pageRoots.map((comment) => views.get(comment.id) as CommentView),
    nextCursor: offset + limit < sorted.length ? encodeOffset(offset + limit) : null,
    total: roots.length,
  };
}

/** Views of `all` (one discussion's comments) for `actor`: badges, reactions, visibility. */
export async function buildCommentViews(
  deps: Deps,
  actor: Actor | null,
  target: CommentTarget,
  all: CommentRecord[],
): Promise<Map<number, CommentView>> {
  const db = deps.database.db;
  const viewerId = actorUserId(actor);
  const reactions =
    viewerId === null
      ? { votes: new Map<number, number>(), marks: new Set<number>() }
      : await viewerReactions(
          db,
          viewerId,
          all.map((comment) => comment.id),
        );
  const now = deps.clock.now();
  // Current forecasts, per question a badge shows (each comment names its question).
  const questions = new Map(target.forecastQuestions.map((question) => [question.id, question]));
  const nowSnapshots = new Map<string, ForecastSnapshot | null>();
  for (const question of questions.values()) {
    const authors = all
      .filter(
        (comment) => (comment.forecastQuestionId ?? target.forecastQuestion?.id) === question.id,
      )
      .map((comment) => comment.authorId);
    if (authors.length === 0) continue;
    const standing = await standingForecastsOf(db, question.id, [...new Set(authors)], now);
    for (const [userId, forecast] of standing) {
      nowSnapshots.set(`${question.id}:${userId}`, forecastSnapshot(question, forecast));
    }
  }
  const isModerator = hasRole(actor, 'moderator');
  const siteOrigin = deps.config.baseUrl;
  const views = new Map<number, CommentView>();
  for (const comment of all) {
    const isMine = viewerId !== null && viewerId === comment.authorId;
    const state = comment.deletedAt ? 'deleted' : comment.hiddenAt ? 'hidden' : 'visible';
    const isShown = state === 'visible' || (state === 'hidden' && (isModerator || isMine));
    views.set(comment.id, {
      id: comment.id,
      targetType: comment.targetType,
      targetId: comment.targetId,
      parentId: comment.parentId,
      author:
        state === 'deleted'
          ? { id: 0, username: '[deleted]' }
          : { id: comment.authorId, username: comment.authorUsername },
      body: isShown ? comment.body : null,
      html: isShown
        ? renderMarkdown(comment.body, {
            isTrustedAuthor: isRoleAtLeast(comment.authorRole as Role, TRUSTED_ROLES),
            siteOrigin,
          })
        : null,
      state,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      upvotes: comment.upvotes,
      downvotes: comment.downvotes,
      mindsChanged: comment.mindsChanged,
      myVote: (reactions.votes.get(comment.id) ?? 0) as -1 | 0 | 1,
      hasChangedMyMind: reactions.marks.has(comment.id),
      isMine,
      forecastAtPosting: state === 'deleted' ? null : comment.forecastAtPosting,
      forecastNow:
        state === 'deleted'
          ? null
          : (nowSnapshots.get(
              `${comment.forecastQuestionId ?? target.forecastQuestion?.id}:${comment.authorId}`,
            ) ?? null),
      forecastQuestion:
        target.type === 'article' && state !== 'deleted'
          ? questionRef(questions.get(comment.forecastQuestionId ?? -1))
          : null,
      replies: [],
    });
  }
  return views;
}

/** One comment as `actor` sees it (without its replies), e.g. after posting or voting. */
export async function getCommentView(
  deps: Deps,
  input: { actor: Actor | null; id: number },
): Promise<CommentView> {
  const comment = await getCommentForActor(deps, input.id, input.actor);
  const target = await getCommentTarget(deps, comment.targetType, comment.targetId, input.actor);
  const views = await buildCommentViews(deps, input.actor, target, [comment]);
  return views.get(comment.id) as CommentView;
}
