import { describe, expect, it } from 'vitest';
import { ACTIONS, decide, HELD_BY, ROLES, STATES, canSee, type ActorRole, type HeldBy, type ReportState } from '../../src/reports/rules.js';

/**
 * The transition table, written out independently of the decider: every allowed
 * (state, held by, action) with its roles and outcome. Everything not listed must be refused.
 * `waiting`: only with the reporter's answer outstanding (ask/answer depend on it).
 */
type Row = { roles: ActorRole[]; to: ReportState; heldBy: HeldBy; waiting?: boolean };
const T: Record<string, Row> = {
  // Residents hold it.
  'new/group/acknowledge': { roles: ['coordinator'], to: 'acknowledged', heldBy: 'group' },
  'new/group/start': { roles: ['coordinator'], to: 'in_progress', heldBy: 'group' },
  'new/group/escalate': { roles: ['coordinator', 'system'], to: 'escalated', heldBy: 'corporation' },
  'new/group/reject': { roles: ['coordinator'], to: 'rejected', heldBy: 'group' },
  'new/group/resolve': { roles: ['coordinator'], to: 'resolved', heldBy: 'group' },
  'acknowledged/group/start': { roles: ['coordinator'], to: 'in_progress', heldBy: 'group' },
  'acknowledged/group/escalate': { roles: ['coordinator', 'system'], to: 'escalated', heldBy: 'corporation' },
  'acknowledged/group/reject': { roles: ['coordinator'], to: 'rejected', heldBy: 'group' },
  'acknowledged/group/resolve': { roles: ['coordinator'], to: 'resolved', heldBy: 'group' },
  'in_progress/group/escalate': { roles: ['coordinator', 'system'], to: 'escalated', heldBy: 'corporation' },
  'in_progress/group/resolve': { roles: ['coordinator'], to: 'resolved', heldBy: 'group' },
  'escalated/group/resolve': { roles: ['coordinator'], to: 'resolved', heldBy: 'group' },
  'rejected/group/reopen': { roles: ['coordinator'], to: 'acknowledged', heldBy: 'group' },
  'resolved/group/close': { roles: ['reporter', 'coordinator', 'system'], to: 'closed', heldBy: 'group' },
  'resolved/group/reopen': { roles: ['reporter', 'coordinator'], to: 'acknowledged', heldBy: 'group' },
  'closed/group/reopen': { roles: ['coordinator'], to: 'acknowledged', heldBy: 'group' },
  // The corporation holds it.
  'new/corporation/acknowledge': { roles: ['coordinator'], to: 'acknowledged', heldBy: 'corporation' },
  'new/corporation/resolve': { roles: ['coordinator', 'liaison'], to: 'resolved', heldBy: 'corporation' },
  'acknowledged/corporation/resolve': { roles: ['coordinator', 'liaison'], to: 'resolved', heldBy: 'corporation' },
  'escalated/corporation/acknowledge': { roles: ['liaison'], to: 'escalated', heldBy: 'corporation' },
  'escalated/corporation/start': { roles: ['liaison'], to: 'in_progress', heldBy: 'corporation' },
  'escalated/corporation/resolve': { roles: ['coordinator', 'liaison'], to: 'resolved', heldBy: 'corporation' },
  'escalated/corporation/ask': { roles: ['liaison'], to: 'escalated', heldBy: 'corporation', waiting: false },
  'escalated/corporation/notOurs': { roles: ['liaison'], to: 'acknowledged', heldBy: 'group' },
  'in_progress/corporation/resolve': { roles: ['coordinator', 'liaison'], to: 'resolved', heldBy: 'corporation' },
  'in_progress/corporation/ask': { roles: ['liaison'], to: 'in_progress', heldBy: 'corporation', waiting: false },
  'in_progress/corporation/notOurs': { roles: ['liaison'], to: 'acknowledged', heldBy: 'group' },
  'rejected/corporation/reopen': { roles: ['coordinator'], to: 'escalated', heldBy: 'corporation' },
  'resolved/corporation/close': { roles: ['reporter', 'coordinator', 'system'], to: 'closed', heldBy: 'corporation' },
  'resolved/corporation/reopen': { roles: ['reporter', 'coordinator'], to: 'escalated', heldBy: 'corporation' },
  'closed/corporation/reopen': { roles: ['coordinator'], to: 'escalated', heldBy: 'corporation' },
};
// The reporter's answer, while waiting, in every open state.
for (const state of ['new', 'acknowledged', 'in_progress', 'escalated'] as const) {
  for (const heldBy of HELD_BY) T[`${state}/${heldBy}/answer`] = { roles: ['reporter'], to: state, heldBy, waiting: true };
}

describe('report transitions (decider)', () => {
  it('is exhaustive over state × held by × action × role × waiting, exactly as the table says', () => {
    let checked = 0;
    for (const state of STATES) for (const heldBy of HELD_BY) for (const action of ACTIONS) for (const role of ROLES) for (const waiting of [false, true]) {
      const row = T[`${state}/${heldBy}/${action}`];
      const decision = decide({ state, heldBy, waiting }, action, role);
      const allowed = row !== undefined && row.roles.includes(role) && (row.waiting === undefined || row.waiting === waiting);
      const what = `${state}/${heldBy}/${action} by ${role}${waiting ? ' (waiting)' : ''}`;
      if (allowed) expect(decision, what).toEqual({ ok: true, to: row.to, heldBy: row.heldBy });
      else expect(decision.ok, what).toBe(false);
      checked++;
    }
    expect(checked).toBe(STATES.length * 2 * ACTIONS.length * ROLES.length * 2);
  });

  it('says why: a closed report is closed, a wrong role is not allowed, a wrong moment is not now', () => {
    expect(decide({ state: 'closed', heldBy: 'group', waiting: false }, 'resolve', 'coordinator')).toEqual({ ok: false, reason: 'closed' });
    expect(decide({ state: 'new', heldBy: 'group', waiting: false }, 'acknowledge', 'resident')).toEqual({ ok: false, reason: 'notAllowed' });
    // A liaison cannot act on a report the corporation does not hold.
    expect(decide({ state: 'new', heldBy: 'group', waiting: false }, 'resolve', 'liaison')).toEqual({ ok: false, reason: 'notAllowed' });
    expect(decide({ state: 'resolved', heldBy: 'group', waiting: false }, 'acknowledge', 'coordinator')).toEqual({ ok: false, reason: 'notNow' });
  });

  it('who sees a report: private ones only the reporter, coordinators and the liaison once the corporation holds it', () => {
    const priv = { visibility: 'private', reporterPersonId: 1, heldBy: 'group' as const };
    expect(canSee(priv, { personId: 2, role: 'resident', liaison: false })).toBe(false);
    expect(canSee(priv, { personId: 1, role: 'resident', liaison: false })).toBe(true);
    expect(canSee(priv, { personId: 3, role: 'coordinator', liaison: false })).toBe(true);
    expect(canSee(priv, { personId: 4, role: null, liaison: true })).toBe(false);
    expect(canSee({ ...priv, heldBy: 'corporation' }, { personId: 4, role: null, liaison: true })).toBe(true);
    expect(canSee({ ...priv, visibility: 'public' }, { personId: 2, role: 'resident', liaison: false })).toBe(true);
  });
});
