// What the home feed page shows: built by services/pages/get-home-feed.ts, rendered by
// views/pages/home-page.tsx (views read these types, never services or API JSON).
import type { QuestionRecord } from '../question-record.ts';

export type FeedSort = 'newest' | 'closing_soon' | 'most_forecasters' | 'biggest_move';

export const FEED_SORTS: readonly FeedSort[] = [
  'newest',
  'closing_soon',
  'most_forecasters',
  'biggest_move',
];

/** One question on a card: the question, the CP the viewer may see and its recent move. */
export interface QuestionCardModel {
  question: QuestionRecord;
  /** The current CP entry as the API presents it, or null while hidden or not yet formed. */
  communityPrediction: Record<string, unknown> | null;
  forecasterCount: number;
  /**
   * Change of the headline number over the last 7 days, in the CP's own units (probability for
   * binary questions); null when there is no CP 7 days ago or the CP is hidden.
   */
  weekMove: number | null;
}

export interface FeedFilters {
  sort: FeedSort;
  tag: string | null;
  tournamentId: number | null;
  /** Search text, '' for none. */
  text: string;
}

export interface HomeFeedModel {
  cards: QuestionCardModel[];
  filters: FeedFilters;
  /** Opaque cursor for the next page (same filters), or null on the last page. */
  nextCursor: string | null;
  /** True when this is not the first page (a link back to the first page is shown). */
  isContinuation: boolean;
  /** Tags in use on open questions, for the filter. */
  tags: string[];
  tournaments: Array<{ id: number; name: string }>;
}
