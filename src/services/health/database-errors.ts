// How an error relates to the database, for the error mapping in http/: the database cannot be
// reached (503) or refused the value itself (400). The tests live with the client in db/.
export { isDatabaseDataError, isDatabaseUnavailableError } from '../../db/database.ts';
