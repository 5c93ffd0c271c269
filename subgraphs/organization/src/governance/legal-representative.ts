import { EntityManager } from 'typeorm';
import { updateWithVersion, Viewer } from '@group/shared';
import { Company, CompanyKind } from '../companies/company.entity';
import { BodyMembership, MembershipStatus, OfficeRole } from '../memberships/body-membership.entity';
import { GoverningBody, GoverningBodyType } from '../governing-bodies/governing-body.entity';
import { recordChange } from './governance-access';

/** ORG-R24: the group's legal representative is its board chairman (D15; domain.md says so for the group only). */
export const representedByChair = (company: Pick<Company, 'kind'>): boolean => company.kind === CompanyKind.GROUP;

/** The sitting chair of the company's board of directors, if any. */
export async function sittingChairId(m: EntityManager, companyId: string): Promise<string | null> {
  const board = await m.findOneBy(GoverningBody, { companyId, type: GoverningBodyType.BOARD_OF_DIRECTORS });
  if (!board) return null;
  const seat = await m.findOneBy(BodyMembership, { bodyId: board.id, role: OfficeRole.BOARD_CHAIR, status: MembershipStatus.ACTIVE });
  return seat?.employeeId ?? null;
}

/** A new chair becomes the legal representative in the same transaction (the company is locked by the caller; its version bumps). */
export async function followChair(m: EntityManager, viewer: Viewer, company: Company, chairId: string, at: Date): Promise<void> {
  if (!representedByChair(company) || company.legalRepresentativeId === chairId) return;
  await updateWithVersion(m, Company, company.id, company.version, { legalRepresentativeId: chairId, updatedAt: at });
  await recordChange(m, viewer, at, {
    companyId: company.id,
    entityType: 'Company',
    entityId: company.id,
    action: 'LEGAL_DATA_UPDATED',
    summary: `Legal representative of ${company.code} follows the new board chair (ORG-R24)`,
  });
}
