// The kernel-exactness differential for the scalar domain: random straight-line programs that
// build partially known scalars (bpf_get_prandom_u32, ALU and ALU32 ops, movsx, byte swaps,
// ld_imm64, forward conditional jumps to private exit blocks), loaded into the running kernel at
// log level 2, and compared register by register with bpfiddle's bounds + printing as walked by
// ScalarMachine. Used by tests/verifier/kernel-diff.test.ts and runnable on its own:
//   npx tsx tools/verifier/scalar-diff.ts [programs=500] [seed=1] [--show=N]

import { insn, type Insn } from '../../src/core/isa/insn.js';
import { KernelOracle, kernelAvailable } from '../kernel.js';
import { ScalarMachine, machineStats, type Event } from './scalar-machine.js';

// ---- a small seeded PRNG (mulberry32), so failures reproduce ----

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMMS = [
  0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 1000, 0xfff, 0xffff, 0x10000,
  0x7fffffff, -0x80000000, -1, -2, -5, -128, -256, -4096, 0x3f00, 0x80, 0x8000, 0x7ff8, 0xff00, 0x55, 0xaa,
];
const LD64 = [
  0x100000000n, 0xffffffffn, 0xffffffff00000000n, 0x8000000000000000n, 0x7fffffffffffffffn,
  0xffffffffffffffffn, 0x1234567890abcdefn, 0x80000000n, 0xffffffff80000000n, 0x100000005n,
];
const ALU = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xc0];
const NARROW = [0x50, 0x50, 0x70, 0x40, 0x00, 0x10]; // and, rsh, or, add, sub: build ranges
const JMP = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];

/** One random program; conditional jumps leave to private exit blocks after the main exit. */
export function generateProgram(rand: () => number, bodyLen = 24): Insn[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number): boolean => rand() < p;
  const imm = (): number => (chance(0.2) ? (Math.floor(rand() * 2 ** 32) | 0) : pick(IMMS));
  const body: (Insn | { jump: Insn })[] = [];
  const live = new Set<number>([0]);
  // mostly keep working on a couple of registers, so ranges narrow over several steps
  const hot: number[] = [];
  const reg = (): number => {
    const cands = hot.filter((r) => live.has(r));
    const r = cands.length && chance(0.6) ? pick(cands) : pick([...live]);
    hot.unshift(r);
    hot.length = Math.min(hot.length, 3);
    return r;
  };
  const call = (): void => {
    body.push(insn(0x85, 0, 0, 0, 7));
    for (let r = 1; r <= 5; r++) live.delete(r);
    live.add(0);
  };
  // seed a few callee-saved registers with unknown values (sharing ids with r0)
  for (const r of [6, 7, 8, 9]) {
    if (r === 6 || chance(0.6)) {
      call();
      body.push(insn(0xbf, r, 0));
      live.add(r);
    }
  }
  for (let n = 0; n < bodyLen; n++) {
    const k = rand();
    const alu64 = chance(0.65);
    const cls = alu64 ? 0x07 : 0x04;
    const dst = chance(0.15) ? pick([1, 2, 3, 4, 5, 6, 7, 8, 9]) : reg();
    if (!live.has(dst)) {
      // first write to a dead register: a copy or a constant
      if (chance(0.7)) body.push(insn(alu64 ? 0xbf : 0xbc, dst, reg()));
      else body.push(insn(alu64 ? 0xb7 : 0xb4, dst, 0, 0, imm()));
      live.add(dst);
      continue;
    }
    if (k < 0.28) {
      // narrowing with a constant
      const op = pick(NARROW);
      let v = imm();
      if (op === 0x70) v = Math.floor(rand() * (alu64 ? 64 : 32));
      body.push(insn(cls | op, dst, 0, 0, v));
    } else if (k < 0.48) {
      const op = pick(ALU);
      if (chance(0.5)) {
        let v = imm();
        if (op === 0x60 || op === 0x70 || op === 0xc0) v = Math.floor(rand() * (alu64 ? 64 : 32));
        if ((op === 0x30 || op === 0x90) && v === 0) v = 3;
        const off = (op === 0x30 || op === 0x90) && chance(0.3) ? 1 : 0;
        body.push(insn(cls | op, dst, 0, off, v));
      } else {
        const off = (op === 0x30 || op === 0x90) && chance(0.3) ? 1 : 0;
        body.push(insn(cls | 0x08 | op, dst, reg(), off, 0));
      }
    } else if (k < 0.56) {
      // copies and sign extension
      if (chance(0.5)) body.push(insn(alu64 ? 0xbf : 0xbc, dst, reg()));
      else if (alu64) body.push(insn(0xbf, dst, reg(), pick([8, 16, 32])));
      else body.push(insn(0xbc, dst, reg(), pick([8, 16])));
    } else if (k < 0.6) {
      body.push(insn(alu64 ? 0x87 : 0x84, dst, 0));
    } else if (k < 0.65) {
      const bits = pick([16, 32, 64]);
      body.push(alu64 ? insn(0xd7, dst, 0, 0, bits) : insn(chance(0.5) ? 0xd4 : 0xdc, dst, 0, 0, bits));
    } else if (k < 0.68) {
      body.push(insn(0x18, dst, 0, 0, 0));
      body.push(insn(0, 0, 0, 0, 0));
      const v = chance(0.5) ? pick(LD64) : BigInt(Math.floor(rand() * 2 ** 32)) << 32n | BigInt(Math.floor(rand() * 2 ** 32));
      const lo = body[body.length - 2] as Insn;
      const hi = body[body.length - 1] as Insn;
      lo.imm = Number(BigInt.asIntN(32, v));
      hi.imm = Number(BigInt.asIntN(32, v >> 32n));
    } else if (k < 0.7) {
      call();
    } else {
      const op = pick(JMP);
      const j32 = chance(0.35);
      const code = (j32 ? 0x06 : 0x05) | op;
      if (chance(0.6)) body.push({ jump: insn(code, dst, 0, 0, imm()) });
      else body.push({ jump: insn(code | 0x08, dst, chance(0.05) ? dst : reg(), 0, 0) });
    }
  }
  // layout: body, r0 = 0; exit, then one "r0 = 0; exit" block per jump
  const prog: Insn[] = [];
  const jumps: number[] = [];
  for (const b of body) {
    if ('jump' in b) {
      jumps.push(prog.length);
      prog.push({ ...b.jump });
    } else prog.push(b);
  }
  prog.push(insn(0xb7, 0, 0, 0, 0), insn(0x95));
  for (const at of jumps) {
    prog[at] = { ...prog[at]!, off: prog.length - at - 1 };
    prog.push(insn(0xb7, 0, 0, 0, 0), insn(0x95));
  }
  return prog;
}

