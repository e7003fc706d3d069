// The BPF ISA conformance suite (github.com/Alan-Jowett/bpf_conformance) as the VM sees it: the
// `.data` file format, the helper set its runner provides, and the verdict for one file. Positive
// files must yield `-- result` in r0; negative files must be rejected (by the assembler, the
// kernel's structural checks, a read of a never-written register, a fault) or miss the result.
// The assembler is passed in so that the VM does not depend on it.

import { checkInsnFields, checkInsnShape, decodeProgram, nextPc, programFromWords, type Insn } from '../isa/insn.js';
import { decode, validTarget } from './decode.js';
import { run } from './run.js';
import type { HelperHost, RunResult } from './types.js';

export interface ConformanceCase {
  /** The `-- asm` text, or null. */
  asm: string | null;
  /** The `-- raw` program, which replaces the asm when present. */
  raw: Insn[] | null;
  mem: Uint8Array | null;
  /** Expected r0 (unsigned 64-bit), or null when the file gives none. */
  result: bigint | null;
  /** The reference runner's expected error text (negative files), or null. */
  error: string | null;
}

/** Parse a `.data` file. Malformed sections are reported as an error value. */
export function parseConformance(text: string): { ok: true; value: ConformanceCase } | { ok: false; error: string } {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    const m = /^--\s*(.+?)\s*$/.exec(line);
    if (m) {
      current = [];
      sections.set(m[1]!, current);
      continue;
    }
    current?.push(line);
  }
  const body = (name: string): string | null => sections.has(name) ? sections.get(name)!.join('\n') : null;
  const strip = (s: string): string => s.replace(/#.*$/gm, '');
  const c: ConformanceCase = { asm: body('asm'), raw: null, mem: null, result: null, error: body('error') };
  const raw = body('raw');
  if (raw !== null) {
    const tokens = strip(raw).split(/\s+/).filter(Boolean);
    if (tokens.length > 0 && tokens.every((t) => /^0x[0-9a-f]{9,16}$/i.test(t) || /^0x0+$/i.test(t))) {
      c.raw = programFromWords(tokens.map((t) => BigInt(t)));
    } else {
      if (!tokens.every((t) => /^[0-9a-f]{2}$/i.test(t))) return { ok: false, error: 'malformed -- raw section' };
      const d = decodeProgram(Uint8Array.from(tokens.map((t) => parseInt(t, 16))));
      if (!d.ok) return { ok: false, error: d.error };
      c.raw = d.insns;
    }
  }
  const mem = body('mem');
  if (mem !== null) {
    const tokens = strip(mem).split(/\s+/).filter(Boolean);
    if (!tokens.every((t) => /^[0-9a-f]{2}$/i.test(t))) return { ok: false, error: 'malformed -- mem section' };
    c.mem = Uint8Array.from(tokens.map((t) => parseInt(t, 16)));
  }
  const result = body('result');
  if (result !== null) {
    const t = strip(result).trim();
    if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(t)) return { ok: false, error: `malformed -- result '${t}'` };
    c.result = BigInt.asUintN(64, t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t));
  }
  return { ok: true, value: c };
}

/**
 * The helpers the conformance runner's plugins register. Helper 5 is uBPF's `unwind`: it returns
 * its first argument, and when that is 0 the program stops at once with r0 = 0
 * (`call_unwind_fail` passes -1, so the program continues and returns 2).
 */
export const conformanceHelpers: HelperHost = {
  has: (id) => id === 5,
  call: (_id, api) => {
    const r1 = api.reg(1);
    return r1 === 0n ? { r0: 0n, exit: true } : { r0: r1 };
  },
};

export type Assemble = (source: string) => { ok: true; insns: Insn[]; lines: number[] } | { ok: false; error: string };

// The kernel's verifier also refuses shifts by an immediate outside the width and division by an
// immediate zero, but the ISA defines both (masking, and 0 / dst unchanged) and the suite tests
// them; the encoding checks proper still apply.
const KERNEL_POLICY = /^(invalid shift -?\d+|div by zero)$/;

function encodingError(insns: readonly Insn[]): string | null {
  for (let pc = 0; pc < insns.length; pc = nextPc(insns, pc)) {
    const i = insns[pc]!;
    if (i.code === CALLX) continue;
    const m = checkInsnShape(i, insns[pc + 1]) ?? checkInsnFields(i);
    if (m && !KERNEL_POLICY.test(m)) return `insn ${pc}: ${m}`;
  }
  return null;
}

/** `call %rN` (callx, opcode 0x8d with the register in dst): not a kernel instruction, so the
 * assembler refuses it; the runner assembles a stand-in and patches the slot. */
