import { ArgsType, Field, InputType } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';

const DESCRIPTION = 'Retry key (1–64 characters, per account and mutation): a repeat returns the first result and creates nothing; another input with it is refused (IDEMPOTENCY_KEY_REUSED).';

/**
 * Base class of every create/submit/record input of this subgraph (issue #8):
 * `class CreateXInput extends IdempotentInput`. The service hands
 * `input.idempotencyKey` and the input to the shared `idempotent()`.
 */
@InputType() // never used directly, so never printed in the schema
export abstract class IdempotentInput {
  @Field(() => String, { nullable: true, description: DESCRIPTION })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

/** The same, for the few create mutations that take plain arguments: add a parameter `@Args() k: IdempotentArgs`. */
@ArgsType()
export class IdempotentArgs {
  @Field(() => String, { nullable: true, description: DESCRIPTION })
  @IsOptional()
  @Length(1, 64)
  idempotencyKey?: string | null;
}

/** The first element, or null: `find` callbacks re-read a result through the service's scoped `byIds`. */
export const firstOrNull = <T>(rows: readonly T[]): T | null => rows[0] ?? null;