/**
 * A program centred on linked registers: one unknown value copied into many registers, some with
 * 64- or 32-bit constant deltas, then comparisons on random members (sync_linked_regs, the
 * six-register limit, BPF_ADD_CONST32 zero-extension, mixed widths).
 */
export function generateLinkedProgram(rand: () => number): Insn[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number): boolean => rand() < p;
  const body: (Insn | { jump: Insn })[] = [insn(0x85, 0, 0, 0, 7)];
  // sometimes start from a u32 value so that 32-bit deltas can link
  if (chance(0.5)) body.push(insn(0xbc, 0, 0));
  if (chance(0.3)) body.push(insn(0x57, 0, 0, 0, pick([0xff, 0xffff, 0x7fffffff])));
  const regs: number[] = [];
  for (const r of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
    if (!chance(0.8)) continue;
    body.push(insn(0xbf, r, chance(0.7) || !regs.length ? 0 : pick(regs)));
    regs.push(r);
    if (chance(0.5)) {
      const k = pick([1, 2, 5, -1, -4, 100, 0x7fffffff, -0x80000000, 0x1000]);
      body.push(insn(pick([0x07, 0x17, 0x04, 0x14]), r, 0, 0, k));
    }
  }
  for (let n = 0; n < 8; n++) {
    const r = pick([0, ...regs]);
    if (chance(0.7)) {
      const op = pick([0x10, 0x20, 0x30, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0]);
      const code = (chance(0.3) ? 0x06 : 0x05) | op;
      body.push({ jump: chance(0.7) || !regs.length ? insn(code, r, 0, 0, pick([0, 1, 7, 100, 0xff, 0xffff, -1, -5, 0x7ffffff0])) : insn(code | 8, r, pick(regs)) });
    } else {
      body.push(insn(pick([0x07, 0x17, 0x57, 0x04]), r, 0, 0, pick([1, 3, 0xff, -2])));
    }
  }
  // read everything so that all registers stay live at the comparisons
  for (const r of regs) body.push(insn(0x0f, 0, r));
  const prog: Insn[] = [];
  const jumps: number[] = [];
  for (const b of body) {
    if ('jump' in b) {
      jumps.push(prog.length);
      prog.push({ ...b.jump });
    } else prog.push(b);
  }
  prog.push(insn(0xb7, 0, 0, 0, 0), insn(0x95));
  for (const at of jumps) {
    prog[at] = { ...prog[at]!, off: prog.length - at - 1 };
    prog.push(insn(0xb7, 0, 0, 0, 0), insn(0x95));
  }
  return prog;
}

