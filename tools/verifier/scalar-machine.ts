// A minimal verifier walk for the kernel-differential test: programs of scalar ALU instructions,
// bpf_get_prandom_u32 calls, ld_imm64 constants and forward conditional jumps, explored
// depth-first the way the kernel does (fall-through first, pending branches as a LIFO stack).
// It carries what the kernel's scalar registers carry besides the numbers (the scalar id, the
// linked-register delta and its 32/64-bit flag) and reproduces the id rules of check_alu_op,
// adjust_reg_min_max_vals, check_cond_jmp_op, collect_linked_regs (live registers only) and
// sync_linked_regs, plus maybe_fork_scalars. Precision marks are not modelled (they only add a P
// to the print, which the comparison strips) and neither is state pruning (the comparison stops
// at the first "safe"). Test infrastructure, but also a worked reference of the kernel's scalar
// id rules for whoever writes the verifier proper.

import type { Insn } from '../../src/core/isa/insn.js';
import {
  aluResultTracked, endianMutates, formatScalar, isBranchTaken, isConstScalar, knownScalar, refineBranch, scalarAddNoSync,
  scalarAlu, scalarConstValue, scalarEndian, scalarSext32, scalarSext64, scalarWidth, scalarZext32,
  scalarZext32NoSync, splitMinusOneOrZero, syncBounds, unknownScalar, boundsViolation, boundsViolationLog, forgetBounds,
  type JmpOp, type Scalar, type ScalarAluOp,
} from '../../src/core/verifier/index.js';

export type Reg =
  | { kind: 'none' }
  | { kind: 'ctx' }
  | { kind: 'fp' }
  | { kind: 'scalar'; s: Scalar; id: number; flag: 0 | 32 | 64; delta: number };

export type Event =
  | { kind: 'insn'; pc: number; regs: Map<number, string> }
  | { kind: 'from'; from: number; to: number; regs: Map<number, string> }
  | { kind: 'bug'; pc: number; text: string };

const ALU_OPS: Record<number, ScalarAluOp | 'mov' | 'end'> = {
  0x00: 'add', 0x10: 'sub', 0x20: 'mul', 0x30: 'div', 0x40: 'or', 0x50: 'and', 0x60: 'lsh', 0x70: 'rsh',
  0x80: 'neg', 0x90: 'mod', 0xa0: 'xor', 0xb0: 'mov', 0xc0: 'arsh', 0xd0: 'end',
};
const JMP_OPS: Record<number, JmpOp> = {
  0x10: 'jeq', 0x20: 'jgt', 0x30: 'jge', 0x40: 'jset', 0x50: 'jne', 0x60: 'jsgt', 0x70: 'jsge',
  0xa0: 'jlt', 0xb0: 'jle', 0xc0: 'jslt', 0xd0: 'jsle',
};

/** clear_scalar_id: a register that loses its id loses its linked delta too. */
const NO_ID = { id: 0, flag: 0, delta: 0 } as const;

const unknownReg = (): Reg => ({ kind: 'scalar', s: unknownScalar(), id: 0, flag: 0, delta: 0 });
const constReg = (v: bigint): Reg => ({ kind: 'scalar', s: knownScalar(v), id: 0, flag: 0, delta: 0 });

export function printReg(r: Reg): string | undefined {
  switch (r.kind) {
    case 'none': return undefined;
    case 'ctx': return 'ctx()';
    case 'fp': return 'fp0';
    case 'scalar':
      return formatScalar(r.s, { id: r.id, delta: r.flag ? r.delta : undefined });
  }
}

function printAll(regs: Reg[]): Map<number, string> {
  const m = new Map<number, string>();
  regs.forEach((r, i) => {
    const p = printReg(r);
    if (p !== undefined) m.set(i, p);
  });
  return m;
}

interface Pending { pc: number; from: number; regs: Reg[] }

const LINKED_REGS_MAX = 6;

/**
 * compute_live_registers for the instructions the machine supports: bit r set in live[pc] when
 * r may be read before being written on some path from pc. Since 6.18 collect_linked_regs only
 * links registers live at the jump ("bpf: collect only live registers in linked regs").
 */
