/** The store: schema, connection, blobs and repositories. Import from here outside src/store. */
export * from './schema.js';
export * from './db.js';
export * from './errors.js';
export * from './blobs.js';
export * from './rows.js';
export * from './documents.js';
export * from './extractions.js';
export * from './runs.js';
export * from './copies.js';
export * from './item-sums.js';
