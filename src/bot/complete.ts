import type { Capability } from '../capability.js';
import type { Db } from '../db/client.js';
import type { PlatformName } from '../platform.js';
import { complexesOf, ensurePerson, findChat } from '../tenancy/queries.js';

/** Names for autocomplete in a chat: the complex of that chat (in a DM, the person's only complex). */
export type Completer = (query: {
  platform: PlatformName; chatId: string; isDirect: boolean; userId: string; displayName: string; kind: 'task' | 'item'; typed: string;
}) => Promise<string[]>;

/** At most this many suggestions (Discord shows 25). */
const MAX = 25;

export function createCompleter(db: Db, capabilities: readonly Capability[], now: () => Date = () => new Date()): Completer {
  return async (q) => {
    const source = capabilities.map((c) => c.complete?.[q.kind]).find((f) => f !== undefined);
    if (!source) return [];
    let complexId: number | null = null;
    if (q.isDirect) {
      const { person } = await ensurePerson(db, { platform: q.platform, userId: q.userId, displayName: q.displayName });
      const mine = await complexesOf(db, person.id);
      complexId = mine.length === 1 ? mine[0]!.id : null;
    } else {
      complexId = (await findChat(db, q.platform, q.chatId))?.complexId ?? null;
    }
    if (complexId === null) return [];
    return (await source(db, complexId, q.typed, now())).slice(0, MAX);
  };
}
