import type { Socket } from 'node:net';

/**
 * Counts round trips on the driver's own sockets: a write after an answer came in since the last write
 * means the driver waited for the server (however many statements that write carries); writes with no
 * answer in between are one trip, pipelined. Seen from the client, so the order of the two is exact.
 */
export interface RoundTripCounter {
  /** Give to the database as `onSocket`. */
  watch(socket: Socket): void;
  /** Counts from now (and, with RT_DEBUG=1, records each write and answer). */
  start(): void;
  stop(): { trips: number; trace: string[] };
}

export function roundTripCounter(): RoundTripCounter {
  let counting = false;
  let trips = 0;
  let trace: string[] = [];
  const debug = Boolean(process.env.RT_DEBUG);
  const show = (chunk: Buffer | string) => Buffer.from(chunk).toString('latin1').replace(/[^\x20-\x7e]/g, '.').slice(0, 90);
  return {
    watch(socket) {
      let answered = true;
      socket.on('data', (chunk: Buffer) => {
        answered = true;
        if (counting && debug) trace.push(`${performance.now().toFixed(2)} <  ${chunk.length} ${show(chunk)}`);
      });
      const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
      socket.write = ((chunk: Buffer | string, ...rest: unknown[]) => {
        if (counting) {
          if (answered) trips++;
          if (debug) trace.push(`${performance.now().toFixed(2)} ${answered ? '>+' : '> '} ${chunk.length} ${show(chunk)}`);
        }
        answered = false;
        return write(chunk, ...rest);
      });
    },
    start() {
      counting = true;
      trips = 0;
      trace = [];
    },
    stop() {
      counting = false;
      return { trips, trace };
    },
  };
}
