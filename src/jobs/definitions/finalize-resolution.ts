// resolution.finalize@1 — finalises an undisputed proposed resolution when its dispute window ends
// (payload `{question_id, proposal_id}`).
import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import {
  FINALIZE_RESOLUTION_JOB,
  finalizeWhenWindowEnds,
} from '../../services/resolution/resolution-jobs.ts';

export const finalizeResolutionJob: JobDefinition = {
  id: FINALIZE_RESOLUTION_JOB,
  handler: finalizeWhenWindowEnds,
};
