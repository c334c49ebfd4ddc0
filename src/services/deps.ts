// What every use case receives first: built once in main.ts and shared by HTTP, jobs and CLI.
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';

export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  logger: Logger;
}
