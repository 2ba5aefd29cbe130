import { describe, expect, it } from 'vitest';
import {
  decideCheckout, decideHandover, decideRenew, decideReserve, decideReturn, decideWait, maxLoanHours, statusOf, type ItemState,
} from '../../src/loans/rules.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const h = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const given = (patch: Partial<ItemState> = {}, item: Partial<ItemState['item']> = {}): ItemState => ({
  item: { id: 1, name: 'Ladder', condition: 'ok', needsApproval: false, loanHours: 24, archived: false, ...item },
  openLoan: null, reservations: [], hold: null, ...patch,
});
const loanOf = (personId: number, dueAt = h(5), renewals = 0) => ({ id: 9, borrowerPersonId: personId, outAt: h(-1), dueAt, renewals, handoverTo: null });
const request = (patch = {}) => ({ personId: 2, dueAt: null, overdueElsewhere: false, coordinator: false, approved: false, ...patch });

describe('check-out decider', () => {
  it('given a free item, when borrowed without a time, then lent for the usual length', () => {
    expect(decideCheckout(given(), request(), NOW)).toEqual({ kind: 'lend', dueAt: h(24), usesReservationId: null });
  });
  it('given an item someone has, then refused naming the holder and due time', () => {
    expect(decideCheckout(given({ openLoan: loanOf(7) }), request(), NOW)).toEqual({ kind: 'refuse', reason: 'out', holderPersonId: 7, dueAt: h(5) });
    expect(decideCheckout(given({ openLoan: loanOf(2) }), request(), NOW)).toEqual({ kind: 'refuse', reason: 'already_yours' });
  });
  it('refuses a due time in the past and beyond the item maximum', () => {
    expect(decideCheckout(given(), request({ dueAt: h(-1) }), NOW)).toEqual({ kind: 'refuse', reason: 'due_past' });
    expect(maxLoanHours({ loanHours: 24 })).toBe(168);
    expect(maxLoanHours({ loanHours: 24 * 10 })).toBe(720);
    expect(decideCheckout(given(), request({ dueAt: h(169) }), NOW)).toEqual({ kind: 'refuse', reason: 'due_too_far', maxHours: 168 });
  });
  it('refuses items under repair, lost or archived', () => {
    expect(decideCheckout(given({}, { condition: 'repair' }), request(), NOW)).toMatchObject({ reason: 'repair' });
    expect(decideCheckout(given({}, { condition: 'lost' }), request(), NOW)).toMatchObject({ reason: 'lost' });
    expect(decideCheckout(given({}, { archived: true }), request(), NOW)).toMatchObject({ reason: 'archived' });
  });
  it('refuses across someone else\'s reservation, but lends inside your own', () => {
    const r = { id: 4, personId: 5, startsAt: h(2), endsAt: h(6) };
    expect(decideCheckout(given({ reservations: [r] }), request(), NOW)).toEqual({ kind: 'refuse', reason: 'reserved', byPersonId: 5, startsAt: h(2), endsAt: h(6) });
    expect(decideCheckout(given({ reservations: [r] }), request({ dueAt: h(2) }), NOW)).toMatchObject({ kind: 'lend' });
    const mine = { id: 4, personId: 2, startsAt: h(-1), endsAt: h(6) };
    expect(decideCheckout(given({ reservations: [mine] }), request(), NOW)).toEqual({ kind: 'lend', dueAt: h(24), usesReservationId: 4 });
  });
  it('a waitlist hold keeps the item for the one who waited', () => {
    const hold = { personId: 5, holdUntil: h(1) };
    expect(decideCheckout(given({ hold }), request(), NOW)).toEqual({ kind: 'refuse', reason: 'held', byPersonId: 5, until: h(1) });
    expect(decideCheckout(given({ hold }), request({ personId: 5 }), NOW)).toMatchObject({ kind: 'lend' });
  });
  it('an overdue borrower is blocked unless a coordinator lends; approval items become a request', () => {
    expect(decideCheckout(given(), request({ overdueElsewhere: true }), NOW)).toEqual({ kind: 'refuse', reason: 'overdue_elsewhere' });
    expect(decideCheckout(given(), request({ overdueElsewhere: true, coordinator: true }), NOW)).toMatchObject({ kind: 'lend' });
    expect(decideCheckout(given({}, { needsApproval: true }), request(), NOW)).toEqual({ kind: 'request', dueAt: h(24) });
    expect(decideCheckout(given({}, { needsApproval: true }), request({ approved: true }), NOW)).toMatchObject({ kind: 'lend' });
  });
});

