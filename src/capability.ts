import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminCommand } from './admin/commands.js';
import type { SectionName, SectionOwner } from './beheerplan/sections.js';
import type { Db } from './db/client.js';
import type { ButtonDef, CommandDef, Ctx, FormDef, HandlerResult, TextHandler } from './handler.js';
import type { Entry } from './i18n/define.js';
import type { MessageKey } from './i18n/index.js';
import type { JobKind } from './scheduler/engine.js';

/** Removes what a capability keeps longer than needed (closed reports, loan history, …); returns rows removed. */
export interface RetentionRule {
  name: string;
  run(db: Db, now: Date): Promise<number>;
}

/**
 * Re-points the rows of one capability from a merged person (`from`) to the kept one (`into`).
 * `columns` names every `table.column` that refers to a person and that this rule takes care of:
 * a schema test fails when a person column is covered by no rule, so a new table cannot silently
 * lose its rows (they would cascade away) when two accounts are linked.
 */
export interface MergeRule {
  columns: string[];
  run(tx: Db, from: number, into: number): Promise<void>;
}

export interface AdminDef {
  /** First word after `npm run admin --`, e.g. 'beheerplan'. */
  name: string;
  run: AdminCommand;
}

/**
 * What a capability offers in the bot's general answer (src/tenancy/fallback.ts): one line saying what
 * it can do here, with an example, and a button for its most frequent action.
 */
export interface QuickAction {
  /** Message key of the line, e.g. 'rota.quick'. */
  hint?: MessageKey;
  button?: { label: MessageKey; action: string; style?: 'primary' };
}

export interface HttpRouteDef {
  method: 'GET' | 'POST';
  /** Path prefix, e.g. '/calendar' (also serves '/calendar/…'). */
  path: string;
  handler(req: IncomingMessage, res: ServerResponse, db: Db): Promise<void>;
}

/**
 * One capability of the bot: everything it plugs in, in one record. The bot, the scheduler, the
 * admin command line and the tests all read the one list in src/capabilities.ts; nothing registers
 * itself by being imported.
 */
export interface Capability {
  name: string;
  commands?: CommandDef[];
  buttons?: ButtonDef[];
  /** Submitted forms (FormRequest.action), matched like buttons. */
  forms?: FormDef[];
  /** Free text addressed to the bot: the first handler (in list order) that returns a result wins. */
  text?: TextHandler[];
  /** Member joined/left, file uploads in unlinked groups, poll votes: optional hook. */
  onEvent?: (ctx: Ctx) => Promise<HandlerResult | null>;
  jobs?: JobKind[];
  sections?: SectionOwner[];
  retention?: RetentionRule[];
  merge?: MergeRule[];
  admin?: AdminDef[];
  http?: HttpRouteDef[];
  /**
   * Stops what this capability is asking this person in this chat (a wizard, a report draft), for /annuleer
   * and a typed "stop" / "laat maar" (src/tenancy/cancel.ts); true when something was stopped.
   */
  cancel?: (ctx: Ctx) => Promise<boolean>;
  /** Lines and buttons in the answer to addressed text that nobody took. */
  quickActions?: QuickAction[];
  /** Names for autocomplete of a command's subject (CommandDef.subject) in one complex, best matches first. */
  complete?: Partial<Record<'task' | 'item', (db: Db, complexId: number, typed: string, now: Date) => Promise<string[]>>>;
  /** The capability's part of the message catalogue (src/i18n/index.ts merges these modules). */
  messages?: Record<string, Entry>[];
}

/** Owners of the beheerplan sections, from the capabilities that declare them. */
export type PlanSections = ReadonlyMap<SectionName, SectionOwner>;

export function planSections(capabilities: readonly Capability[]): PlanSections {
  const owners = new Map<SectionName, SectionOwner>();
  for (const c of capabilities) {
    for (const s of c.sections ?? []) {
      if (owners.has(s.section)) throw new Error(`beheerplan section ${s.section} has two owners`);
      owners.set(s.section, s);
    }
  }
  return owners;
}

export function allJobs(capabilities: readonly Capability[]): JobKind[] {
  return capabilities.flatMap((c) => c.jobs ?? []);
}

export function retentionRules(capabilities: readonly Capability[]): RetentionRule[] {
  return capabilities.flatMap((c) => c.retention ?? []);
}

export function mergeRules(capabilities: readonly Capability[]): MergeRule[] {
  return capabilities.flatMap((c) => c.merge ?? []);
}

export function adminCommands(capabilities: readonly Capability[]): Map<string, AdminCommand> {
  return new Map(capabilities.flatMap((c) => (c.admin ?? []).map((a) => [a.name, a.run] as const)));
}