export function liveRegsBefore(prog: readonly Insn[]): number[] {
  const n = prog.length;
  const use = new Array<number>(n).fill(0);
  const def = new Array<number>(n).fill(0);
  const succ: number[][] = [];
  for (let pc = 0; pc < n; pc++) {
    const i = prog[pc]!;
    const cls = i.code & 7;
    const op = i.code & 0xf0;
    const isX = (i.code & 8) !== 0;
    succ[pc] = [pc + 1];
    if (i.code === 0x85) {
      def[pc] = 0x3f; // r0-r5; bpf_get_prandom_u32 reads no argument
    } else if (i.code === 0x95) {
      use[pc] = 1;
      succ[pc] = [];
    } else if (i.code === 0x18) {
      def[pc] = 1 << i.dst;
      succ[pc] = [pc + 2];
    } else if (cls === 4 || cls === 7) {
      if (op === 0xb0) use[pc] = isX ? 1 << i.src : 0;
      else use[pc] = (1 << i.dst) | (isX && op !== 0xd0 ? 1 << i.src : 0);
      def[pc] = 1 << i.dst;
    } else if (cls === 5 || cls === 6) {
      use[pc] = (1 << i.dst) | (isX ? 1 << i.src : 0);
      succ[pc] = [pc + 1, pc + i.off + 1];
    }
  }
  const live = new Array<number>(n + 1).fill(0);
  for (let changed = true; changed;) {
    changed = false;
    for (let pc = n - 1; pc >= 0; pc--) {
      let out = 0;
      for (const s of succ[pc]!) out |= live[s] ?? 0;
      const inn = (out & ~def[pc]!) | use[pc]!;
      if (inn !== live[pc]) {
        live[pc] = inn;
        changed = true;
      }
    }
  }
  return live;
}

/** How often the walk hit each interesting rule (coverage of the differential). */
export const machineStats: Record<string, number> = {};
const hit = (k: string): void => {
  machineStats[k] = (machineStats[k] ?? 0) + 1;
};

export class ScalarMachine {
  private idGen = 0;
  readonly events: Event[] = [];
  private readonly live: number[];

  constructor(private readonly prog: readonly Insn[]) {
    this.live = liveRegsBefore(prog);
  }

  run(): Event[] {
    const regs: Reg[] = Array.from({ length: 11 }, (): Reg => ({ kind: 'none' }));
    regs[1] = { kind: 'ctx' };
    regs[10] = { kind: 'fp' };
    const stack: Pending[] = [];
    let pc = 0;
    let cur = regs;
    for (let steps = 0; steps < 100_000; steps++) {
      const insn = this.prog[pc]!;
      const next = this.step(insn, pc, cur, stack);
      if (this.pendingFork) {
        stack.push(this.pendingFork);
        this.pendingFork = undefined;
      }
      // the kernel prints the instruction before checking it: its bugs come after its line
      const ev = this.events.pop()!;
      this.events.push(ev, ...this.bugs);
      this.bugs = [];
      if (next === 'exit') {
        const p = stack.pop();
        if (!p) return this.events;
        cur = p.regs;
        pc = p.pc;
        this.events.push({ kind: 'from', from: p.from, to: p.pc, regs: printAll(cur) });
        continue;
      }
      pc = next;
    }
    throw new Error('machine did not terminate');
  }

  private scalar(regs: Reg[], n: number): Extract<Reg, { kind: 'scalar' }> {
    const r = regs[n]!;
    if (r.kind !== 'scalar') throw new Error(`R${n} is not a scalar`);
    return r;
  }

  /** assign_scalar_id_before_mov */
  private assignId(regs: Reg[], n: number): void {
    const r = this.scalar(regs, n);
    let { id, flag, delta } = r;
    if (flag) {
      id = 0; flag = 0; delta = 0;
    }
    if (!id && !isConstScalar(r.s)) id = ++this.idGen;
    regs[n] = { ...r, id, flag, delta };
  }

  /** A state split off by the current instruction (maybe_fork_scalars), queued after it. */
  private pendingFork: Pending | undefined;
  /** Invariant violations found while executing the current instruction, logged after its line. */
  private bugs: Event[] = [];

  private checkSanity(regs: Reg[], n: number, pc: number, ctx: string): void {
    const r = this.scalar(regs, n);
    const msg = boundsViolation(r.s);
    if (msg) {
      hit('invariant violation (alu)');
      this.bugs.push({ kind: 'bug', pc, text: boundsViolationLog(ctx, msg, r.s) });
      regs[n] = { ...r, s: forgetBounds(r.s) };
    }
  }

