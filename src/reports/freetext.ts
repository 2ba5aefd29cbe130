import type { TextHandler } from '../handler.js';
import { normalise } from '../rota/match.js';
import { promptText } from './actions.js';
import { draftText, photoOfEvent, startReport } from './flow.js';

/**
 * Free text for reports, in order: the answer to a question the bot asked about a report, the
 * answer to a draft's question, then a new problem told to the bot ("de lamp in hal B is kapot",
 * "the door of the shed is broken") — only text addressed to the bot, never group chatter.
 */

const PROBLEM = new RegExp([
  'kapot', 'stuk', 'defect', 'lekt', 'lekkage', 'verstopt', 'werkt niet', 'doet het niet', 'brandt niet', 'gaat niet (open|dicht)',
  'vies', 'smerig', 'afval', 'zwerfvuil', 'graffiti', 'schimmel', 'overlast', 'herrie', 'kapotte', 'gebroken', 'losgeraakt', 'ingebroken',
  'gaslucht', 'brandgevaar', 'onveilig', 'gevaarlijk', 'rat(ten)?', 'muizen', 'ongedierte',
  'grofvuil', 'zwerfafval', 'troep', 'rommel', 'stinkt', 'stank', 'vochtig', 'beschadigd', 'vernield', 'vandalisme', 'scherven',
  'wespennest', 'hangt los', 'zit los', 'valt steeds uit', 'geen (licht|stroom|warm water|verwarming)',
  'broken', 'leak(s|ing)?', 'rubbish', 'trash', 'garbage', 'stinks', 'damaged', 'vandali[sz]ed', 'out of order', 'flooded',
  'no (light|power|hot water|heating)', 'blocked', 'clogged', 'does ?n.t work', 'not working', 'dirty', 'litter', 'mou?ld', 'noise', 'nuisance', 'unsafe', 'dangerous', 'smells? of gas',
].map((w) => `\\b${w}\\b`).join('|'));

export function looksLikeProblem(text: string): boolean {
  return PROBLEM.test(normalise(text));
}

export const reportTextHandler: TextHandler = async (ctx, raw) => {
  const event = ctx.event;
  // A leading mention of the bot is how the text was addressed, not part of it.
  const text = raw.replace(/^\s*@\w+[,:]?\s*/, '');
  if (event.kind !== 'text') return null;
  const addressed = event.addressedToBot;
  // Answers to the bot's own questions: by DM, or addressed to it in the group.
  if (addressed) {
    const answered = await promptText(ctx, text) ?? await draftText(ctx, text);
    if (answered) return answered;
  }
  if (!addressed || !ctx.complex || !ctx.role) return null;
  const photo = photoOfEvent(ctx);
  // A photo without a word, sent to the bot by DM: start a report and ask what is wrong.
  if (photo && text.trim() === '' && event.chat.isDirect) return startReport(ctx, { text: null, photo });
  if (!looksLikeProblem(text)) return null;
  return startReport(ctx, { text, photo });
};
