// The question entity as services and rules see it: camelCase, instants as Dates, ranges internal.
import type { QuestionType } from '../core/types.ts';

export type { QuestionType } from '../core/types.ts';

/** Every lifecycle state (docs/design.md "Question lifecycle"); `rejected` is a transition, not a state. */
export type QuestionStatus =
  | 'draft'
  | 'in_review'
  | 'scheduled'
  | 'open'
  | 'closed'
  | 'resolution_proposed'
  | 'resolved'
  | 'annulled';

export const QUESTION_STATUSES: readonly QuestionStatus[] = [
  'draft',
  'in_review',
  'scheduled',
  'open',
  'closed',
  'resolution_proposed',
  'resolved',
  'annulled',
];

/** States anyone may see; drafts and questions in review are private to author and moderators. */
export const PUBLIC_QUESTION_STATUSES: readonly QuestionStatus[] = [
  'scheduled',
  'open',
  'closed',
  'resolution_proposed',
  'resolved',
  'annulled',
];

export function isPublicStatus(status: QuestionStatus): boolean {
  return PUBLIC_QUESTION_STATUSES.includes(status);
}

export type ContinuousQuestionType = 'numeric' | 'date' | 'discrete';

export function isContinuousType(type: QuestionType): type is ContinuousQuestionType {
  return type === 'numeric' || type === 'date' || type === 'discrete';
}

export interface QuestionOption {
  label: string;
  description: string;
}

/** `[RFC 3339 time, labels]`: the option list from that time on, catch-all last (docs/maths.md §0). */
export type QuestionOptionsHistory = Array<[string, string[]]>;

export interface QuestionSource {
  title: string;
  url: string;
}

export interface QuestionRecord {
  id: number;
  type: QuestionType;
  status: QuestionStatus;
  title: string;
  /** Markdown, stored raw. */
  description: string;
  resolutionCriteria: string;
  finePrint: string;
  sources: QuestionSource[];
  tags: string[];
  authorId: number;
  authorUsername: string;
  tournamentId: number | null;
  questionWeight: number;
  /** Lifecycle instants, whole seconds. Drafts may carry proposed times; approval fixes them. */
  openTime: Date | null;
  scheduledCloseTime: Date | null;
  scheduledResolveTime: Date | null;
  cpRevealTime: Date | null;
  actualCloseTime: Date | null;
  /**
   * Continuous only, on the axis the CDF is defined on: date questions in unix seconds,
   * discrete questions padded by half a unit (outcomes 1…5 → 0.5…5.5, docs/maths.md §6).
   */
  rangeMin: number | null;
  rangeMax: number | null;
  zeroPoint: number | null;
  openLowerBound: boolean | null;
  openUpperBound: boolean | null;
  /** n: the CDF has n + 1 points (discrete: the number of outcomes). */
  inboundOutcomeCount: number | null;
  unit: string;
  /** Multiple choice only: current options, catch-all last. */
  options: QuestionOption[] | null;
  optionsHistory: QuestionOptionsHistory | null;
  conditionParentId: number | null;
  conditionChildId: number | null;
  conditionOutcome: string | null;
  isForecastBeforeCrowd: boolean;
  reviewNote: string | null;
  resolution: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
