import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Vault } from '../../main/core/vault/index.js';

export const PASSPHRASE = 'correct horse battery staple orbit';
export const OTHER_PASSPHRASE = 'violet lantern seventeen quarry mosaic';

export function tempDir(prefix = 'fulcrum-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A vault on a temp folder with the test-only cheap KDF. */
export function testVault(dataDir = tempDir(), extra: Partial<ConstructorParameters<typeof Vault>[0]> = {}) {
  return new Vault({ dataDir, insecureTestKdf: true, ...extra });
}

/** Every file under a folder, with its bytes: to prove nothing changed, or scan for a canary. */
export function snapshotDir(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The encodings a canary could hide in on disk. */
export function encodings(phrase: string): Buffer[] {
  return [
    Buffer.from(phrase, 'utf8'),
    Buffer.from(phrase, 'utf16le'),
    Buffer.from(phrase, 'utf16le').swap16(),
    Buffer.from(phrase.toLowerCase(), 'utf8'),
    Buffer.from(phrase.toUpperCase(), 'utf8'),
  ];
}

export function filesContaining(dir: string, phrase: string): string[] {
  const hits: string[] = [];
  for (const [name, bytes] of snapshotDir(dir)) {
    if (encodings(phrase).some((enc) => bytes.includes(enc))) hits.push(name);
  }
  return hits;
}
