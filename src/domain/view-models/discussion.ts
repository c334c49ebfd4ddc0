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
  /** On article comments: which embedded question the badges are about. */
  forecastQuestion: { id: number; title: string } | null;
  replies: CommentView[];
}

export interface CommentPage {
  sort: CommentSort;
  items: CommentView[];
  nextCursor: string | null;
  /** Roots in the whole discussion (for "n comments"). */
  total: number;
}

/** The discussion block of an article or question page. */
export interface DiscussionModel {
  targetType: CommentTargetType;
  targetId: number;
  /** null while withheld (forecast-first question without the reader's forecast). */
  page: CommentPage | null;
  isWithheld: boolean;
  sort: CommentSort;
  /** The page the forms come back to (canonical, without query). */
  returnTo: string;
  /** The question whose forecast badges show, for the prompt text. */
  forecastQuestionTitle: string | null;
  /** Set after a forecast moved by the rationale threshold: ask why. */
  rationalePoints: number | null;
  canModerate: boolean;
}

export interface ArticleCardModel {
  questionId: number;
  shortcode: 'question' | 'scenarios';
  /** null: unknown or unpublished id (authors see `placeholder`, readers nothing). */
  panel: import('./forecast-panel.ts').ForecastPanelModel | null;
  placeholder: string | null;
}

export type ArticleBlock =
  | { kind: 'html'; html: string }
  | { kind: 'card'; card: ArticleCardModel };

export interface ArticleHeaderModel {
  id: number;
  title: string;
  summary: string;
  authorUsername: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  updatedAt: Date;
  tags: string[];
  path: string;
  isHidden: boolean;
}

export interface ArticlePageModel {
  article: ArticleHeaderModel;
  blocks: ArticleBlock[];
  canEdit: boolean;
  discussion: DiscussionModel | null;
}

/** One open report in the moderation queue, with what was reported. */
export interface QueueItem {
  report: {
    id: number;
    targetType: 'comment' | 'article';
    targetId: number;
    reporterUsername: string;
    reason: string;
    createdAt: Date;
  };
  /** What was reported, as text, and where it is. */
  excerpt: string;
  authorUsername: string;
  path: string;
  isHidden: boolean;
}
