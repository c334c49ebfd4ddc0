// Articles, comments and reports as the services see them, and the pure rules of discussion:
// slugs, shortcodes, mentions, body limits, sorts (docs/design.md "Articles and discussion").

export type ArticleStatus = 'draft' | 'published';

export interface ArticleRecord {
  id: number;
  authorId: number;
  authorUsername: string;
  authorRole: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  tags: string[];
  tournamentId: number | null;
  status: ArticleStatus;
  publishedAt: Date | null;
  hiddenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CommentTargetType = 'question' | 'article';
export const COMMENT_TARGET_TYPES: readonly CommentTargetType[] = ['question', 'article'];

/** The author's forecast when posting: a short label ("72 %") and the probability vector. */
export interface ForecastSnapshot {
  label: string;
  /** Binary: [P(yes)]; multiple choice: per option; continuous: null. */
  vector: number[] | null;
}

export interface CommentRecord {
  id: number;
  targetType: CommentTargetType;
  targetId: number;
  parentId: number | null;
  rootId: number | null;
  authorId: number;
  authorUsername: string;
  authorRole: string;
  body: string;
  forecastQuestionId: number | null;
  forecastAtPosting: ForecastSnapshot | null;
  upvotes: number;
  downvotes: number;
  mindsChanged: number;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  createdAt: Date;
}

export type CommentSort = 'minds_changed' | 'top' | 'newest' | 'accurate' | 'disagree';
export const COMMENT_SORTS: readonly CommentSort[] = [
  'minds_changed',
  'top',
  'newest',
  'accurate',
  'disagree',
];
export const COMMENT_SORT_LABELS: Record<CommentSort, string> = {
  minds_changed: 'Most minds changed',
  top: 'Top',
  newest: 'Newest',
  accurate: 'From accurate forecasters',
  disagree: 'Disagrees with the crowd',
};

export type ReportTargetType = 'comment' | 'article';
export const REPORT_TARGET_TYPES: readonly ReportTargetType[] = ['comment', 'article'];

export const MAX_COMMENT_LENGTH = 10_000;
export const MAX_ARTICLE_LENGTH = 100_000;
export const MAX_REPORT_REASON_LENGTH = 1000;

const SLUG = /^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug has at least one letter, so `/articles/12` (an id) and a slug never collide. */
export function isValidSlug(slug: string): boolean {
  return slug.length >= 1 && slug.length <= 80 && SLUG.test(slug);
}

/** "US–Russia outlook: the summit" → "us-russia-outlook-the-summit". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return isValidSlug(slug) ? slug : `article-${slug || 'untitled'}`.slice(0, 80);
}

export type ShortcodeKind = 'question' | 'scenarios';

export type ArticleSegment =
  | { kind: 'markdown'; source: string }
  | { kind: 'card'; shortcode: ShortcodeKind; questionId: number; source: string };

/** A shortcode alone on its line: `{{question:12}}` or `{{scenarios:7}}`. */
const SHORTCODE_LINE =
  /^[ \t]*\{\{[ \t]*(question|scenarios)[ \t]*:[ \t]*(\d{1,15})[ \t]*\}\}[ \t]*$/gm;

/** Splits an article body into markdown runs and embedded question cards, in order. */
export function splitShortcodes(body: string): ArticleSegment[] {
  const segments: ArticleSegment[] = [];
  let last = 0;
  for (const match of body.matchAll(SHORTCODE_LINE)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ kind: 'markdown', source: body.slice(last, index) });
    segments.push({
      kind: 'card',
      shortcode: match[1] as ShortcodeKind,
      questionId: Number(match[2]),
      source: match[0].trim(),
    });
    last = index + match[0].length;
  }
  if (last < body.length) segments.push({ kind: 'markdown', source: body.slice(last) });
  return segments.filter((segment) => segment.kind === 'card' || segment.source.trim() !== '');
}

/** The question ids an article embeds, in order of first appearance. */
export function embeddedQuestionIds(body: string): number[] {
  const ids: number[] = [];
  for (const segment of splitShortcodes(body)) {
    if (segment.kind === 'card' && !ids.includes(segment.questionId)) ids.push(segment.questionId);
  }
  return ids;
}

/** `@username` mentions (usernames as registration allows them), lower-cased, at most 10. */
export function mentionedUsernames(body: string): string[] {
  const names = new Set<string>();
  for (const match of body.matchAll(/(^|[^\w@/])@([A-Za-z0-9_-]{3,30})(?![A-Za-z0-9_-])/g)) {
    names.add((match[2] ?? '').toLowerCase());
    if (names.size >= 10) break;
  }
  return [...names];
}

/** Bodies that differ only in case and spacing count as the same comment. */
export function normalizedBody(body: string): string {
  return body.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** How far apart two probability vectors are: the largest difference, in [0, 1]. */
export function vectorDistance(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let largest = 0;
  for (let index = 0; index < a.length; index += 1) {
    largest = Math.max(largest, Math.abs((a[index] ?? 0) - (b[index] ?? 0)));
  }
  return largest;
}
