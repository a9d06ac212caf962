export type * from './database.port';
export { openEmbeddedDatabase, defaultDataFile, type EmbeddedDatabase } from './embedded-database';
