// maintenance.purge@1 — deletes expired sessions, old idempotent results and old finished jobs.

import type { JobDefinition } from '../../services/jobs/job-definition.ts';
import {
  PURGE_EXPIRED_DATA_JOB,
  purgeExpiredData,
} from '../../services/maintenance/purge-expired-data.ts';

export const purgeExpiredDataJob: JobDefinition = {
  id: PURGE_EXPIRED_DATA_JOB,
  handler: purgeExpiredData,
};
