/** One typed line of a console session and everything printed until the next prompt. */
export interface Turn { who: string; place: string; input: string; output: string }

const PROMPT = /^([\w-]+)@(.+?)> (.*)$/;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Splits what a piped console session printed into turns. With piped input the console echoes
 * each line after its prompt, so the output reads like a transcript.
 */
export function parseTranscript(out: string): { preamble: string; turns: Turn[] } {
  const turns: Turn[] = [];
  const preamble: string[] = [];
  for (const line of out.replace(ANSI, '').split('\n')) {
    const m = PROMPT.exec(line);
    if (m) turns.push({ who: m[1]!, place: m[2]!, input: m[3]!, output: '' });
    else if (turns.length > 0) turns.at(-1)!.output += `${line}\n`;
    else preamble.push(line);
  }
  return { preamble: preamble.join('\n'), turns };
}

/** The turns for a typed line, in order (a line may be typed more than once). */
export function turnsFor(turns: Turn[], input: string): Turn[] {
  return turns.filter((t) => t.input === input);
}
