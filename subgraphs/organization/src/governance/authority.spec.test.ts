import { GoverningBodyType as B } from '../governing-bodies/governing-body.entity';
import { CHARTER_POWERS, DECISION_POWERS, DelegatedPower as P, GovernanceMatter as M, MATTERS, powersCovering } from './authority';

/** The authority table, without a database: who may decide what (domain.md §3.1.4, D15). */
describe('authority table', () => {
  it.each([
    [M.ELECT_DIRECTORS_AND_SUPERVISORS, B.SHAREHOLDERS_MEETING],
    [M.EVALUATE_BOARD_AND_SUPERVISORS, B.SHAREHOLDERS_MEETING],
    [M.AMEND_ARTICLES, B.SHAREHOLDERS_MEETING],
    [M.DEPARTMENT_SETUP, B.BOARD_OF_DIRECTORS],
    [M.ORG_RESTRUCTURING, B.BOARD_OF_DIRECTORS],
    [M.APPOINT_SENIOR_MANAGEMENT, B.BOARD_OF_DIRECTORS],
    [M.ELECT_BOARD_CHAIR, B.BOARD_OF_DIRECTORS],
    [M.ELECT_CHIEF_SUPERVISOR, B.BOARD_OF_SUPERVISORS],
    [M.HEADCOUNT_CHANGE, B.BOARD_OF_DIRECTORS],
    [M.SUBGROUP_LEADERSHIP_PROPOSAL, B.BOARD_OF_DIRECTORS],
    [M.ANNUAL_OPERATING_PLAN, B.BOARD_OF_DIRECTORS],
  ])('%s is reserved to the %s, never delegated', (matter, body) => {
    expect(MATTERS[matter]).toEqual({ reservedTo: body });
  });

  it('ORG-R06 / ORG-R11: setting up departments and restructuring are the board’s', () => {
    expect(MATTERS[M.DEPARTMENT_SETUP].reservedTo).toBe(B.BOARD_OF_DIRECTORS);
    expect(MATTERS[M.ORG_RESTRUCTURING].reservedTo).toBe(B.BOARD_OF_DIRECTORS);
  });

  it('ORG-R26: positions and headcount are the board’s', () => {
    expect(MATTERS[M.HEADCOUNT_CHANGE].reservedTo).toBe(B.BOARD_OF_DIRECTORS);
  });

  it.each([
    [M.MAJOR_INVESTMENT, P.MAJOR_DECISION],
    [M.SUBSIDIARY_MATTER, P.MAJOR_DECISION],
    [M.DEVELOPMENT_STRATEGY, P.MAJOR_DECISION],
    [M.MAJOR_GUARANTEE, P.MAJOR_DECISION],
    [M.ASSET_DISPOSAL, P.MAJOR_DECISION],
    [M.OPERATING_EXPENDITURE, P.GENERAL_DECISION],
    [M.CONTRACT_SIGNING, P.OPERATIONAL_EXECUTION],
    [M.PROCESS_CONTROL, P.PROCESS_MANAGEMENT_AND_CONTROL],
    [M.AUDIT_OF_MANAGEMENT, P.AUDIT_SUPERVISION],
  ])('%s needs the power %s', (matter, power) => {
    expect(MATTERS[matter]).toEqual({ power });
  });

  it('every matter is either reserved or needs a power, never both', () => {
    for (const m of Object.values(M)) expect(Number(MATTERS[m].reservedTo !== undefined) + Number(MATTERS[m].power !== undefined)).toBe(1);
  });

  it('ORG-R13: the shareholders’ meeting holds major decisions by charter, the board of supervisors audit supervision, the others nothing', () => {
    expect(CHARTER_POWERS).toEqual({
      [B.SHAREHOLDERS_MEETING]: [P.MAJOR_DECISION],
      [B.BOARD_OF_SUPERVISORS]: [P.AUDIT_SUPERVISION],
      [B.BOARD_OF_DIRECTORS]: [],
      [B.MANAGEMENT_LAYER]: [],
      [B.COMMITTEE]: [],
    });
  });

  it.each([
    [P.MAJOR_DECISION, [P.MAJOR_DECISION]],
    [P.GENERAL_DECISION, [P.MAJOR_DECISION, P.GENERAL_DECISION]],
    [P.OPERATIONAL_EXECUTION, [P.MAJOR_DECISION, P.OPERATIONAL_EXECUTION]],
    [P.PROCESS_MANAGEMENT_AND_CONTROL, [P.MAJOR_DECISION, P.GENERAL_DECISION, P.OPERATIONAL_EXECUTION, P.PROCESS_MANAGEMENT_AND_CONTROL]],
    // Supervision is separate from decision: no decision power covers it (ORG-R13).
    [P.AUDIT_SUPERVISION, [P.AUDIT_SUPERVISION]],
  ])('%s is covered by %j', (needed, covering) => {
    expect(powersCovering(needed).sort()).toEqual([...covering].sort());
  });

  it('the decision powers are the three decision levels, not control or supervision', () => {
    expect([...DECISION_POWERS].sort()).toEqual([P.GENERAL_DECISION, P.MAJOR_DECISION, P.OPERATIONAL_EXECUTION]);
  });
});
