import { EntityManager, In } from 'typeorm';

import { GovernanceMatter } from '../governance/authority';
import { BodyMembership, MembershipStatus, OfficeRole } from '../memberships/body-membership.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { DelegationService } from '../delegations/delegation.service';
import { PolicyDocumentType } from './policy.entity';
import { policyErrors as errors } from './policy.errors';

/**
 * Which governance matter approving a version of a document is (V-R1 "signed
 * by the approver", read with §3.1.4 and WF-ORG-1) [I: the seed names no
 * approver per document type]:
 * - the articles and the bodies' rules of procedure: the shareholders' meeting
 *   (amending the articles is reserved to it; ORG-R02 names the rules of
 *   procedure with the articles);
 * - org chart, job descriptions, authority guidelines, appraisal method: the
 *   board sets up departments and their duties (D08 第七/八条, ORG-R07);
 *   the GM and senior-management rules: the board appoints them (D08 第九条);
 *   the subsidiary management policy: the board's organisation system (D08 第十一/十二条);
 * - every other rule (CRM, customer service, IT, safety, processes, tags):
 *   process management and control, held by whoever holds a decision power
 *   down the delegation chain (the president and executive team, a VP by his
 *   portfolio delegation).
 */
const MATTER: Partial<Record<PolicyDocumentType, GovernanceMatter>> = {
  [PolicyDocumentType.ARTICLES_OF_ASSOCIATION]: GovernanceMatter.AMEND_ARTICLES,
  [PolicyDocumentType.SHAREHOLDERS_MEETING_RULES]: GovernanceMatter.AMEND_ARTICLES,
  [PolicyDocumentType.BOARD_RULES]: GovernanceMatter.AMEND_ARTICLES,
  [PolicyDocumentType.SUPERVISORY_BOARD_RULES]: GovernanceMatter.AMEND_ARTICLES,
  [PolicyDocumentType.ORG_CHART]: GovernanceMatter.DEPARTMENT_SETUP,
  [PolicyDocumentType.JOB_DESCRIPTION]: GovernanceMatter.DEPARTMENT_SETUP,
  [PolicyDocumentType.AUTHORITY_GUIDELINE]: GovernanceMatter.DEPARTMENT_SETUP,
  [PolicyDocumentType.PERFORMANCE_APPRAISAL_METHOD]: GovernanceMatter.DEPARTMENT_SETUP,
  [PolicyDocumentType.GM_AND_SENIOR_MANAGEMENT_RULES]: GovernanceMatter.APPOINT_SENIOR_MANAGEMENT,
  [PolicyDocumentType.SUBSIDIARY_MANAGEMENT_POLICY]: GovernanceMatter.ORG_RESTRUCTURING,
};

export const approvalMatter = (type: PolicyDocumentType): GovernanceMatter => MATTER[type] ?? GovernanceMatter.PROCESS_CONTROL;

/**
 * Who signs for a body that holds the power: its presiding officer. The
 * shareholders' meeting is presided by the chair of the company's board [I].
 */
const PRESIDING: Record<GoverningBodyType, { seatOn: GoverningBodyType; roles: OfficeRole[] }> = {
  [GoverningBodyType.SHAREHOLDERS_MEETING]: { seatOn: GoverningBodyType.BOARD_OF_DIRECTORS, roles: [OfficeRole.BOARD_CHAIR] },
  [GoverningBodyType.BOARD_OF_DIRECTORS]: { seatOn: GoverningBodyType.BOARD_OF_DIRECTORS, roles: [OfficeRole.BOARD_CHAIR] },
  [GoverningBodyType.BOARD_OF_SUPERVISORS]: { seatOn: GoverningBodyType.BOARD_OF_SUPERVISORS, roles: [OfficeRole.CHIEF_SUPERVISOR] },
  [GoverningBodyType.MANAGEMENT_LAYER]: { seatOn: GoverningBodyType.MANAGEMENT_LAYER, roles: [OfficeRole.PRESIDENT, OfficeRole.GENERAL_MANAGER] },
  [GoverningBodyType.COMMITTEE]: { seatOn: GoverningBodyType.COMMITTEE, roles: [] },
};

/**
 * The authorizer must hold the power to approve the document (V-R1): a
 * delegation to them personally, or the presiding seat of a body that holds
 * it (by the articles or by delegation). Throws AUTHORIZER_LACKS_POWER.
 */
export async function assertMayApprove(
  m: EntityManager,
  delegations: DelegationService,
  doc: { companyId: string; type: PolicyDocumentType; title: string },
  employeeId: string,
  at: Date,
): Promise<void> {
  const matter = approvalMatter(doc.type);
  const holders = new Set((await delegations.authorities(m, doc.companyId, matter, null, at)).map((a) => a.holder));
  if (holders.has(`employee:${employeeId}`)) return;
  const bodies = await m.find(GoverningBody, { where: { companyId: doc.companyId } });
  const seats = bodies.length
    ? await m.find(BodyMembership, { where: { employeeId, companyId: doc.companyId, status: MembershipStatus.ACTIVE, bodyId: In(bodies.map((b) => b.id)) } })
    : [];
  for (const b of bodies.filter((x) => holders.has(`body:${x.id}`))) {
    const p = PRESIDING[b.type];
    const seatBodies = new Set(bodies.filter((x) => (p.seatOn === b.type ? x.id === b.id : x.type === p.seatOn)).map((x) => x.id));
    if (seats.some((s) => seatBodies.has(s.bodyId) && p.roles.includes(s.role))) return;
  }
  throw errors.authorizerLacksPower(doc.title, matter);
}
