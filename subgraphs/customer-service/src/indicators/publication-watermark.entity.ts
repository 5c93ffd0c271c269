import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far a publisher has published: rows of the source tables changed
 * before `publishedUntil` are known to the consumer. `version` makes the
 * advance a compare-and-set, so two instances running at once cannot move
 * it backwards.
 */
@Entity('publication_watermark')
export class PublicationWatermark {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'published_until', type: 'datetime' })
  publishedUntil: Date;

  @Column({ type: 'integer' })
  version: number;
}
