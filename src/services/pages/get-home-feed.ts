// The home feed view model: open questions under the viewer's sort and filters, one page at a
// time, each with the CP summary the viewer may see.
import type { Actor } from '../../domain/actor.ts';
import type { FeedFilters, HomeFeedModel } from '../../domain/view-models/home-feed.ts';
import type { Deps } from '../deps.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { listQuestions } from '../questions/list-questions.ts';

export const HOME_FEED_SIZE = 24;

export interface GetHomeFeedInput {
  actor: Actor | null;
  filters: FeedFilters;
  cursor?: string;
}

export async function getHomeFeed(deps: Deps, input: GetHomeFeedInput): Promise<HomeFeedModel> {
  const { actor, filters } = input;
  const { items, nextCursor } = await listQuestions(deps, {
    actor,
    statuses: ['open'],
    tag: filters.tag ?? undefined,
    tournamentId: filters.tournamentId ?? undefined,
    text: filters.text || undefined,
    limit: HOME_FEED_SIZE,
    cursor: input.cursor,
  });
  const cards = await Promise.all(
    items.map(async (question) => {
      const summary = await getForecastSummary(deps, question, actor);
      return {
        question,
        communityPrediction: summary.community_prediction,
        forecasterCount: summary.forecaster_count,
        weekMove: null,
      };
    }),
  );
  return {
    cards,
    filters,
    nextCursor,
    isContinuation: Boolean(input.cursor),
    tags: [],
    tournaments: [],
  };
}
