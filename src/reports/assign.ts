import { eq } from 'drizzle-orm';
import { reports } from '../db/schema/index.js';
import { UserError, type ButtonDef, type Ctx, type Reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { getRole, listMembers } from '../tenancy/queries.js';
import { summary } from './format.js';
import { audit, getReport, type ReportRow } from './queries.js';

/**
 * "We handle it": the coordinator picks the resident who does it. A private report is only offered
 * to coordinators (residents would see a neighbour's private report otherwise).
 */
export async function assignQuestion(ctx: Ctx, r: ReportRow): Promise<Reply> {
  const members = (await listMembers(ctx.db, r.complexId)).filter((m) => r.visibility === 'public' || m.role === 'coordinator').slice(0, 12);
  const buttons: Button[][] = [];
  for (let i = 0; i < members.length; i += 2) {
    buttons.push(members.slice(i, i + 2).map((m) => ({ label: msg('reports.option', { option: m.displayName }), action: `rep:as:${r.id}:${m.personId}` })));
  }
  return { body: [msg('reports.ask.assignee', { number: r.number })], buttons };
}

export const assignButton: ButtonDef = {
  prefix: 'rep:as',
  requires: 'coordinator',
  async scope(ctx, [id]) {
    return (await getReport(ctx.db, Number(id) || 0))?.complexId ?? null;
  },
  async run(ctx, [id, person]) {
    const r = await getReport(ctx.db, Number(id), { lock: true });
    const personId = Number(person);
    if (!r || r.state !== 'in_progress' || r.heldBy !== 'group') throw new UserError(msg('core.error.buttonExpired'));
    const role = await getRole(ctx.db, r.complexId, personId);
    if (!role || (r.visibility === 'private' && role !== 'coordinator')) throw new UserError(msg('core.error.buttonExpired'));
    const [updated] = await ctx.db.update(reports).set({ assigneePersonId: personId }).where(eq(reports.id, r.id)).returning();
    await audit(ctx.db, { reportId: r.id, at: ctx.now, actorPersonId: ctx.person.id, actorRole: 'coordinator', action: 'assign',
      from: r.state, to: r.state });
    const [member] = (await listMembers(ctx.db, r.complexId)).filter((m) => m.personId === personId);
    const replies: Reply[] = [{ body: [msg('reports.assigned', { number: r.number, name: member?.displayName ?? '' })], editOriginal: true }];
    if (personId !== ctx.person.id) replies.push({ body: [msg('reports.assignedToYou', { number: r.number }), summary(updated!)], to: { personId } });
    return replies;
  },
};
