import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ServiceBranch } from '../service-branch.entity';
import { Employee } from '../../federated/employee';
import { Company } from '../../federated/company';
import { CalendarDayKind } from '../../sla/business-calendar.entity';

@ObjectType({ description: 'A person working in customer service: in a branch, or in the group Customer Service Center.' })
export class ServiceStaffMember {
  @Field(() => Employee)
  employee: Employee;

  @Field(() => ServiceBranch, { nullable: true, description: 'Null for staff of the group Customer Service Center (who see every complaint).' })
  branch: ServiceBranch | null;

  branchId: string | null;
}

@ObjectType({ description: 'A holiday (节假日) or make-up working day (调休上班) of a calendar.' })
export class CalendarDay {
  @Field({ description: 'Local date, YYYY-MM-DD.' })
  date: string;

  @Field(() => CalendarDayKind)
  kind: CalendarDayKind;

  @Field()
  name: string;
}

@ObjectType({ description: 'The working calendar SLA clocks run on: a company’s own, or the group default.' })
export class WorkingCalendar {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Company, { nullable: true, description: 'Null for the group default calendar.' })
  company: Company | null;

  @Field(() => Int)
  utcOffsetMinutes: number;

  @Field(() => Int)
  dayStartMinute: number;

  @Field(() => Int)
  dayEndMinute: number;

  @Field(() => [Int])
  workingWeekdays: number[];

  @Field(() => Int, { description: 'Optimistic-lock version; send it back as setCompanyCalendar.expectedVersion.' })
  version: number;
}
