import type { Client, Guild, GuildMember, PartialGuildMember } from 'discord.js';
import type { Db } from '../../src/db/client.js';
import type { Logger } from '../../src/log.js';
import type { InboundEvent } from '../../src/platform.js';
import { linkedComplexChats } from '../../src/tenancy/queries.js';
import { userRef } from './inbound.js';

/**
 * A member joined or left a server (the privileged GuildMembers intent). The core thinks in chats,
 * Discord in servers, and one server can hold several complexes in different channels:
 * - leaving the server is leaving every complex linked in it (one `member_left` per complex, in a
 *   linked channel of it), as a Telegram member leaving the group;
 * - joining is joining only where that is unambiguous: when the server's linked channels all belong
 *   to one complex, one `member_joined` in the first of them (greeted in the complex's language);
 *   with several complexes the newcomer becomes a member where they first speak, as without the intent.
 */
export async function memberEvents(db: Db, guild: Guild, member: GuildMember | PartialGuildMember, joined: boolean, at: number): Promise<InboundEvent[]> {
  if (member.user.bot) return [];
  const linked = await linkedComplexChats(db, 'discord', [...guild.channels.cache.keys()]);
  const perComplex = new Map<number, string>();
  for (const l of linked) if (!perComplex.has(l.complexId)) perComplex.set(l.complexId, l.chatId);
  if (joined && perComplex.size !== 1) return [];
  return [...perComplex.values()].map((chatId) => {
    const channel = guild.channels.cache.get(chatId);
    return {
      kind: joined ? 'member_joined' as const : 'member_left' as const, updateId: `member:${joined ? 'add' : 'remove'}:${chatId}:${member.id}:${at}`,
      chat: { platform: 'discord' as const, chatId, isDirect: false, title: channel?.name }, user: userRef(member.user),
    };
  });
}

/** Hands member joins and leaves to the core (only registered with the GuildMembers intent). */
export function listenToMembers(client: Client, db: Db, dispatch: (e: InboundEvent) => Promise<void>, log: Logger): void {
  const on = (joined: boolean) => (m: GuildMember | PartialGuildMember) => {
    void memberEvents(db, m.guild, m, joined, Date.now()).then(async (events) => { for (const e of events) await dispatch(e); })
      .catch((err: unknown) => log.error({ err, guild: m.guild.id }, 'discord: member event failed'));
  };
  client.on('guildMemberAdd', on(true));
  client.on('guildMemberRemove', on(false));
}
