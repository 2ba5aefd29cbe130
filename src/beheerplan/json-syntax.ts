/**
 * Finds where strict JSON goes wrong. `JSON.parse` says *that* a file is broken but, depending on
 * the Node version, not always *where*; people editing a plan by hand need the line and column.
 * A small recursive-descent pass over the JSON grammar (RFC 8259) that stops at the first error.
 */
export interface JsonSyntaxError {
  offset: number;
  /** The unexpected character, or null at the end of the text. */
  found: string | null;
}

class Stop extends Error {
  constructor(readonly at: number) { super('json syntax'); }
}

export function findJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (): never => { throw new Stop(i); };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const expect = (ch: string) => { if (text[i] !== ch) fail(); i++; };

  function string(): void {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const ch = text[i]!;
      if (ch < ' ') fail();
      if (ch === '\\') {
        i++;
        const esc = text[i];
        if (esc === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; fail(); }
          i += 4;
        } else if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail();
      }
      i++;
    }
    expect('"');
  }

  function number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') fail();
    i += m![0].length;
  }

  function word(w: string): void {
    for (const ch of w) expect(ch);
  }

  function value(): void {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws(); string(); ws(); expect(':'); value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect('}');
        return;
      }
    }
    if (ch === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        expect(']');
        return;
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return word('true');
    if (ch === 'f') return word('false');
    if (ch === 'n') return word('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  }

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { offset: err.at, found: err.at < text.length ? [...text.slice(err.at, err.at + 2)][0]! : null };
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
