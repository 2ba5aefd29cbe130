import { Routes, type Client, type SendableChannels } from 'discord.js';
import type { OutboundPoll, SentRef } from '../../src/platform.js';
import { toPlatformError } from './errors.js';
import { LIMITS, renderPlain } from './format.js';

/** A native poll (each vote and retraction arrives with its voter); it stays open until the core closes it. */
export async function postNativePoll(channel: SendableChannels, chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
  try {
    const sent = await channel.send({ poll: {
      question: { text: renderPlain(poll.lang, poll.question, LIMITS.pollQuestion) },
      answers: poll.options.map((o) => ({ text: renderPlain(poll.lang, o, LIMITS.pollAnswer) })),
      // The longest Discord allows (32 days); the bot ends it at the end of its window.
      duration: 768, allowMultiselect: false,
    } });
    return { ref: { chatId, messageId: sent.id }, pollId: sent.id };
  } catch (err) {
    throw toPlatformError(err, 'postPoll');
  }
}

/** Ends a native poll at the end of its window (already ended counts as done). */
export async function expireNativePoll(client: Client, ref: SentRef): Promise<void> {
  try {
    await client.rest.post(Routes.expirePoll(ref.chatId, ref.messageId));
  } catch (err) {
    if (/expired/i.test(String((err as Error).message))) return;
    throw toPlatformError(err, 'closePoll');
  }
}
