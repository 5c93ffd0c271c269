import { DataSource, In, Repository } from 'typeorm';
import type { SegmentScope } from '@group/shared';
import { CustomerProfile } from './customer-profile.entity';
import { TagAssignment } from '../tag-assignments/tag-assignment.entity';
import { Tag } from '../tags/tag.entity';

/** A customer's profile with its effective assignments (each with its tag) that the viewer may see. */
export type ProfileWithTags = CustomerProfile & { assignments: (TagAssignment & { tag: Tag })[] };

/** Reads of the customer -> segment projection (see CustomerProfile). */
export class CustomerProfileService {
  private readonly repo: Repository<CustomerProfile>;

  constructor(ds: DataSource) {
    this.repo = ds.getRepository(CustomerProfile);
  }

  byCustomerIds(customerIds: readonly string[]): Promise<CustomerProfile[]> {
    return this.repo.findBy({ customerId: In([...customerIds]) });
  }

  /**
   * Profiles with their effective assignments and tags, in ONE statement.
   * The gateway resolves `Customer.tags` through `_entities`; answering the
   * reference and the tags with one query keeps it at one statement per level.
   */
  async withTags(customerIds: readonly string[], scope: SegmentScope, now: Date): Promise<ProfileWithTags[]> {
    const visible = scope === 'ALL' ? '' : scope.length === 0 ? ' AND 1 = 0' : ' AND a.segmentId IN (:...__segments)';
    const rows = await this.repo
      .createQueryBuilder('p')
      .leftJoinAndMapMany('p.assignments', TagAssignment, 'a', `a.customerId = p.customerId AND (a.expiresAt IS NULL OR a.expiresAt > :__now)${visible}`, {
        __now: now,
        ...(scope === 'ALL' ? {} : { __segments: [...scope] }),
      })
      .leftJoinAndMapOne('a.tag', Tag, 't', 't.id = a.tagId')
      .where('p.customerId IN (:...customerIds)', { customerIds: [...customerIds] })
      .orderBy('a.assignedAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    return rows as ProfileWithTags[];
  }
}