// ---- the kernel's log, parsed into the same events the machine produces ----

export type KernelEvent = Event | { kind: 'safe'; pc: number } | { kind: 'error'; text: string };

function parseRegs(text: string): Map<number, string> {
  const m = new Map<number, string>();
  // values contain spaces ("var_off=(0x0; 0xff)"), so split at the register names
  for (const t of text.matchAll(/R(\d+)=(.*?)(?= R\d+=|$)/g)) {
    // precision is not modelled: drop the P of Pscalar(...) / P-5
    m.set(Number(t[1]), t[2]!.trim().replace(/^P(?=scalar|-?\d)/, ''));
  }
  return m;
}

export function parseKernelLog(log: string): KernelEvent[] {
  const out: KernelEvent[] = [];
  for (const line of log.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^(\d+): \([0-9a-f]{2}\) ([^;]*?)(?:\s*;(.*))?$/.exec(line))) {
      out.push({ kind: 'insn', pc: Number(m[1]), regs: parseRegs(m[3] ?? '') });
    } else if ((m = /^from (\d+) to (\d+): safe$/.exec(line))) {
      out.push({ kind: 'safe', pc: Number(m[2]) });
    } else if ((m = /^from (\d+) to (\d+):(.*)$/.exec(line))) {
      out.push({ kind: 'from', from: Number(m[1]), to: Number(m[2]), regs: parseRegs(m[3]!) });
    } else if ((m = /^(\d+): safe$/.exec(line))) {
      out.push({ kind: 'safe', pc: Number(m[1]) });
    } else if ((m = /^(\d+):( R\d+=.*)$/.exec(line))) {
      // the state of an instruction whose line was interrupted (by mark_precise output); a state
      // line right after a from-line repeats it and is skipped
      let at = out.length - 1;
      while (at >= 0 && out[at]!.kind === 'bug') at--;
      const last = out[at];
      if (last?.kind === 'insn' && last.pc === Number(m[1]) && last.regs.size === 0) last.regs = parseRegs(m[2]!);
    } else if (line.startsWith('verifier bug: ')) {
      out.push({ kind: 'bug', pc: -1, text: line });
    } else if (/^(processed|func#|Live regs|\s|\d+: R|mark_precise|frame \d+: propagating|$)/.test(line)) {
      continue;
    } else {
      out.push({ kind: 'error', text: line });
    }
  }
  return out;
}

// ---- comparison ----

export interface Mismatch {
  pc: number;
  reg: number;
  kernel: string;
  ours: string | undefined;
  where: 'insn' | 'from';
}

export interface ProgramDiff {
  /** Register prints compared (every register the kernel printed on an instruction or from-line). */
  prints: number;
  equal: number;
  mismatches: Mismatch[];
  /** Why the event streams stopped lining up (a different path, an error), if they did. */
  divergence?: string;
  /** The kernel pruned a state (state equivalence is the verifier's, not modelled here): the
   *  comparison stopped there, which is not a disagreement. */
  pruned?: boolean;
}

