// Raw bytecode (binary and hex text), bpftool's xlated dump and verifier logs as import input, and
// raw bytecode as export output.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, type AsmProgram } from '../../src/core/asm/index.js';
import { exportBytecode, importFile, type ImportResult } from '../../src/core/import/index.js';
import { verify } from '../../src/core/verifier/verify.js';
import { FIXTURE_DIR } from './fixtures.js';

const SRC = `.prog xdp
.map counts hash key=4 value=8 max_entries=64
r1 = 0
*(u32 *)(r10 -4) = r1
r2 = r10
r2 += -4
r1 = counts ll
call bpf_map_lookup_elem
r0 = 2
exit
`;

function program(src = SRC): AsmProgram {
  const a = assemble(src);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  return a.program;
}

function only(r: ImportResult): { source: string; kind: string; warnings: string[] } {
  if (!r.ok) throw new Error(r.error);
  expect(r.programs.length).toBe(1);
  return { source: r.programs[0]!.source, kind: r.kind, warnings: r.warnings };
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('bytecode import and export', () => {
  it('keeps 64-bit constant loads two slots wide, so later jumps still land where they did', () => {
    const src = `.prog socket_filter
r1 = 1 ll
r2 = -1 ll
if r1 == 0 goto out
r0 = 1
out:
exit
`;
    const p = program(src);
    const imported = only(importFile('consts.bin', exportBytecode(p), { progType: 'socket_filter' }));
    expect(imported.source).toContain('r1 = 0x1 ll');
    expect(toHex(exportBytecode(program(imported.source)))).toBe(toHex(exportBytecode(p)));
  });

  it('exports 8-byte little-endian slots with the map index in the map load', () => {
    const bytes = exportBytecode(program());
    expect(bytes.length).toBe(9 * 8);
    expect(toHex(bytes.subarray(0, 8))).toBe('b701000000000000');
    // r1 = counts ll: ld_imm64, dst r1, src BPF_PSEUDO_MAP_FD (1), imm = map index 0.
    expect(toHex(bytes.subarray(32, 48))).toBe('18110000000000000000000000000000');
  });

  it('imports raw binary bytecode of the given program type, declaring placeholder maps', () => {
    const original = program();
    const { source, kind, warnings } = only(importFile('prog.bin', exportBytecode(original), { progType: 'xdp' }));
    expect(kind).toBe('bytecode');
    expect(source.split('\n')[0]).toBe('.prog xdp');
    expect(warnings).toEqual([expect.stringContaining('placeholder map_0')]);
    const back = program(source);
    expect(back.insns).toEqual(original.insns);
    expect(back.maps.map((m) => m.name)).toEqual(['map_0']);
  });

  it('imports hex text in the usual spellings', () => {
    const original = program('r0 = 7\nexit\n');
    const bytes = exportBytecode(original);
    const spaced = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const cArray = `{ ${Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')} }`;
    for (const text of [toHex(bytes), spaced, `${spaced.slice(0, 23)}\n${spaced.slice(24)}\n`, cArray]) {
      const { source, kind } = only(importFile('prog.hex', enc(text)));
      expect(kind).toBe('bytecode');
      expect(program(source).insns).toEqual(original.insns);
    }
  });

  it('names an instruction whose bits the assembly text cannot keep', () => {
    const bytes = Uint8Array.from([0xb7, 0x50, 0, 0, 1, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);
    expect(importFile('p.bin', bytes)).toEqual({
      ok: false, error: 'p.bin: instruction 0 (b7 50 00 00 01 00 00 00) has bits its assembly text does not keep (a reserved field or an unknown opcode)',
    });
  });

  it('rejects hex text that is not whole instructions', () => {
    expect(importFile('x.hex', enc('b7 00 00 00 07 00'))).toEqual({ ok: false, error: 'x.hex: hex text with 6 bytes, not a whole number of 8-byte instructions' });
  });

  it('returns assembly text as it is, with its .prog type', () => {
    const r = importFile('prog.s', enc(SRC));
    const { source, kind } = only(r);
    expect(kind).toBe('text');
    expect(source).toBe(SRC);
    expect(r.ok && r.programs[0]!.progType).toBe('xdp');
  });

  it("imports bpftool's xlated dump with placeholder maps for its map ids", () => {
    const text = readFileSync(join(FIXTURE_DIR, 'xdp_btf_map.xlated.txt'));
    const r = importFile('dump.txt', new Uint8Array(text), { progType: 'xdp' });
    const { source, kind, warnings } = only(r);
    expect(kind).toBe('text');
    expect(warnings).toHaveLength(1);
    const prog = program(source);
    expect(prog.progType).toBe('xdp');
    expect(prog.maps).toHaveLength(1);
    expect(prog.insns.length).toBe(27); // the dump ends at "26: (95) exit"
  });

  it('imports a pasted verifier log as the program it shows', () => {
    const original = program();
    const log = verify(original, { logLevel: 2 }).log;
    const { source } = only(importFile('log.txt', enc(`${original.maps.length ? '.map counts hash key=4 value=8 max_entries=64\n' : ''}${log}`), { progType: 'xdp' }));
    expect(program(source).insns.length).toBe(original.insns.length);
  });
});
