// questions.open@1 — opens an approved question at its open_time (payload `{question_id}`).
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import { OPEN_QUESTION_JOB, openQuestionWhenDue } from '../../services/questions/question-jobs.ts';

export const openScheduledQuestion: JobDefinition = {
  id: OPEN_QUESTION_JOB,
  handler: openQuestionWhenDue,
};
