// Damaged and foreign objects: each gives an error naming what is wrong, never an exception.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { importFile, importObject } from '../../src/core/import/index.js';
import { readElf } from '../../src/core/elf/reader.js';
import { fixture } from './fixtures.js';

const patched = (bytes: Uint8Array, at: number, values: number[]): Uint8Array => {
  const b = bytes.slice();
  values.forEach((v, k) => { b[at + k] = v; });
  return b;
};

/** The file offset of the first relocation entry of section `relName`. */
function relocOffset(bytes: Uint8Array, relName: string): number {
  const r = readElf(bytes);
  if (!r.ok) throw new Error(r.error);
  const s = r.elf.sections.find((x) => x.name === relName);
  if (!s) throw new Error(`no ${relName}`);
  return s.offset;
}

describe('bad objects', () => {
  it('says a file with the ELF magic but the wrong machine is not for BPF', () => {
    const r = importObject(patched(fixture('tc'), 18, [62, 0]));
    expect(r).toEqual({ ok: false, error: 'ELF machine is x86_64 (62), expected BPF (247)' });
  });

  it('names the file when the bytes are not ELF and not whole instructions', () => {
    const r = importFile('photo.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a]));
    expect(r).toEqual({ ok: false, error: 'photo.jpg: not an ELF file, and its 7 bytes are not a whole number of 8-byte instructions' });
    expect(importObject(new TextEncoder().encode('hello'))).toEqual({ ok: false, error: 'not an ELF file (no \\x7fELF magic at the start)' });
  });

  it('rejects 32-bit and big-endian objects by name', () => {
    expect(importObject(patched(fixture('tc'), 4, [1]))).toEqual({ ok: false, error: 'ELF class is ELF32, expected ELF64' });
    expect(importObject(patched(fixture('tc'), 5, [2]))).toEqual({ ok: false, error: 'ELF data encoding is big-endian, expected little-endian' });
  });

  it('reports a truncated object at every length without throwing', () => {
    const whole = fixture('tc');
    const errors = new Set<string>();
    for (let n = 0; n < whole.length; n++) {
      const r = importObject(whole.subarray(0, n));
      expect(r.ok).toBe(false);
      if (!r.ok) errors.add(r.error.replace(/\d+/g, 'N'));
    }
    expect([...errors].sort()).toEqual([
      'not an ELF file (no \\xNfELF magic at the start)',
      'truncated: section header table ends past the file',
      'truncated: the ELF header needs N bytes, the file has N',
    ]);
  });

  it('reports a section that ends past the file', () => {
    const b = fixture('tc');
    const r = readElf(b);
    if (!r.ok) throw new Error(r.error);
    // Grow the program section's size field (section header + 32) past the end of the file.
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const shoff = Number(dv.getBigUint64(40, true));
    const idx = r.elf.sections.find((s) => s.name === 'tc')!.index;
    const bad = b.slice();
    new DataView(bad.buffer).setBigUint64(shoff + idx * 64 + 32, BigInt(b.length), true);
    const res = importObject(bad);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(new RegExp(`^truncated: section ${idx} ends past the file`));
  });

  it('names an unsupported relocation type, its section and offset', () => {
    const b = fixture('xdp_btf_map');
    const at = relocOffset(b, '.relxdp');
    const bad = patched(b, at + 8, [2]); // r_info's type byte: R_BPF_64_ABS64
    const off = new DataView(b.buffer, b.byteOffset).getUint32(at, true);
    expect(importObject(bad)).toEqual({ ok: false, error: `program count_packets (section xdp): unsupported relocation R_BPF_64_ABS64 in .relxdp at offset ${off}` });
  });

  it('skips only the program with the bad relocation when others in the object are fine', () => {
    const b = fixture('tracing');
    const rel = '.reltracepoint/syscalls/sys_enter_write';
    const at = relocOffset(b, rel);
    const res = importObject(patched(b, at + 8, [3])); // R_BPF_64_ABS32
    if (!res.ok) throw new Error(res.error);
    expect(res.programs.map((p) => p.name)).toEqual(['on_open', 'on_switch']);
    const off = new DataView(b.buffer, b.byteOffset).getUint32(at, true);
    expect(res.warnings).toEqual([`program on_write (section tracepoint/syscalls/sys_enter_write): unsupported relocation R_BPF_64_ABS32 in ${rel} at offset ${off}; skipped`]);
  });

  it('names a map type bpfiddle does not model', () => {
    const b = fixture('legacy_maps');
    const r = readElf(b);
    if (!r.ok) throw new Error(r.error);
    const maps = r.elf.sections.find((s) => s.name === 'maps')!;
    const bad = patched(b, maps.offset, [14]); // BPF_MAP_TYPE_DEVMAP
    expect(importObject(bad)).toEqual({ ok: false, error: "program legacy (section socket): map 'packets' has type BPF_MAP_TYPE_DEVMAP (14), which bpfiddle does not model" });
  });

  it('imports the program without C lines when .BTF.ext is damaged, and says so', () => {
    const b = fixture('tc');
    const r = readElf(b);
    if (!r.ok) throw new Error(r.error);
    const ext = r.elf.sections.find((s) => s.name === '.BTF.ext')!;
    const bad = patched(b, ext.offset, [0, 0]); // magic
    const res = importObject(bad);
    if (!res.ok) throw new Error(res.error);
    expect(res.warnings).toEqual(['.BTF.ext: bad magic; C source lines are not shown']);
    expect(res.programs[0]!.lines).toBeUndefined();
    expect(res.programs[0]!.source).not.toContain('; tc.c:');
  });

  it('skips a program with an instruction its assembly cannot express, naming the instruction', () => {
    const b = fixture('same_section');
    const r = readElf(b);
    if (!r.ok) throw new Error(r.error);
    const xdp = r.elf.sections.find((s) => s.name === 'xdp')!;
    const unknownOpcode = patched(b, xdp.offset + 16, [0x00]); // drop_all's first instruction
    const res = importObject(unknownOpcode);
    if (!res.ok) throw new Error(res.error);
    expect(res.programs.map((p) => p.name)).toEqual(['pass_all', 'optional_tc']);
    expect(res.warnings).toEqual([
      "program drop_all (section xdp): instruction 0 (00 00 00 00 01 00 00 00) is not one bpfiddle can write as assembly: unknown instruction 'BUG_ld_00'; skipped",
    ]);
    const reserved = importObject(patched(b, xdp.offset + 17, [0x50])); // src register set on r0 = 1
    expect(reserved.ok && reserved.warnings[0]).toBe(
      'program drop_all (section xdp): instruction 0 (b7 50 00 00 01 00 00 00) has bits its assembly text does not keep (a reserved field or an unknown opcode); skipped',
    );
  });

  it('never throws on objects with random bytes flipped, and every program it imports assembles to its instructions', () => {
    const base = fixture('calls');
    let seed = 1;
    const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
    for (let k = 0; k < 300; k++) {
      const b = base.slice();
      for (let j = 0; j < 4; j++) b[64 + rand(b.length - 64)] = rand(256);
      const r = importObject(b);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      else for (const p of r.programs) expect(assemble(p.source).ok).toBe(true);
    }
  });
});
