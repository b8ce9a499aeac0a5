/**
 * Browser mode's downloads of exports and backups: the host makes a one-time link, and the page
 * follows it with a plain `<a download>` click. The file streams from the core into the browser's
 * downloads; nothing of it is held in the page (no Blob, no object URL).
 */
import type { DownloadRequest } from '../../shared/api.js';
import { ApiError, bridge } from '../api.js';

export async function downloadByLink(request: DownloadRequest): Promise<void> {
  const prepare = bridge().prepareDownload;
  if (!prepare) throw new ApiError('UNKNOWN_CALL', 'Downloads are made this way only in browser mode.');
  let reply;
  try {
    reply = await prepare(request);
  } catch {
    throw new ApiError('IO', 'Fulcrum could not reach its back end. Check that Fulcrum is still running, then try again.', { reason: 'noBackEnd' });
  }
  if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.detail);
  const a = document.createElement('a');
  a.href = reply.value.url;
  // Empty: the name comes from the host's Content-Disposition.
  a.download = '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
