import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { kernel, kernelIt } from '../kernel/oracle.js';
import {
  OPS, checkProgramShape, decodeInsn, decodeProgram, encodeInsn, encodeProgram, instructionStarts, isKnownOpcode,
  lddwSlots, lddwValue, lookupOp, opByName, programFromWords, programToWords, type Insn,
} from '../../src/core/isa/index.js';

const golden = JSON.parse(readFileSync(new URL('./kernel-shape.golden.json', import.meta.url), 'utf8')) as {
  cases: [number, number, number, number, number, string | null][];
};

/** The harness program the golden verdicts were measured with: r0, r2, r3 set, r1 = fp, fp-8 written. */
export function harness(i: Insn): Insn[] {
  const mov = (dst: number, imm: number): Insn => ({ code: 0xb7, dst, src: 0, off: 0, imm });
  const prog: Insn[] = [mov(0, 0), mov(2, 1), { code: 0xbf, dst: 1, src: 10, off: 0, imm: 0 }, mov(3, 0),
    { code: 0x7a, dst: 10, src: 0, off: -8, imm: 0 }, i];
  if (i.code === 0x18) prog.push({ code: 0, dst: 0, src: 0, off: 0, imm: 0 });
  prog.push(mov(0, 0), { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 });
  return prog;
}

/** A canonical valid instance of a table row. */
function canonical(name: string): Insn {
  const r = opByName(name)!;
  const i: Insn = { code: r.code, dst: 1, src: r.useSrcReg ? 2 : 0, off: 0, imm: 0 };
  if (r.disc) i[r.disc.field] = r.disc.value;
  return i;
}

describe('instruction table', () => {
  it('has a unique name per row and every row is found again from its encoding', () => {
    const names = new Set(OPS.map((r) => r.name));
    expect(names.size).toBe(OPS.length);
    for (const r of OPS) expect(lookupOp(canonical(r.name))?.name).toBe(r.name);
  });

  it('covers every class of RFC 9669 plus the kernel extensions', () => {
    const kinds = new Set(OPS.map((r) => r.kind));
    for (const k of ['alu', 'neg', 'mov', 'movsx', 'end', 'bswap', 'ja', 'gotol', 'jcond', 'may_goto', 'call',
      'call_local', 'call_kfunc', 'exit', 'lddw', 'ldx', 'ldxsx', 'st', 'stx', 'atomic', 'ld_abs', 'ld_ind']) {
      expect(kinds.has(k as never), k).toBe(true);
    }
    // 13 ALU ops x 2 sources x 2 widths, neg/mov/movsx, 9 byte swaps, 11 conditions x 2 x 2, ...
    expect(OPS.filter((r) => r.kind === 'jcond')).toHaveLength(44);
    expect(OPS.filter((r) => r.kind === 'alu')).toHaveLength(52);
    expect(OPS.filter((r) => r.kind === 'atomic')).toHaveLength(20);
    expect(OPS.filter((r) => r.kind === 'lddw').map((r) => r.pseudo)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('tells sdiv from div and movsx from mov by the offset field, as the kernel does', () => {
    expect(lookupOp({ code: 0x3f, dst: 1, src: 2, off: 0, imm: 0 })?.name).toBe('div_reg');
    expect(lookupOp({ code: 0x3f, dst: 1, src: 2, off: 1, imm: 0 })?.name).toBe('sdiv_reg');
    expect(lookupOp({ code: 0x9c, dst: 1, src: 2, off: 1, imm: 0 })?.name).toBe('smod32_reg');
    expect(lookupOp({ code: 0xbf, dst: 1, src: 2, off: 16, imm: 0 })?.name).toBe('movsx1664');
    expect(lookupOp({ code: 0xbc, dst: 1, src: 2, off: 32, imm: 0 })).toBeUndefined();
    expect(lookupOp({ code: 0xd7, dst: 1, src: 0, off: 0, imm: 32 })?.name).toBe('bswap32');
    expect(lookupOp({ code: 0xdb, dst: 1, src: 2, off: 0, imm: 0xf1 })?.name).toBe('lock_cmpxchg');
    expect(lookupOp({ code: 0xc3, dst: 1, src: 2, off: 0, imm: 0x41 })?.name).toBe('lock_fetch_or32');
  });
});

describe('encoding', () => {
  it('encodes `mov r1, 42` and `*(u32 *)(r10 -4) = r1` to the little-endian bytes the kernel reads', () => {
    const hex = (i: Insn) => Buffer.from(encodeInsn(i)).toString('hex');
    expect(hex({ code: 0xb7, dst: 1, src: 0, off: 0, imm: 42 })).toBe('b7010000' + '2a000000');
    expect(hex({ code: 0x63, dst: 10, src: 1, off: -4, imm: 0 })).toBe('631afcff' + '00000000');
    expect(hex({ code: 0xb7, dst: 0, src: 0, off: 0, imm: -1 })).toBe('b7000000' + 'ffffffff');
  });

  it('round-trips every slot: decode(encode(x)) = x', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }),
      fc.integer({ min: -32768, max: 32767 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      (code, dst, src, off, imm) => {
        const i = { code, dst, src, off, imm };
        expect(decodeInsn(encodeInsn(i))).toEqual(i);
      }), { numRuns: 2000 });
  });

  it('splits a 64-bit immediate over the two ld_imm64 slots and joins it again', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => {
      const [lo, hi] = lddwSlots(0x18, 1, 0, v);
      expect(lddwValue(lo, hi)).toBe(v);
      const prog = [lo, hi];
      expect(programFromWords(programToWords(prog))).toEqual(prog);
    }));
  });

  it('rejects a byte string that is not whole instructions', () => {
    expect(decodeProgram(new Uint8Array(12))).toEqual({ ok: false, error: 'program length 12 is not a multiple of 8 bytes' });
    const ok = decodeProgram(encodeProgram([{ code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }]));
    expect(ok.ok && ok.insns[0]!.code).toBe(0x95);
  });

  it('counts ld_imm64 as two slots when listing instruction starts', () => {
    const [lo, hi] = lddwSlots(0x18, 1, 0, 1n << 40n);
    expect(instructionStarts([lo, hi, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }])).toEqual([0, 2]);
  });
});

