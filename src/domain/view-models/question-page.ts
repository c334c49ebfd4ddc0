import type { FollowButtonModel } from './notifications.ts';
// What the question page shows (built by services/pages/get-question-page.ts, rendered by
// views/pages/question-page.tsx). The chart and the forecast panels travel to the browser as
// island props, so they are plain JSON; the rest is rendered on the server only.

import type { QuestionRecord } from '../question-record.ts';
import type { DiffOp } from '../question-text-diff.ts';
import type { ContinuousRangeModel, ForecastPanelModel } from './forecast-panel.ts';
import type { ResolutionSectionModel } from './resolution.ts';

/**
 * The CP over time, downsampled for display, with the viewer's own forecasts. Series are
 * columns over `times` (unix seconds): binary [P(yes)]; multiple choice one per current option;
 * continuous the 5th, 25th, 50th, 75th and 95th percentiles in the question's units.
 */
export interface CpChartModel {
  questionId: number;
  kind: 'binary' | 'multiple_choice' | 'continuous';
  /** Binary: ['Yes']; multiple choice: the option labels; continuous: ['Median']. */
  lineLabels: string[];
  range: ContinuousRangeModel | null;
  times: number[];
  series: Array<Array<number | null>>;
  /** The viewer's forecasts: start times and, per line, the value then (null where none). */
  mine: { times: number[]; series: Array<Array<number | null>> };
  /** The server's now (unix seconds): the last value holds until then; zoom counts back from it. */
  now: number;
  openTime: number | null;
  /** A resolved or proposed question: a marker at its close (unix seconds) with the outcome. */
  resolutionMarker?: { time: number; label: string } | null;
  /** Follow live CP updates (the page's own question). */
  isLive: boolean;
}

/** The binary histogram of current forecasts: forecasters per 5-point bin (0–5 %, … 95–100 %). */
export interface HistogramModel {
  counts: number[];
  /** The bin of the viewer's standing forecast, if any. */
  mineBin: number | null;
  total: number;
}

/** The "How is this computed?" panel. */
export interface ComputationModel {
  method: 'recency_weighted';
  forecasterCount: number;
  /** The oldest active forecast's recency weight (the newest weighs 1); null for uniform. */
  oldestWeight: number | null;
  bundlePath: string;
  bundleFileName: string;
}

export interface ClarificationModel {
  version: number;
  createdAt: Date;
  authorUsername: string;
  note: string;
  field: 'description' | 'fine_print' | null;
  diff: Array<{ op: DiffOp; text: string }> | null;
}

export interface QuestionLinkModel {
  id: number;
  title: string;
  path: string;
}

export interface ConditionalBranchModel {
  /** The parent's outcome this branch assumes: 'yes', 'no' or an option label. */
  outcome: string;
  question: QuestionLinkModel;
  /** P(parent = outcome) from the parent's CP; null while hidden or empty. */
  parentProbability: number | null;
  /** P(child = yes | parent = outcome), binary children; null while hidden or empty. */
  childProbability: number | null;
  panel: ForecastPanelModel;
}

export interface ConditionalGroupModel {
  parent: QuestionLinkModel & { type: QuestionRecord['type'] };
  branches: ConditionalBranchModel[];
  /** Σ P(child | parent = x)·P(parent = x), binary children; null while any term is unknown. */
  impliedMarginal: number | null;
}

export interface ConditionalModel {
  /** Set when the page's question is itself a branch. */
  branchOf: { child: QuestionLinkModel; parent: QuestionLinkModel; condition: string } | null;
  /** The child (the page's question, or the branch's child) with every branch. */
  child: QuestionLinkModel;
  childProbability: number | null;
  groups: ConditionalGroupModel[];
  isIncoherent: boolean;
}

/** Downloads of the question's data (absent while the CP is hidden from the viewer). */
export interface DataLinksModel {
  historyCsv: string;
  forecastsCsv: string;
  historyJson: string;
  bundleJson: string;
}

export interface QuestionPageModel {
  question: QuestionRecord;
  forecasterCount: number;
  panel: ForecastPanelModel;
  /** null while the CP is hidden from the viewer (the panel says why). */
  chart: CpChartModel | null;
  histogram: HistogramModel | null;
  computation: ComputationModel | null;
  clarifications: ClarificationModel[];
  conditional: ConditionalModel | null;
  dataLinks: DataLinksModel | null;
  /** Outcome, evidence, disputes and scores; the propose/dispute forms (null: nothing to show). */
  resolution: ResolutionSectionModel | null;
  /** The canonical absolute address, for citations. */
  url: string;
  now: Date;
  /** The follow button for signed-in viewers; null for guests. */
  follow: FollowButtonModel | null;
}
