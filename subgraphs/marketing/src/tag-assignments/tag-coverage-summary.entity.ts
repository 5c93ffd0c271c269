import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * MKT-M3 tag coverage kept as counts per (level-1 category, segment): the
 * customers with at least one row of `tag_assignment` under the category and
 * the number of such rows. Maintained in the same transaction as every write
 * of tag_assignment (tag-coverage-summary.ts), so group-wide coverage reads
 * O(categories x segments) rows instead of scanning a million assignments.
 * Rows whose expiresAt passed but that were not archived yet are still
 * counted here and subtracted at read time (tag-coverage.ts). Internal.
 */
@Entity('tag_coverage_summary')
export class TagCoverageSummary {
  @PrimaryColumn({ name: 'category_l1_id', type: 'varchar', length: 36 })
  categoryL1Id: string;

  @PrimaryColumn({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ type: 'integer' })
  customers: number;

  @Column({ type: 'integer' })
  assignments: number;
}
