import path from 'node:path';
import { build } from 'esbuild';

const REPO = path.resolve(import.meta.dirname, '..', '..');

/**
 * The renderer's preview drawing (renderer/components/attachments/thumbnail.ts) bundled as it is, for
 * a page to load as a script: it defines `fulcrumThumb.drawThumbnail`.
 */
export async function thumbnailBundle(): Promise<string> {
  const r = await build({
    stdin: { contents: "export { drawThumbnail } from './renderer/components/attachments/thumbnail.ts';", resolveDir: REPO, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'fulcrumThumb',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  return r.outputFiles[0]!.text;
}
