// State kept per open database — caches and statement batchers: one per process in production,
// one per app instance in tests (each opens its own database), gone when the database object is.
import type { Database } from './database.ts';

/** `create(argument)` once per key (`keyOf(argument)`); later calls with that key return it. */
function oncePerKey<A, K extends object, T>(
  keyOf: (argument: A) => K,
  create: (argument: A) => T,
): (argument: A) => T {
  const instances = new WeakMap<K, T>();
  return (argument) => {
    const key = keyOf(argument);
    let instance = instances.get(key);
    if (instance === undefined) {
      instance = create(argument);
      instances.set(key, instance);
    }
    return instance;
  };
}

/** `create(database)` once per database; later calls with the same database return it. */
export function perDatabase<T>(create: (database: Database) => T): (database: Database) => T {
  return oncePerKey((database: Database) => database, create);
}

/**
 * The same for state that needs more of the deps than the database (a logger, say): made from
 * the first deps seen with a database, kept for that database.
 */
export function perDatabaseOfDeps<D extends { database: Database }, T>(
  create: (deps: D) => T,
): (deps: D) => T {
  return oncePerKey((deps: D) => deps.database, create);
}
