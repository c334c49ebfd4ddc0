// How an error relates to the database, for the error mapping in http/: the database cannot be
// reached or its disk is full (503), or it refused the value itself (400). The tests live with the client in db/.
export {
  isDatabaseDataError,
  isDatabaseDiskFullError,
  isDatabaseUnavailableError,
} from '../../db/database.ts';
