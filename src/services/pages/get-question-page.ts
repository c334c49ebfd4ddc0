// The question page view model: the question if the viewer may see it (NOT_FOUND otherwise),
// the forecast panel, and the CP chart, histogram, method and downloads when the viewer may
// see the CP (docs/design.md: nothing of the crowd before the reveal or a forecast-first
// question's first forecast).
import type { Actor } from '../../domain/actor.ts';
import type { CommentSort } from '../../domain/discussion.ts';
import { questionPath } from '../../domain/question-path.ts';
import type { QuestionRecord } from '../../domain/question-record.ts';
import type { ForecastFormState } from '../../domain/view-models/forecast-panel.ts';
import type { QuestionPageModel } from '../../domain/view-models/question-page.ts';
import type { ResolutionFormState } from '../../domain/view-models/resolution.ts';
import type { Deps } from '../deps.ts';
import { visibilityFor } from '../forecasts/cp-access.ts';
import { getForecastSummary } from '../forecasts/get-forecast-summary.ts';
import { getQuestionForActor } from '../questions/find-question.ts';
import { buildCpChart, buildHistogram } from './cp-chart-model.ts';
import { buildForecastPanel } from './forecast-panel-model.ts';
import { getDiscussion } from './get-article-page.ts';
import { getFollowButton } from './get-notification-pages.ts';
import {
  buildClarifications,
  buildComputation,
  buildConditional,
} from './question-page-sections.ts';
import { buildResolutionSection } from './resolution-model.ts';

export interface GetQuestionPageInput {
  actor: Actor | null;
  questionId: number;
  /** A refused plain-form post: what was typed and why it failed, for this question or a branch. */
  form?: { questionId: number; state: ForecastFormState } | null;
  /** The question, when the caller has already read it for this actor (saves a read). */
  question?: QuestionRecord;
  /** A refused resolution form (propose, dispute, finalise/withdraw) and its typed values. */
  resolutionForm?: ResolutionFormState | null;
  /** The discussion's sort and page, and the points of a forecast move that asks for a reason. */
  sort?: CommentSort;
  cursor?: string;
  rationalePoints?: number | null;
}

export async function getQuestionPage(
  deps: Deps,
  input: GetQuestionPageInput,
): Promise<QuestionPageModel> {
  const { actor } = input;
  const question =
    input.question?.id === input.questionId
      ? input.question
      : await getQuestionForActor(deps, input.questionId, actor);
  const now = deps.clock.now();
  const [summary, visibility, clarifications, conditional] = await Promise.all([
    getForecastSummary(deps, question, actor),
    visibilityFor(deps.database.db, question, actor, now),
    buildClarifications(deps, actor, question),
    buildConditional(
      deps,
      actor,
      question,
      input.form && input.form.questionId !== question.id
        ? { questionId: input.form.questionId, form: input.form.state }
        : null,
    ),
  ]);
  const ownForm = input.form?.questionId === question.id ? input.form.state : null;
  const panel = buildForecastPanel({
    question,
    summary,
    visibility,
    actor,
    now,
    isLive: true,
    form: ownForm,
  });
  const isVisible = visibility.ok;
  const myProbability =
    panel.mine?.values.kind === 'binary' ? panel.mine.values.probabilityYes : null;
  const [chart, histogram] = await Promise.all([
    isVisible ? buildCpChart(deps, question, panel.question, actor, true) : null,
    isVisible && question.type === 'binary' ? buildHistogram(deps, question, myProbability) : null,
  ]);
  const base = deps.config.baseUrl;
  const id = question.id;
  return {
    question,
    follow: await getFollowButton(deps, {
      actor,
      targetType: 'question',
      targetId: question.id,
      targetName: question.title,
      returnTo: questionPath(question),
    }),
    forecasterCount: summary.forecaster_count,
    panel,
    chart,
    histogram,
    computation: isVisible ? buildComputation(question, summary.forecaster_count) : null,
    clarifications,
    conditional,
    dataLinks: isVisible
      ? {
          historyCsv: `/api/v1/questions/${id}/history.csv`,
          forecastsCsv: `/api/v1/questions/${id}/forecasts.csv`,
          historyJson: `/api/v1/questions/${id}/history`,
          bundleJson: `/api/v1/questions/${id}/bundle`,
        }
      : null,
    resolution: await buildResolutionSection(deps, actor, question, input.resolutionForm ?? null),
    url: `${base}${panel.question.path}`,
    discussion: await getDiscussion(deps, {
      actor,
      targetType: 'question',
      targetId: question.id,
      returnTo: panel.question.path,
      sort: input.sort,
      cursor: input.cursor,
      rationalePoints: input.rationalePoints,
    }),
    now,
  };
}
