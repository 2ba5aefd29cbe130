import { Routes, type REST } from 'discord.js';
import type { RespondMode, SentRef } from '../../src/platform.js';

/** One message's worth of an answer: content within 2,000 characters, who may be pinged, components. */
export interface Payload {
  content: string;
  allowedMentions: { parse: []; users: string[]; repliedUser: false };
  components: unknown[];
}

/** An interaction token works for 15 minutes; a little less is used, so a slow send still makes it. */
const TOKEN_LIFETIME_MS = 14 * 60_000;
const EPHEMERAL = 64;

/** Snowflake → creation time. */
const createdAt = (id: string): number => Number((BigInt(id) >> 22n) + 1420070400000n);

export function tokenAlive(interactionId: string, now = Date.now()): boolean {
  return now - createdAt(interactionId) <= TOKEN_LIFETIME_MS;
}

const body = (p: Payload, flags?: number) => ({
  content: p.content, components: p.components,
  allowed_mentions: { parse: [], users: p.allowedMentions.users, replied_user: false }, ...(flags ? { flags } : {}),
});

/**
 * Answers through the interaction's token: a command's deferred reply is filled by the first 'reply'
 * (later answers follow up), 'edit' changes the pressed message, 'ephemeral' is a follow-up only the
 * user sees (a command's public "thinking…" placeholder is removed first). `answered` remembers which
 * commands' deferred replies are filled (after a restart a follow-up is used, never an overwrite).
 */
export async function answerInteraction(
  rest: REST, applicationId: string, handle: { kind: 'c' | 'b'; id: string; token: string }, parts: Payload[], mode: RespondMode,
  answered: Set<string>,
): Promise<SentRef> {
  let ref: SentRef | undefined;
  const original = Routes.webhookMessage(applicationId, handle.token, '@original');
  for (const [i, p] of parts.entries()) {
    let sent: { id: string; channel_id: string };
    if (mode === 'edit' && i === 0 && handle.kind === 'b') {
      sent = await rest.patch(original, { body: body(p), auth: false }) as typeof sent;
    } else if (mode === 'reply' && i === 0 && handle.kind === 'c' && !answered.has(handle.id)) {
      answered.add(handle.id);
      sent = await rest.patch(original, { body: body(p), auth: false }) as typeof sent;
    } else {
      if (mode === 'ephemeral' && handle.kind === 'c' && !answered.has(handle.id)) {
        answered.add(handle.id);
        await rest.delete(original, { auth: false });
      }
      sent = await rest.post(Routes.webhook(applicationId, handle.token), {
        body: body(p, mode === 'ephemeral' ? EPHEMERAL : undefined), auth: false, query: new URLSearchParams({ wait: 'true' }),
      }) as typeof sent;
    }
    ref = { chatId: sent.channel_id, messageId: sent.id };
  }
  if (answered.size > 10_000) answered.clear();
  return ref!;
}
