/**
 * Cooperative pauses for long CPU loops in the bot process (planning or generating for thousands of
 * complexes): the scheduler runs beside the handlers, so a loop that never yields stalls every chat.
 * The returned function resolves at once until `sliceMs` of work has passed since the last pause,
 * then lets the event loop run (setImmediate: pending I/O first) before going on.
 */
export function slicer(sliceMs = 10): () => Promise<void> | undefined {
  let last = performance.now();
  return () => {
    if (performance.now() - last < sliceMs) return undefined;
    return new Promise<void>((resolve) => setImmediate(() => {
      last = performance.now();
      resolve();
    }));
  };
}
