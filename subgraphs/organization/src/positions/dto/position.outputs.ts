import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Department } from '../../departments/department.entity';
import { Company } from '../../companies/company.entity';

@ObjectType({ description: 'Headcount vs staffing of one department (ORG-M7).' })
export class DepartmentStaffing {
  @Field(() => Department, { nullable: true })
  department: Department | null;

  @Field(() => Int)
  headcountQuota: number;

  @Field(() => Int)
  staffed: number;

  @Field(() => Int, { description: 'Unfilled quota (never negative).' })
  vacancies: number;
}

@ObjectType({ description: 'Headcount vs staffing of a company, per department and in total.' })
export class StaffingReport {
  @Field(() => Company, { nullable: true })
  company: Company | null;

  @Field(() => Int)
  headcountQuota: number;

  @Field(() => Int)
  staffed: number;

  @Field(() => Int)
  vacancies: number;

  @Field(() => [DepartmentStaffing])
  departments: DepartmentStaffing[];
}

@ObjectType({ description: 'A department in the org chart, with its depth; its positions and people are fields of the department.' })
export class OrgChartEntry {
  @Field(() => Department)
  department: Department;

  @Field(() => Int, { description: '0 = top-level department.' })
  depth: number;

  @Field(() => ID, { nullable: true })
  parentId: string | null;
}
