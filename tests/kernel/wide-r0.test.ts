// The 64-bit r0 capture (tools/wide-r0.ts): the rewrite relocates every branch across the inserted
// tail, leaves subprogram exits alone, and in the kernel yields the full r0 that the program's
// exits see, for programs whose result is known.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/index.js';
import { BPF_EXIT, BPF_JMP, BPF_PSEUDO_MAP_VALUE } from '../../src/core/isa/constants.js';
import { insn, type Insn } from '../../src/core/isa/insn.js';
import { captureR0, insertSlots, mainFunctionEnd, runWide } from '../../tools/wide-r0.js';
import { kernel, kernelIt } from './oracle.js';

function asm(text: string): Insn[] {
  const r = assemble(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.program.insns;
}

const TWO_EXITS_AND_A_CALL = `
  r0 = 0x1122334455667788 ll
  r2 = *(u32 *)(r1 + 12)
  if r2 == 1 goto other
  call sub
  r0 += 1
  exit
other:
  r0 = -2
  exit
sub:
  r0 = 0x7fffffff00000000 ll
  exit
`;

describe('64-bit r0 capture', () => {
  it('finds the end of the main function at the first subprogram', () => {
    const p = asm(TWO_EXITS_AND_A_CALL);
    expect(mainFunctionEnd(p)).toBe(p.length - 3);
    expect(mainFunctionEnd(asm('r0 = 0\nexit'))).toBe(2);
  });

  it('relocates jumps and calls that cross the inserted slots, and only those', () => {
    // 0: if r1 == 0 goto +2 (-> 3)   1: call +2 (-> 4)   2: exit   3: exit   4: (sub) exit
    const p = [insn(0x15, 1, 0, 2, 0), insn(BPF_JMP | 0x80, 0, 1, 0, 2), insn(BPF_JMP | BPF_EXIT), insn(BPF_JMP | BPF_EXIT), insn(BPF_JMP | BPF_EXIT)];
    const out = insertSlots(p, 3, [insn(0xb7), insn(0xb7)]);
    expect(out).toHaveLength(7);
    expect(out[0]!.off).toBe(4); // target 3 moved to 5
    expect(out[1]!.imm).toBe(4); // target 4 moved to 6
    expect(out[3]).toEqual(insn(0xb7));
  });

  it('turns main-function exits into jumps to a tail that stores r0, and keeps subprogram exits', () => {
    const p = asm(TWO_EXITS_AND_A_CALL);
    const out = captureR0(p, 0);
    const end = mainFunctionEnd(p);
    const exitsBefore = out.slice(0, end).filter((i) => i.code === (BPF_JMP | BPF_EXIT));
    expect(exitsBefore).toEqual([]);
    expect(out[end]).toMatchObject({ code: 0x18, dst: 1, src: BPF_PSEUDO_MAP_VALUE, imm: 0 });
    expect(out[end + 2]).toMatchObject({ code: 0x7b, dst: 1, src: 0, off: 0 });
    expect(out[end + 3]!.code).toBe(BPF_JMP | BPF_EXIT);
    expect(out.at(-1)!.code).toBe(BPF_JMP | BPF_EXIT); // the subprogram's own exit
    for (let pc = 0; pc < end; pc++) {
      if (out[pc]!.code === 0x05) expect(pc + 1 + out[pc]!.off).toBe(end);
    }
  });

  kernelIt('recovers all 64 bits of r0 in the kernel, whichever exit the program takes', async () => {
    const p = asm(TWO_EXITS_AND_A_CALL);
    // xdp_md.ingress_ifindex (offset 12) is 1, loopback, in test runs.
    const data = new Uint8Array(64);
    const viaOther = await runWide(kernel(), { progType: 'xdp', insns: p, dataIn: data });
    expect(viaOther.r0).toBe(0xfffffffffffffffen);
    expect(viaOther.wide).toBe(true);
    expect(viaOther.result.run!.retval).toBe(0xfffffffe);
    const viaCall = await runWide(kernel(), { progType: 'xdp', insns: asm(TWO_EXITS_AND_A_CALL.replace('r2 == 1', 'r2 == 0')), dataIn: data });
    expect(viaCall.r0).toBe(0x7fffffff00000001n);
    expect(viaCall.result.run!.retval).toBe(1);
  });
});
