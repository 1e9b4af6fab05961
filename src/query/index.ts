/** The read side: filters, lists, aggregates, plan/report links, source cells and exports. Import from here. */
export * from './filter.js';
export * from './fold.js';
export * from './where.js';
export * from './names.js';
export * from './items.js';
export * from './documents.js';
export * from './aggregates.js';
export * from './report-status.js';
export * from './link.js';
export * from './source-cells.js';
export * from './export-columns.js';
export * from './export-csv.js';
export * from './export-xlsx.js';
