// The tray icon assets: committed PNGs that match their source
// (scripts/generate-icons.mjs), valid to the CRC, at the sizes their names
// promise, macOS template images black + alpha only, and one look per state.

import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TRAY_ICON_STATES } from '../../../app/main/tray-icon';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ICONS = path.join(ROOT, 'build/icons');

interface Png {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bit. */
  readonly pixels: Buffer;
}

/** A strict reader for the PNGs we write: RGBA 8-bit, filter 0, every CRC checked. */
function readPng(file: string): Png {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    expect(crc, `${file} ${type} CRC`).toBe(crc32(bytes.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, pixels };
}

const expectedSize = (name: string): number => {
  const base = name.includes('Template') ? 16 : Number(/-(\d+)(?:@2x)?\.png$/.exec(name)![1]);
  return name.includes('@2x') ? base * 2 : base;
};

describe('tray icons', () => {
  const files = readdirSync(ICONS).filter((f) => f.endsWith('.png'));

  it('exist for every state: 16 and 32 px with @2x, and macOS template images', () => {
    for (const state of TRAY_ICON_STATES) {
      for (const suffix of ['-16', '-16@2x', '-32', '-32@2x', 'Template', 'Template@2x']) {
        expect(files).toContain(`tray-${state}${suffix}.png`);
      }
    }
    expect(files).toHaveLength(TRAY_ICON_STATES.length * 6);
  });

  it.each(files)('%s is a valid PNG of the size its name says', (name) => {
    const png = readPng(path.join(ICONS, name));
    expect(png.width).toBe(expectedSize(name));
    expect(png.height).toBe(expectedSize(name));
    const alpha = [...png.pixels].filter((_, i) => i % 4 === 3);
    // Something is drawn, and the corners stay transparent.
    expect(alpha.filter((a) => a > 0).length).toBeGreaterThan(png.width * 2);
    expect(alpha[0]).toBe(0);
    if (name.includes('Template')) {
      const colours = [...png.pixels].filter((_, i) => i % 4 !== 3);
      expect(colours.every((c) => c === 0)).toBe(true);
    }
  });

  it('look different for each state, in colour and as templates', () => {
    for (const variant of ['-16@2x', 'Template@2x']) {
      const looks = TRAY_ICON_STATES.map((s) =>
        readPng(path.join(ICONS, `tray-${s}${variant}.png`)).pixels.toString('base64'),
      );
      expect(new Set(looks).size).toBe(TRAY_ICON_STATES.length);
    }
  });

  it('are exactly what the committed generator draws', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts/generate-icons.mjs'), '--check'],
      { cwd: ROOT },
    );
    expect(stderr).toBe('');
    expect(stdout).toBe('');
  });

  it('include a 512 px app icon for the installers', () => {
    const png = readPng(path.join(ROOT, 'build/icon.png'));
    expect([png.width, png.height]).toEqual([512, 512]);
  });
});
