import { EntityManager } from 'typeorm';
import { lockForUpdate, updateWithVersion } from '@group/shared';
import { GovernanceMatter } from './authority';
import { GoverningBody } from '../governing-bodies/governing-body.entity';
import { Resolution, ResolutionOutcome } from '../meetings/meeting.entity';
import { governanceErrors as errors, ResolutionRefusal } from './governance.errors';

export interface ResolutionNeed {
  /** The body that must have adopted it (the deciding body), or the bodies that may (a power several hold). */
  body: GoverningBody | GoverningBody[];
  /** The matter it must be on (several: any of them; null: any matter the body resolved). */
  matter: GovernanceMatter | GovernanceMatter[] | null;
  /** What the decision is about: the resolution names it from now on, and decides nothing else. */
  subjectType: string;
  subjectId: string;
  /** The refusal when the resolution is unknown or not one of the body's, adopted, on the matter (default RESOLUTION_NOT_APPLICABLE). */
  refusal?: ResolutionRefusal;
  /** The amount at stake (万元): the resolution must be adopted for at least this amount (ORG-R14). */
  amountWan?: number | null;
}

/**
 * The one way a decision cites the deciding body's resolution: adopted (PASSED) by that body, on
 * that matter, for the amount at stake, and cited by no decision before (one resolution decides one
 * subject, once: a director's election is not their dismissal, one restructuring is not the next).
 * Locks the resolution, after the caller's own locks, so two decisions cannot both claim it.
 */
export async function citeResolution(m: EntityManager, resolutionId: string | null | undefined, need: ResolutionNeed, at: Date): Promise<Resolution> {
  const bodies = Array.isArray(need.body) ? need.body : [need.body];
  const matters = need.matter === null ? null : Array.isArray(need.matter) ? need.matter : [need.matter];
  const label = bodies.map((b) => b.label).join(' or ') || 'the deciding body';
  const on = matters ? ` on ${matters.join(' or ')}` : '';
  const where = { matter: matters && matters.length === 1 ? matters[0] : matters, bodyId: bodies.length === 1 ? bodies[0].id : bodies.map((b) => b.id) };
  if (!resolutionId) throw errors.resolutionRequired(label, on, where);
  const r = await lockForUpdate(m, Resolution, { id: resolutionId });
  if (!r || !bodies.some((b) => b.id === r.bodyId) || (matters && !matters.includes(r.matter)) || r.outcome !== ResolutionOutcome.PASSED) {
    throw (need.refusal ?? errors.resolutionNotApplicable)(on, label, where);
  }
  if (need.amountWan !== null && need.amountWan !== undefined && (r.amountWan === null || r.amountWan < need.amountWan)) {
    throw errors.resolutionAmountTooLow(r.id, r.amountWan, need.amountWan);
  }
  if (r.subjectId !== null) {
    throw errors.resolutionAlreadyUsed(r.id, r.subjectType, r.subjectId);
  }
  return updateWithVersion(m, Resolution, r.id, r.version, { subjectType: need.subjectType, subjectId: need.subjectId, updatedAt: at });
}
