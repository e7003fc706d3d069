// Precision tracking (src/core/verifier/precision.ts): the backtracking of one instruction, mask by
// mask, and whole level-2 logs of programs whose pruning depends on it, recorded from the running
// Linux 6.18.44 kernel (map addresses aside, which differ on every load) and compared with
// bpfiddle's log; the same logs are checked against the kernel where it is available.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src/core/asm/index.js';
import { verify } from '../../../src/core/verifier/index.js';
import { EFAULT, ENOTSUPP, Env } from '../../../src/core/verifier/env.js';
import {
  Backtrack, INSN_F_SRC_REG_STACK, Precision, fmtRegMask, fmtStackMask, insnStackAccessFlags,
} from '../../../src/core/verifier/precision.js';
import type { JmpHistEntry } from '../../../src/core/verifier/state.js';
import { LOG_LEVEL2, type KernelMap } from '../../../tools/kernel.js';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { programOf } from './cases.js';

/** Kernel addresses of maps differ from load to load (and from bpfiddle's illustrative ones). */
const addrs = (log: string): string => log.replace(/0xffff[0-9a-f]{12}/g, '<map address>');

/** A Precision over `src` with nothing requested yet, level-2 logging on. */
function tracker(src: string): { p: Precision; env: Env } {
  const a = assemble(`.prog xdp\n${src}`);
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const env = new Env(a.program.insns, 'xdp', undefined, [], 2);
  return { p: new Precision(env), env };
}

const hist = (idx: number, flags: number, linked: JmpHistEntry['linked'] = null): JmpHistEntry =>
  ({ idx, prevIdx: idx - 1, flags, linked, prev: null });

