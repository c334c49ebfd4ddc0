// questions.close@1 — closes an open question at its scheduled_close_time (payload `{question_id}`).
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import {
  CLOSE_QUESTION_JOB,
  closeQuestionWhenDue,
} from '../../services/questions/question-jobs.ts';

export const closeScheduledQuestion: JobDefinition = {
  id: CLOSE_QUESTION_JOB,
  handler: closeQuestionWhenDue,
};
