/**
 * Splits text into messages of at most `limit` characters at line boundaries where possible; a single
 * overlong line is cut at a space, never inside one of its `atoms` (a link, an entity, a mention, an
 * escape or a surrogate pair — what an atom is depends on the platform's markup). Nothing is dropped.
 */
export function splitAtLines(text: string, limit: number, atoms: (line: string) => string[]): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim()) parts.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    flush();
    if (line.length <= limit) {
      current = line;
      continue;
    }
    let chunk = '';
    let lastSpace = -1;
    for (const atom of atoms(line)) {
      if (chunk.length + atom.length > limit) {
        const cut = lastSpace > 0 ? lastSpace : chunk.length;
        parts.push(chunk.slice(0, cut).trimEnd());
        chunk = chunk.slice(cut).trimStart();
        lastSpace = -1;
      }
      if (atom === ' ') lastSpace = chunk.length;
      chunk += atom;
    }
    current = chunk;
  }
  flush();
  return parts;
}
