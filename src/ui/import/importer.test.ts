import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, openBytes } from './importer.js';

describe('opening a file in the page', () => {
  it('refuses an empty file without asking the reader', () => {
    expect(openBytes('empty.o', new Uint8Array(0))).toEqual({ ok: false, fileName: 'empty.o', error: 'the file is empty' });
  });
  it('refuses a file far larger than any eBPF object, saying how large it is', () => {
    const r = openBytes('huge.o', new Uint8Array(MAX_IMPORT_BYTES + 8));
    expect(r).toEqual({ ok: false, fileName: 'huge.o', error: 'the file is too large (16.0 MB; at most 16 MB)' });
  });
});
