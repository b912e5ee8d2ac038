#!/usr/bin/env node
// Generates the web app's PNG icons (web/icons/*.png) from the same geometry as web/icons/icon.svg:
// a teal square with a white open ring (a "C") and a short bar. No dependencies: a minimal PNG
// encoder (zlib from Node, CRC-32 below), 4x4 supersampling for smooth edges.
// Usage: node tools/make-icons.mjs   (rewrites web/icons/icon-192.png, icon-512.png,
//                                     maskable-192.png, maskable-512.png)
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'icons');
const BG = [11, 94, 89];      // #0b5e59
const FG = [255, 255, 255];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shape tests in unit coordinates (0..1). `maskable`: full-bleed background, the motif kept inside
// the central 80 % safe zone; otherwise a rounded square.
function sample(x, y, maskable) {
  const inBg = maskable || roundedSquare(x, y, 0.06, 0.18);
  if (!inBg) return null;
  const s = maskable ? 0.78 : 1;          // shrink the motif for the safe zone
  const u = 0.5 + (x - 0.5) / s, v = 0.5 + (y - 0.5) / s;
  const dx = u - 0.46, dy = v - 0.5, r = Math.hypot(dx, dy);
  const ang = Math.atan2(dy, dx) * 180 / Math.PI;
  const ring = r >= 0.21 && r <= 0.31 && Math.abs(ang) > 42;
  const bar = u >= 0.6 && u <= 0.8 && Math.abs(v - 0.5) <= 0.05;
  return ring || bar ? FG : BG;
}
function roundedSquare(x, y, inset, radius) {
  const lo = inset, hi = 1 - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}
function render(size, maskable) {
  const buf = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const i = (py * size + px) * 4;
      if (a) { buf[i] = Math.round(r / a); buf[i + 1] = Math.round(g / a); buf[i + 2] = Math.round(b / a); }
      buf[i + 3] = Math.round(255 * a / (n * n));
    }
  }
  return png(size, buf);
}

mkdirSync(outDir, { recursive: true });
for (const size of [192, 512]) {
  writeFileSync(join(outDir, `icon-${size}.png`), render(size, false));
  writeFileSync(join(outDir, `maskable-${size}.png`), render(size, true));
}
console.log(`icons written to ${outDir}`);