describe('return, renew, hand-over, reserve and wait deciders', () => {
  it('only the holder returns; a coordinator may, with a note; broken means repair', () => {
    const state = given({ openLoan: loanOf(7) });
    expect(decideReturn(given(), { personId: 7, coordinator: false, condition: 'ok', note: null })).toEqual({ kind: 'refuse', reason: 'not_out' });
    expect(decideReturn(state, { personId: 2, coordinator: false, condition: 'ok', note: null })).toEqual({ kind: 'refuse', reason: 'not_holder' });
    expect(decideReturn(state, { personId: 2, coordinator: true, condition: 'ok', note: null })).toEqual({ kind: 'refuse', reason: 'note_needed' });
    expect(decideReturn(state, { personId: 2, coordinator: true, condition: 'ok', note: 'lag in de schuur' })).toEqual({ kind: 'return', loanId: 9, forced: true, repair: false });
    expect(decideReturn(state, { personId: 7, coordinator: false, condition: 'broken', note: null })).toEqual({ kind: 'return', loanId: 9, forced: false, repair: true });
  });
  it('renews once by the usual length, not into someone else\'s reservation', () => {
    expect(decideRenew(given({ openLoan: loanOf(2) }), 2, NOW)).toEqual({ kind: 'renew', loanId: 9, dueAt: h(29) });
    expect(decideRenew(given({ openLoan: loanOf(2, h(5), 1) }), 2, NOW)).toEqual({ kind: 'refuse', reason: 'renewed_once' });
    expect(decideRenew(given({ openLoan: loanOf(7) }), 2, NOW)).toEqual({ kind: 'refuse', reason: 'not_holder' });
    const r = { id: 4, personId: 5, startsAt: h(10), endsAt: h(12) };
    expect(decideRenew(given({ openLoan: loanOf(2), reservations: [r] }), 2, NOW)).toEqual({ kind: 'refuse', reason: 'reserved', byPersonId: 5, startsAt: h(10) });
  });
  it('hands over only what you hold, to someone else', () => {
    expect(decideHandover(given({ openLoan: loanOf(2) }), 2, 3)).toEqual({ kind: 'offer', loanId: 9 });
    expect(decideHandover(given({ openLoan: loanOf(2) }), 2, 2)).toEqual({ kind: 'refuse', reason: 'self' });
    expect(decideHandover(given({ openLoan: loanOf(7) }), 2, 3)).toEqual({ kind: 'refuse', reason: 'not_holder' });
  });
  it('reservations: no overlap (touching is fine), no past, bounded length and horizon', () => {
    const r = { id: 4, personId: 5, startsAt: h(10), endsAt: h(12) };
    const state = given({ reservations: [r] });
    expect(decideReserve(state, { personId: 2, startsAt: h(11), endsAt: h(13) }, NOW)).toEqual({ kind: 'refuse', reason: 'overlap', byPersonId: 5, startsAt: h(10), endsAt: h(12) });
    expect(decideReserve(state, { personId: 2, startsAt: h(12), endsAt: h(13) }, NOW)).toEqual({ kind: 'reserve' });
    expect(decideReserve(state, { personId: 2, startsAt: h(13), endsAt: h(13) }, NOW)).toEqual({ kind: 'refuse', reason: 'bad_window' });
    expect(decideReserve(state, { personId: 2, startsAt: h(-3), endsAt: h(-1) }, NOW)).toEqual({ kind: 'refuse', reason: 'past' });
    expect(decideReserve(state, { personId: 2, startsAt: h(20), endsAt: h(20 + 15 * 24) }, NOW)).toEqual({ kind: 'refuse', reason: 'too_long' });
    expect(decideReserve(state, { personId: 2, startsAt: h(91 * 24), endsAt: h(91 * 24 + 1) }, NOW)).toEqual({ kind: 'refuse', reason: 'too_far_ahead' });
    // Not before someone else's due time; from it on, or by the holder themselves, it is fine.
    const out = given({ openLoan: loanOf(7, h(5)) });
    expect(decideReserve(out, { personId: 2, startsAt: h(4), endsAt: h(8) }, NOW)).toEqual({ kind: 'refuse', reason: 'out', holderPersonId: 7, dueAt: h(5) });
    expect(decideReserve(out, { personId: 2, startsAt: h(5), endsAt: h(8) }, NOW)).toEqual({ kind: 'reserve' });
    expect(decideReserve(out, { personId: 7, startsAt: h(4), endsAt: h(8) }, NOW)).toEqual({ kind: 'reserve' });
  });
  it('waiting makes sense only for an item that is not available', () => {
    expect(decideWait(given(), 2, NOW)).toEqual({ kind: 'refuse', reason: 'available' });
    expect(decideWait(given({ openLoan: loanOf(7) }), 2, NOW)).toEqual({ kind: 'wait' });
    expect(decideWait(given({ openLoan: loanOf(2) }), 2, NOW)).toEqual({ kind: 'refuse', reason: 'holder' });
    expect(decideWait(given({}, { condition: 'repair' }), 2, NOW)).toEqual({ kind: 'wait' });
  });
  it('status: repair and lost first, then out, then reserved now', () => {
    expect(statusOf(given({ openLoan: loanOf(7) }, { condition: 'repair' }), NOW)).toBe('repair');
    expect(statusOf(given({ openLoan: loanOf(7) }), NOW)).toBe('out');
    expect(statusOf(given({ reservations: [{ id: 1, personId: 5, startsAt: h(-1), endsAt: h(1) }] }), NOW)).toBe('reserved');
    expect(statusOf(given({ reservations: [{ id: 1, personId: 5, startsAt: h(1), endsAt: h(2) }] }), NOW)).toBe('available');
  });
});
