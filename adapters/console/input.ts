import type { Interface } from 'node:readline';

/** Commands the console handles itself; every other /command goes to the bot. */
export const META_COMMANDS = {
  as: ['as', 'als'],
  direct: ['dm', 'prive', 'privé'],
  group: ['groep', 'group'],
  who: ['wie', 'who'],
  file: ['bestand', 'file'],
  exit: ['exit', 'quit'],
} as const;

export type MetaName = keyof typeof META_COMMANDS;

export type ParsedLine =
  | { kind: 'empty' }
  | { kind: 'meta'; name: MetaName; args: string }
  | { kind: 'number'; n: number }
  | { kind: 'command'; command: string; args: string }
  | { kind: 'text'; text: string };

const COMMAND = /^\/([\p{L}\w]+)(?:@\w+)?(?:\s+([\s\S]*))?$/u;

export function parseCommand(line: string): { command: string; args: string } | null {
  const m = COMMAND.exec(line);
  return m ? { command: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() } : null;
}

/** Splits a typed line into what the console does with it. */
export function parseLine(raw: string): ParsedLine {
  const line = raw.trim();
  if (!line) return { kind: 'empty' };
  if (/^\d{1,6}$/.test(line)) return { kind: 'number', n: Number(line) };
  const command = parseCommand(line);
  if (!command) return { kind: 'text', text: line };
  for (const [name, aliases] of Object.entries(META_COMMANDS) as [MetaName, readonly string[]][]) {
    if (aliases.includes(command.command)) return { kind: 'meta', name, args: command.args };
  }
  return { kind: 'command', ...command };
}

/** `/bestand ./plan.yaml /beheerplan` → the path and what to send with it. Quotes allow spaces in the path. */
export function splitFileArgs(args: string): { path: string; rest: string } | null {
  const m = /^(?:"([^"]+)"|'([^']+)'|(\S+))\s*([\s\S]*)$/.exec(args.trim());
  if (!m) return null;
  return { path: (m[1] ?? m[2] ?? m[3])!, rest: m[4]!.trim() };
}

/**
 * The lines of a readline interface, one per call; undefined once it is closed and drained.
 * (Not `for await` over readline: that drops lines arriving while the loop body awaits once the
 * input has ended, which is exactly what a piped script does.)
 */
export function lineQueue(rl: Interface): () => Promise<string | undefined> {
  const queue: string[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  rl.on('line', (line) => { queue.push(line); wake?.(); });
  rl.on('close', () => { closed = true; wake?.(); });
  return async () => {
    while (queue.length === 0 && !closed) await new Promise<void>((resolve) => { wake = resolve; });
    return queue.shift();
  };
}
