import { ArgsType, InputType } from 'type-graphql';
import { IdempotencyKeyField } from '@group/shared';

/**
 * Base class of every create/submit/record input of this subgraph (issue #8):
 * `class CreateXInput extends IdempotentInput`. The service hands
 * `input.idempotencyKey` and the input to the shared `idempotentCreate` / `idempotentWrite`.
 */
@InputType() // never used directly, so never printed in the schema
export abstract class IdempotentInput {
  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

/** The same, for the few create mutations that take plain arguments: add a parameter `@Args() k: IdempotentArgs`. */
@ArgsType()
export class IdempotentArgs {
  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

/** The first element, or null: `find` callbacks re-read a result through the service's scoped `byIds`. */
export const firstOrNull = <T>(rows: readonly T[]): T | null => rows[0] ?? null;
