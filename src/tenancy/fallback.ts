import type { Capability, QuickAction } from '../capability.js';
import type { TextHandler } from '../handler.js';
import { conversation } from '../i18n/messages/conversation.js';
import { reply } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { bestMatches, matchTasks, normalise } from '../rota/match.js';
import { listTasks } from '../rota/queries.js';

/**
 * Addressed means answered: text meant for the bot (a DM, a mention, a reply to the bot, the console)
 * that no other handler took gets a short answer in the person's language — what was understood, what
 * the bot can do here, and buttons for the frequent actions. Its capability is the last of the list, so
 * every other text handler sees the text first. Unaddressed group text stays silent unless it clearly speaks to the bot ("bot, …").
 * Text with a file attached is left to the feature hooks (beheerplan upload).
 */

const GREETING = /^(hoi|hallo|hai|hey|hi|hello|goedemorgen|goedemiddag|goedenavond|morning|good (morning|afternoon|evening)|yo|dag|moi|heej|hee)\b/;
const TO_THE_BOT = /^(hey |hoi |hallo |hi |hello |beste )?(bot|zelfbeheerbot|zelfbeheer-bot)\b/;
// Said after an answer: a short reply, not the list of what the bot can do.
const THANKS = /^(bedankt|dank ?je|dank ?u|dankjewel|dankuwel|thanks|thank you|thx|merci)( (wel|hoor|bot|allemaal|so much|a lot|very much))*[\s!.]*[🙏🙂😊👍]*$/u;
const ACKNOWLEDGED = /^((ok|oke|okay|prima|top|super|fijn|mooi|helder|duidelijk|great|nice|cool|perfect)[\s!.]*|[\s👍👌🙂😊]+)$/u;
// Asking what the bot does is not something it failed to understand.
const ASKS_HELP = /^(help|hulp|helpen|menu|wat kan je|wat kun je|wat doe je|hoe werkt (dit|het)|what can you do|what do you do|how does (this|it) work)\b/;

/** Whether text in a group that is not addressed is clearly meant for the bot anyway. */
export function clearlyForBot(text: string): boolean {
  return TO_THE_BOT.test(normalise(text).trim());
}

/** The general answer for addressed text, built from what the other capabilities offer here. */
function fallbackTextHandler(quick: readonly QuickAction[]): TextHandler {
  return async (ctx, text) => {
    const event = ctx.event;
    if (event.kind !== 'text' || (event.attachments?.length ?? 0) > 0) return null;
    if (!event.addressedToBot && !clearlyForBot(text)) return null;
    const t = normalise(text).replace(/@\w+/g, ' ').trim().replace(/^(bot|zelfbeheerbot)[,!]?\s*/, '').trim();
    if (THANKS.test(t)) return reply(msg('fallback.thanks'));
    if (ACKNOWLEDGED.test(t) && t !== '') return reply(msg('fallback.acknowledged'));
    const body: Msg[] = [];
    if (GREETING.test(t)) body.push(msg('fallback.greeting', { name: ctx.person.displayName.split(' ')[0] ?? '' }));
    if (!ctx.complex || !ctx.role) {
      // The corporation's liaison is no resident: what the bot does for them, not how to join a complex.
      body.push(msg(ctx.liaisonOf.length > 0 ? 'fallback.liaison' : 'fallback.noComplex'));
      return reply(body);
    }
    const tasks = await listTasks(ctx.db, ctx.complex.id);
    const seen = bestMatches(matchTasks(text, tasks)).map((m) => tasks.find((task) => task.id === m.taskId)!.name);
    if (seen.length > 0) body.push(msg('fallback.sawTask', { task: seen.join(' / ') }));
    else if (body.length === 0 && !ASKS_HELP.test(t)) body.push(msg('fallback.notUnderstood'));
    body.push(msg('fallback.canDo'), ...quick.flatMap((q) => (q.hint ? [msg(q.hint)] : [])), msg('fallback.more'));
    const buttons: Button[] = quick.flatMap((q) => (q.button ? [{ label: msg(q.button.label), action: q.button.action, ...(q.button.style ? { style: q.button.style } : {}) }] : []));
    // Two buttons per row: short labels stay readable on a phone.
    const rows: Button[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    return reply(body, { buttons: rows });
  };
}

/** The general answer: the last capability of src/capabilities.ts, offering what the others offer. */
export function fallbackCapability(others: readonly Capability[]): Capability {
  return {
    name: 'fallback',
    text: [fallbackTextHandler(others.flatMap((c) => c.quickActions ?? []))],
    messages: [conversation],
  };
}
