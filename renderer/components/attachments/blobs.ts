/**
 * Attachment bytes in the page live only in memory: a Blob, shown through an object URL that is
 * revoked as soon as the element using it goes away (nothing is cached in storage, and the URL dies
 * with the page anyway).
 */
import { useEffect, useState } from 'react';

/** An object URL for `blob` while the calling component shows it; revoked on change and unmount. */
export function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => {
      URL.revokeObjectURL(u);
    };
  }, [blob]);
  return url;
}
