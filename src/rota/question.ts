import type { ButtonDef, HandlerResult, Reply } from '../handler.js';

/**
 * A rota button pressed under a question ("Shall I put you down?", "Which one do you mean?"):
 * the same action with a 'y' after its verb ('rota:c:12' → 'rota:cy:12'). Its first answer in the
 * chat replaces the question, so the Yes/No or the other choices cannot be pressed afterwards
 * (a later "No" would say nothing changed while it did).
 */
export function underQuestion(def: ButtonDef): ButtonDef {
  return {
    ...def,
    prefix: `${def.prefix}y`,
    async run(ctx, args) {
      return replacingQuestion(await def.run(ctx, args));
    },
  };
}

/** The action id of `verb` pressed under a question. */
export function questionAction(verb: 'c' | 'r' | 'g' | 's' | 'd' | 'dc' | 'm', ...args: (string | number)[]): string {
  return [`rota:${verb}y`, ...args].join(':');
}

function replacingQuestion(result: HandlerResult): HandlerResult {
  if (!result) return result;
  const replies: Reply[] = Array.isArray(result) ? result : [result];
  const first = replies.findIndex((r) => r.to === undefined || r.to === 'chat');
  if (first < 0) return result;
  return replies.map((r, i) => (i === first ? { ...r, editOriginal: true } : r));
}
