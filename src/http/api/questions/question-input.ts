// Turns a validated JSON body into the services' QuestionInput (camelCase, Dates); absent keys stay
// absent so a PATCH changes only what it names.
import type { Static } from '@sinclair/typebox';
import type { QuestionInput } from '../../../domain/question-fields.ts';
import type { UpdateQuestionBodySchema } from './schemas.ts';

type QuestionBody = Static<typeof UpdateQuestionBodySchema>;

function toDate(value: string | null | undefined): Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : value;
}

/** Range values: numbers as they are, date-time strings as instants (date questions). */
function toRangeValue(value: number | string | null | undefined): number | Date | null | undefined {
  return typeof value === 'string' ? new Date(value) : value;
}

const MAPPERS: { [K in keyof QuestionBody]-?: (body: QuestionBody) => Partial<QuestionInput> } = {
  type: (b) => ({ type: b.type }),
  title: (b) => ({ title: b.title }),
  description: (b) => ({ description: b.description }),
  resolution_criteria: (b) => ({ resolutionCriteria: b.resolution_criteria }),
  fine_print: (b) => ({ finePrint: b.fine_print }),
  sources: (b) => ({ sources: b.sources }),
  tags: (b) => ({ tags: b.tags }),
  tournament_id: (b) => ({ tournamentId: b.tournament_id }),
  open_time: (b) => ({ openTime: toDate(b.open_time) }),
  scheduled_close_time: (b) => ({ scheduledCloseTime: toDate(b.scheduled_close_time) }),
  scheduled_resolve_time: (b) => ({ scheduledResolveTime: toDate(b.scheduled_resolve_time) }),
  cp_reveal_time: (b) => ({ cpRevealTime: toDate(b.cp_reveal_time) }),
  range_min: (b) => ({ rangeMin: toRangeValue(b.range_min) }),
  range_max: (b) => ({ rangeMax: toRangeValue(b.range_max) }),
  zero_point: (b) => ({ zeroPoint: toRangeValue(b.zero_point) }),
  open_lower_bound: (b) => ({ openLowerBound: b.open_lower_bound }),
  open_upper_bound: (b) => ({ openUpperBound: b.open_upper_bound }),
  inbound_outcome_count: (b) => ({ inboundOutcomeCount: b.inbound_outcome_count }),
  unit: (b) => ({ unit: b.unit }),
  options: (b) => ({ options: b.options }),
  is_forecast_before_crowd: (b) => ({ isForecastBeforeCrowd: b.is_forecast_before_crowd }),
};

export function questionInputFromBody(body: QuestionBody): Partial<QuestionInput> {
  const input: Partial<QuestionInput> = {};
  for (const key of Object.keys(body) as Array<keyof QuestionBody>) {
    if (body[key] === undefined) continue;
    Object.assign(input, MAPPERS[key](body));
  }
  return input;
}
