import { registerEnumType } from 'type-graphql';
import { ComplaintStatus as S } from './complaint.entity';

/** What a handler can do to a complaint; each is one edge of the state machine below. */
export enum ComplaintAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  ASSIGN = 'ASSIGN',
  START = 'START',
  WAIT_FOR_CUSTOMER = 'WAIT_FOR_CUSTOMER',
  CUSTOMER_REPLIED = 'CUSTOMER_REPLIED',
  RESOLVE = 'RESOLVE',
  REVISIT = 'REVISIT',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}
registerEnumType(ComplaintAction, { name: 'ComplaintAction', description: 'Transitions of the complaint state machine (domain.md G-02).' });

/**
 * The complaint state machine (domain.md WF-CS-1 / G-02, as the issue orders it):
 *
 *   RECEIVED ─ACCEPT→ ACCEPTED ─ASSIGN→ ASSIGNED ─START→ IN_PROGRESS ─RESOLVE→ RESOLVED ─REVISIT→ REVISITED ─CLOSE→ CLOSED
 *   RECEIVED | ACCEPTED ─REJECT→ REJECTED (terminal, note required)
 *   ASSIGNED | IN_PROGRESS ─ASSIGN→ ASSIGNED (re-assignment)
 *   IN_PROGRESS ─WAIT_FOR_CUSTOMER→ WAITING_ON_CUSTOMER ─CUSTOMER_REPLIED→ IN_PROGRESS (SLA paused in between)
 *   RESOLVED | REVISITED | CLOSED ─REOPEN→ IN_PROGRESS (note required)
 *
 * Closing requires a revisit (G-02: "closing requires a revisit/confirmation record").
 */
export const TRANSITIONS: Record<ComplaintAction, { from: readonly S[]; to: S }> = {
  [ComplaintAction.ACCEPT]: { from: [S.RECEIVED], to: S.ACCEPTED },
  [ComplaintAction.REJECT]: { from: [S.RECEIVED, S.ACCEPTED], to: S.REJECTED },
  [ComplaintAction.ASSIGN]: { from: [S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS], to: S.ASSIGNED },
  [ComplaintAction.START]: { from: [S.ASSIGNED], to: S.IN_PROGRESS },
  [ComplaintAction.WAIT_FOR_CUSTOMER]: { from: [S.IN_PROGRESS], to: S.WAITING_ON_CUSTOMER },
  [ComplaintAction.CUSTOMER_REPLIED]: { from: [S.WAITING_ON_CUSTOMER], to: S.IN_PROGRESS },
  [ComplaintAction.RESOLVE]: { from: [S.IN_PROGRESS], to: S.RESOLVED },
  [ComplaintAction.REVISIT]: { from: [S.RESOLVED], to: S.REVISITED },
  [ComplaintAction.CLOSE]: { from: [S.REVISITED], to: S.CLOSED },
  [ComplaintAction.REOPEN]: { from: [S.RESOLVED, S.REVISITED, S.CLOSED], to: S.IN_PROGRESS },
};

/** Statuses in which the SLA clock runs and escalation applies. */
export const OPEN_STATUSES: readonly S[] = [S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS];

export function availableActions(status: S): ComplaintAction[] {
  return (Object.keys(TRANSITIONS) as ComplaintAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

/** The canonical path from RECEIVED to `status` (used by the seed to write believable timelines). */
export function canonicalPath(status: S): ComplaintAction[] {
  const A = ComplaintAction;
  const main = [A.ACCEPT, A.ASSIGN, A.START, A.RESOLVE, A.REVISIT, A.CLOSE];
  switch (status) {
    case S.RECEIVED:
      return [];
    case S.REJECTED:
      return [A.REJECT];
    case S.WAITING_ON_CUSTOMER:
      return [A.ACCEPT, A.ASSIGN, A.START, A.WAIT_FOR_CUSTOMER];
    default: {
      const i = main.findIndex((a) => TRANSITIONS[a].to === status);
      return main.slice(0, i + 1);
    }
  }
}
