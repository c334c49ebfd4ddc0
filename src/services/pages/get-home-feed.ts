// The home feed view model: open questions under the viewer's sort and filters, one page at a
// time (one query for the page, sorts and 7-day moves included), each with the CP summary the
// viewer may see.
import {
  listFeedPage,
  listOpenQuestionTags,
} from '../../db/repositories/question-feed-repository.ts';
import { listTournamentNames } from '../../db/repositories/tournament-repository.ts';
import type { Actor } from '../../domain/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import type { FeedFilters, HomeFeedModel } from '../../domain/view-models/home-feed.ts';
import type { Deps } from '../deps.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';

export const HOME_FEED_SIZE = 24;
const WEEK_MS = 7 * 86_400_000;
const MAX_OFFSET = 10_000;

export interface GetHomeFeedInput {
  actor: Actor | null;
  filters: FeedFilters;
  cursor?: string;
}

/**
 * Feed cursors are opaque offsets: the computed sorts (forecasters, moves) change under the
 * reader anyway, so keyset stability buys nothing here.
 */
function decodeFeedCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = /^[A-Za-z0-9_-]{1,16}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^o([1-9]\d{0,4})$/.exec(text);
  if (!match || Number(match[1]) > MAX_OFFSET) {
    throw invalidField('querystring/cursor', 'is not a cursor this page issued');
  }
  return Number(match[1]);
}

function encodeFeedCursor(offset: number): string {
  return Buffer.from(`o${offset}`, 'utf8').toString('base64url');
}

export async function getHomeFeed(deps: Deps, input: GetHomeFeedInput): Promise<HomeFeedModel> {
  const { actor, filters } = input;
  const db = deps.database.db;
  const offset = decodeFeedCursor(input.cursor);
  const [rows, tags, tournaments] = await Promise.all([
    listFeedPage(db, {
      sort: filters.sort,
      tag: filters.tag?.toLowerCase() ?? undefined,
      tournamentId: filters.tournamentId ?? undefined,
      text: filters.text || undefined,
      weekAgo: new Date(deps.clock.now().getTime() - WEEK_MS),
      offset,
      limit: HOME_FEED_SIZE + 1,
    }),
    listOpenQuestionTags(db),
    listTournamentNames(db),
  ]);
  const page = rows.slice(0, HOME_FEED_SIZE);
  const cards = await Promise.all(
    page.map(async ({ question, weekMoveYes }) => {
      const summary = await getForecastSummary(deps, question, actor);
      const isVisible = summary.community_prediction !== null;
      return {
        question,
        communityPrediction: summary.community_prediction,
        forecasterCount: summary.forecaster_count,
        // A hidden CP hides its movement too.
        weekMove: isVisible ? weekMoveYes : null,
      };
    }),
  );
  return {
    cards,
    filters,
    nextCursor: rows.length > HOME_FEED_SIZE ? encodeFeedCursor(offset + HOME_FEED_SIZE) : null,
    isContinuation: offset > 0,
    tags,
    tournaments,
  };
}
