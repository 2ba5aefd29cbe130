/**
 * The life of a report as a pure decider: (state, who holds it, action, role) → the next state, or a
 * refusal. new → acknowledged → (in progress | escalated | rejected) → resolved → closed, with reopen.
 * "Held by" says whether residents handle it ('group') or the corporation does ('corporation', after
 * escalation): only then may a liaison act on it.
 */

export const STATES = ['new', 'acknowledged', 'in_progress', 'escalated', 'rejected', 'resolved', 'closed'] as const;
export type ReportState = (typeof STATES)[number];

export const ACTIONS = ['acknowledge', 'start', 'escalate', 'reject', 'resolve', 'ask', 'answer', 'notOurs', 'close', 'reopen'] as const;
export type ReportAction = (typeof ACTIONS)[number];

/** The reporter is a role of its own: "is it fixed?" and answers to questions are theirs. */
export const ROLES = ['reporter', 'resident', 'coordinator', 'liaison', 'system'] as const;
export type ActorRole = (typeof ROLES)[number];

export type HeldBy = 'group' | 'corporation';
export const HELD_BY: readonly HeldBy[] = ['group', 'corporation'];

export interface ReportFacts { state: ReportState; heldBy: HeldBy; waiting: boolean }

export type Decision =
  | { ok: true; to: ReportState; heldBy: HeldBy }
  | { ok: false; reason: 'closed' | 'notAllowed' | 'notNow' };

/** States in which a report still needs someone to act. */
export const OPEN_STATES: readonly ReportState[] = ['new', 'acknowledged', 'in_progress', 'escalated'];

export function isOpen(state: ReportState): boolean {
  return OPEN_STATES.includes(state);
}

const allowed = (ok: boolean, to: ReportState, heldBy: HeldBy): Decision => (ok ? { ok: true, to, heldBy } : { ok: false, reason: 'notAllowed' });

/**
 * The transition table. Every (state, action) pair is handled; roles outside the allowed set are
 * refused with 'notAllowed', pairs that make no sense in a state with 'notNow' (or 'closed').
 */
export function decide(facts: ReportFacts, action: ReportAction, role: ActorRole): Decision {
  const { state, heldBy } = facts;
  const coordinator = role === 'coordinator';
  const liaisonHolds = role === 'liaison' && heldBy === 'corporation';
  const notNow: Decision = { ok: false, reason: state === 'closed' ? 'closed' : 'notNow' };
  switch (action) {
    case 'acknowledge':
      // Coordinators acknowledge a new report; the liaison acknowledges one the corporation now holds.
      if (state === 'new') return allowed(coordinator, 'acknowledged', heldBy);
      if (state === 'escalated') return allowed(liaisonHolds, 'escalated', heldBy);
      return notNow;
    case 'start':
      // Handling it: a coordinator within the group (assigning a resident), or the liaison.
      if (state === 'new' || state === 'acknowledged') return allowed(coordinator && heldBy === 'group', 'in_progress', heldBy);
      if (state === 'escalated') return allowed(liaisonHolds, 'in_progress', heldBy);
      return notNow;
    case 'escalate':
      if ((state === 'new' || state === 'acknowledged' || state === 'in_progress') && heldBy === 'group') {
        return allowed(coordinator || role === 'system', 'escalated', 'corporation');
      }
      return notNow;
    case 'reject':
      if (state === 'new' || state === 'acknowledged') return allowed(coordinator && heldBy === 'group', 'rejected', heldBy);
      return notNow;
    case 'resolve':
      if (state === 'new' || state === 'acknowledged' || state === 'in_progress' || state === 'escalated') {
        return allowed(heldBy === 'corporation' ? liaisonHolds || coordinator : coordinator, 'resolved', heldBy);
      }
      return notNow;
    case 'ask':
      // The liaison asks the reporter for more information; the clock pauses until the answer.
      if ((state === 'escalated' || state === 'in_progress') && heldBy === 'corporation' && !facts.waiting) return allowed(liaisonHolds, state, heldBy);
      return notNow;
    case 'answer':
      if (facts.waiting && isOpen(state)) return allowed(role === 'reporter', state, heldBy);
      return notNow;
    case 'notOurs':
      // Not the corporation's job: back to the coordinators.
      if ((state === 'escalated' || state === 'in_progress') && heldBy === 'corporation') return allowed(liaisonHolds, 'acknowledged', 'group');
      return notNow;
    case 'close':
      // "Is it fixed?" yes (reporter), a coordinator, or the clock when nobody answers.
      if (state === 'resolved') return allowed(role === 'reporter' || coordinator || role === 'system', 'closed', heldBy);
      return notNow;
    case 'reopen':
      // "Is it fixed?" no goes back to whoever held it; a coordinator may reopen a rejected or closed one.
      if (state === 'resolved') return allowed(role === 'reporter' || coordinator, heldBy === 'corporation' ? 'escalated' : 'acknowledged', heldBy);
      if (state === 'rejected' || state === 'closed') return allowed(coordinator, heldBy === 'corporation' ? 'escalated' : 'acknowledged', heldBy);
      return notNow;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

/** Who sees a report: private ones only the reporter, coordinators and (held by the corporation) the liaison. */
export function canSee(report: { visibility: string; reporterPersonId: number | null; heldBy: HeldBy },
  viewer: { personId: number; role: 'resident' | 'coordinator' | null; liaison: boolean }): boolean {
  if (report.visibility === 'public' && viewer.role !== null) return true;
  if (viewer.role === 'coordinator' || report.reporterPersonId === viewer.personId) return true;
  return viewer.liaison && report.heldBy === 'corporation';
}

/** Priority from the category and the number of "me too"s: safety first, then by count. */
export function priority(category: string, meToo: number): 'high' | 'normal' {
  return category === 'safety' || meToo >= 3 ? 'high' : 'normal';
}
