import type { TextHandler } from '../handler.js';
import { promptText } from './actions.js';
import { draftText, photoOfEvent, startReport } from './flow.js';
import { looksLikeProblem } from './problem-words.js';
import { answerStatus, statusQuestion } from './status.js';

export { looksLikeProblem } from './problem-words.js';

/**
 * Free text for reports, in order: the answer to a question the bot asked about a report, a question
 * after one's reports ("hoe staat het met mijn melding?"), the answer to a draft's question,
 * then a new problem told to the bot ("de lamp in hal B is kapot", "er ligt glas in de fietsenstalling")
 * — only text addressed to the bot, never group chatter.
 */
export const reportTextHandler: TextHandler = async (ctx, raw) => {
  const event = ctx.event;
  // A leading mention of the bot is how the text was addressed, not part of it.
  const text = raw.replace(/^\s*@\w+[,:]?\s*/, '');
  if (event.kind !== 'text') return null;
  const addressed = event.addressedToBot;
  if (!addressed) return null;
  // Answers to the bot's own questions (by DM, or addressed to it in the group); a question after one's
  // reports is no answer to a draft's "where is it?" and comes before the rota, whose task matching
  // would read "hoe staat het met mijn melding" as a question about a task.
  const answered = await promptText(ctx, text);
  if (answered) return answered;
  const question = statusQuestion(text);
  const status = question ? await answerStatus(ctx, question) : null;
  if (status) return status;
  const drafted = await draftText(ctx, text);
  if (drafted) return drafted;
  if (!ctx.complex || !ctx.role) return null;
  const photo = photoOfEvent(ctx);
  // A photo without a word, sent to the bot by DM: start a report and ask what is wrong.
  if (photo && text.trim() === '' && event.chat.isDirect) return startReport(ctx, { text: null, photo });
  if (!looksLikeProblem(text)) return null;
  return startReport(ctx, { text, photo });
};
