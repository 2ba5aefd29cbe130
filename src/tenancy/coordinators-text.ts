import type { TextHandler } from '../handler.js';
import { reply, saidToBotByMember } from '../handler.js';
import { msg } from '../i18n/index.js';
import { normalise } from '../rota/match.js';
import { listMembers } from './queries.js';

/** "Wie is de coördinator?", "who are the coordinators?": the people to turn to are no secret. */
const ASKS_COORDINATORS = /\b(wie (is|zijn) (hier )?(de |onze |jullie )?(coordinator(en|s)?|beheerders?|contactpersoon van (het|de) (complex|groep))|welke coordinator(en)?|who (is|are) (the |our )?(coordinators?|admins?))\b/;

export function asksForCoordinators(text: string): boolean {
  return ASKS_COORDINATORS.test(normalise(text));
}

/** Addressed text asking who the coordinators are: their names, in the complex's group or a member's DM. */
export const coordinatorsTextHandler: TextHandler = async (ctx, text) => {
  if (!saidToBotByMember(ctx) || !asksForCoordinators(text)) return null;
  const coordinators = (await listMembers(ctx.db, ctx.complex.id)).filter((m) => m.role === 'coordinator');
  if (coordinators.length === 0) return reply(msg('onboarding.coordinators.none', { complex: ctx.complex.name }));
  return reply(msg('onboarding.coordinators.list', {
    complex: ctx.complex.name, count: coordinators.length, names: coordinators.map((c) => c.displayName).join(', '),
  }));
};
