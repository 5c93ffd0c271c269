import { registerEnumType } from 'type-graphql';
import { GoverningBodyType } from '../governing-bodies/governing-body.entity';

/** domain.md §2.1.3 DelegatedPower (D15 第二条). */
export enum DelegatedPower {
  MAJOR_DECISION = 'MAJOR_DECISION',
  GENERAL_DECISION = 'GENERAL_DECISION',
  OPERATIONAL_EXECUTION = 'OPERATIONAL_EXECUTION',
  PROCESS_MANAGEMENT_AND_CONTROL = 'PROCESS_MANAGEMENT_AND_CONTROL',
  AUDIT_SUPERVISION = 'AUDIT_SUPERVISION',
}
registerEnumType(DelegatedPower, {
  name: 'DelegatedPower',
  description: '重大决策权, 一般决策权, 经营管理执行权, 具体的过程管理与控制, 审计监督权.',
});

/**
 * Matters a governing body decides [I: the catalogue is inferred from
 * domain.md §3.1.4]. A matter is either reserved to one kind of body by the
 * articles (never delegated) or needs a power, held by charter or by an
 * active delegation.
 */
export enum GovernanceMatter {
  ELECT_DIRECTORS_AND_SUPERVISORS = 'ELECT_DIRECTORS_AND_SUPERVISORS',
  EVALUATE_BOARD_AND_SUPERVISORS = 'EVALUATE_BOARD_AND_SUPERVISORS',
  AMEND_ARTICLES = 'AMEND_ARTICLES',
  DEPARTMENT_SETUP = 'DEPARTMENT_SETUP',
  ORG_RESTRUCTURING = 'ORG_RESTRUCTURING',
  APPOINT_SENIOR_MANAGEMENT = 'APPOINT_SENIOR_MANAGEMENT',
  ELECT_BOARD_CHAIR = 'ELECT_BOARD_CHAIR',
  ELECT_CHIEF_SUPERVISOR = 'ELECT_CHIEF_SUPERVISOR',
  HEADCOUNT_CHANGE = 'HEADCOUNT_CHANGE',
  SUBGROUP_LEADERSHIP_PROPOSAL = 'SUBGROUP_LEADERSHIP_PROPOSAL',
  ANNUAL_OPERATING_PLAN = 'ANNUAL_OPERATING_PLAN',
  MAJOR_INVESTMENT = 'MAJOR_INVESTMENT',
  SUBSIDIARY_MATTER = 'SUBSIDIARY_MATTER',
  DEVELOPMENT_STRATEGY = 'DEVELOPMENT_STRATEGY',
  MAJOR_GUARANTEE = 'MAJOR_GUARANTEE',
  ASSET_DISPOSAL = 'ASSET_DISPOSAL',
  OPERATING_EXPENDITURE = 'OPERATING_EXPENDITURE',
  CONTRACT_SIGNING = 'CONTRACT_SIGNING',
  PROCESS_CONTROL = 'PROCESS_CONTROL',
  AUDIT_OF_MANAGEMENT = 'AUDIT_OF_MANAGEMENT',
}
registerEnumType(GovernanceMatter, { name: 'GovernanceMatter', description: 'A matter to decide; reserved to a body by the articles, or needing a delegated power.' });

export type MatterRule = { reservedTo: GoverningBodyType; power?: undefined } | { power: DelegatedPower; reservedTo?: undefined };

