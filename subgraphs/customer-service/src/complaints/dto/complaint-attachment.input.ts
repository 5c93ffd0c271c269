import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { Length, Matches, Max, Min } from 'class-validator';
import { Connection, PageArgs, SortSpec } from '@group/shared';
import { ComplaintAttachment } from '../complaint-attachment.entity';

@InputType({ description: 'Metadata of a file already uploaded to object storage.' })
export class ComplaintAttachmentInput {
  @Field()
  @Length(1, 255)
  fileName: string;

  @Field()
  @Length(3, 100)
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'contentType must be a MIME type such as image/jpeg' })
  contentType: string;

  @Field(() => Int)
  @Min(0)
  @Max(100 * 1024 * 1024)
  sizeBytes: number;

  @Field()
  @Length(1, 500)
  storageKey: string;
}

export const ComplaintAttachmentConnection = Connection(ComplaintAttachment);

@ArgsType()
export class ComplaintAttachmentsArgs extends PageArgs {
  sort(): SortSpec {
    return { property: 'createdAt', direction: 'ASC' };
  }
}
