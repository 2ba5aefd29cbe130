import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { formatLongDateTime } from '../time/zone.js';
import type { ReportEventRow, ReportRow } from './queries.js';
import type { ReportState } from './rules.js';
import type { Category } from './settings.js';

export const CATEGORY_KEYS: Record<Category, MessageKey> = {
  cleaning: 'reports.category.cleaning', garden: 'reports.category.garden', maintenance: 'reports.category.maintenance',
  nuisance: 'reports.category.nuisance', safety: 'reports.category.safety', contractor: 'reports.category.contractor', other: 'reports.category.other',
};

export const STATE_KEYS: Record<ReportState, MessageKey> = {
  new: 'reports.state.new', acknowledged: 'reports.state.acknowledged', in_progress: 'reports.state.in_progress',
  escalated: 'reports.state.escalated', rejected: 'reports.state.rejected', resolved: 'reports.state.resolved', closed: 'reports.state.closed',
};

export function categoryMsg(category: string): Msg {
  return msg(CATEGORY_KEYS[category as Category] ?? 'reports.category.other');
}

export function stateMsg(state: string): Msg {
  return msg(STATE_KEYS[state as ReportState] ?? 'reports.state.new');
}

/** "#3 · Onderhoud · hal B: de lamp is kapot" */
export function summary(r: ReportRow): Msg {
  return r.location
    ? msg('reports.summaryAt', { number: r.number, category: categoryMsg(r.category), location: r.location, text: r.text })
    : msg('reports.summary', { number: r.number, category: categoryMsg(r.category), text: r.text });
}

/** A line of a list of reports: "• #3 · Onderhoud: de lamp is kapot — nieuw, 2 × ik ook". */
export function listLine(r: ReportRow): Msg {
  return msg('reports.listLine', { state: stateMsg(r.state), count: r.meToo, summary: summary(r) });
}

/** The name of the thread under a public report's group post: "Melding #3 · de lamp is kapot". */
export function threadName(r: ReportRow): Msg {
  return msg('reports.thread', { number: r.number, text: r.text ?? '' });
}

/** The number only: what a group sees of a private report (never its text). */
export function numberOnly(r: ReportRow): Msg {
  return msg('reports.numberOnly', { number: r.number });
}

export function historyLines(events: (ReportEventRow & { actorName: string | null })[], tz: string, lang: string): Msg[] {
  return events.map((e) => msg(e.note ? 'reports.historyLineNote' : 'reports.historyLine', {
    when: formatLongDateTime(e.at, tz, lang), state: stateMsg(e.toState), who: e.actorName ?? msg(e.actorRole === 'system' ? 'reports.actor.system' : e.actorRole === 'liaison' ? 'reports.actor.corporationSystem' : 'reports.actor.unknown'),
    ...(e.note ? { note: e.note } : {}),
  }));
}

export function meTooButton(r: ReportRow): Button[][] {
  const label = r.meToo > 0 ? msg('reports.button.meTooCount', { count: r.meToo }) : msg('reports.button.meToo');
  return [[{ label, action: `rep:mt:${r.id}` }]];
}

export function triageButtons(r: ReportRow): Button[][] {
  return [
    [{ label: msg('reports.button.acknowledge'), action: `rep:t:${r.id}:acknowledge`, style: 'primary' }, { label: msg('reports.button.handle'), action: `rep:t:${r.id}:start` }],
    [{ label: msg('reports.button.escalate'), action: `rep:t:${r.id}:escalate` }, { label: msg('reports.button.reject'), action: `rep:t:${r.id}:reject`, style: 'danger' }],
  ];
}

export function liaisonButtons(r: ReportRow): Button[][] {
  return [
    [{ label: msg('reports.button.acknowledge'), action: `rep:l:${r.id}:acknowledge`, style: 'primary' }, { label: msg('reports.button.inProgress'), action: `rep:l:${r.id}:start` }],
    [{ label: msg('reports.button.ask'), action: `rep:l:${r.id}:ask` }, { label: msg('reports.button.resolved'), action: `rep:l:${r.id}:resolve` }],
    [{ label: msg('reports.button.notOurs'), action: `rep:l:${r.id}:notOurs`, style: 'danger' }],
  ];
}

export function fixedButtons(r: ReportRow): Button[][] {
  return [[{ label: msg('reports.button.fixedYes'), action: `rep:fx:${r.id}:1` }, { label: msg('reports.button.fixedNo'), action: `rep:fx:${r.id}:0` }]];
}