const CALLX = 0x8d;
const CALLX_LINE = /^(\s*)call\s+%r(\d+)\s*(#.*)?$/;

function assembleWithCallx(source: string, assemble: Assemble): ReturnType<Assemble> {
  const lines = source.split('\n');
  const patches = new Map<number, number>();
  lines.forEach((l, k) => {
    const m = CALLX_LINE.exec(l);
    if (m) { patches.set(k + 1, Number(m[2])); lines[k] = `${m[1]}exit`; }
  });
  const a = assemble(lines.join('\n'));
  if (!a.ok || patches.size === 0) return a;
  const insns = a.insns.map((i, slot) => {
    const reg = patches.get(a.lines[slot]!);
    return reg === undefined ? i : { code: CALLX, dst: reg, src: 0, off: 0, imm: 0 };
  });
  return { ok: true, insns, lines: a.lines };
}

export type Verdict =
  | { stage: 'parse' | 'assemble' | 'check'; message: string; run: null }
  | { stage: 'run'; message: string | null; run: RunResult };

/** Take one case as far as it goes: parse → program → structural checks → run. */
export function evaluate(c: ConformanceCase, assemble: Assemble, engine: 'auto' | 'jit' | 'switch' | 'interp' = 'auto'): Verdict {
  let insns: Insn[];
  if (c.raw) {
    insns = c.raw;
  } else if (c.asm !== null) {
    const a = assembleWithCallx(c.asm, assemble);
    if (!a.ok) return { stage: 'assemble', message: a.error, run: null };
    insns = a.insns;
  } else {
    return { stage: 'parse', message: 'no -- asm or -- raw section', run: null };
  }
  if (insns.length === 0) return { stage: 'check', message: 'the program is empty', run: null };
  const shape = encodingError(insns);
  if (shape) return { stage: 'check', message: shape, run: null };
  const uninit = firstUninitRead(insns);
  if (uninit) return { stage: 'check', message: uninit, run: null };
  const r = run(insns, { mem: c.mem ?? new Uint8Array(0) }, { helpers: conformanceHelpers, callx: true, engine });
  if (r.exit === 'fault') return { stage: 'run', message: r.fault!.message, run: r };
  if (r.exit === 'limit') return { stage: 'run', message: `no exit after ${r.steps} instructions`, run: r };
  return { stage: 'run', message: null, run: r };
}

/** The outcome for a file: positive files must produce the result, negative ones must not. */
export function judge(c: ConformanceCase, v: Verdict, negative: boolean): { pass: boolean; detail: string } {
  const got = v.run && v.message === null ? v.run.r0 : null;
  const what = v.message ?? (got !== null ? `r0 = 0x${got.toString(16)}` : 'no result');
  if (negative) {
    const produced = got !== null && (c.result === null || got === c.result);
    if (produced) return { pass: false, detail: `accepted and returned 0x${got!.toString(16)}` };
    return { pass: true, detail: got !== null ? `returned 0x${got.toString(16)}, not the file's 0x${c.result!.toString(16)}` : `rejected (${v.stage}): ${what}` };
  }
  if (c.result === null) return { pass: false, detail: 'the file has no -- result' };
  if (got === c.result) return { pass: true, detail: what };
  return { pass: false, detail: got !== null ? `expected 0x${c.result.toString(16)}, got 0x${got.toString(16)}` : `${v.stage}: ${what}` };
}

/**
 * The kernel refuses to read a register nothing has written ("R0 !read_ok"), and so do the
 * conformance plugins. This finds a read of a register that no path to it writes (a sure error
 * when the read is reachable); r1, r2 (the memory and its length) and r10 start written.
 */
export function firstUninitRead(insns: readonly Insn[]): string | null {
  const d = decode(insns);
  const seen = new Int32Array(d.len).fill(-1);
  const work: [number, number][] = [[0, (1 << 1) | (1 << 2) | (1 << 10)]];
  while (work.length) {
    const [pc, mask] = work.pop()!;
    if (!validTarget(d, pc)) continue;
    const prev = seen[pc]!;
    const merged = prev < 0 ? mask : prev | mask;
    if (merged === prev) continue;
    seen[pc] = merged;
    const row = d.rows[pc];
    const i = d.insns[pc]!;
    if (!row) continue;
    const reads: number[] = [];
    let writes = 0;
    const next = row.kind === 'lddw' ? pc + 2 : pc + 1;
    const succ: number[] = [next];
    switch (row.kind) {
      case 'alu': case 'neg': case 'end': case 'bswap':
        reads.push(i.dst); if (row.useSrcReg) reads.push(i.src); writes = 1 << i.dst; break;
      case 'mov': case 'movsx':
        if (row.useSrcReg) reads.push(i.src); writes = 1 << i.dst; break;
      case 'lddw': writes = 1 << i.dst; break;
      case 'ldx': case 'ldxsx': case 'load_acq': reads.push(i.src); writes = 1 << i.dst; break;
      case 'st': reads.push(i.dst); break;
      case 'stx': case 'store_rel': reads.push(i.dst, i.src); break;
      case 'atomic': reads.push(i.dst, i.src); if (row.atomicOp === 'cmpxchg') { reads.push(0); writes = 1; } break;
      case 'jcond': reads.push(i.dst); if (row.useSrcReg) reads.push(i.src); succ.push(pc + 1 + i.off); break;
      case 'ja': succ[0] = pc + 1 + i.off; break;
      case 'gotol': succ[0] = pc + 1 + i.imm; break;
      case 'may_goto': succ.push(pc + 1 + i.off); break;
      case 'call': writes = 1; break;
      case 'call_local': succ.push(pc + 1 + i.imm); writes = 1; break;
      case 'exit': reads.push(0); succ.length = 0; break;
      case 'ld_abs': case 'ld_ind': if (row.kind === 'ld_ind') reads.push(i.src); writes = 1; break;
      default: break;
    }
    for (const r of reads) {
      if (r <= 10 && (merged & (1 << r)) === 0) return `insn ${pc}: R${r} !read_ok (read before anything writes it)`;
    }
    for (const s of succ) work.push([s, merged | writes]);
  }
  return null;
}
