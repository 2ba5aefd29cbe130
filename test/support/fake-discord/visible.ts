import type { DiscordState, FakeMessage } from './state.js';
import { buttonsOf, selectsOf } from './server.js';

/** Message content as Discord shows it: Markdown escapes removed, user mentions as the person's name. */
export function visibleText(state: DiscordState, content: string): string {
  return content
    .replace(/<@!?(\d+)>/g, (whole, id: string) => {
      const u = state.users.get(id);
      return u ? `@${u.global_name ?? u.username}` : whole;
    })
    .replace(/\\([\\*_`~|>#\-.[\]()<:!+=])/g, '$1')
    .replace(/\u200b/g, '');
}

/** Who a message would notify: everyone (@everyone/@here allowed) and the users allowed_mentions lets through. */
export function pinged(m: FakeMessage): { everyone: boolean; users: string[] } {
  const allowed = (m.allowedMentions ?? { parse: ['users', 'roles', 'everyone'] }) as { parse?: string[]; users?: string[] };
  const parse = allowed.parse ?? [];
  const everyone = parse.includes('everyone') && /@(everyone|here)/.test(m.content);
  const mentioned = [...m.content.matchAll(/<@!?(\d+)>/g)].map((x) => x[1]!);
  const users = mentioned.filter((id) => parse.includes('users') || (allowed.users ?? []).includes(id));
  return { everyone, users: [...new Set(users)] };
}

/** Labels of everything a user can press or choose on a message. */
export function choices(m: FakeMessage): string[] {
  return [...buttonsOf(m).map((b) => b.label), ...selectsOf(m).flatMap((s) => s.options.map((o) => o.label))];
}
