// The community-prediction methods (docs/maths.md) as the rest of the system names them: core
// defines them with the maths; db, http and views take them from here so that only domain and
// services reach into core (docs/architecture.md §3).
export { AGGREGATION_METHODS, type AggregationMethod } from '../core/types.ts';
