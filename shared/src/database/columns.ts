import type { TableColumnOptions, TableIndexOptions } from 'typeorm';

/**
 * Column builders for migrations written with TypeORM's QueryRunner API, the
 * form that runs unchanged on MySQL/MariaDB and SQLite. Types are the portable
 * subset: varchar, integer, boolean, datetime, text, decimal.
 * Changing one of these changes history: add new builders instead.
 */
export const col = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  string: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
  bool: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'boolean', isNullable: nullable }),
  datetime: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', isNullable: nullable }),
  decimal: (name: string, precision: number, scale: number, nullable = false): TableColumnOptions => ({
    name,
    type: 'decimal',
    precision,
    scale,
    isNullable: nullable,
  }),
  autoId: (name = 'id'): TableColumnOptions => ({ name, type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  /** created_at, updated_at and the optimistic-lock version every aggregate carries. */
  audit: (): TableColumnOptions[] => [
    { name: 'created_at', type: 'datetime' },
    { name: 'updated_at', type: 'datetime' },
    { name: 'version', type: 'integer' },
  ],
};

export const index = (name: string, columnNames: string[], isUnique = false): TableIndexOptions => ({ name, columnNames, isUnique });
