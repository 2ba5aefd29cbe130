import type { Capability } from '../capability.js';
import type { ButtonDef, CommandDef, Ctx, FormDef, HandlerResult, Scope, ScopeCtx } from '../handler.js';
import { UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { InboundEvent } from '../platform.js';
import { getComplex, getRole } from '../tenancy/queries.js';

export interface Router {
  commands: CommandDef[];
  /** Runs the handler an event is for (after re-authorising it); null when nothing took it. */
  route(ctx: Ctx, prefetched?: PrefetchedScope): Promise<HandlerResult | null>;
  /**
   * Starts asking which complex a button's entity belongs to before the context is read (the question
   * needs only the action), so that both travel in one round trip; undefined for other events.
   */
  prefetchScope(ctx: ScopeCtx, event: InboundEvent): PrefetchedScope | undefined;
}

export type PrefetchedScope = Promise<{ scope: Scope } | { error: unknown }>;

/** Routes commands, button presses, free text and other events to the capabilities' handlers. */
export function createRouter(capabilities: readonly Capability[], log: Logger): Router {
  const commands = capabilities.flatMap((c) => c.commands ?? []);
  // Longest prefix first, so 'rota:dc' is not taken by 'rota:d'.
  const buttons = capabilities.flatMap((c) => c.buttons ?? []).sort((a, b) => b.prefix.length - a.prefix.length);
  const forms = capabilities.flatMap((c) => c.forms ?? []).sort((a, b) => b.prefix.length - a.prefix.length);
  const textHandlers = capabilities.flatMap((c) => c.text ?? []);

  function findCommand(name: string): CommandDef | undefined {
    const n = name.toLowerCase();
    return commands.find((c) => c.names.nl.includes(n) || c.names.en.includes(n));
  }

  function findAction<D extends ButtonDef | FormDef>(defs: D[], action: string): { def: D; args: string[] } | undefined {
    for (const def of defs) {
      if (action === def.prefix || action.startsWith(`${def.prefix}:`)) {
        const rest = action.slice(def.prefix.length + 1);
        return { def, args: rest ? rest.split(':') : [] };
      }
    }
    return undefined;
  }

  function check(ctx: Ctx, requires: CommandDef['requires'], where: CommandDef['where']): void {
    const direct = ctx.event.chat.isDirect;
    if (where === 'group' && direct) throw new UserError(msg('core.error.groupOnly'));
    if (where === 'direct' && !direct) throw new UserError(msg('core.error.directOnly'));
    if (requires === 'anyone') return;
    if (requires === 'liaison') {
      if (ctx.liaisonOf.length === 0) throw new UserError(msg('core.error.liaisonOnly'));
      return;
    }
    if (!ctx.complex) {
      throw new UserError(msg(direct ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
    }
    if (requires === 'coordinator' && ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
  }

  /**
   * Re-authorises a button press against the complex its entity belongs to: the group's own complex;
   * in a direct chat a complex the presser is a member of, or liaison for; in a corporation's
   * liaison chat one of that corporation's complexes. Outside the group, ctx.complex/role become it.
   */
  async function checkScope(ctx: Ctx, scope: Scope): Promise<void> {
    const ids = scope === null ? [] : typeof scope === 'number' ? [scope] : scope;
    if (ids.length === 0) throw new UserError(msg('core.error.buttonExpired'));
    if (ctx.chat?.complexId !== undefined && ctx.chat.complexId !== null && ids.includes(ctx.chat.complexId)) return;
    // A group's buttons are for its own complex only; elsewhere the first complex the presser may act in.
    for (const complexId of ctx.chat?.complexId ? [] : ids) {
      const complex = await getComplex(ctx.db, complexId);
      if (!complex) continue;
      const corporationId = complex.corporationId;
      const direct = ctx.event.chat.isDirect;
      const role = direct ? await getRole(ctx.db, complexId, ctx.person.id) : null;
      const liaisonInDirect = direct && corporationId !== null && ctx.liaisonOf.includes(corporationId);
      const liaisonChat = ctx.chat?.purpose === 'liaison' && corporationId !== null && ctx.chat.corporationId === corporationId;
      if (role || liaisonInDirect || liaisonChat) {
        ctx.complex = complex;
        ctx.role = role;
        return;
      }
    }
    log.warn({ action: ctx.event.kind === 'button' ? ctx.event.action : undefined, complexIds: ids, chatComplex: ctx.chat?.complexId,
      personId: ctx.person.id }, 'button refused: entity of another complex');
    throw new UserError(msg('core.error.buttonNotForYou'));
  }

  /** The button's or form's handler and its arguments, by the action. */
  function actionOf(event: InboundEvent): { def: ButtonDef | FormDef; args: string[] } | undefined {
    if (event.kind === 'button') return findAction(buttons, event.action);
    if (event.kind === 'form') return findAction(forms, event.action);
    return undefined;
  }

  function prefetchScope(sctx: ScopeCtx, event: InboundEvent): PrefetchedScope | undefined {
    const found = actionOf(event);
    if (!found?.def.scope) return undefined;
    // Settled here: an event that ends before routing (a duplicate) must not leave a rejection unhandled.
    return found.def.scope(sctx, found.args).then((scope) => ({ scope }), (error: unknown) => ({ error }));
  }

  async function scopeOf(ctx: Ctx, def: ButtonDef | FormDef, args: string[], prefetched?: PrefetchedScope): Promise<Scope> {
    if (!prefetched) return def.scope!(ctx, args);
    const settled = await prefetched;
    if ('error' in settled) throw settled.error;
    return settled.scope;
  }

  async function runHooks(ctx: Ctx): Promise<HandlerResult | null> {
    for (const capability of capabilities) {
      if (!capability.onEvent) continue;
      const result = await capability.onEvent(ctx);
      if (result) return result;
    }
    return null;
  }

  async function route(ctx: Ctx, prefetched?: PrefetchedScope): Promise<HandlerResult | null> {
    const event = ctx.event;
    switch (event.kind) {
      case 'command': {
        const def = findCommand(event.command);
        if (!def) return { body: [msg('core.unknownCommand', { command: event.command })] };
        check(ctx, def.requires, def.where);
        return def.run(ctx, event.args.trim());
      }
      case 'button': {
        const found = findAction(buttons, event.action);
        if (!found) throw new UserError(msg('core.error.buttonExpired'));
        // In a direct chat the entity decides the complex, so the role is checked after the scope:
        // otherwise a coordinator of one complex could press a coordinator button of another.
        if (found.def.scope) await checkScope(ctx, await scopeOf(ctx, found.def, found.args, prefetched));
        check(ctx, found.def.requires, found.def.where);
        return found.def.run(ctx, found.args);
      }
      case 'form': {
        // Routed and re-authorised like a button press; the handler validates the values.
        const found = findAction(forms, event.action);
        if (!found) throw new UserError(msg('core.error.buttonExpired'));
        if (found.def.scope) await checkScope(ctx, await scopeOf(ctx, found.def, found.args, prefetched));
        check(ctx, found.def.requires, found.def.where);
        return found.def.run(ctx, found.args, event.values);
      }
      case 'text': {
        // An unlinked group: only file uploads and commands matter there.
        if (!ctx.chat && !event.chat.isDirect) return runHooks(ctx);
        for (const handler of textHandlers) {
          const result = await handler(ctx, event.text);
          if (result) return result;
        }
        return runHooks(ctx);
      }
      default:
        return runHooks(ctx);
    }
  }

  return { commands, route, prefetchScope };
}
