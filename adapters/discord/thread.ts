import { ChannelType, type Message } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { OutboundMessage } from '../../src/platform.js';
import { renderPlain } from './format.js';

/** Discord's longest thread name. */
const THREAD_NAME_MAX = 100;

/**
 * Opens the thread a message asks for (a public report's post, for the neighbours' talk about it), in a
 * server's text or announcement channel only. The message itself is already sent: a refusal (no "Create
 * Public Threads" permission, a thread already there) is logged, never turned into a failed send that the
 * outbox would repeat.
 */
export async function openThread(sent: Message, message: OutboundMessage, log: Logger): Promise<void> {
  if (!message.thread || !sent.inGuild()) return;
  if (sent.channel.type !== ChannelType.GuildText && sent.channel.type !== ChannelType.GuildAnnouncement) return;
  const name = renderPlain(message.lang, message.thread, THREAD_NAME_MAX);
  await sent.startThread({ name }).catch((err: unknown) => { log.warn({ err, messageId: sent.id }, 'discord: could not open a thread'); });
}
