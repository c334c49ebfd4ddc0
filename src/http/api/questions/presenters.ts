// Maps question records to API JSON: snake_case, RFC 3339 times, ranges in the question's units.

import { isIncoherent } from '../../../domain/question-conditionals.ts';
import { questionAllOptions } from '../../../domain/question-core.ts';
import { rangeValueForApi } from '../../../domain/question-fields.ts';
import { isContinuousType, type QuestionRecord } from '../../../domain/question-record.ts';
import type { AuditEntryRecord } from '../../../services/audit/list-audit-log.ts';
import type { ForecastSummary } from '../../../services/forecasts/get-forecast-summary.ts';
import type { Conditionals } from '../../../services/questions/get-conditionals.ts';
import type { ClarificationVersion } from '../../../services/questions/list-clarifications.ts';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function apiRangeValue(
  question: QuestionRecord,
  value: number | null,
  end: 'min' | 'max',
): number | string | null {
  const shown = rangeValueForApi(question.type, value, end);
  return shown instanceof Date ? shown.toISOString() : shown;
}

export function presentQuestion(question: QuestionRecord) {
  const isContinuous = isContinuousType(question.type);
  return {
    id: question.id,
    type: question.type,
    status: question.status,
    title: question.title,
    description: question.description,
    resolution_criteria: question.resolutionCriteria,
    fine_print: question.finePrint,
    sources: question.sources,
    tags: question.tags,
    author: { id: question.authorId, username: question.authorUsername },
    tournament_id: question.tournamentId,
    question_weight: question.questionWeight,
    open_time: iso(question.openTime),
    scheduled_close_time: iso(question.scheduledCloseTime),
    scheduled_resolve_time: iso(question.scheduledResolveTime),
    cp_reveal_time: iso(question.cpRevealTime),
    actual_close_time: iso(question.actualCloseTime),
    range_min: apiRangeValue(question, question.rangeMin, 'min'),
    range_max: apiRangeValue(question, question.rangeMax, 'max'),
    zero_point: apiRangeValue(question, question.zeroPoint, 'min'),
    open_lower_bound: question.openLowerBound,
    open_upper_bound: question.openUpperBound,
    inbound_outcome_count: question.inboundOutcomeCount,
    unit: question.unit,
    scaling:
      isContinuous && question.rangeMin !== null && question.rangeMax !== null
        ? {
            range_min: question.rangeMin,
            range_max: question.rangeMax,
            zero_point: question.zeroPoint,
          }
        : null,
    options: question.options,
    options_history: question.optionsHistory,
    all_options:
      question.type === 'multiple_choice' && question.options ? questionAllOptions(question) : null,
    condition_parent_id: question.conditionParentId,
    condition_child_id: question.conditionChildId,
    condition_outcome: question.conditionOutcome,
    is_forecast_before_crowd: question.isForecastBeforeCrowd,
    review_note: question.reviewNote,
    resolution: question.resolution,
    resolved_at: iso(question.resolvedAt),
    created_at: question.createdAt.toISOString(),
    updated_at: question.updatedAt.toISOString(),
  };
}

export function presentQuestionDetail(question: QuestionRecord, summary: ForecastSummary) {
  return {
    ...presentQuestion(question),
    community_prediction: summary.community_prediction,
    my_forecast: summary.my_forecast,
    forecaster_count: summary.forecaster_count,
  };
}

export function presentClarification(clarification: ClarificationVersion) {
  return {
    id: clarification.id,
    question_id: clarification.questionId,
    version: clarification.version,
    body: clarification.note,
    field: clarification.field,
    previous_text: clarification.previousText,
    new_text: clarification.newText,
    diff: clarification.diff,
    author: { id: clarification.authorId, username: clarification.authorUsername },
    created_at: clarification.createdAt.toISOString(),
  };
}

export function presentAuditEntry(entry: AuditEntryRecord) {
  return {
    id: entry.id,
    action: entry.action,
    actor:
      entry.actorId === null ? null : { id: entry.actorId, username: entry.actorUsername ?? '' },
    target_type: entry.targetType,
    target_id: entry.targetId,
    details: entry.details,
    created_at: entry.createdAt.toISOString(),
  };
}

export function presentConditionals(conditionals: Conditionals) {
  return {
    child_id: conditionals.child.id,
    child_probability: conditionals.childProbability,
    is_incoherent: conditionals.isIncoherent,
    items: conditionals.groups.map((group) => ({
      parent: presentQuestion(group.parent),
      parent_community_prediction: group.parentSummary.community_prediction,
      branches: group.branches.map((branch) => ({
        outcome: branch.outcome,
        question: presentQuestion(branch.question),
        community_prediction: branch.summary.community_prediction,
        forecaster_count: branch.summary.forecaster_count,
        parent_probability: branch.parentProbability,
        child_probability: branch.childProbability,
      })),
      implied_marginal: group.impliedMarginal,
      is_incoherent: isIncoherent(conditionals.childProbability, group.impliedMarginal),
    })),
  };
}