export function compareRun(prog: readonly Insn[], log: string): ProgramDiff {
  const kernel = parseKernelLog(log);
  let ours: Event[];
  try {
    ours = new ScalarMachine(prog).run();
  } catch (e) {
    return { prints: 0, equal: 0, mismatches: [], divergence: `machine: ${(e as Error).message}` };
  }
  const res: ProgramDiff = { prints: 0, equal: 0, mismatches: [] };
  let i = 0;
  for (const k of kernel) {
    const o = ours[i];
    if (k.kind === 'safe') {
      res.pruned = true;
      break;
    }
    if (k.kind === 'error') {
      res.divergence = `kernel error: ${k.text}`;
      break;
    }
    if (!o || o.kind !== k.kind) {
      res.divergence = `event ${i}: kernel ${k.kind} vs ours ${o?.kind ?? 'end'}`;
      break;
    }
    i++;
    if (k.kind === 'bug') {
      res.prints++;
      if (o.kind === 'bug' && o.text === k.text) res.equal++;
      else res.mismatches.push({ pc: -1, reg: -1, kernel: k.text, ours: o.kind === 'bug' ? o.text : undefined, where: 'insn' });
      continue;
    }
    if (o.kind === 'bug') continue;
    const pc = k.kind === 'insn' ? k.pc : k.to;
    const opc = o.kind === 'insn' ? o.pc : o.to;
    if (pc !== opc) {
      res.divergence = `event ${i - 1}: kernel at ${pc}, ours at ${opc}`;
      break;
    }
    for (const [reg, val] of k.regs) {
      res.prints++;
      const mine = o.regs.get(reg);
      if (mine === val) res.equal++;
      else res.mismatches.push({ pc, reg, kernel: val, ours: mine, where: k.kind });
    }
  }
  return res;
}

export interface DiffSummary {
  programs: number;
  loaded: number;
  prints: number;
  equal: number;
  diverged: number;
  /** Programs whose comparison stopped at a pruned state. */
  pruned: number;
  failures: { prog: Insn[]; diff: ProgramDiff; log: string }[];
}

/** Generates, loads and compares `count` programs; `failures` holds every program that differed. */
export async function runScalarDiff(oracle: KernelOracle, count: number, seed: number): Promise<DiffSummary> {
  const rand = rng(seed);
  const progs = Array.from({ length: count }, (_, n) =>
    n % 4 === 3 ? generateLinkedProgram(rand) : generateProgram(rand, 16 + Math.floor(rand() * 24)));
  const results = await Promise.all(progs.map((p) => oracle.verify({ progType: 'socket_filter', insns: p, logSize: 1 << 20 })));
  const sum: DiffSummary = { programs: count, loaded: 0, prints: 0, equal: 0, diverged: 0, pruned: 0, failures: [] };
  results.forEach((r, n) => {
    if (r.loaded) sum.loaded++;
    const diff = compareRun(progs[n]!, r.log);
    sum.prints += diff.prints;
    sum.equal += diff.equal;
    if (diff.divergence) sum.diverged++;
    if (diff.pruned) sum.pruned++;
    if (diff.divergence || diff.mismatches.length) sum.failures.push({ prog: progs[n]!, diff, log: r.log });
  });
  return sum;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const show = Number(process.argv.find((a) => a.startsWith('--show='))?.slice(7) ?? 3);
  const count = Number(args[0] ?? 500);
  const seed = Number(args[1] ?? 1);
  const avail = kernelAvailable();
  if (!avail.ok) {
    console.log(`skipped: ${avail.why}`);
    return;
  }
  const oracle = KernelOracle.start();
  const t0 = Date.now();
  const sum = await runScalarDiff(oracle, count, seed);
  await oracle.close();
  console.log(`${sum.programs} programs (${sum.loaded} loaded), ${sum.prints} register prints, ` +
    `${sum.equal} identical (${((100 * sum.equal) / Math.max(1, sum.prints)).toFixed(3)}%), ` +
    `${sum.diverged} diverged, ${sum.pruned} stopped at a pruned state, ${sum.failures.length} programs differ, ${Date.now() - t0} ms`);
  console.log('coverage:', Object.entries(machineStats).map(([k, v]) => `${k}=${v}`).join(', '));
  for (const f of sum.failures.slice(0, show)) {
    console.log('---');
    if (f.diff.divergence) console.log('divergence:', f.diff.divergence);
    for (const m of f.diff.mismatches.slice(0, 5)) {
      console.log(`${m.where} ${m.pc} R${m.reg}\n  kernel: ${m.kernel}\n  ours:   ${m.ours}`);
    }
    console.log(f.log.split('\n').filter((l) => !/^\s/.test(l) && !l.startsWith('Live')).join('\n'));
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) await main();
