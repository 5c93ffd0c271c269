import { EntityManager, In } from 'typeorm';
import { Role } from '@group/shared';
import { Company, CompanyKind, Segment } from '../companies/company.entity';
import { Employee, EmployeeStatus } from '../employees/employee.entity';
import { AssignmentStatus, Position, PositionAssignment, PositionRank } from '../positions/position.entity';
import { accountErrors as errors } from './account.errors';

const notBacked = (message: string) => errors.roleNotBackedByPosition(message);

/**
 * The one rule of what role an account may be granted (CS-R37, CS-R38; issue 17): the role follows
 * from the person's positions (their ACTIVE position assignments and the positions' ranks).
 * - GROUP_EXECUTIVE (集团管理层): holds a GROUP_VP_AND_ABOVE position of the group company — "group
 *   vice-presidents and above" (CS-R38);
 * - SEGMENT_HEAD of segments S: holds, for each of S, the SEGMENT_HEAD position serving it (版块负责人);
 * - SEGMENT_ADMIN of S: "as appointed" = staffed (`assignToPosition`, by a GROUP_EXECUTIVE, logged)
 *   in a SEGMENT_ADMINISTRATOR position serving each of S (版块管理员);
 * - BUSINESS_STAFF of S: an employee of the company each of S belongs to;
 * - SYSTEM_ADMIN: no position backs it and no account-change request grants it (it is no segment
 *   role, and it may reset any password): system administrators are provisioned by the operators
 *   outside the API (the demo seed, a bootstrap), as they always were.
 * A departed employee is granted nothing. Checked when a request is submitted, approved and
 * implemented (the person's positions may change in between), for every kind that grants a role:
 * OPEN, PERMISSION_CHANGE and UNFREEZE (which gives the account's role back).
 */
export async function assertRoleBackedByPosition(m: EntityManager, employeeId: string, role: Role, segmentIds: readonly string[]): Promise<void> {
  const employee = await m.findOneBy(Employee, { id: employeeId });
  if (!employee || employee.status === EmployeeStatus.DEPARTED) throw notBacked('A departed or unknown employee is granted no role');
  const held = async (rank: PositionRank) =>
    m
      .createQueryBuilder(Position, 'p')
      .innerJoin(PositionAssignment, 'a', 'a.positionId = p.id')
      .where('a.employeeId = :employeeId AND a.status = :active AND p.rank = :rank', { employeeId, active: AssignmentStatus.ACTIVE, rank })
      .getMany();
  const serves = async (rank: PositionRank) => {
    const served = new Set((await held(rank)).map((p) => p.segmentId));
    const missing = segmentIds.filter((s) => !served.has(s));
    if (missing.length) throw notBacked(`${role} needs a ${rank} position serving each requested segment; the employee holds none for ${missing.length} of them`);
  };
  switch (role) {
    case Role.GROUP_EXECUTIVE: {
      const companies = (await held(PositionRank.GROUP_VP_AND_ABOVE)).map((p) => p.companyId);
      const group = companies.length ? await m.countBy(Company, { id: In(companies), kind: CompanyKind.GROUP }) : 0;
      if (!group) throw notBacked('GROUP_EXECUTIVE is for holders of a vice-president-and-above position of the group company (CS-R38)');
      return;
    }
    case Role.SEGMENT_HEAD:
      return serves(PositionRank.SEGMENT_HEAD);
    case Role.SEGMENT_ADMIN:
      return serves(PositionRank.SEGMENT_ADMINISTRATOR);
    case Role.BUSINESS_STAFF: {
      const segments = segmentIds.length ? await m.findBy(Segment, { id: In([...segmentIds]) }) : [];
      if (segments.length !== segmentIds.length || segments.some((s) => s.companyId !== employee.companyId))
        throw notBacked("BUSINESS_STAFF is for employees of the segments' company");
      return;
    }
    default:
      throw notBacked(`${role} is not granted through an account-change request`);
  }
}
