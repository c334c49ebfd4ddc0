// Builds a forecast panel's view model (domain/view-models/forecast-panel.ts) for one question
// and one viewer: the question page uses it for its question and its conditional branches, and
// article question cards can use it as is.
import type { Actor } from '../../domain/actor.ts';
import {
  DEFAULT_AXIS_COMPONENT,
  fieldsFromAxis,
  fitComponent,
} from '../../domain/continuous-forecast.ts';
import type { CpVisibility } from '../../domain/cp-visibility.ts';
import {
  type CpEntryJson,
  crowdFromEntry,
  type ForecastJson,
  mineFromForecast,
} from '../../domain/forecast-panel-values.ts';
import { inboundOutcomeCount } from '../../domain/forecast-values.ts';
import { canForecast } from '../../domain/question-lifecycle.ts';
import { questionPath } from '../../domain/question-path.ts';
import { isContinuousType, type QuestionRecord } from '../../domain/question-record.ts';
import type {
  ComponentFieldsModel,
  CrowdModel,
  ForecastAccess,
  ForecastFormState,
  ForecastPanelModel,
  ForecastQuestionModel,
  MyForecastModel,
} from '../../domain/view-models/forecast-panel.ts';
import type { ForecastSummary } from '../forecasts/get-forecast-summary.ts';

export function forecastQuestionModel(question: QuestionRecord): ForecastQuestionModel {
  const isContinuous =
    isContinuousType(question.type) && question.rangeMin !== null && question.rangeMax !== null;
  return {
    id: question.id,
    type: question.type,
    title: question.title,
    path: questionPath(question),
    options:
      question.type === 'multiple_choice'
        ? (question.options ?? []).map(({ label, description }) => ({ label, description }))
        : null,
    range: isContinuous
      ? {
          kind: question.type as 'numeric' | 'date' | 'discrete',
          min: question.rangeMin as number,
          max: question.rangeMax as number,
          zeroPoint: question.zeroPoint,
          isLowerOpen: question.openLowerBound === true,
          isUpperOpen: question.openUpperBound === true,
          inboundOutcomeCount: inboundOutcomeCount(question),
          unit: question.unit,
        }
      : null,
  };
}

function accessFor(question: QuestionRecord, actor: Actor | null, now: Date): ForecastAccess {
  if (!canForecast(question, now)) {
    const isBeforeOpening =
      question.status === 'scheduled' ||
      (question.status === 'open' &&
        question.openTime !== null &&
        now.getTime() < question.openTime.getTime());
    return isBeforeOpening
      ? { state: 'not_yet_open', openTime: question.openTime?.toISOString() ?? null }
      : { state: 'closed' };
  }
  if (actor?.kind !== 'user') {
    const next = encodeURIComponent(questionPath(question));
    return {
      state: 'guest',
      signInPath: `/login?next=${next}`,
      registerPath: '/register',
    };
  }
  return { state: 'open' };
}

function crowdFor(
  model: ForecastQuestionModel,
  visibility: CpVisibility,
  summary: ForecastSummary,
): CrowdModel {
  if (!visibility.ok) {
    return visibility.reason === 'before_reveal'
      ? { state: 'hidden', reason: 'before_reveal', revealTime: visibility.revealAt.toISOString() }
      : { state: 'hidden', reason: 'forecast_first' };
  }
  return crowdFromEntry(model, summary.community_prediction as CpEntryJson | null);
}

/** Where the distribution editor starts: the viewer's forecast, else the crowd's, else broad. */
function startingComponents(
  model: ForecastQuestionModel,
  mine: MyForecastModel | null,
  crowd: CrowdModel,
): ComponentFieldsModel[] | null {
  const range = model.range;
  if (!range) return null;
  const source =
    mine?.values.kind === 'continuous'
      ? mine.values.cdf
      : crowd.state === 'visible' && crowd.values.kind === 'continuous'
        ? crowd.values.cdf
        : null;
  const axis = source ? fitComponent(source) : DEFAULT_AXIS_COMPONENT;
  return [fieldsFromAxis(range, axis)];
}

export interface ForecastPanelInput {
  question: QuestionRecord;
  summary: ForecastSummary;
  visibility: CpVisibility;
  actor: Actor | null;
  now: Date;
  isLive?: boolean;
  isCompact?: boolean;
  form?: ForecastFormState | null;
}

export function buildForecastPanel(input: ForecastPanelInput): ForecastPanelModel {
  const model = forecastQuestionModel(input.question);
  const mine = input.summary.my_forecast
    ? mineFromForecast(model, input.summary.my_forecast as ForecastJson)
    : null;
  const crowd = crowdFor(model, input.visibility, input.summary);
  return {
    question: model,
    access: accessFor(input.question, input.actor, input.now),
    mine,
    crowd,
    startingComponents: startingComponents(model, mine, crowd),
    isLive: input.isLive ?? false,
    isCompact: input.isCompact ?? false,
    form: input.form ?? null,
  };
}
