import { splitHighlights } from '../lib/format.js';

/** Search excerpts: highlight markers become <mark> elements; the text is never parsed as HTML. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