describe('structural checks agree with the Linux 6.18 kernel', () => {
  it(`gives the kernel's verdict and wording on ${golden.cases.length} recorded instructions`, () => {
    const wrong: string[] = [];
    for (const [code, dst, src, off, imm, kernel] of golden.cases) {
      const i = { code, dst, src, off, imm };
      const ours = checkProgramShape(harness(i))?.message ?? null;
      if (ours !== kernel) wrong.push(`${JSON.stringify(i)}: ours ${ours} kernel ${kernel}`);
    }
    expect(wrong).toEqual([]);
  });

  it('knows which of the 256 opcode bytes the kernel accepts', () => {
    // LDX bytes with a bad mode are reported as reserved-field errors before the opcode check.
    const isLdx = (code: number) => (code & 7) === 1;
    const zeroFields = golden.cases.filter(([code, dst, src, off, imm]) => !isLdx(code) && !dst && !src && !off && !imm);
    expect(zeroFields.length).toBeGreaterThan(200);
    const kernelUnknown = zeroFields.filter(([, , , , , k]) => k?.startsWith('unknown opcode')).map(([c]) => c);
    const ourUnknown = zeroFields.map(([c]) => c).filter((c) => !isKnownOpcode(c));
    expect(ourUnknown).toEqual(kernelUnknown);
  });

  it('names the reserved field problems the way verifier.c does', () => {
    const first = (i: Insn) => checkProgramShape(harness(i))?.message;
    expect(first({ code: 0x07, dst: 1, src: 1, off: 0, imm: 1 })).toBe('BPF_ALU uses reserved fields');
    expect(first({ code: 0x37, dst: 1, src: 0, off: 0, imm: 0 })).toBe('div by zero');
    expect(first({ code: 0x67, dst: 1, src: 0, off: 0, imm: 64 })).toBe('invalid shift 64');
    expect(first({ code: 0xdf, dst: 1, src: 0, off: 0, imm: 16 })).toBe('unknown opcode df');
    expect(first({ code: 0xd4, dst: 1, src: 0, off: 0, imm: 8 })).toBe('BPF_END uses reserved fields');
    expect(first({ code: 0x85, dst: 0, src: 3, off: 0, imm: 1 })).toBe('BPF_CALL uses reserved fields');
    expect(first({ code: 0xdb, dst: 1, src: 2, off: 0, imm: 0x02 })).toBe('BPF_ATOMIC uses invalid atomic opcode 02');
    expect(first({ code: 0xd3, dst: 1, src: 2, off: 0, imm: 0x01 })).toBe('invalid atomic operand size');
  });
});

describe('the recorded verdicts are still the running kernel\'s', () => {
  kernelIt('re-asks the kernel about every recorded instruction and gets the same first error', async () => {
    const STRUCTURAL = /reserved|unknown opcode|invalid BPF|bpf_ld_imm64|atomic|div by zero|invalid shift|may_goto|BPF_LD/;
    const results = await Promise.all(golden.cases.map(([code, dst, src, off, imm]) =>
      kernel().load({ progType: 'socket_filter', insns: harness({ code, dst, src, off, imm }), logLevel: 1 })));
    const wrong: string[] = [];
    results.forEach((r, n) => {
      const lines = r.log.split('\n').filter((l) => l && !l.startsWith('processed') && !/^\d/.test(l));
      const first = r.loaded ? null : (lines.at(-1) ?? null);
      const recorded = golden.cases[n]![5];
      const seen = first && STRUCTURAL.test(first) ? first : null;
      if (seen !== recorded) wrong.push(`${JSON.stringify(golden.cases[n])}: kernel now says ${first}`);
    });
    console.log(`kernel agreement on instruction shape: ${results.length - wrong.length}/${results.length}`);
    expect(wrong).toEqual([]);
  }, 120_000);
});

