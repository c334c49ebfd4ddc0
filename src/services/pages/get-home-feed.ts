// The home feed: open questions, newest first, each with the CP summary the viewer may see.
import type { Actor } from '../../domain/actor.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { Deps } from '../deps.ts';
import { type ForecastSummary, getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { listQuestions } from '../questions/list-questions.ts';

export interface HomeFeedItem {
  question: QuestionRecord;
  summary: ForecastSummary;
}

const HOME_FEED_SIZE = 24;

export async function getHomeFeed(deps: Deps, actor: Actor | null): Promise<HomeFeedItem[]> {
  const { items } = await listQuestions(deps, {
    actor,
    statuses: ['open'],
    limit: HOME_FEED_SIZE,
  });
  return Promise.all(
    items.map(async (question) => ({
      question,
      summary: await getForecastSummary(deps, question, actor),
    })),
  );
}
