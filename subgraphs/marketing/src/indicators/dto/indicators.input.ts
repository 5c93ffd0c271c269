import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrayMaxSize, MaxLength, ValidateNested } from 'class-validator';

@ObjectType({ description: 'A customer indicator tag rules may use, and the subgraph that produces it.' })
export class CustomerIndicatorDefinition {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  unit: string;

  @Field({ description: 'Subgraph owning the underlying data: customer-service, organization or marketing.' })
  producer: string;

  @Field()
  description: string;
}

@InputType()
export class IndicatorObservationInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field()
  @MaxLength(64)
  code: string;

  @Field(() => Float)
  value: number;

  @Field({ description: 'The instant the value describes (e.g. the day of the complaints).' })
  asOf: Date;
}

@InputType()
export class RecordCustomerIndicatorsInput {
  @Field({ description: 'The producer, e.g. customer-service.' })
  @MaxLength(64)
  source: string;

  @Field(() => [IndicatorObservationInput])
  @ArrayMaxSize(1000)
  @ValidateNested()
  observations: IndicatorObservationInput[];
}

@InputType()
export class CustomerSegmentInput {
  @Field(() => ID)
  @MaxLength(36)
  customerId: string;

  @Field(() => ID)
  @MaxLength(36)
  segmentId: string;

  @Field(() => Int, {
    nullable: true,
    description: "The customer's version in customer-service: an older version than the one recorded is ignored (a late repair run never undoes a newer move).",
  })
  version?: number | null;
}

@InputType()
export class RecordCustomerSegmentsInput {
  @Field(() => [CustomerSegmentInput])
  @ArrayMaxSize(1000)
  @ValidateNested()
  customers: CustomerSegmentInput[];
}

@ObjectType()
export class IngestionResult {
  @Field(() => Int, { description: 'Rows written (observations upserted, or customers whose segment changed).' })
  written: number;
}
