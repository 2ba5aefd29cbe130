import { and, desc, eq, inArray } from 'drizzle-orm';
import { reports } from '../db/schema/index.js';
import type { Ctx, HandlerResult } from '../handler.js';
import { msg } from '../i18n/index.js';
import { normalise } from '../rota/match.js';
import { show } from './commands.js';
import { listLine } from './format.js';
import { OPEN_STATES } from './rules.js';

/**
 * "Hoe staat het met mijn melding?", "any news on my report?", "status of report 3": a resident asking
 * after their reports. With a number the answer is that report exactly as `/melding <nr>` shows it (the
 * same code, so the same rules on who sees what); without one, the asker's own open reports.
 */

// The report the question is about: "melding", "my report" (not the verb: "I want to report what happened"), or what was done: "gemeld", "reported".
const ABOUT = /\b(melding(en)?|klacht(en)?|gemeld|reported)\b|\b(my|the|our|this|that) (reports?|complaints?)\b|\b(reports?|complaints?) #?\d/;
const ASKS = new RegExp([
  'hoe staat het', 'hoe zit het', 'hoe is het met', 'hoe ver', 'hoever', 'status', 'stand van zaken', 'nieuws', 'update', 'gehoord',
  'gebeurd', 'wat is er met', 'wat gebeurt er', 'wordt er (al )?iets', 'al (iets )?(opgepakt|opgelost|gemaakt|gerepareerd|behandeld|bekeken|gezien|doorgegeven|verholpen)',
  'news', 'progress', 'what happened', 'happening', 'heard', 'any word', 'fixed yet', 'picked up', 'been (fixed|handled|looked at|seen|done)', 'how is', "how's", 'where are we',
].map((x) => `\\b${x}\\b`).join('|'));
const NUMBER = /\b(?:melding|klacht|report|complaint)\s*(?:nr\.?|nummer|number|no\.?)?\s*#?(\d+)\b|#(\d+)\b/;
/** Shown in one answer; the rest is counted ("en nog 2"). */
const LIMIT = 5;

/** The question asked, or null when the text asks nothing about reports. */
export function statusQuestion(text: string): { number: number | null } | null {
  const t = normalise(text).replace(/\s+/g, ' ');
  if (!ABOUT.test(t) || !ASKS.test(t)) return null;
  const m = NUMBER.exec(t);
  return { number: m ? Number(m[1] ?? m[2]) : null };
}

/** The answer: one report by number, else the asker's open reports. Null: not a member here (the general answer follows). */
export async function answerStatus(ctx: Ctx, question: { number: number | null }): Promise<HandlerResult | null> {
  if (question.number !== null) return show(ctx, String(question.number));
  if (!ctx.complex || !ctx.role) return null;
  const mine = await ctx.db.select().from(reports)
    .where(and(eq(reports.complexId, ctx.complex.id), eq(reports.reporterPersonId, ctx.person.id), inArray(reports.state, [...OPEN_STATES, 'resolved'])))
    .orderBy(desc(reports.number));
  if (mine.length === 0) return { body: [msg('reports.mine.none')] };
  const shown = mine.slice(0, LIMIT);
  const body = [msg('reports.mine.title', { count: mine.length }), ...shown.map(listLine)];
  if (mine.length > shown.length) body.push(msg('reports.mine.more', { count: mine.length - shown.length }));
  body.push(msg('reports.mine.detailHint', { number: shown[0]!.number }));
  // A private report's text is for the asker alone: asked in a group, the answer goes by DM, as /melding does.
  const anyPrivate = shown.some((r) => r.visibility === 'private');
  return { body, ...(anyPrivate && !ctx.event.chat.isDirect ? { to: 'direct' as const } : {}) };
}
