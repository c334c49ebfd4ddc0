// The question page view model: the question if the viewer may see it (NOT_FOUND otherwise),
// with the CP summary the viewer may see.
import type { Actor } from '../../domain/actor.ts';
import type { QuestionPageModel } from '../../domain/view-models/question-page.ts';
import type { Deps } from '../deps.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { getQuestionForActor } from '../questions/find-question.ts';

export interface GetQuestionPageInput {
  actor: Actor | null;
  questionId: number;
}

export async function getQuestionPage(
  deps: Deps,
  input: GetQuestionPageInput,
): Promise<QuestionPageModel> {
  const question = await getQuestionForActor(deps, input.questionId, input.actor);
  const summary = await getForecastSummary(deps, question, input.actor);
  return {
    question,
    communityPrediction: summary.community_prediction,
    forecasterCount: summary.forecaster_count,
  };
}
