import { Field, Int, ObjectType } from 'type-graphql';
import { Column, VersionColumn } from 'typeorm';

/**
 * Columns every mutable aggregate carries: when it was created and last
 * changed, and the optimistic-lock version clients send back with an update.
 * Timestamps are set by services (through a Clock), never by column defaults,
 * so the migrations stay identical on every database. (type-graphql emits
 * only reachable types, so this base never appears in the schema itself.)
 */
@ObjectType()
export abstract class Aggregate {
  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version, incremented on every change; send it back with an update.' })
  @VersionColumn()
  version: number;
}
