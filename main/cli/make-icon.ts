/**
 * Draws the app icon (main/app/assets/icon.png, 512×512): a plain, neutral mark — a soft slate
 * rounded square with a light ring — that says nothing about what the app is for, because the icon
 * sits in a dock or start menu the other person can see. Run `tsx main/cli/make-icon.ts` to redraw.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, isEntry } from './project.js';

const SIZE = 512;
const BG: [number, number, number] = [0x4b, 0x5b, 0x6b];
const FG: [number, number, number] = [0xe9, 0xed, 0xf1];

function coverage(x: number, y: number): { bg: number; fg: number } {
  // Rounded square with a margin (as platform icon grids expect), and a centred ring.
  const m = 32;
  const r = 96;
  const inSquare = (px: number, py: number) => {
    const cx = Math.min(Math.max(px, m + r), SIZE - m - r);
    const cy = Math.min(Math.max(py, m + r), SIZE - m - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r && px >= m && px <= SIZE - m && py >= m && py <= SIZE - m;
  };
  const d = Math.hypot(x - SIZE / 2, y - SIZE / 2);
  return { bg: inSquare(x, y) ? 1 : 0, fg: d >= 112 && d <= 152 ? 1 : 0 };
}

export function drawIcon(): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  const S = 4; // 4×4 supersampling for smooth edges
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = coverage(x + (sx + 0.5) / S, y + (sy + 0.5) / S);
          bg += c.bg;
          fg += c.bg && c.fg;
        }
      const a = bg / (S * S);
      const f = bg ? fg / bg : 0;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      for (let i = 0; i < 3; i++) raw[o + i] = Math.round(BG[i]! * (1 - f) + FG[i]! * f);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const ICON_PATH = path.join(ROOT, 'main', 'app', 'assets', 'icon.png');

if (isEntry(import.meta.url)) {
  fs.mkdirSync(path.dirname(ICON_PATH), { recursive: true });
  fs.writeFileSync(ICON_PATH, drawIcon());
  process.stderr.write(`Wrote ${path.relative(ROOT, ICON_PATH)}\n`);
}
