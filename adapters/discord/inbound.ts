import type { Interaction, Message, User } from 'discord.js';
import type { ChatRef, InboundEvent, UserRef } from '../../src/platform.js';
import { argsOf } from './commands.js';

export function userRef(u: User, locale?: string): UserRef {
  return { platform: 'discord', userId: u.id, displayName: u.globalName ?? u.username, username: u.username, language: locale, isBot: u.bot };
}

/**
 * The chat of an event. `inGuild` (known for interactions from their guild id) decides whether it is a
 * DM even when the channel is not cached (a DM's first slash command).
 */
export function chatRef(channel: { id: string; isDMBased(): boolean; isThread?(): boolean; parentId?: string | null; name?: string | null } | null, channelId: string, inGuild?: boolean): ChatRef {
  const direct = inGuild === undefined ? (channel?.isDMBased() ?? false) : !inGuild;
  return { platform: 'discord', chatId: channelId, isDirect: direct, title: direct ? undefined : (channel?.name ?? undefined) };
}

/**
 * The answer handle kept with a queued reply: interaction id, token and what was sent first
 * ('c' a deferred reply to a command, 'b' a deferred update of the pressed message).
 */
export function replyHandle(interactionId: string, token: string, kind: 'c' | 'b'): string {
  return `${kind}:${interactionId}:${token}`;
}

export function parseHandle(handle: string | undefined): { kind: 'c' | 'b'; id: string; token: string } | null {
  const m = /^([cb]):(\d+):(.+)$/.exec(handle ?? '');
  return m ? { kind: m[1] as 'c' | 'b', id: m[2]!, token: m[3]! } : null;
}

/** A slash command or component interaction as the core's event (after the adapter deferred it). */
export function interactionEvent(i: Interaction, action: (customId: string) => Promise<string>): Promise<InboundEvent | null> | InboundEvent | null {
  const base = {
    updateId: i.id, chat: chatRef(i.channel, i.channelId ?? '', i.inGuild()), user: userRef(i.user, i.locale),
  };
  if (i.isChatInputCommand()) {
    return { ...base, kind: 'command', command: i.commandName, args: argsOf(i.options.data), replyHandle: replyHandle(i.id, i.token, 'c') };
  }
  if (i.isButton() || i.isStringSelectMenu()) {
    const id = i.isButton() ? i.customId : (i.values[0] ?? '');
    return action(id).then((a) => ({ ...base, kind: 'button' as const, action: a, messageId: i.message.id, replyHandle: replyHandle(i.id, i.token, 'b') }));
  }
  return null;
}

/**
 * A channel message as the core's event. Addressed to the bot: a DM, a mention of the bot, or a
 * reply to one of its messages; other channel messages only arrive with the MessageContent intent.
 * A leading "/word" after the mention is a command (for clients without slash commands).
 */
export function messageEvent(m: Message, botId: string, allText: boolean): InboundEvent | null {
  if (m.author.bot || m.system) return null;
  const direct = m.channel.isDMBased();
  const mentioned = m.mentions.users.has(botId);
  const replyToBot = m.mentions.repliedUser?.id === botId;
  const addressed = direct || mentioned || replyToBot;
  if (!addressed && !allText) return null;
  const text = m.content.replace(new RegExp(`<@!?${botId}>`, 'g'), '').trim();
  if (!text) return null;
  const base = { updateId: m.id, chat: chatRef(m.channel, m.channelId), user: userRef(m.author), messageId: m.id };
  const command = /^\/([\p{L}\p{N}_-]+)(?:\s+([\s\S]*))?$/u.exec(text);
  if (command) return { ...base, kind: 'command', command: command[1]!.toLowerCase(), args: command[2] ?? '' };
  return { ...base, kind: 'text', text, addressedToBot: addressed };
}
