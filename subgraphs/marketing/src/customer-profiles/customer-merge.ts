import { In, IsNull, type EntityManager } from 'typeorm';
import { CustomerProfile } from './customer-profile.entity';
import { TagAssignment, TagAssignmentHistory, TagRemovalReason } from '../tag-assignments/tag-assignment.entity';
import { AudienceMember } from '../audiences/audience.entity';
import { CustomerIndicator } from '../indicators/customer-indicator.entity';
import { CustomerManagerAssignment } from '../grids/grid.entity';
import { ChurnEvent } from '../tiers/churn-event.entity';
import { GroupCustomer, GroupMember, ProductHolding } from '../group-customers/group-customer.entity';
import { bumpSegmentCustomers, lockAll, trackCustomers } from '../tag-assignments/tag-coverage-summary';

/** An active assignment ends: its row moves to the history (the table keeps active assignments only). */
async function archive(m: EntityManager, a: TagAssignment, customerId: string, segmentId: string, now: Date, by: string | null, reason: TagRemovalReason): Promise<void> {
  const { categoryL1Id: _l1, ...kept } = a;
  await m.insert(TagAssignmentHistory, { ...kept, customerId, segmentId, removedAt: now, removedBy: by, removalReason: reason });
  await m.delete(TagAssignment, { id: a.id });
}

/**
 * CustomerMerged (the duplicate went into the survivor, domain CS merge): every
 * row marketing keys by the duplicate's id now belongs to the survivor, in the
 * consumer's transaction (consumer.ts records the (customer, version) applied).
 * Unique keys the survivor already holds are resolved in the survivor's favour:
 * - a tag both have: the survivor's assignment stays, the duplicate's goes to
 *   the survivor's history with reason MERGED;
 * - an audience both are frozen members of, an indicator observation with the
 *   same (code, asOf): the survivor's row stays, the duplicate's is dropped;
 * - both with an open customer-manager assignment (one at a time, G-24): the
 *   duplicate's is closed at the merge;
 * - both group customers: the duplicate's members and holdings join the
 *   survivor's group customer and the duplicate's is retired;
 * - profile: the survivor's grid and tiers stay, the duplicate's fill gaps.
 * Moved rows take the survivor's segment (merges are within a segment today).
 */
