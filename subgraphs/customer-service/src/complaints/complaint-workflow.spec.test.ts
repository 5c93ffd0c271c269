import { ComplaintStatus as S } from './complaint.entity';
import { availableActions, canonicalPath, ComplaintAction as A, OPEN_STATUSES, TRANSITIONS } from './complaint-workflow';

/** The complaint state machine (domain.md WF-CS-1 / G-02), without a database. */
describe('complaint workflow table', () => {
  it.each([
    [S.RECEIVED, [A.ACCEPT, A.REJECT]],
    [S.ACCEPTED, [A.REJECT, A.ASSIGN]],
    [S.ASSIGNED, [A.ASSIGN, A.START]],
    [S.IN_PROGRESS, [A.ASSIGN, A.WAIT_FOR_CUSTOMER, A.RESOLVE]],
    [S.WAITING_ON_CUSTOMER, [A.CUSTOMER_REPLIED]],
    [S.RESOLVED, [A.REVISIT, A.REOPEN]],
    [S.REVISITED, [A.CLOSE, A.REOPEN]],
    [S.CLOSED, [A.REOPEN]],
    [S.REJECTED, []],
  ])('from %s the actions are %j', (status, actions) => {
    expect(availableActions(status).sort()).toEqual([...actions].sort());
  });

  it.each([
    [A.ACCEPT, S.ACCEPTED],
    [A.REJECT, S.REJECTED],
    [A.ASSIGN, S.ASSIGNED],
    [A.START, S.IN_PROGRESS],
    [A.WAIT_FOR_CUSTOMER, S.WAITING_ON_CUSTOMER],
    [A.CUSTOMER_REPLIED, S.IN_PROGRESS],
    [A.RESOLVE, S.RESOLVED],
    [A.REVISIT, S.REVISITED],
    [A.CLOSE, S.CLOSED],
    [A.REOPEN, S.IN_PROGRESS],
  ])('%s leads to %s', (action, to) => {
    expect(TRANSITIONS[action].to).toBe(to);
  });

  it('closing requires a revisit (G-02): only a REVISITED complaint can be closed', () => {
    expect(TRANSITIONS[A.CLOSE].from).toEqual([S.REVISITED]);
  });

  it('CS-R03: the SLA clock runs (and escalation applies) only while a complaint is open and not waiting on the customer', () => {
    expect([...OPEN_STATUSES].sort()).toEqual([S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.RECEIVED]);
  });

  it.each([
    [S.RECEIVED, []],
    [S.REJECTED, [A.REJECT]],
    [S.ACCEPTED, [A.ACCEPT]],
    [S.IN_PROGRESS, [A.ACCEPT, A.ASSIGN, A.START]],
    [S.WAITING_ON_CUSTOMER, [A.ACCEPT, A.ASSIGN, A.START, A.WAIT_FOR_CUSTOMER]],
    [S.CLOSED, [A.ACCEPT, A.ASSIGN, A.START, A.RESOLVE, A.REVISIT, A.CLOSE]],
  ])('the canonical path to %s is %j', (status, path) => {
    expect(canonicalPath(status)).toEqual(path);
  });

  it('every canonical path is walkable through the table from RECEIVED', () => {
    for (const target of Object.values(S)) {
      let at: S = S.RECEIVED;
      for (const action of canonicalPath(target)) {
        expect(TRANSITIONS[action].from).toContain(at);
        at = TRANSITIONS[action].to;
      }
      expect(at).toBe(target);
    }
  });
});
