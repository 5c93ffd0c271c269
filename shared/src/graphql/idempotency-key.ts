import { Field } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';

/**
 * The optional `idempotencyKey` of a create/submit input (see
 * shared/src/database/idempotency.ts): one definition, so every mutation
 * documents and validates it the same way.
 */
export function IdempotencyKeyField(): PropertyDecorator {
  return (target, property) => {
    Field(() => String, {
      nullable: true,
      description:
        'Optional client-chosen key (e.g. a UUID per form submission): retrying with the same key returns the first result and creates nothing; the same key with a different input is CONFLICT IDEMPOTENCY_KEY_REUSED.',
    })(target, property);
    IsOptional()(target, property);
    Length(1, 64)(target, property);
  };
}
