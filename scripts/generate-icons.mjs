#!/usr/bin/env node
// Draws the tray icons and the app icon, and writes them as PNG under
// build/icons/ (tray) and build/icon.png (app). This file is the icons' source:
// every shape is defined below on a 16-unit grid and rendered at any size with
// 4x4 supersampling, then encoded with node:zlib (no image dependency).
//
//   node scripts/generate-icons.mjs          write the files
//   node scripts/generate-icons.mjs --check  exit 1 if a committed file differs
//
// Each state has its own shape as well as its own colour, so it reads without
// colour too (macOS template images are black + alpha only).

import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---- shapes: signed distance functions on a 16 x 16 grid (negative = inside) ----

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
function segment(ax, ay, bx, by, width) {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
  };
}
function triangle(points, radius) {
  // Inside test plus distance to the edges, rounded by `radius`.
  const edges = points.map((p, i) => [p, points[(i + 1) % points.length]]);
  return (x, y) => {
    let inside = true;
    let nearest = Infinity;
    for (const [[ax, ay], [bx, by]] of edges) {
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (cross < 0) inside = false;
      nearest = Math.min(nearest, segment(ax, ay, bx, by, 0)(x, y));
    }
    return (inside ? -nearest : nearest) - radius;
  };
}
function roundedSquare(inset, radius) {
  return (x, y) => {
    const qx = Math.abs(x - 8) - (8 - inset - radius);
    const qy = Math.abs(y - 8) - (8 - inset - radius);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}
const union =
  (...shapes) =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));
const subtract = (base, hole) => (x, y) => Math.max(base(x, y), -hole(x, y));

const disk = circle(8, 8, 7.2);
const thinRing = ring(8, 8, 6.4, 1.6);
const checkMark = union(segment(4.6, 8.3, 7, 10.7, 1.9), segment(7, 10.7, 11.5, 5.6, 1.9));
const clockHands = union(segment(8, 8.2, 8, 3.9, 1.7), segment(8, 8.2, 11, 9.9, 1.7));
const warning = triangle(
  [
    [8, 1.6],
    [15, 14.2],
    [1, 14.2],
  ],
  0.6,
);
const exclamation = union(segment(8, 6, 8, 9.6, 1.8), circle(8, 12, 1.05));
const dots = union(circle(4.9, 8, 1.15), circle(8, 8, 1.15), circle(11.1, 8, 1.15));

/**
 * Per state: `body` (the coloured part), `glyph` (drawn white on colour icons,
 * cut out of template icons) and the colour.
 */
export const STATES = {
  ok: { body: disk, glyph: checkMark, color: [0x2e, 0x9e, 0x48] },
  expiring: { body: disk, glyph: clockHands, color: [0xe0, 0x8e, 0x0b] },
  'needs-sign-in': { body: warning, glyph: exclamation, color: [0xd9, 0x30, 0x25] },
  'not-configured': { body: thinRing, glyph: null, color: [0x8a, 0x8a, 0x8a] },
  'signing-in': { body: thinRing, glyph: null, extra: dots, color: [0x1a, 0x73, 0xe8] },
};

// ---- rasterising ----

const SUPERSAMPLE = 4;

/** Fraction of the pixel (px, py) covered by `shape`, rendered at `size` px. */
function coverage(shape, px, py, size) {
  if (!shape) return 0;
  const scale = 16 / size;
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE) * scale;
      const y = (py + (sy + 0.5) / SUPERSAMPLE) * scale;
      if (shape(x, y) <= 0) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

/** RGBA pixels for a colour icon: the body in its colour, the glyph in white on top. */
function renderColour(state, size) {
  const { body, glyph, extra, color } = STATES[state];
  const shape = extra ? union(body, extra) : body;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y, size);
      const g = coverage(glyph, x, y, size);
      const i = (y * size + x) * 4;
      // Glyph pixels blend from the body colour to white.
      pixels[i] = Math.round(color[0] + (255 - color[0]) * g);
      pixels[i + 1] = Math.round(color[1] + (255 - color[1]) * g);
      pixels[i + 2] = Math.round(color[2] + (255 - color[2]) * g);
      pixels[i + 3] = Math.round(255 * Math.max(a, g));
    }
  }
  return pixels;
}

/** RGBA pixels for a macOS template image: black, the glyph cut out of the body. */
function renderTemplate(state, size) {
  const { body, glyph, extra } = STATES[state];
  const base = extra ? union(body, extra) : body;
  const shape = glyph ? subtract(base, glyph) : base;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      pixels[(y * size + x) * 4 + 3] = Math.round(255 * coverage(shape, x, y, size));
    }
  }
  return pixels;
}

/** The app icon: the "ok" badge on a dark rounded square. */
function renderAppIcon(size) {
  const tile = roundedSquare(0.6, 3.2);
  const badge = circle(8, 8, 5.2);
  const check = union(segment(5.7, 8.2, 7.4, 9.9, 1.4), segment(7.4, 9.9, 10.6, 6.3, 1.4));
  const navy = [0x23, 0x2f, 0x3e];
  const green = STATES.ok.color;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = coverage(tile, x, y, size);
      const b = coverage(badge, x, y, size);
      const c = coverage(check, x, y, size);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const onTile = navy[k] + (green[k] - navy[k]) * b;
        pixels[i + k] = Math.round(onTile + (255 - onTile) * c);
      }
      pixels[i + 3] = Math.round(255 * t);
    }
  }
  return pixels;
}

// ---- PNG encoding (RGBA, 8 bit, no interlace) ----

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every file this script owns, relative to the repository root. */
export function renderAll() {
  const files = new Map();
  for (const state of Object.keys(STATES)) {
    for (const base of [16, 32]) {
      files.set(
        `build/icons/tray-${state}-${base}.png`,
        encodePng(base, renderColour(state, base)),
      );
      files.set(
        `build/icons/tray-${state}-${base}@2x.png`,
        encodePng(base * 2, renderColour(state, base * 2)),
      );
    }
    files.set(`build/icons/tray-${state}Template.png`, encodePng(16, renderTemplate(state, 16)));
    files.set(`build/icons/tray-${state}Template@2x.png`, encodePng(32, renderTemplate(state, 32)));
  }
  files.set('build/icon.png', encodePng(512, renderAppIcon(512)));
  return files;
}

const check = process.argv.includes('--check');
const files = renderAll();
const stale = [];
for (const [relative, bytes] of files) {
  const file = path.join(ROOT, relative);
  if (check) {
    let current = null;
    try {
      current = readFileSync(file);
    } catch {
      // missing counts as stale
    }
    if (!current || !current.equals(bytes)) stale.push(relative);
  } else {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
}
if (check && stale.length) {
  console.error(
    `Icons out of date (run node scripts/generate-icons.mjs):\n  ${stale.join('\n  ')}`,
  );
  process.exit(1);
}
if (!check) console.log(`Wrote ${files.size} icons.`);
