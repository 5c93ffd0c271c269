import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * A grid (网格, MKT-R14, G-22): a territory node of a segment's grid
 * hierarchy, with the customer manager (grid manager) responsible for it and
 * the target universe its coverage is measured against (G-26). `path` is the
 * materialised path of ids (`/root/child/`), so a subtree is one LIKE prefix.
 * A grid belongs to one segment; its customers are customers of that
 * segment, so grid data follows segment visibility like the customers in it.
 */
@ObjectType({ description: 'A grid (网格): a territory of a segment, with a customer manager; customers are placed in grids.' })
@Directive('@key(fields: "id")')
@Entity('grid')
export class Grid extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Field()
  @Index('uq_grid_code', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Area description: streets, buildings, industrial parks.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  territory: string | null;

  @Index('ix_grid_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Index('ix_grid_path')
  @Column({ type: 'varchar', length: 400 })
  path: string;

  @Field(() => Int, { description: 'Depth in the hierarchy, 0 for a root grid.' })
  @Column({ type: 'integer' })
  level: number;

  @Index('ix_grid_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Index('ix_grid_manager')
  @Column({ name: 'manager_employee_id', type: 'varchar', length: 36, nullable: true })
  managerEmployeeId: string | null;

  @Field(() => Int, { description: 'Target universe: organisations in the territory that should become archived customers (G-26).' })
  @Column({ name: 'coverage_target', type: 'integer' })
  coverageTarget: number;
}

/** A customer manager responsible for a customer over a period (客户经理负责, WF-MKT-4, G-24: one active at a time). */
@ObjectType({ description: 'A customer manager (an employee) responsible for a customer from `startedAt` until `endedAt`.' })
@Entity('customer_manager_assignment')
@Index('ix_cma_customer_period', ['customerId', 'startedAt'])
@Index('ix_cma_manager_open', ['managerEmployeeId', 'endedAt'])
export class CustomerManagerAssignment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 36 })
  customerId: string;

  @Index('ix_cma_segment')
  @Column({ name: 'segment_id', type: 'varchar', length: 36 })
  segmentId: string;

  @Column({ name: 'manager_employee_id', type: 'varchar', length: 36 })
  managerEmployeeId: string;

  @Field()
  @Column({ name: 'started_at', type: 'datetime' })
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'ended_at', type: 'datetime', nullable: true })
  endedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Account that made the assignment.' })
  @Column({ name: 'assigned_by', type: 'varchar', length: 64, nullable: true })
  assignedBy: string | null;
}
