// State kept per open database — caches and statement batchers: one per process in production,
// one per app instance in tests (each opens its own database), gone when the database object is.
import type { Database } from './database.ts';

/** `create(database)` once per database; later calls with the same database return it. */
export function perDatabase<T>(create: (database: Database) => T): (database: Database) => T {
  const instances = new WeakMap<Database, T>();
  return (database) => {
    let instance = instances.get(database);
    if (instance === undefined) {
      instance = create(database);
      instances.set(database, instance);
    }
    return instance;
  };
}
