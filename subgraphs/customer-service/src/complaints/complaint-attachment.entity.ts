import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Metadata of a file attached to a complaint (photo, recording, document).
 * The file itself lives in object storage; `storageKey` locates it there.
 */
@ObjectType({ description: 'A file attached to a complaint (metadata only; the content is in object storage).' })
@Entity('complaint_attachment')
@Index('ix_complaint_attachment_complaint', ['complaintId', 'createdAt'])
export class ComplaintAttachment {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'complaint_id', type: 'varchar', length: 36 })
  complaintId: string;

  @Field()
  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Field()
  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Field(() => Int)
  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Field({ description: 'Key of the file in object storage.' })
  @Column({ name: 'storage_key', type: 'varchar', length: 500 })
  storageKey: string;

  @Field()
  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
