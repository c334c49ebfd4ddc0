// What the question page shows (built by services/pages/get-question-page.ts).
import type { QuestionRecord } from '../question-record.ts';

export interface QuestionPageModel {
  question: QuestionRecord;
  /** The current CP entry as the API presents it, or null while hidden or not yet formed. */
  communityPrediction: Record<string, unknown> | null;
  forecasterCount: number;
}
