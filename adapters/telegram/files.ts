import { readFile } from 'node:fs/promises';
import type { Telegram } from 'telegraf';
import { PlatformError } from '../../src/platform.js';
import { toPlatformError } from './errors.js';

/** A lazy download of a file the user sent (getFile, then the file URL); nothing is fetched until called. */
export function downloader(telegram: Telegram, fileId: string): () => Promise<Buffer> {
  return async () => {
    try {
      const url = await telegram.getFileLink(fileId);
      if (url.protocol === 'file:') return await readFile(url); // a local Bot API server hands out paths
      const res = await fetch(url);
      if (!res.ok) throw new PlatformError(`telegram file download: ${res.status}`, res.status >= 500 ? 'transient' : 'permanent');
      return Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw toPlatformError(err, 'getFile');
    }
  };
}
