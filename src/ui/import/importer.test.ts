import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, openBytes } from './importer.js';

describe('opening a file in the page', () => {
  it('refuses an empty file without asking the reader', () => {
    expect(openBytes('empty.o', new Uint8Array(0))).toEqual({ ok: false, fileName: 'empty.o', error: 'the file is empty' });
  });
  it('reports what the reader found wrong, without naming the file twice', () => {
    const r = openBytes('picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^not an ELF file\b/);
  });
  it('counts the instructions of each program for the picker', () => {
    const r = openBytes('prog.hex', new TextEncoder().encode('b7 00 00 00 02 00 00 00\nb7 01 00 00 05 00 00 00\n0f 10 00 00 00 00 00 00\n95 00 00 00 00 00 00 00\n'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.candidates.map((c) => c.insns)).toEqual([4]);
  });
  it('refuses a file far larger than any eBPF object, saying how large it is', () => {
    const r = openBytes('huge.o', new Uint8Array(MAX_IMPORT_BYTES + 8));
    expect(r).toEqual({ ok: false, fileName: 'huge.o', error: 'the file is too large (16.0 MB; at most 16 MB)' });
  });
});
