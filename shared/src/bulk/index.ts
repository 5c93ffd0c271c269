/** Bulk CSV import/export machinery (issue #10); the CLIs' entry points are import-main.ts and export-main.ts. */
export * from './csv';
export * from './fields';
export * from './importer';
export * from './progress';
export * from './graphql';
export * from './import-command';
export * from './export';
export * from './fast-insert';
