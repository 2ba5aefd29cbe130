import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reportDrafts, rotaTasks } from '../db/schema/index.js';
import { UserError, type ButtonDef, type Ctx, type HandlerResult, type Reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { categoryMsg, summary } from './format.js';
import { noticesAsReplies } from './notices.js';
import { guessCategory } from './problem-words.js';
import { likelyDuplicates } from './queries.js';
import { checkText, meToo, openReport } from './service.js';
import { forcedPrivate, isCategory, reportConfig } from './settings.js';

/**
 * Reporting as a conversation: the bot keeps a draft per person and chat and asks, with buttons,
 * for what is missing — first whether it is one of the open reports already ("me too"), then the
 * category, the location and (in a DM) whether the group may see it. A report that turns out to be
 * private continues by DM, so the group never sees more of it.
 */

type Draft = typeof reportDrafts.$inferSelect;
const DRAFT_MS = 60 * 60_000;

export function chatKeyOf(ctx: Ctx): string {
  return ctx.event.chat.isDirect ? 'direct' : `${ctx.event.chat.platform}:${ctx.event.chat.chatId}`;
}

export function photoOfEvent(ctx: Ctx): { fileId: string; platform: string } | null {
  const e = ctx.event;
  const photo = e.kind === 'text' || e.kind === 'command' ? e.attachments?.find((a) => a.kind === 'photo') : undefined;
  return photo ? { fileId: photo.fileId, platform: ctx.platform.name } : null;
}

export async function findDraft(db: Db, personId: number, chatKey: string, now: Date): Promise<Draft | null> {
  const [d] = await db.select().from(reportDrafts).where(and(eq(reportDrafts.personId, personId), eq(reportDrafts.chatKey, chatKey)));
  return d && d.expiresAt > now ? d : null;
}

/** Starts a report from /meld, a button or free text (text and photo optional; the rest is asked). */
export async function startReport(ctx: Ctx, input: {
  text: string | null; photo: { fileId: string; platform: string } | null;
  /** Given already (a form): '' for none; undefined: asked. */
  location?: string;
}): Promise<HandlerResult> {
  if (!ctx.complex || !ctx.role) throw new UserError(msg(ctx.event.chat.isDirect ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
  const text = input.text && input.text.trim() ? checkText(input.text) : null;
  const chatKey = chatKeyOf(ctx);
  await ctx.db.delete(reportDrafts).where(and(eq(reportDrafts.personId, ctx.person.id), eq(reportDrafts.chatKey, chatKey)));
  const [draft] = await ctx.db.insert(reportDrafts).values({
    complexId: ctx.complex.id, personId: ctx.person.id, chatKey, originChatId: ctx.chat?.id ?? null, text,
    photoFileId: input.photo?.fileId ?? null, photoPlatform: input.photo?.platform ?? null, location: input.location ?? null, awaiting: 'text', expiresAt: new Date(ctx.now.getTime() + DRAFT_MS),
  }).returning();
  return advance(ctx, draft!, false);
}

async function update(ctx: Ctx, draft: Draft, set: Partial<Draft>): Promise<Draft> {
  const [d] = await ctx.db.update(reportDrafts).set({ ...set, expiresAt: new Date(ctx.now.getTime() + DRAFT_MS) }).where(eq(reportDrafts.id, draft.id)).returning();
  return d!;
}

async function areas(db: Db, complexId: number): Promise<string[]> {
  const rows = await db.selectDistinct({ area: rotaTasks.area }).from(rotaTasks).where(and(eq(rotaTasks.complexId, complexId), isNotNull(rotaTasks.area)));
  return rows.map((r) => r.area!).sort().slice(0, 6);
}

function rows(buttons: Button[], perRow = 2): Button[][] {
  const out: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

/** Asks for the next missing detail, or files the report when nothing is missing. */
async function advance(ctx: Ctx, draft: Draft, pressed: boolean): Promise<HandlerResult> {
  const ask = (body: Reply['body'], buttons?: Button[][]): Reply => ({
    body, ...(buttons ? { buttons } : {}),
    // A private report started in a group continues by DM.
    ...(draft.chatKey === 'direct' && !ctx.event.chat.isDirect ? { to: 'direct' as const } : pressed ? { editOriginal: true } : {}),
  });
  if (!draft.text) {
    await update(ctx, draft, { awaiting: 'text' });
    return ask([msg(draft.photoFileId ? 'reports.ask.textForPhoto' : 'reports.ask.text')]);
  }
  if (!draft.duplicatesChecked) {
    const dups = await likelyDuplicates(ctx.db, draft.complexId, draft.text);
    const d = await update(ctx, draft, { duplicatesChecked: true, awaiting: dups.length > 0 ? 'duplicate' : draft.awaiting });
    if (dups.length > 0) {
      return ask([msg('reports.ask.duplicate'), ...dups.map(summary)], [
        ...dups.map((r) => [{ label: msg('reports.button.meTooNumber', { number: r.number }), action: `rep:d:${d.id}:dup:${r.id}`, style: 'primary' as const }]),
        [{ label: msg('reports.button.newReport'), action: `rep:d:${d.id}:new` }],
      ]);
    }
    draft = d;
  }
  const config = await reportConfig(ctx.db, draft.complexId);
  if (!draft.category) {
    await update(ctx, draft, { awaiting: 'category' });
    // What the words plainly say is shown as the likely choice; the resident still chooses (safety escalates at once, nuisance goes private).
    const likely = draft.text ? guessCategory(draft.text) : null;
    return ask([msg('reports.ask.category')], rows(config.categories.map((c) => ({
      label: categoryMsg(c), action: `rep:d:${draft.id}:cat:${c}`, ...(c === likely ? { style: 'primary' as const } : {}),
    }))));
  }
  if (draft.location === null) {
    await update(ctx, draft, { awaiting: 'location' });
    const known = await areas(ctx.db, draft.complexId);
    return ask([msg('reports.ask.location')], rows([...known.map((a, i) => ({ label: msg('reports.option', { option: a }), action: `rep:d:${draft.id}:loc:${i}` })),
      { label: msg('reports.button.noLocation'), action: `rep:d:${draft.id}:loc:-` }]));
  }
  const isPrivate = forcedPrivate(config, draft.category);
  if (draft.chatKey === 'direct' && !isPrivate && !draft.visibility) {
    await update(ctx, draft, { awaiting: 'visibility' });
    return ask([msg('reports.ask.visibility')], [[{ label: msg('reports.button.private'), action: `rep:d:${draft.id}:vis:private`, style: 'primary' },
      { label: msg('reports.button.public'), action: `rep:d:${draft.id}:vis:public` }]]);
  }
  await ctx.db.delete(reportDrafts).where(eq(reportDrafts.id, draft.id));
  const { report, notices } = await openReport(ctx.db, {
    complexId: draft.complexId, reporterPersonId: draft.personId, text: draft.text!, category: draft.category, location: draft.location || null,
    visibility: isPrivate ? 'private' : draft.chatKey === 'direct' ? (draft.visibility === 'public' ? 'public' : 'private') : 'public',
    source: draft.chatKey === 'direct' ? 'direct' : 'group', now: ctx.now,
    photo: draft.photoFileId && draft.photoPlatform ? { fileId: draft.photoFileId, platform: draft.photoPlatform } : null, originChatId: draft.originChatId,
  });
  ctx.log.info({ reportId: report.id, complexId: report.complexId, number: report.number, category: report.category, visibility: report.visibility }, 'report opened');
  const thanks = ask([msg(report.visibility === 'private' ? 'reports.thanksPrivate' : 'reports.thanks', { number: report.number }), summary(report)]);
  return [thanks, ...await noticesAsReplies(ctx.db, notices, ctx.platform.name)];
}

/** A private category chosen in a group: the draft moves to the DM and the group sees only a neutral note. */
async function goPrivate(ctx: Ctx, draft: Draft): Promise<{ draft: Draft; note: Reply | null }> {
  if (draft.chatKey === 'direct') return { draft, note: null };
  await ctx.db.delete(reportDrafts).where(and(eq(reportDrafts.personId, draft.personId), eq(reportDrafts.chatKey, 'direct')));
  const moved = await update(ctx, draft, { chatKey: 'direct' });
  return { draft: moved, note: { body: [msg('reports.continuePrivately')], editOriginal: true } };
}

async function answerDraft(ctx: Ctx, draft: Draft, field: string, value: string | undefined): Promise<HandlerResult> {
  if (field === 'new') return advance(ctx, draft, true);
  if (field === 'dup') {
    const result = await meToo(ctx.db, Number(value), ctx.person.id, ctx.now);
    await ctx.db.delete(reportDrafts).where(eq(reportDrafts.id, draft.id));
    return [{ body: [msg(result.added ? 'reports.meTooAdded' : 'reports.meTooAlready', { number: result.report.number, count: result.report.meToo })], editOriginal: true },
      ...await noticesAsReplies(ctx.db, result.notices, ctx.platform.name)];
  }
  if (field === 'cat') {
    if (!value || !isCategory(value) || !(await reportConfig(ctx.db, draft.complexId)).categories.includes(value)) {
      throw new UserError(msg('reports.error.unknownCategory', { category: value ?? '' }));
    }
    let d = await update(ctx, draft, { category: value });
    if (forcedPrivate(await reportConfig(ctx.db, d.complexId), value)) {
      const moved = await goPrivate(ctx, d);
      d = moved.draft;
      const next = await advance(ctx, d, true);
      return moved.note ? [moved.note, ...(Array.isArray(next) ? next : next ? [next] : [])] : next;
    }
    return advance(ctx, d, true);
  }
  if (field === 'loc') {
    const known = await areas(ctx.db, draft.complexId);
    const location = value === '-' ? '' : known[Number(value)];
    if (location === undefined) throw new UserError(msg('core.error.buttonExpired'));
    return advance(ctx, await update(ctx, draft, { location }), true);
  }
  if (field === 'vis' && (value === 'public' || value === 'private')) return advance(ctx, await update(ctx, draft, { visibility: value }), true);
  throw new UserError(msg('core.error.buttonExpired'));
}

/** /annuleer and a typed "stop" (src/tenancy/cancel.ts): drops this person's report draft in this chat. */
export async function cancelDraft(ctx: Ctx): Promise<boolean> {
  const rows = await ctx.db.delete(reportDrafts)
    .where(and(eq(reportDrafts.personId, ctx.person.id), eq(reportDrafts.chatKey, chatKeyOf(ctx)), gt(reportDrafts.expiresAt, ctx.now)))
    .returning({ id: reportDrafts.id });
  return rows.length > 0;
}

/** A typed answer to the draft's question (its text, or its location). Null: the draft asks nothing typed. */
export async function draftText(ctx: Ctx, text: string): Promise<HandlerResult | null> {
  const draft = await findDraft(ctx.db, ctx.person.id, chatKeyOf(ctx), ctx.now);
  if (!draft) return null;
  if (draft.awaiting === 'text') return advance(ctx, await update(ctx, draft, { text: checkText(text) }), false);
  if (draft.awaiting === 'location') {
    const location = text.trim();
    if (location.length === 0 || location.length > 100) throw new UserError(msg('reports.error.longLocation', { max: 100 }));
    return advance(ctx, await update(ctx, draft, { location }), false);
  }
  return null;
}

export const draftButtons: ButtonDef[] = [{
  prefix: 'rep:d',
  requires: 'complex',
  async scope(ctx, [id]) {
    const [d] = await ctx.db.select().from(reportDrafts).where(eq(reportDrafts.id, Number(id) || 0));
    return d && d.expiresAt > ctx.now ? d.complexId : null;
  },
  async run(ctx, [id, field, value]) {
    const [draft] = await ctx.db.select().from(reportDrafts).where(eq(reportDrafts.id, Number(id)));
    if (!draft) throw new UserError(msg('core.error.buttonExpired'));
    if (draft.personId !== ctx.person.id) throw new UserError(msg('reports.error.notYourDraft'));
    return answerDraft(ctx, draft, field ?? '', value);
  },
}];
