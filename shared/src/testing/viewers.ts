import { Capability, Role, Viewer } from '../auth/roles';
import { stableId } from '../ids';
import { DEMO_SEGMENTS, demoSegmentPersonId } from '../demo/catalogue';

/** The id of a demo segment by code (`segmentId('RESI')`). */
export const segmentId = (code: string): string => {
  const s = DEMO_SEGMENTS.find((x) => x.code === code);
  if (!s) throw new Error(`no demo segment ${code}`);
  return s.id;
};

/** A viewer as the organization subgraph's demo account `who.<segment>` would sign in. */
function person(seg: string, who: 'head' | 'staff' | 'admin', role: Role): Viewer {
  return { accountId: stableId('account', `${who}.${seg.toLowerCase()}`), employeeId: demoSegmentPersonId(seg, who), role, segmentIds: [segmentId(seg)] };
}

/** Viewers as the demo accounts sign in (a token's claims, without the token). */
export const viewers = {
  executive: (): Viewer => ({ accountId: stableId('account', 'executive'), employeeId: stableId('employee', 'executive'), role: Role.GROUP_EXECUTIVE, segmentIds: [] }),
  sysadmin: (): Viewer => ({ accountId: stableId('account', 'sysadmin'), employeeId: stableId('employee', 'sysadmin'), role: Role.SYSTEM_ADMIN, segmentIds: [] }),
  /** A job of another subgraph (customer-service's indicator publisher): SYSTEM_ADMIN with the SYSTEM_INTEGRATION capability. */
  integration: (): Viewer => ({ accountId: 'system:customer-service', employeeId: null, role: Role.SYSTEM_ADMIN, segmentIds: [], capabilities: [Capability.SYSTEM_INTEGRATION] }),
  head: (seg: string): Viewer => person(seg, 'head', Role.SEGMENT_HEAD),
  staff: (seg: string): Viewer => person(seg, 'staff', Role.BUSINESS_STAFF),
  admin: (seg: string): Viewer => person(seg, 'admin', Role.SEGMENT_ADMIN),
};