describe('backtrack_insn, one instruction at a time', () => {
  it('formats register and stack masks as the kernel does', () => {
    expect(fmtRegMask(0b10101)).toBe('r0,r2,r4');
    expect(fmtRegMask(0)).toBe('');
    expect(fmtStackMask(0b101, 0)).toBe('-8,-24');
    expect(fmtStackMask(0, 1 << 31)).toBe('-512');
  });

  it('hands the need for r1 to r2 across `r1 = r2`, and keeps r1 needed across `r1 += 3`', () => {
    const { p } = tracker('r1 = r2\n r1 += 3\n exit');
    p.bt.setReg(0, 1);
    expect(p.backtrackInsn(1, 2, null)).toBe(0);
    expect(p.bt.regs[0]).toBe(1 << 1);
    expect(p.backtrackInsn(0, 1, null)).toBe(0);
    expect(p.bt.regs[0]).toBe(1 << 2);
  });

  it('stops at a constant load: `r1 = 5` explains r1 completely', () => {
    const { p } = tracker('r1 = 5\n exit');
    p.bt.setReg(0, 1);
    p.backtrackInsn(0, 1, null);
    expect(p.bt.empty()).toBe(true);
  });

  it('turns a fill from the stack into the stack slot, and the spill back into the spilled register', () => {
    const { p } = tracker('*(u64 *)(r10 - 16) = r6\n r2 = *(u64 *)(r10 - 16)\n exit');
    const flags = insnStackAccessFlags(0, 1);
    p.bt.setReg(0, 2);
    p.backtrackInsn(1, 2, hist(1, flags));
    expect(p.bt.regs[0]).toBe(0);
    expect(p.bt.isSlot(0, 1)).toBe(true);
    p.backtrackInsn(0, 1, hist(0, flags));
    expect(p.bt.isSlot(0, 1)).toBe(false);
    expect(p.bt.regs[0]).toBe(1 << 6);
  });

  it('does not follow a load from memory other than the stack', () => {
    const { p } = tracker('r2 = *(u64 *)(r1 + 0)\n exit');
    p.bt.setReg(0, 2);
    p.backtrackInsn(0, 1, null);
    expect(p.bt.empty()).toBe(true);
  });

  it('clears r0 at a helper call and needs both operands of a register comparison, except a stack pointer', () => {
    const { p } = tracker('call bpf_get_prandom_u32\n if r1 > r10 goto +0\n exit');
    p.bt.setReg(0, 1);
    p.backtrackInsn(1, 2, hist(1, INSN_F_SRC_REG_STACK));
    expect(p.bt.regs[0]).toBe(1 << 1);
    const q = tracker('call bpf_get_prandom_u32\n exit').p;
    q.bt.setReg(0, 0);
    q.backtrackInsn(0, 1, null);
    expect(q.bt.empty()).toBe(true);
  });

  it('gives up on LD_ABS results (-ENOTSUPP) and on a scalar used as a store base', () => {
    const a = tracker('r6 = r1\n r0 = *(u8 *)skb[3]\n exit');
    a.p.bt.setReg(0, 0);
    expect(a.p.backtrackInsn(1, 2, null)).toBe(ENOTSUPP);
    const b = tracker('*(u64 *)(r3 + 0) = r1\n exit');
    b.p.bt.setReg(0, 3);
    expect(b.p.backtrackInsn(0, 1, null)).toBe(ENOTSUPP);
  });

  it('marks every linked register needed once one of them is', () => {
    const { p } = tracker('if r7 > 12 goto +0\n exit');
    p.bt.setReg(0, 8);
    const linked = [{ frame: 0, isReg: true, idx: 7 }, { frame: 0, isReg: true, idx: 8 }, { frame: 0, isReg: false, idx: 2 }];
    p.backtrackInsn(0, 1, hist(0, 0, linked));
    expect(p.bt.isReg(0, 7) && p.bt.isReg(0, 8) && p.bt.isSlot(0, 2)).toBe(true);
  });

  it('moves from the caller into the callee at an exit, and a call with r6 still needed is a verifier bug', () => {
    const { p, env } = tracker('call f\n r0 += 1\n exit\nf:\n r0 = 1\n exit');
    env.subprogs = [{ start: 0, stackDepth: 0, hasTailCall: false, hasLdAbs: false, isCb: false, postorderStart: 0 },
      { start: 3, stackDepth: 0, hasTailCall: false, hasLdAbs: false, isCb: false, postorderStart: 0 }];
    p.bt.setReg(0, 0);
    p.backtrackInsn(4, 1, null); // the callee's exit, walked backwards from the instruction after the call
    expect(p.bt.frame).toBe(1);
    expect(p.bt.regs[1]).toBe(1 << 0);
    p.bt.reset();
    p.bt.frame = 1;
    p.bt.setReg(1, 6);
    expect(p.backtrackInsn(0, 3, null)).toBe(EFAULT);
    expect(env.errorLines[0]).toMatch(/^verifier bug: static subprog unexpected regs/);
  });

  it('prints what it still looks for before each instruction', () => {
    const { p, env } = tracker('r1 = r2\n exit');
    p.bt.setReg(0, 1);
    p.bt.setSlot(0, 0);
    p.backtrackInsn(0, 1, null);
    expect(env.log.toString()).toBe('mark_precise: frame0: regs=r1 stack=-8 before 0: (bf) r1 = r2\n');
  });

  it('keeps a fresh tracker empty', () => {
    expect(new Backtrack().empty()).toBe(true);
  });
});

interface LogCase { name: string; src: string; log: string }

