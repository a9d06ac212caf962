export type * from './database.port';
export {
  openEmbeddedDatabase,
  defaultDataFile,
  runWithTimeLimit,
  type EmbeddedDatabase,
} from './embedded-database';
