// The worker of parallel-history.ts: receives the bundle as workerData, then one job (a time
// range), builds that segment of the §7 history, posts it back and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { buildCpHistorySegment } from '../core/aggregation/cp-history.ts';
import {
  type HistoryWorkerData,
  type HistoryWorkerJob,
  unpackForecasts,
} from './parallel-history.ts';

const data = workerData as HistoryWorkerData;
const bundle = { question: data.question, forecasts: unpackForecasts(data.forecasts) };
parentPort?.once('message', (job: HistoryWorkerJob) => {
  const segment = buildCpHistorySegment(bundle, job.method, job.range, job.options);
  parentPort?.postMessage(segment);
  parentPort?.close();
});
