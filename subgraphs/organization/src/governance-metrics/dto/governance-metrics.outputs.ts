import { Field, Int, ObjectType } from 'type-graphql';
import { PolicyDocumentType } from '../../policies/policy.entity';

@ObjectType({ description: "ORG-M3: shareholders' meetings held vs scheduled (按时: within 24 hours of the scheduled start), with the reports heard." })
export class MeetingTimelinessReport {
  @Field(() => Int) scheduled: number;
  @Field(() => Int) held: number;
  @Field(() => Int) heldOnTime: number;
  @Field(() => Int) heldLate: number;
  @Field(() => Int, { description: 'Scheduled in the past, not held.' }) overdue: number;
  @Field(() => Int) upcoming: number;
  @Field(() => Int, { description: "Board reports heard at shareholders' meetings (checkpoint 1)." }) boardReportsHeard: number;
  @Field(() => Int, { description: "Board of supervisors reports heard at shareholders' meetings." }) supervisorReportsHeard: number;
}

@ObjectType({ description: "ORG-M8: a department's level in the tree (1 = top) and span of control." })
export class SpanOfControlRow {
  departmentId: string;
  @Field(() => Int) level: number;
  @Field(() => Int, { description: 'Direct sub-units.' }) directSubunits: number;
  @Field(() => Int, { description: 'Direct employees not departed.' }) directEmployees: number;
}

@ObjectType({ description: 'ORG-M8 for a company: levels, spans and flatness (D02 扁平化).' })
export class SpanOfControlReport {
  @Field(() => Int, { description: 'Management levels (depth of the department tree).' }) levels: number;
  @Field(() => Int) departments: number;
  @Field(() => [SpanOfControlRow]) rows: SpanOfControlRow[];
}

@ObjectType({ description: 'ORG-M13: a required document type (ORG-R07) of a company: present and current (a published version in force).' })
export class DocumentAvailabilityRow {
  @Field(() => PolicyDocumentType) type: PolicyDocumentType;
  @Field(() => Int) documents: number;
  @Field(() => Int, { description: 'Documents with a published version in force.' }) current: number;
  @Field() available: boolean;
}
