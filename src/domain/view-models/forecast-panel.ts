// What a forecast panel shows: one question's forecast control, the viewer's standing forecast
// and the crowd's, side by side. Built by services/pages/forecast-panel-model.ts; rendered by
// views/components/forecast-panel.tsx on the question page and (later) in article question
// cards. Everything here is plain JSON (dates as RFC 3339 strings), because the model travels
// to the browser as the island's props.
import type { QuestionType } from '../question-record.ts';

/** The axis of a continuous question, as its CDF is defined (docs/maths.md §6, §8). */
export interface ContinuousRangeModel {
  kind: 'numeric' | 'date' | 'discrete';
  /** Scaled bounds of the CDF's axis: date questions in unix seconds, discrete ones padded. */
  min: number;
  max: number;
  zeroPoint: number | null;
  isLowerOpen: boolean;
  isUpperOpen: boolean;
  /** n: the CDF has n + 1 points (discrete: the number of outcomes). */
  inboundOutcomeCount: number;
  unit: string;
}

/** What the control needs to know about the question. */
export interface ForecastQuestionModel {
  id: number;
  type: QuestionType;
  title: string;
  /** The canonical page address, /questions/{id}-{slug}. */
  path: string;
  /** Multiple choice: the current options, catch-all last. */
  options: Array<{ label: string; description: string }> | null;
  range: ContinuousRangeModel | null;
}

/** One forecast's values, aligned with the question model. */
export type ForecastValuesModel =
  | { kind: 'binary'; probabilityYes: number }
  /** One probability per current option (null where the forecast predates the option). */
  | { kind: 'multiple_choice'; probabilities: Array<number | null> }
  /** The CDF on the unscaled axis, n + 1 points. */
  | { kind: 'continuous'; cdf: number[] };

export interface MyForecastModel {
  values: ForecastValuesModel;
  startTime: string;
  /** Auto-withdrawal time, if any. */
  endTime: string | null;
}

export type CrowdModel =
  | { state: 'visible'; values: ForecastValuesModel; forecasterCount: number; since: string }
  /** Nobody forecasts (yet, or any more). */
  | { state: 'empty' }
  | { state: 'hidden'; reason: 'before_reveal'; revealTime: string }
  | { state: 'hidden'; reason: 'forecast_first' };

/** Whether and why the viewer can forecast now. */
export type ForecastAccess =
  | { state: 'open' }
  | { state: 'guest'; signInPath: string; registerPath: string }
  | { state: 'not_yet_open'; openTime: string | null }
  | { state: 'closed' };

/** One logistic component as the editor and the no-JavaScript form show it. */
export interface ComponentFieldsModel {
  /** Centre in the question's units (date questions: YYYY-MM-DD). */
  center: string;
  /** Half the width of the middle 50 %, as a percentage of the range. */
  spread: string;
  /** Relative weight in percent. */
  weight: string;
}

/** What the viewer typed, kept after a refused plain-form post, with the errors beside fields. */
export interface ForecastFormState {
  /** Field values by field name (probability, option-0 … , component-0-center …). */
  values: Record<string, string>;
  /** Errors by field name; `form` for the whole form. */
  errors: Record<string, string>;
  /** A short note shown above the form (e.g. after the no-JavaScript "Normalise"). */
  notice?: string;
}

export interface ForecastPanelModel {
  question: ForecastQuestionModel;
  access: ForecastAccess;
  mine: MyForecastModel | null;
  crowd: CrowdModel;
  /** The editor's starting components for continuous questions (fitted to mine or the crowd). */
  startingComponents: ComponentFieldsModel[] | null;
  /** Subscribe to live CP updates (the main question of a page; not embedded branches). */
  isLive: boolean;
  /** A compact panel (conditional branches, article cards): headings one level lower. */
  isCompact: boolean;
  form: ForecastFormState | null;
}