/** Recorded from Linux 6.18.44 (BPF_LOG_LEVEL2). */
const LOGS: LogCase[] = [
  {
    name: "follows a value back through a stack fill and spill into the parent checkpoint",
    src: ".prog xdp\n  call bpf_get_prandom_u32\n  r6 = 3\n  if r0 > 10 goto a\n  r6 = 5\na:\n  *(u64 *)(r10 - 8) = r6\n  r0 = 0\n  r2 = *(u64 *)(r10 - 8)\n  if r2 == 5 goto b\n  r0 = 1\nb:\n  exit\n",
    log: "func#0 @0\nLive regs before insn:\n      0: .......... (85) call bpf_get_prandom_u32#7\n      1: 0......... (b7) r6 = 3\n      2: 0.....6... (25) if r0 > 0xa goto pc+1\n      3: .......... (b7) r6 = 5\n      4: ......6... (7b) *(u64 *)(r10 -8) = r6\n      5: .......... (b7) r0 = 0\n      6: 0......... (79) r2 = *(u64 *)(r10 -8)\n      7: 0.2....... (15) if r2 == 0x5 goto pc+1\n      8: .......... (b7) r0 = 1\n      9: 0......... (95) exit\n0: R1=ctx() R10=fp0\n0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n1: (b7) r6 = 3                        ; R6=3\n2: (25) if r0 > 0xa goto pc+1         ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))\n3: (b7) r6 = 5                        ; R6=5\n4: (7b) *(u64 *)(r10 -8) = r6         ; R6=5 R10=fp0 fp-8=5\n5: (b7) r0 = 0                        ; R0=0\n6: (79) r2 = *(u64 *)(r10 -8)         ; R2=5 R10=fp0 fp-8=5\n7: (15) if r2 == 0x5 goto pc+1\nmark_precise: frame0: last_idx 7 first_idx 7 subseq_idx -1 \nmark_precise: frame0: parent state regs=r2 stack=:  R0=0 R2=P5 R6=5 R10=fp0 fp-8=5\nmark_precise: frame0: last_idx 6 first_idx 0 subseq_idx 7 \nmark_precise: frame0: regs=r2 stack= before 6: (79) r2 = *(u64 *)(r10 -8)\nmark_precise: frame0: regs= stack=-8 before 5: (b7) r0 = 0\nmark_precise: frame0: regs= stack=-8 before 4: (7b) *(u64 *)(r10 -8) = r6\nmark_precise: frame0: regs=r6 stack= before 3: (b7) r6 = 5\n7: R2=5\n9: (95) exit\n(0) frame 0 insn 6 +live -8 \n(0) frame 0 insn 4 +written -8 \n(0) frame 0 insn 2 +written -8 \n(0) frame 0 insn 1 +written -8 \n(0) frame 0 insn 0 +written -8 \n(0) live stack update done in 2 iterations\n\nfrom 2 to 4: R0=scalar(umin=11) R6=3 R10=fp0\n4: R0=scalar(umin=11) R6=3 R10=fp0\n4: (7b) *(u64 *)(r10 -8) = r6         ; R6=3 R10=fp0 fp-8=3\n5: (b7) r0 = 0                        ; R0=0\n6: (79) r2 = *(u64 *)(r10 -8)         ; R2=3 R10=fp0 fp-8=3\n7: (15) if r2 == 0x5 goto pc+1\nmark_precise: frame0: last_idx 7 first_idx 0 subseq_idx -1 \nmark_precise: frame0: regs=r2 stack= before 6: (79) r2 = *(u64 *)(r10 -8)\nmark_precise: frame0: regs= stack=-8 before 5: (b7) r0 = 0\nmark_precise: frame0: regs= stack=-8 before 4: (7b) *(u64 *)(r10 -8) = r6\nmark_precise: frame0: regs=r6 stack= before 2: (25) if r0 > 0xa goto pc+1\nmark_precise: frame0: regs=r6 stack= before 1: (b7) r6 = 3\n7: R2=3\n8: (b7) r0 = 1                        ; R0=1\n9: (95) exit\nprocessed 15 insns (limit 1000000) max_states_per_insn 1 total_states 1 peak_states 1 mark_read 0\n",
  },
  {
    name: "falls back to forcing every scalar precise when the value came from LD_ABS",
    src: ".prog socket_filter\n  r6 = r1\n  r7 = 1\n  r9 = 7\n  call bpf_get_prandom_u32\n  r8 = r0\n  r2 = 3\n  if r8 > 9 goto a\n  r7 = 2\n  r2 = 4\na:\n  r0 = *(u8 *)skb[12]\n  r0 &= 1\n  if r0 > 1 goto b\n  r0 = 0\n  exit\nb:\n  r0 = 1\n  exit\n",
    log: "func#0 @0\nLive regs before insn:\n      0: .1........ (bf) r6 = r1\n      1: ......6... (b7) r7 = 1\n      2: ......67.. (b7) r9 = 7\n      3: ......67.9 (85) call bpf_get_prandom_u32#7\n      4: 01.34567.9 (bf) r8 = r0\n      5: 01.3456789 (b7) r2 = 3\n      6: 0123456789 (25) if r8 > 0x9 goto pc+2\n      7: 01.3456.89 (b7) r7 = 2\n      8: 01.3456789 (b7) r2 = 4\n      9: 0123456789 (30) r0 = *(u8 *)skb[12]\n     10: 0......... (57) r0 &= 1\n     11: 0......... (25) if r0 > 0x1 goto pc+2\n     12: .......... (b7) r0 = 0\n     13: 0......... (95) exit\n     14: .......... (b7) r0 = 1\n     15: 0......... (95) exit\n0: R1=ctx() R10=fp0\n0: (bf) r6 = r1                       ; R1=ctx() R6=ctx()\n1: (b7) r7 = 1                        ; R7=1\n2: (b7) r9 = 7                        ; R9=7\n3: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n4: (bf) r8 = r0                       ; R0=scalar(id=1) R8=scalar(id=1)\n5: (b7) r2 = 3                        ; R2=3\n6: (25) if r8 > 0x9 goto pc+2         ; R8=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=9,var_off=(0x0; 0xf))\n7: (b7) r7 = 2                        ; R7=2\n8: (b7) r2 = 4                        ; R2=4\n9: (30) r0 = *(u8 *)skb[12]           ; R0=scalar() R6=ctx()\n10: (57) r0 &= 1                      ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n11: (25) if r0 > 0x1 goto pc+2\nmark_precise: frame0: last_idx 11 first_idx 9 subseq_idx -1 \nmark_precise: frame0: regs=r0 stack= before 10: (57) r0 &= 1\nmark_precise: frame0: regs=r0 stack= before 9: (30) r0 = *(u8 *)skb[12]\nmark_precise: frame0: falling back to forcing all scalars precise\nforce_precise: frame0: forcing r0 to be precise\nforce_precise: frame0: forcing r2 to be precise\nforce_precise: frame0: forcing r7 to be precise\nforce_precise: frame0: forcing r8 to be precise\nforce_precise: frame0: forcing r9 to be precise\n11: R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n12: (b7) r0 = 0                       ; R0=0\n13: (95) exit\n\nfrom 6 to 9: R0=scalar(id=1,umin=10) R2=3 R6=ctx() R7=1 R8=scalar(id=1,umin=10) R9=7 R10=fp0\n9: R0=scalar(id=1,umin=10) R2=3 R6=ctx() R7=1 R8=scalar(id=1,umin=10) R9=7 R10=fp0\n9: (30) r0 = *(u8 *)skb[12]           ; R0=scalar() R6=ctx()\n10: (57) r0 &= 1                      ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n11: (25) if r0 > 0x1 goto pc+2\nmark_precise: frame0: last_idx 11 first_idx 0 subseq_idx -1 \nmark_precise: frame0: regs=r0 stack= before 10: (57) r0 &= 1\nmark_precise: frame0: regs=r0 stack= before 9: (30) r0 = *(u8 *)skb[12]\nmark_precise: frame0: falling back to forcing all scalars precise\n11: R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))\n12: (b7) r0 = 0                       ; R0=0\n13: (95) exit\nprocessed 19 insns (limit 1000000) max_states_per_insn 1 total_states 1 peak_states 1 mark_read 0\n",
  },
  {
    name: "follows a static subprogram's r0 back through its exit into the callee and out again",
    src: ".prog xdp\n.map m array key=4 value=16 max_entries=1\n  call bpf_get_prandom_u32\n  r6 = r0\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r7 = r0\n  r1 = r6\n  call pick\n  r7 += r0\n  r0 = *(u8 *)(r7 + 0)\nout:\n  r0 = 2\n  exit\npick:\n  r0 = 4\n  if r1 > 7 goto big\n  r0 = 2\nbig:\n  exit\n",
    log: "func#0 @0\nfunc#1 @16\nLive regs before insn:\n      0: .......... (85) call bpf_get_prandom_u32#7\n      1: 0......... (bf) r6 = r0\n      2: ......6... (62) *(u32 *)(r10 -4) = 0\n      3: ......6... (bf) r2 = r10\n      4: ..2...6... (07) r2 += -4\n      5: ..2...6... (18) r1 = 0xffff88813c8f8800\n      7: .12...6... (85) call bpf_map_lookup_elem#1\n      8: 0.23456... (15) if r0 == 0x0 goto pc+5\n      9: 0.23456... (bf) r7 = r0\n     10: ..234567.. (bf) r1 = r6\n     11: .12345.7.. (85) call pc+4\n     12: 0......7.. (0f) r7 += r0\n     13: .......7.. (71) r0 = *(u8 *)(r7 +0)\n     14: .......... (b7) r0 = 2\n     15: 0......... (95) exit\n     16: .1........ (b7) r0 = 4\n     17: 01........ (25) if r1 > 0x7 goto pc+1\n     18: .......... (b7) r0 = 2\n     19: 0......... (95) exit\n0: R1=ctx() R10=fp0\n0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()\n1: (bf) r6 = r0                       ; R0=scalar(id=1) R6=scalar(id=1)\n2: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????\n3: (bf) r2 = r10                      ; R2=fp0 R10=fp0\n4: (07) r2 += -4                      ; R2=fp-4\n5: (18) r1 = 0xffff88813c8f8800       ; R1=map_ptr(ks=4,vs=16)\n7: (85) call bpf_map_lookup_elem#1    ; R0=map_value(ks=4,vs=16)\n8: (15) if r0 == 0x0 goto pc+5        ; R0=map_value(ks=4,vs=16)\n9: (bf) r7 = r0                       ; R0=map_value(ks=4,vs=16) R7=map_value(ks=4,vs=16)\n10: (bf) r1 = r6                      ; R1=scalar(id=1) R6=scalar(id=1)\n11: (85) call pc+4\ncaller:\n R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\ncallee:\n frame1: R1=scalar(id=1) R10=fp0\n16: frame1: R1=scalar(id=1) R10=fp0\n16: (b7) r0 = 4                       ; frame1: R0=4\n17: (25) if r1 > 0x7 goto pc+1        ; frame1: R1=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=7,var_off=(0x0; 0x7))\n18: (b7) r0 = 2                       ; frame1: R0=2\n19: (95) exit\n(0) frame 0 insn 7 +live -8 \n(0) frame 0 insn 1 +live -8 \n(0) frame 0 insn 0 +live -8 \n(0) live stack update done in 2 iterations\nreturning from callee:\n frame1: R0=2 R1=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=7,var_off=(0x0; 0x7)) R10=fp0\nto caller at 12:\n R0=2 R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\n\nfrom 19 to 12: R0=2 R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\n12: (0f) r7 += r0\nmark_precise: frame0: last_idx 12 first_idx 12 subseq_idx -1 \nmark_precise: frame0: parent state regs=r0 stack=:  R0=P2 R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\nmark_precise: frame0: last_idx 19 first_idx 8 subseq_idx 12 \nmark_precise: frame0: regs=r0 stack= before 19: (95) exit\nmark_precise: frame1: regs=r0 stack= before 18: (b7) r0 = 2\n13: R0=2 R7=map_value(ks=4,vs=16,off=2)\n13: (71) r0 = *(u8 *)(r7 +0)          ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)) R7=map_value(ks=4,vs=16,off=2)\n14: (b7) r0 = 2                       ; R0=2\n15: (95) exit\n\nfrom 17 to 19: frame1: R0=4 R1=scalar(id=1,umin=8) R10=fp0\n19: frame1: R0=4 R1=scalar(id=1,umin=8) R10=fp0\n19: (95) exit\nreturning from callee:\n frame1: R0=4 R1=scalar(id=1,umin=8) R10=fp0\nto caller at 12:\n R0=4 R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\n\nfrom 19 to 12: R0=4 R6=scalar(id=1) R7=map_value(ks=4,vs=16) R10=fp0 fp-8=0000????\n12: (0f) r7 += r0\nmark_precise: frame0: last_idx 12 first_idx 8 subseq_idx -1 \nmark_precise: frame0: regs=r0 stack= before 19: (95) exit\nmark_precise: frame1: regs=r0 stack= before 17: (25) if r1 > 0x7 goto pc+1\nmark_precise: frame1: regs=r0 stack= before 16: (b7) r0 = 4\n13: R0=4 R7=map_value(ks=4,vs=16,off=4)\n13: (71) r0 = *(u8 *)(r7 +0)          ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)) R7=map_value(ks=4,vs=16,off=4)\n14: (b7) r0 = 2                       ; R0=2\n15: (95) exit\nprocessed 24 insns (limit 1000000) max_states_per_insn 1 total_states 2 peak_states 2 mark_read 0\n",
  },
];