  private step(insn: Insn, pc: number, regs: Reg[], stack: Pending[]): number | 'exit' {
    const cls = insn.code & 7;
    const isX = (insn.code & 8) !== 0;
    const op = insn.code & 0xf0;
    if (insn.code === 0x85) {
      regs[0] = unknownReg();
      for (let i = 1; i <= 5; i++) regs[i] = { kind: 'none' };
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return pc + 1;
    }
    if (insn.code === 0x95) {
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return 'exit';
    }
    if (insn.code === 0x18) {
      const hi = this.prog[pc + 1]!;
      regs[insn.dst] = constReg((BigInt(hi.imm >>> 0) << 32n) | BigInt(insn.imm >>> 0));
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return pc + 2;
    }
    if (cls === 4 || cls === 7) {
      this.alu(insn, pc, regs, cls === 4, isX, ALU_OPS[op]!);
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return pc + 1;
    }
    if ((cls === 5 || cls === 6) && JMP_OPS[op]) {
      return this.jump(insn, pc, regs, stack, cls === 6, isX, JMP_OPS[op]!);
    }
    throw new Error(`machine: unsupported opcode ${insn.code.toString(16)} at ${pc}`);
  }

  private alu(insn: Insn, pc: number, regs: Reg[], alu32: boolean, isX: boolean, op: ScalarAluOp | 'mov' | 'end'): void {
    const d = insn.dst;
    if (op === 'mov') {
      if (!isX) {
        regs[d] = constReg(alu32 ? BigInt(insn.imm >>> 0) : BigInt(insn.imm));
        return;
      }
      const sN = insn.src;
      if (!alu32 && insn.off === 0) {
        this.assignId(regs, sN);
        regs[d] = { ...this.scalar(regs, sN) };
      } else if (!alu32) {
        const src = this.scalar(regs, sN);
        const noSext = src.s.umax < 1n << BigInt(insn.off - 1);
        if (noSext) this.assignId(regs, sN);
        const copy = this.scalar(regs, sN);
        regs[d] = { ...copy, ...(noSext ? {} : NO_ID), s: scalarSext64(copy.s, (insn.off >> 3) as 1 | 2 | 4) };
      } else if (insn.off === 0) {
        const isU32 = scalarWidth(this.scalar(regs, sN).s) <= 32;
        if (isU32) this.assignId(regs, sN);
        const copy = this.scalar(regs, sN);
        regs[d] = { ...copy, ...(isU32 ? {} : NO_ID), s: scalarZext32(copy.s) };
      } else {
        const src = this.scalar(regs, sN);
        const noSext = src.s.umax < 1n << BigInt(insn.off - 1);
        if (noSext) this.assignId(regs, sN);
        const copy = this.scalar(regs, sN);
        regs[d] = { ...copy, ...(noSext ? {} : NO_ID), s: scalarSext32(copy.s, (insn.off >> 3) as 1 | 2) };
      }
      this.checkSanity(regs, d, pc, 'alu');
      return;
    }
    const dst = this.scalar(regs, d);
    if (op === 'end') {
      const kind = !alu32 ? 'bswap' : isX ? 'be' : 'le';
      const bits = insn.imm as 16 | 32 | 64;
      const mutated = endianMutates(kind, bits);
      regs[d] = { ...dst, ...(mutated ? NO_ID : {}), s: scalarEndian(dst.s, kind, bits) };
      this.checkSanity(regs, d, pc, 'alu');
      return;
    }
    if (op === 'neg') {
      regs[d] = { kind: 'scalar', s: scalarAlu('neg', dst.s, dst.s, alu32), id: 0, flag: 0, delta: 0 };
      this.checkSanity(regs, d, pc, 'alu');
      return;
    }
    const aluOp: ScalarAluOp = op === 'div' && insn.off === 1 ? 'sdiv' : op === 'mod' && insn.off === 1 ? 'smod' : op;
    let src = isX ? this.scalar(regs, insn.src).s : knownScalar(BigInt(insn.imm));
    let dstReg = dst;
    if ((aluOp === 'and' || aluOp === 'or') && isConstScalar(src)) {
      const split = splitMinusOneOrZero(dst.s);
      if (split) {
        hit(`fork ${split.width}`);
        // queue the 0 case at this instruction, continue with -1 (a 64-bit split drops the id)
        const other = regs.map((r) => ({ ...r }));
        const known = split.width === 64 ? { id: 0, flag: 0 as const, delta: 0 } : {};
        other[d] = { ...dst, ...known, s: split.zero };
        this.pendingFork = { pc, from: pc, regs: other };
        dstReg = { ...dst, ...known, s: split.minusOne };
        regs[d] = dstReg;
        if (isX && insn.src === d) src = split.minusOne;
      }
    }
    const dstUmax = dstReg.s.umax;
    const s = scalarAlu(aluOp, dstReg.s, src, alu32);
    let { id, flag, delta } = dstReg;
    // adjust_scalar_min_max_vals marks an untracked result unknown, which also drops the id
    if (!aluResultTracked(aluOp, alu32, src)) {
      id = 0; flag = 0; delta = 0;
    }
    const sameReg = isX && insn.src === d;
    if ((aluOp === 'add' || aluOp === 'sub') && id && isConstScalar(src, alu32) && !sameReg) {
      const val = scalarConstValue(src, alu32);
      const clear = (): void => { id = 0; flag = 0; delta = 0; };
      const sval = BigInt.asIntN(64, val);
      if (!alu32 && (sval < -0x8000_0000n || sval > 0x7fff_ffffn)) clear();
      else if (alu32 && dstUmax > 0xffff_ffffn) clear();
      else {
        let off = Number(BigInt.asIntN(32, val));
        if (aluOp === 'sub' && off === -0x8000_0000) clear();
        else {
          if (aluOp === 'sub') off = -off;
          if (flag) clear();
          else {
            hit(`link add-const ${alu32 ? 32 : 64}`);
            flag = alu32 ? 32 : 64;
            delta = off;
          }
        }
      }
    } else {
      id = 0; flag = 0; delta = 0;
    }
    regs[d] = { kind: 'scalar', s, id, flag, delta };
    this.checkSanity(regs, d, pc, 'alu');
  }

