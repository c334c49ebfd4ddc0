// What the API and pages show of a discussion: comments with their threads, badges and the
// viewer's own reactions; built by services/comments/list-comments.ts.
import type { CommentSort, CommentTargetType, ForecastSnapshot } from '../discussion.ts';

export type CommentState = 'visible' | 'deleted' | 'hidden';

export interface CommentView {
  id: number;
  targetType: CommentTargetType;
  targetId: number;
  parentId: number | null;
  author: { id: number; username: string };
  /** Markdown source and its sanitised HTML; null once deleted, or hidden (but for staff). */
  body: string | null;
  html: string | null;
  state: CommentState;
  createdAt: Date;
  editedAt: Date | null;
  upvotes: number;
  downvotes: number;
  mindsChanged: number;
  /** The viewer's vote (0: none) and mark; false/0 for guests. */
  myVote: -1 | 0 | 1;
  hasChangedMyMind: boolean;
  isMine: boolean;
  forecastAtPosting: ForecastSnapshot | null;
  forecastNow: ForecastSnapshot | null;
  replies: CommentView[];
}

export interface CommentPage {
  sort: CommentSort;
  items: CommentView[];
  nextCursor: string | null;
  /** Roots in the whole discussion (for "n comments"). */
  total: number;
}
