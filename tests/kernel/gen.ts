// Random programs the 6.18 verifier accepts, for the VM-vs-kernel fuzz test. Instruction forms
// come from the one instruction table (OPS), so new rows are fuzzed without touching this file.
// What keeps programs verifiable: every register r0-r9 and 64 bytes of stack are initialised up
// front, r10 is never written or used as a value, shifts by immediates stay below the width,
// divisions by immediates are non-zero, stack accesses are size-aligned, jumps only go forward
// (no loops), and after a bpf-to-bpf call r1-r5 are set again (the call clobbers them). Packet
// programs additionally bounds-check 64 bytes at data (kept in r6, callee-saved) before touching
// them; r6 is then never written nor used as an operand, and r3/r4 (data_end, data + 64) are
// overwritten with scalars, so no pointer arithmetic, comparison or leak sneaks in.

import { BPF_CALL, BPF_DW, BPF_EXIT, BPF_IMM, BPF_JMP, BPF_LD, BPF_LDX, BPF_MEM, BPF_W } from '../../src/core/isa/constants.js';
import { insn, lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { OPS, type OpSpec } from '../../src/core/isa/table.js';

/** mulberry32: small, fast, deterministic. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number { return this.u32() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  chance(p: number): boolean { return this.u32() / 2 ** 32 < p; }
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
}

const INTERESTING64: readonly bigint[] = [
  0n, 1n, 2n, 3n, 7n, 0xffn, 0x80n, 0x7fn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
  0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xfffffffffffffffen, 0xffffffff80000000n,
  0x00000000ffff0000n, 0x123456789abcdef0n, 0x8000000080000000n,
];
const INTERESTING32: readonly number[] = [0, 1, -1, 2, -2, 3, 7, 0x7f, 0x80, -0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -0x80000000, 16, 31, 32, 63];

const value64 = (r: Rng): bigint => (r.chance(0.6) ? r.pick(INTERESTING64) : r.u64());
const imm32 = (r: Rng): number => (r.chance(0.6) ? r.pick(INTERESTING32) : r.u32() | 0);

const byKind = (...kinds: OpSpec['kind'][]): OpSpec[] => OPS.filter((o) => kinds.includes(o.kind));
const ALU_ROWS = byKind('alu', 'neg', 'mov', 'movsx', 'end', 'bswap');
const JCOND_ROWS = byKind('jcond');
const STACK_ROWS = byKind('ldx', 'ldxsx', 'st', 'stx', 'atomic', 'load_acq', 'store_rel');
const LDABS_ROWS = byKind('ld_abs', 'ld_ind');

/** A body item; jumps name their target item, resolved to slot offsets at the end. */
type Item = { insns: Insn[]; jumpTo?: number; call?: boolean };

export interface GenOptions {
  /** Body length in instructions (before the prologue). */
  length: number;
  /** Add packet loads/stores through r2 = data (xdp programs; needs 64 bytes of packet). */
  packet: boolean;
  /** Allow a bpf-to-bpf call to a generated subprogram. */
  calls: boolean;
  /** Allow forward conditional jumps and if/else diamonds. */
  branches: boolean;
  /** Add legacy LD_ABS/LD_IND packet loads (socket filters; keeps the context in r6). */
  ldAbs?: boolean;
}

const SCRATCH = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
/** The packet pointer's register in packet programs. */
const PKT = 6;

export function generate(r: Rng, opts: GenOptions): Insn[] {
  const items: Item[] = [];
  const dsts = opts.packet || opts.ldAbs ? SCRATCH.filter((x) => x !== PKT) : SCRATCH;
  const prologue: Insn[] = [];
  if (opts.ldAbs) prologue.push(insn(0xbf, PKT, 1)); // LD_ABS/LD_IND take the skb from r6
  if (opts.packet) {
    // r6 = data, r3 = data_end; exit with r0 = 0 unless 64 bytes are there.
    prologue.push(insn(BPF_LDX | BPF_MEM | BPF_W, PKT, 1, 0), insn(BPF_LDX | BPF_MEM | BPF_W, 3, 1, 4),
      insn(0xbf, 4, PKT), insn(0x07, 4, 0, 0, 64), insn(0xb7, 0, 0, 0, 0), insn(0x2d, 4, 3, 1), insn(0x05, 0, 0, 1), insn(BPF_JMP | BPF_EXIT));
  }
  for (const reg of dsts) prologue.push(...initReg(r, reg));
  for (let slot = 1; slot <= 8; slot++) prologue.push(insn(0x7b, 10, r.pick(dsts), -8 * slot));

  let branches = 0;
  let calls = 0;
  /** Jumps waiting for their target: the item index they jump to is set when it is reached. */
  const pending: { item: Item; at: number }[] = [];
  const land = (): void => {
    for (let k = pending.length - 1; k >= 0; k--) {
      if (pending[k]!.at <= 0) { pending[k]!.item.jumpTo = items.length; pending.splice(k, 1); } else pending[k]!.at--;
    }
  };
  for (let n = 0; n < opts.length; n++) {
    land();
    const roll = r.int(100);
    if (roll < 55) items.push({ insns: [aluInsn(r, dsts, dsts)] });
    else if (roll < 70) items.push({ insns: [stackInsn(r, dsts)] });
    else if (roll < 85 && opts.branches && branches < 6) {
      branches++;
      const row = r.pick(JCOND_ROWS);
      const j: Item = { insns: [insn(row.code, r.pick(dsts), row.useSrcReg ? r.pick(dsts) : 0, 0, row.useSrcReg ? 0 : imm32(r))] };
      items.push(j);
      if (r.chance(0.3)) {
        // if/else diamond: `if c goto ELSE; then...; goto END; ELSE: else...; END:`, so that the
        // unconditional jump skips nothing unreachable.
        const thenLen = 1 + r.int(3);
        for (let t = 0; t < thenLen; t++) items.push({ insns: [aluInsn(r, dsts, dsts)] });
        const ja: Item = { insns: [insn(r.chance(0.3) ? 0x06 : 0x05)] };
        items.push(ja);
        j.jumpTo = items.length;
        pending.push({ item: ja, at: 1 + r.int(3) });
      } else pending.push({ item: j, at: r.int(8) });
    } else if (roll < 95 && opts.packet) items.push({ insns: [packetInsn(r, dsts)] });
    else if (roll < 95 && opts.ldAbs) {
      // An out-of-range offset ends the program with r0 = 0; LD_ABS/LD_IND clobber r1-r5.
      const row = r.pick(LDABS_ROWS);
      const imm = r.chance(0.9) ? r.int(90) - 8 : imm32(r);
      items.push({ insns: [insn(row.code, 0, row.useSrcReg ? r.pick([1, 2, 3, 4, 5, 7, 8, 9]) : 0, 0, imm)] });
      items.push({ insns: [1, 2, 3, 4, 5].flatMap((x) => initSmall(r, x)) });
    }
    else if (roll < 98 && opts.calls && calls < 3) {
      calls++;
      items.push({ insns: [insn(BPF_JMP | BPF_CALL, 0, 1, 0, 0)], call: true });
      // The callee clobbers r1-r5; give them values again.
      items.push({ insns: [1, 2, 3, 4, 5].flatMap((x) => initReg(r, x)) });
    } else items.push({ insns: lddwSlots(BPF_LD | BPF_IMM | BPF_DW, r.pick(dsts), 0, value64(r)) });
  }
  for (const p of pending) p.item.jumpTo = items.length;
  // Fold every register and stack slot into r0 (multiplying by an odd constant loses nothing),
  // so a wrong value anywhere shows in the one number the comparison sees.
  const fold: Insn[] = [];
  for (const reg of dsts) {
    if (reg === 0) continue;
    fold.push(insn(0x27, 0, 0, 0, 0x1000193), insn(0xaf, 0, reg));
  }
  for (let slot = 1; slot <= 8; slot++) {
    fold.push(insn(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8 * slot), insn(0x27, 0, 0, 0, 0x1000193), insn(0xaf, 0, 1));
  }
  items.push({ insns: [...fold, insn(BPF_JMP | BPF_EXIT)] });

  // Lay out: prologue, items, then the subprogram; resolve jump and call offsets in slots.
  const start: number[] = [];
  let pc = prologue.length;
  for (const it of items) { start.push(pc); pc += it.insns.length; }
  const subStart = pc;
  const out = [...prologue];
  items.forEach((it, i) => {
    const at = start[i]!;
    const ins = it.insns.map((x) => ({ ...x }));
    if (it.jumpTo !== undefined) {
      const off = start[Math.min(it.jumpTo, items.length - 1)]! - (at + 1);
      if (ins[0]!.code === 0x06) ins[0]!.imm = off; else ins[0]!.off = off;
    }
    if (it.call) ins[0]!.imm = subStart - (at + 1);
    out.push(...ins);
  });
  if (calls > 0) out.push(...subprogram(r));
  return out;
}

function initReg(r: Rng, reg: number): Insn[] {
  const roll = r.int(3);
  if (roll === 0) return [insn(0xb7, reg, 0, 0, imm32(r))];
  if (roll === 1) return [insn(0xb4, reg, 0, 0, imm32(r))];
  return lddwSlots(BPF_LD | BPF_IMM | BPF_DW, reg, 0, value64(r));
}

/** Mostly small values, so that LD_IND offsets built from them often land inside the packet. */
function initSmall(r: Rng, reg: number): Insn[] {
  return r.chance(0.8) ? [insn(0xb7, reg, 0, 0, r.int(80) - 8)] : initReg(r, reg);
}

function aluInsn(r: Rng, dsts: readonly number[], srcs: readonly number[]): Insn {
  const row = r.pick(ALU_ROWS);
  const dst = r.pick(dsts);
  const src = row.useSrcReg ? r.pick(srcs) : 0;
  const i = insn(row.code, dst, src, 0, 0);
  if (row.disc) i[row.disc.field] = row.disc.value;
  if (row.kind === 'alu' && !row.useSrcReg) {
    let imm = imm32(r);
    if (row.alu === 'lsh' || row.alu === 'rsh' || row.alu === 'arsh') imm = r.int(row.width);
    if ((row.alu === 'div' || row.alu === 'sdiv' || row.alu === 'mod' || row.alu === 'smod') && imm === 0) imm = 3;
    i.imm = imm;
  }
  if (row.kind === 'mov' && !row.useSrcReg) i.imm = imm32(r);
  return i;
}

/** Loads, stores and atomics on the 64 initialised stack bytes, aligned to their size. */
function stackInsn(r: Rng, dsts: readonly number[]): Insn {
  const row = r.pick(STACK_ROWS);
  const size = row.memSize!;
  const off = -size * (1 + r.int(64 / size));
  const i = insn(row.code, 0, 0, off, 0);
  if (row.disc) i[row.disc.field] = row.disc.value;
  switch (row.kind) {
    case 'ldx': case 'ldxsx': case 'load_acq': i.dst = r.pick(dsts); i.src = 10; break;
    case 'st': i.dst = 10; i.imm = imm32(r); break;
    case 'stx': case 'store_rel': i.dst = 10; i.src = r.pick(dsts); break;
    default: i.dst = 10; i.src = r.pick(dsts); break; // atomics write src back when they fetch
  }
  return i;
}

/** Unaligned packet loads and stores within the 64 checked bytes at r6. */
function packetInsn(r: Rng, dsts: readonly number[]): Insn {
  const row = r.pick(byKind('ldx', 'ldxsx', 'st', 'stx'));
  const size = row.memSize!;
  const off = r.int(64 - size + 1);
  switch (row.kind) {
    case 'ldx': case 'ldxsx': return insn(row.code, r.pick(dsts), PKT, off, 0);
    case 'st': return insn(row.code, PKT, 0, off, imm32(r));
    default: return insn(row.code, PKT, r.pick(dsts), off, 0);
  }
}

/** A callee using only its arguments r1-r5 and r0 (r6-r9 are not initialised in a new frame). */
function subprogram(r: Rng): Insn[] {
  const regs = [0, 1, 2, 3, 4, 5];
  const out: Insn[] = [insn(0xbf, 0, r.pick([1, 2, 3, 4, 5]))];
  const n = 2 + r.int(8);
  for (let k = 0; k < n; k++) out.push(aluInsn(r, regs, regs));
  out.push(insn(BPF_JMP | BPF_EXIT));
  return out;
}
