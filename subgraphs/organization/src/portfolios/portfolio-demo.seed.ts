import type { EntityManager } from 'typeorm';
import { DEMO_COMPANIES, demoDepartmentId, stableId } from '@group/shared';
import { Department } from '../departments/department.entity';
import { AssignmentStatus } from '../positions/position.entity';
import { Portfolio } from './portfolio.entity';

/** ORG-R15 demo: the group vice president (the `executive` account's employee) 分管 three head-office departments; marketing runs as a simulated legal entity. */
export async function seedPortfolioDemo(m: EntityManager, since: Date): Promise<void> {
  const group = DEMO_COMPANIES.find((c) => c.code === 'JA')!.id;
  const executiveId = stableId('employee', 'executive');
  const rows = ['CSC', 'MKT', 'IT'].map((code) => ({
    id: stableId('portfolio', `JA-${code}`),
    companyId: group,
    departmentId: demoDepartmentId('JA', code),
    executiveId,
    status: AssignmentStatus.ACTIVE,
    from: since,
    to: null,
    createdAt: since,
    updatedAt: since,
    version: 1,
  }));
  await m.insert(Portfolio, rows);
  await m.update(Department, { id: demoDepartmentId('JA', 'MKT') }, { simulatedLegalEntity: true });
}