describe('level-2 logs with precision backtracking', () => {
  for (const c of LOGS) {
    it(`${c.name}: bpfiddle's log is the kernel's`, () => {
      const p = programOf({ src: c.src });
      const r = verify({ insns: p.insns, maps: p.maps, progType: p.progType }, { logLevel: 2, recordPaths: false });
      expect(addrs(r.log)).toBe(addrs(c.log));
    });
  }
  kernelIt(`the running kernel prints the recorded logs (${LOGS.length} programs)`, async () => {
    for (const c of LOGS) {
      const p = programOf({ src: c.src });
      const r = await kernel().verify({ progType: p.progType, insns: p.insns, maps: p.maps as KernelMap[], logLevel: LOG_LEVEL2 });
      expect({ name: c.name, log: addrs(r.log) }).toEqual({ name: c.name, log: addrs(c.log) });
    }
  });
});

describe('pruning with precision', () => {
  const imprecise = `.prog xdp
  call bpf_get_prandom_u32
  r7 = 1
  if r0 > 100 goto a
  r7 = 2
  r2 = 1
  r3 = 2
  r4 = 3
  r5 = 4
  r8 = 5
  goto a
a:
  r0 = 0
  r1 = r10
  r1 += -8
  *(u64 *)(r1 + 0) = r7
  r0 = 2
  exit
`;
  const verifyLog = (src: string): { log: string; processed: number } => {
    const p = programOf({ src });
    const r = verify({ insns: p.insns, maps: [], progType: p.progType }, { logLevel: 2, recordPaths: false });
    return { log: r.log, processed: r.processed };
  };

  it('prunes a path whose only difference is a scalar no check depended on', () => {
    const r = verifyLog(imprecise);
    expect(r.log).toContain('from 2 to 10: safe');
    expect(r.processed).toBe(17);
  });

  it('walks the second path to the end once a check depends on that scalar', () => {
    const r = verifyLog(imprecise.replace('  r0 = 2\n  exit\n', '  r0 = 2\n  if r7 == 1 goto +0\n  exit\n'));
    expect(r.log).not.toContain('safe');
    expect(r.log).toContain('mark_precise: frame0: regs=r7 stack= before');
  });
});
