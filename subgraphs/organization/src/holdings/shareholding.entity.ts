import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

/**
 * Who holds what share of a company. The holder is another company of the
 * group (`holderCompanyId`) or an outside party named by `holderName`.
 * Shares are stored in basis points (1/100 of a percent) as an integer, so the
 * value is exact and identical on every database.
 */
@ObjectType({ description: 'A shareholding: a holder owns a percentage of a company.' })
@Entity('shareholding')
@Index('ix_shareholding_company', ['companyId'])
@Index('ix_shareholding_holder_company', ['holderCompanyId'])
export class Shareholding extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'holder_company_id', type: 'varchar', length: 36, nullable: true })
  holderCompanyId: string | null;

  @Field({ description: 'Name of the holder (the company name for a group company).' })
  @Column({ name: 'holder_name', type: 'varchar', length: 200 })
  holderName: string;

  @Column({ name: 'basis_points', type: 'integer' })
  basisPoints: number;

  @Field(() => Float, { description: 'Percentage held, e.g. 51.5.' })
  get percentage(): number {
    return this.basisPoints / 100;
  }
}