export async function carryOverMergedCustomer(m: EntityManager, duplicateId: string, survivorId: string, actor: string | null, now: Date): Promise<void> {
  await lockAll(m); // the coverage summaries change: locked first (tag-coverage-summary.ts)
  const [dup, surv] = await Promise.all([m.findOneBy(CustomerProfile, { customerId: duplicateId }), m.findOneBy(CustomerProfile, { customerId: survivorId })]);
  const segmentId = surv?.segmentId ?? dup?.segmentId;
  if (!segmentId) return; // marketing never knew either: nothing to carry over
  if (dup && !surv) {
    await m.update(CustomerProfile, { customerId: duplicateId }, { customerId: survivorId, customerVersion: null, updatedAt: now });
  } else if (dup && surv) {
    await m.update(
      CustomerProfile,
      { customerId: survivorId },
      { gridId: surv.gridId ?? dup.gridId, tier: surv.tier ?? dup.tier, tierOverride: surv.tierOverride ?? dup.tierOverride, updatedAt: now },
    );
    await m.delete(CustomerProfile, { customerId: duplicateId });
    await bumpSegmentCustomers(m, [{ segmentId: dup.segmentId, customers: -1 }]);
  }

  await trackCustomers(m, [duplicateId, survivorId], null, async () => {
    const survivorTags = new Set((await m.find(TagAssignment, { where: { customerId: survivorId }, select: { tagId: true } })).map((a) => a.tagId));
    for (const a of await m.findBy(TagAssignment, { customerId: duplicateId })) {
      if (survivorTags.has(a.tagId)) await archive(m, a, survivorId, segmentId, now, actor, TagRemovalReason.MERGED);
      else await m.update(TagAssignment, { id: a.id }, { customerId: survivorId, segmentId });
    }
  });
  await m.update(TagAssignmentHistory, { customerId: duplicateId }, { customerId: survivorId, segmentId });

  const audiences = (await m.findBy(AudienceMember, { customerId: survivorId })).map((a) => a.audienceId);
  if (audiences.length) await m.delete(AudienceMember, { customerId: duplicateId, audienceId: In(audiences) });
  await m.update(AudienceMember, { customerId: duplicateId }, { customerId: survivorId });

  const observed = new Set((await m.findBy(CustomerIndicator, { customerId: survivorId })).map((o) => `${o.code}|${o.asOf.getTime()}`));
  for (const o of await m.findBy(CustomerIndicator, { customerId: duplicateId })) {
    const key = { customerId: duplicateId, code: o.code, asOf: o.asOf };
    if (observed.has(`${o.code}|${o.asOf.getTime()}`)) await m.delete(CustomerIndicator, key);
    else await m.update(CustomerIndicator, key, { customerId: survivorId });
  }

  if (await m.existsBy(CustomerManagerAssignment, { customerId: survivorId, endedAt: IsNull() }))
    await m.update(CustomerManagerAssignment, { customerId: duplicateId, endedAt: IsNull() }, { endedAt: now });
  await m.update(CustomerManagerAssignment, { customerId: duplicateId }, { customerId: survivorId, segmentId });
  await m.update(ChurnEvent, { customerId: duplicateId }, { customerId: survivorId, segmentId });
  await m.update(GroupMember, { memberCustomerId: duplicateId }, { memberCustomerId: survivorId });

  const [dupGroup, survGroup] = await Promise.all([m.findOneBy(GroupCustomer, { customerId: duplicateId }), m.findOneBy(GroupCustomer, { customerId: survivorId })]);
  if (dupGroup && !survGroup) {
    await m.update(GroupCustomer, { id: dupGroup.id }, { customerId: survivorId, segmentId, updatedAt: now, version: () => 'version + 1' });
    await m.update(GroupMember, { groupCustomerId: dupGroup.id }, { segmentId });
    await m.update(ProductHolding, { groupCustomerId: dupGroup.id }, { segmentId });
  } else if (dupGroup && survGroup) {
    await m.update(GroupMember, { groupCustomerId: dupGroup.id }, { groupCustomerId: survGroup.id, segmentId });
    await m.update(ProductHolding, { groupCustomerId: dupGroup.id }, { groupCustomerId: survGroup.id, segmentId });
    if (!dupGroup.retiredAt) await m.update(GroupCustomer, { id: dupGroup.id }, { retiredAt: now, updatedAt: now, version: () => 'version + 1' });
  }
}

/**
 * CustomerDeleted: the customer's live marketing data goes; its history stays.
 * Active tag assignments are archived (reason CUSTOMER_DELETED), audience
 * memberships, indicator observations and the profile are removed, an open
 * customer-manager assignment is closed and a group customer retired; churn
 * events and the tag history stay. After a merge (reason MERGED) everything
 * already moved to the survivor, so this finds nothing left.
 */
export async function removeDeletedCustomer(m: EntityManager, customerId: string, actor: string | null, now: Date): Promise<void> {
  await lockAll(m);
  const profile = await m.findOneBy(CustomerProfile, { customerId });
  await trackCustomers(m, [customerId], null, async () => {
    for (const a of await m.findBy(TagAssignment, { customerId })) await archive(m, a, customerId, a.segmentId, now, actor, TagRemovalReason.CUSTOMER_DELETED);
  });
  await m.delete(AudienceMember, { customerId });
  await m.delete(CustomerIndicator, { customerId });
  await m.update(CustomerManagerAssignment, { customerId, endedAt: IsNull() }, { endedAt: now });
  await m.update(GroupCustomer, { customerId, retiredAt: IsNull() }, { retiredAt: now, updatedAt: now, version: () => 'version + 1' });
  if (profile) {
    await m.delete(CustomerProfile, { customerId });
    await bumpSegmentCustomers(m, [{ segmentId: profile.segmentId, customers: -1 }]);
  }
}
