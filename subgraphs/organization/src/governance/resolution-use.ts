import { EntityManager } from 'typeorm';
import { badInput, conflict, lockForUpdate, updateWithVersion } from '@group/shared';
import { GovernanceMatter } from './authority';
import { GoverningBody } from './governing-body.entity';
import { Resolution, ResolutionOutcome } from './meeting.entity';

export interface ResolutionNeed {
  /** The body that must have adopted it (the deciding body). */
  body: GoverningBody;
  matter: GovernanceMatter;
  /** What the decision is about: the resolution names it from now on, and decides nothing else. */
  subjectType: string;
  subjectId: string;
  /** Reason when the resolution is unknown or not one of the body's, adopted, on the matter (default RESOLUTION_NOT_APPLICABLE). */
  reason?: string;
}

/**
 * The one way a decision cites the deciding body's resolution: adopted (PASSED) by that body, on
 * that matter, naming this subject and no other (one resolution, one subject). Locks the resolution,
 * after the caller's own locks, so two decisions cannot both claim it.
 */
export async function citeResolution(m: EntityManager, resolutionId: string | null | undefined, need: ResolutionNeed, at: Date): Promise<Resolution> {
  if (!resolutionId) throw badInput('RESOLUTION_REQUIRED', `This decision needs the resolution of ${need.body.label} on ${need.matter}`, { matter: need.matter, bodyId: need.body.id });
  const r = await lockForUpdate(m, Resolution, { id: resolutionId });
  if (!r || r.bodyId !== need.body.id || r.matter !== need.matter || r.outcome !== ResolutionOutcome.PASSED) {
    throw conflict(need.reason ?? 'RESOLUTION_NOT_APPLICABLE', `This decision needs a resolution on ${need.matter} adopted by ${need.body.label}`, { matter: need.matter, bodyId: need.body.id });
  }
  if (r.subjectId !== null) {
    if (r.subjectType === need.subjectType && r.subjectId === need.subjectId) return r;
    throw conflict('RESOLUTION_ALREADY_USED', `Resolution ${r.id} already decided ${r.subjectType} ${r.subjectId}; one resolution decides one subject`, { subjectType: r.subjectType, subjectId: r.subjectId });
  }
  return updateWithVersion(m, Resolution, r.id, r.version, { subjectType: need.subjectType, subjectId: need.subjectId, updatedAt: at });
}