  private jump(insn: Insn, pc: number, regs: Reg[], stack: Pending[], jmp32: boolean, isX: boolean, op: JmpOp): number {
    const d = insn.dst;
    const dst = this.scalar(regs, d);
    const srcS = isX ? this.scalar(regs, insn.src).s : knownScalar(BigInt(insn.imm));
    const target = pc + insn.off + 1;
    const pred = isBranchTaken(dst.s, srcS, op, jmp32);
    hit(`branch ${pred === -1 ? 'unknown' : 'decided'}${sameReg0(insn, isX) ? ' same-reg' : ''}`);
    if (pred === 1) {
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return target;
    }
    if (pred === 0) {
      this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
      return pc + 1;
    }
    // collect linked registers (before the other branch is copied, so id resets hit both)
    const linked: number[] = [];
    const collect = (baseId: number): void => {
      for (let j = 0; j < 10; j++) {
        const r = regs[j]!;
        if (!(this.live[pc]! & (1 << j))) continue;
        if (r.kind !== 'scalar' || r.id !== baseId) continue;
        if (linked.length < LINKED_REGS_MAX) linked.push(j);
        else regs[j] = { ...r, ...NO_ID };
      }
    };
    if (isX) {
      const s = this.scalar(regs, insn.src);
      if (s.id) collect(s.id);
    }
    if (dst.id) collect(this.scalar(regs, d).id);
    const other = regs.map((r) => ({ ...r }));
    const sameReg = isX && insn.src === d;
    const res = refineBranch(this.scalar(regs, d).s, srcS, op, jmp32, sameReg);
    const apply = (rs: Reg[], side: typeof res.taken): void => {
      rs[d] = { ...this.scalar(rs, d), s: side.dst };
      if (isX && !sameReg) rs[insn.src] = { ...this.scalar(rs, insn.src), s: side.src };
      if (isX && sameReg) rs[d] = { ...this.scalar(rs, d), s: side.dst };
    };
    apply(other, res.taken);
    apply(regs, res.fallthrough);
    for (const v of [...res.taken.violations, ...res.fallthrough.violations]) {
      hit('invariant violation (branch)');
      this.bugs.push({ kind: 'bug', pc, text: boundsViolationLog(v.ctx, v.msg, v.state) });
    }
    const syncAll = (rs: Reg[], known: number): void => {
      const k = this.scalar(rs, known);
      for (const j of linked) {
        const r = rs[j]!;
        if (r.kind !== 'scalar' || j === known || r.id !== k.id) continue;
        if (r.flag && k.flag && r.flag !== k.flag) continue;
        if ((!r.flag && !k.flag) || r.delta === k.delta) {
          hit('linked copy');
          rs[j] = { ...k };
        } else {
          hit(`linked delta${r.flag === 32 || k.flag === 32 ? ' zext' : ''}`);
          const fake = knownScalar(BigInt(r.delta) - BigInt(k.delta));
          let s = scalarAddNoSync(k.s, fake);
          if (r.flag === 32 || k.flag === 32) s = scalarZext32NoSync(s);
          rs[j] = { ...r, s: syncBounds(s) };
        }
      }
    };
    if (isX && this.scalar(regs, insn.src).id) {
      syncAll(regs, insn.src);
      syncAll(other, insn.src);
    }
    if (this.scalar(regs, d).id) {
      syncAll(regs, d);
      syncAll(other, d);
    }
    stack.push({ pc: target, from: pc, regs: other });
    this.events.push({ kind: 'insn', pc, regs: printAll(regs) });
    return pc + 1;
  }
}


const sameReg0 = (insn: Insn, isX: boolean): boolean => isX && insn.src === insn.dst;
