import { Field, ID, ObjectType, registerEnumType, Directive } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Aggregate } from '@group/shared';

export enum DepartmentKind {
  FUNCTIONAL = 'FUNCTIONAL',
  BUSINESS_UNIT = 'BUSINESS_UNIT',
  PROJECT = 'PROJECT',
  OFFICE = 'OFFICE',
}
registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: 'Functional department (职能部门), business unit (事业部), project organisation or office.',
});

@ObjectType({ description: 'An organisational unit of a company; departments form a tree.' })
@Directive('@key(fields: "id")')
@Entity('department')
@Index('uq_department_company_code', ['companyId', 'code'], { unique: true })
export class Department extends Aggregate {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('ix_department_company')
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Index('ix_department_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Field()
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Field(() => DepartmentKind)
  @Column({ type: 'varchar', length: 32 })
  kind: DepartmentKind;

  @Field({
    description:
      "模拟法人 (ORG-R15): a functional department run as a simulated independent legal entity, within its responsible executive's portfolio. Set with setDepartmentSimulatedLegalEntity.",
  })
  @Column({ name: 'simulated_legal_entity', type: 'boolean', default: false })
  simulatedLegalEntity: boolean;
}
