import type { Button } from '../platform.js';
import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import type { OccurrenceView } from './queries.js';
import { wallTime } from '../time/zone.js';

/** Dates are built from message keys, so each reader sees them in their own language. */
export function dayMsg(date: string): Msg {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return msg('rota.day', { wd: msg(`rota.wd.${wd}` as MessageKey), day: d, mon: msg(`rota.mon.${m}` as MessageKey) });
}

export function whenMsg(instant: Date, tz: string): Msg {
  const w = wallTime(instant, tz);
  return msg('rota.when', {
    wd: msg(`rota.wd.${w.weekday}` as MessageKey), day: w.day, mon: msg(`rota.mon.${w.month}` as MessageKey),
    time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
  });
}

/** "Trappenhuis A vegen, za 28 nov 10:00" */
export function occMsg(occ: Pick<OccurrenceView, 'task' | 'dueAt'>, tz: string): Msg {
  return msg('rota.occ', { task: occ.task, when: whenMsg(occ.dueAt, tz) });
}

export function openSlots(occ: OccurrenceView): number {
  return occ.status === 'open' ? Math.max(0, occ.people - occ.claims.length) : 0;
}

/** One line of the rota: when, task, who, and what is still open. */
export function rotaLine(occ: OccurrenceView, tz: string): Msg {
  const names = occ.claims.map((c) => c.name).join(', ');
  const open = openSlots(occ);
  let who: Msg;
  if (occ.status === 'done') who = msg('rota.view.done', { names: names || '—' });
  else if (occ.status === 'missed') who = msg('rota.view.missed');
  else if (open === 0) who = msg('rota.view.names', { names });
  else if (names) who = msg('rota.view.namesOpen', { names, open });
  else who = msg('rota.view.open', { open });
  return msg('rota.view.line', { when: whenMsg(occ.dueAt, tz), task: occ.task, who });
}

export const MAX_BUTTONS = 8;

/** A claim button per open occurrence (as many as fit), labelled with task and date ('rota:cv' under /rooster). */
export function claimButtons(occs: OccurrenceView[], tz: string, max = MAX_BUTTONS, prefix = 'rota:c'): Button[][] {
  return occs.filter((o) => openSlots(o) > 0).slice(0, max)
    .map((o) => [{ label: msg('rota.button.claim', { occ: occMsg(o, tz) }), action: `${prefix}:${o.id}`, style: 'primary' as const }]);
}
