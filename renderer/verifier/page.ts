/**
 * The standalone verifier: the script of the one self-contained HTML file an evidence package
 * carries (verify-report.html). It needs neither Fulcrum nor the journal nor a network: it reads the
 * package's evidence.json (chosen or dropped), checks it with shared/evidence.ts — the same code as
 * the app's "Check a report" screen — and says "valid against head …" or exactly what fails.
 * main/cli/build-verifier.ts bundles it into main/core/report/verifier-html.generated.ts; it has no
 * dependencies (the evidence file's shape is checked by hand), so the file stays small.
 */
import { checkEvidence, type EvidenceCheck } from '../../shared/evidence.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el(tag: string, text?: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

let loaded: { name: string; json: unknown } | null = null;

function render(r: EvidenceCheck) {
  const out = $('result');
  out.replaceChildren();
  const head = el('p', r.summary, r.ok ? 'ok' : 'bad');
  head.setAttribute('role', r.ok ? 'status' : 'alert');
  out.append(head);
  if (r.unreadable) {
    out.append(el('p', r.unreadable));
    return;
  }
  if (r.receipt) {
    out.append(
      el(
        'p',
        r.receipt.ok
          ? `Receipt ${r.receipt.code} (position ${r.receipt.seq}, taken ${new Date(r.receipt.takenAt).toISOString()}): the history then is the beginning of the history at the head. ${r.receipt.existed} of the entries existed, as shown, at that receipt; ${r.receipt.after} were saved after it.`
          : `Receipt ${r.receipt.code}: does not check out.`,
        r.receipt.ok ? 'ok' : 'bad',
      ),
    );
  }
  const list = el('ol');
  list.setAttribute('aria-label', 'Entries in the report');
  for (const e of r.entries) {
    const li = el('li', undefined, e.ok ? 'ok' : 'bad');
    li.append(el('strong', `Entry #${e.id}, version ${e.rev} (position ${e.seq}): ${e.ok ? 'checks out' : 'does not check out'}`));
    if (e.day || e.title !== undefined) li.append(el('div', [e.day, e.title !== undefined ? `“${e.title}”` : 'title withheld'].filter(Boolean).join(' · '), 'detail'));
    if (e.atReceipt) li.append(el('span', e.atReceipt === 'existed' ? ' · existed at the receipt' : ' · saved after the receipt'));
    for (const p of e.problems) li.append(el('div', p, 'problem'));
    if (e.ok) {
      const withheld = e.withheld.map((w) => `${w.name} (${w.why})`).join(', ');
      li.append(el('div', `Shown and checked: ${e.shown.join(', ') || 'none'}.${withheld ? ` Withheld, committed: ${withheld}.` : ''}`, 'detail'));
    }
    list.append(li);
  }
  out.append(list);
  if (r.checkins.length) {
    const checks = el('ol');
    checks.setAttribute('aria-label', 'Check-ins in the report');
    for (const c of r.checkins) {
      const li = el('li', undefined, c.ok ? 'ok' : 'bad');
      li.append(el('strong', `Check-in #${c.id}${c.week ? `, week of ${c.week}` : ''}, version ${c.rev} (position ${c.seq}): ${c.ok ? 'checks out' : 'does not check out'}`));
      if (c.atReceipt) li.append(el('span', c.atReceipt === 'existed' ? ' · existed at the receipt' : ' · saved after the receipt'));
      for (const p of c.problems) li.append(el('div', p, 'problem'));
      if (c.ok) {
        const withheld = c.withheld.map((w) => `${w.name} (${w.why})`).join(', ');
        li.append(el('div', `Shown and checked: ${c.shown.join(', ') || 'none'}.${withheld ? ` Withheld, committed: ${withheld}.` : ''}`, 'detail'));
      }
      checks.append(li);
    }
    out.append(el('h2', 'Check-ins'), checks);
  }
}

async function run() {
  if (!loaded) {
    render({ ok: false, problems: [], issues: [], entries: [], checkins: [], summary: 'Choose the report’s evidence.json first.', unreadable: 'No file chosen yet.' });
    return;
  }
  $('result').textContent = 'Checking…';
  render(await checkEvidence(loaded.json, $<HTMLInputElement>('receipt').value));
}

async function load(file: File) {
  try {
    loaded = { name: file.name, json: JSON.parse(await file.text()) };
  } catch {
    loaded = { name: file.name, json: null };
  }
  $('file-name').textContent = `Loaded: ${file.name}`;
  await run();
}

$<HTMLInputElement>('file').addEventListener('change', (ev) => {
  const f = (ev.target as HTMLInputElement).files?.[0];
  if (f) void load(f);
});
const drop = $('drop');
drop.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  const f = ev.dataTransfer?.files[0];
  if (f) void load(f);
});
$('check').addEventListener('click', () => void run());