export const MATTERS: Record<GovernanceMatter, MatterRule> = {
  // Reserved to the shareholders' meeting (§3.1.4, D15).
  [GovernanceMatter.ELECT_DIRECTORS_AND_SUPERVISORS]: { reservedTo: GoverningBodyType.SHAREHOLDERS_MEETING },
  [GovernanceMatter.EVALUATE_BOARD_AND_SUPERVISORS]: { reservedTo: GoverningBodyType.SHAREHOLDERS_MEETING },
  [GovernanceMatter.AMEND_ARTICLES]: { reservedTo: GoverningBodyType.SHAREHOLDERS_MEETING },
  // Reserved to the board (§3.1.4, D08 第七/九/十一条; ORG-R06, ORG-R11, A5–A7, A12).
  [GovernanceMatter.DEPARTMENT_SETUP]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  [GovernanceMatter.ORG_RESTRUCTURING]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  [GovernanceMatter.APPOINT_SENIOR_MANAGEMENT]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  // The board elects its chair, the board of supervisors its chief supervisor (A7, A9, A10).
  [GovernanceMatter.ELECT_BOARD_CHAIR]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  [GovernanceMatter.ELECT_CHIEF_SUPERVISOR]: { reservedTo: GoverningBodyType.BOARD_OF_SUPERVISORS },
  // Positions and headcount are the board's (ORG-R26).
  [GovernanceMatter.HEADCOUNT_CHANGE]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  // The group board proposes dismissing a sub-group's chairman, GM or chief supervisor (ORG-R21/R22).
  [GovernanceMatter.SUBGROUP_LEADERSHIP_PROPOSAL]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  [GovernanceMatter.ANNUAL_OPERATING_PLAN]: { reservedTo: GoverningBodyType.BOARD_OF_DIRECTORS },
  // Decided by whoever holds the power (WF-ORG-1).
  [GovernanceMatter.MAJOR_INVESTMENT]: { power: DelegatedPower.MAJOR_DECISION },
  // A subsidiary's major matter the parent decides as investor (ORG-R12, D08 第十二条, A15): a major decision of the parent.
  [GovernanceMatter.SUBSIDIARY_MATTER]: { power: DelegatedPower.MAJOR_DECISION },
  // The mid/long-term strategy and the 3-/5-year plans (ORG-R27, D02): a major decision.
  [GovernanceMatter.DEVELOPMENT_STRATEGY]: { power: DelegatedPower.MAJOR_DECISION },
  [GovernanceMatter.MAJOR_GUARANTEE]: { power: DelegatedPower.MAJOR_DECISION },
  [GovernanceMatter.ASSET_DISPOSAL]: { power: DelegatedPower.MAJOR_DECISION },
  [GovernanceMatter.OPERATING_EXPENDITURE]: { power: DelegatedPower.GENERAL_DECISION },
  [GovernanceMatter.CONTRACT_SIGNING]: { power: DelegatedPower.OPERATIONAL_EXECUTION },
  [GovernanceMatter.PROCESS_CONTROL]: { power: DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL },
  [GovernanceMatter.AUDIT_OF_MANAGEMENT]: { power: DelegatedPower.AUDIT_SUPERVISION },
};

/** Powers a body holds by charter (D15 第一条): the shareholders' meeting is the origin of every decision power, the BoS of supervision. */
export const CHARTER_POWERS: Record<GoverningBodyType, DelegatedPower[]> = {
  [GoverningBodyType.SHAREHOLDERS_MEETING]: [DelegatedPower.MAJOR_DECISION],
  [GoverningBodyType.BOARD_OF_SUPERVISORS]: [DelegatedPower.AUDIT_SUPERVISION],
  [GoverningBodyType.BOARD_OF_DIRECTORS]: [],
  [GoverningBodyType.MANAGEMENT_LAYER]: [],
  [GoverningBodyType.COMMITTEE]: [],
};

/** A wider power includes the narrower ones: who may decide major matters may decide general ones. */
const IMPLIES: Record<DelegatedPower, DelegatedPower[]> = {
  [DelegatedPower.MAJOR_DECISION]: [DelegatedPower.GENERAL_DECISION, DelegatedPower.OPERATIONAL_EXECUTION, DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL],
  [DelegatedPower.GENERAL_DECISION]: [DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL],
  [DelegatedPower.OPERATIONAL_EXECUTION]: [DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL],
  [DelegatedPower.PROCESS_MANAGEMENT_AND_CONTROL]: [],
  [DelegatedPower.AUDIT_SUPERVISION]: [],
};

/** The powers that cover `needed` (itself and every wider one). */
export function powersCovering(needed: DelegatedPower): DelegatedPower[] {
  return (Object.keys(IMPLIES) as DelegatedPower[]).filter((p) => p === needed || IMPLIES[p].includes(needed));
}

export const DECISION_POWERS = new Set([DelegatedPower.MAJOR_DECISION, DelegatedPower.GENERAL_DECISION, DelegatedPower.OPERATIONAL_EXECUTION]);
