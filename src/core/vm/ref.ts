// The reference interpreter: executes the one instruction at `m.pc` with bigint arithmetic, one
// case per kind of table row. It is the readable statement of what each instruction does, the
// engine used where generated code is not allowed (a Content-Security-Policy without
// 'unsafe-eval'), and the slow path the generated code falls back to for rare instructions
// (calls, exits, atomics, packet loads, memory accesses outside the cached region).

import { helperName } from '../helpers/ids.js';
import { MAX_CALL_FRAMES } from '../isa/constants.js';
import { lddwValue } from '../isa/insn.js';
import { validTarget } from './decode.js';
import { EXITED, FAULTED, GO } from './codes.js';
import type { Machine } from './machine.js';
import type { HelperResult } from './types.js';
import {
  alu32, alu64, atomicResult, bswap, jmpTaken, signExtend, truncate, u32, u64,
} from './semantics.js';
import { MAX_TAIL_CALL_CNT } from './types.js';

/** A fake kernel text address for BPF_PSEUDO_FUNC (callback) loads: the JIT image of slot t. */
export const FUNC_ADDRESS_BASE = 0xffffffffc0000000n;

const lohi = (v: bigint): [number, number] => [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];

function badJump(m: Machine, pc: number, t: number): number {
  const d = m.prog;
  const msg = t >= 0 && t < d.len
    ? `jump to ${t} lands in the middle of an ld_imm64`
    : t === d.len ? `control falls off the end of the program (${d.len} instructions)`
    : `jump to ${t} is outside the program (${d.len} instructions)`;
  return fail(m, pc, 'bad_jump', msg);
}

function fail(m: Machine, pc: number, kind: Parameters<Machine['setFault']>[1], message: string): number {
  rollback(m);
  m.setFault(pc, kind, message);
  return FAULTED;
}

/** Undo journal entries a faulting instruction wrote before it failed (it must change nothing). */
function rollback(m: Machine): void {
  if (!m.rec || m.jpos() === m.SJ[m.steps]) return;
  m.steps++;
  m.undoStep();
}

function memFail(m: Machine): number {
  const f = m.fault!;
  rollback(m);
  m.fault = f;
  return FAULTED;
}

/** Execute one instruction. Returns GO (pc and steps advanced), EXITED or FAULTED (state unchanged). */
export function refStep(m: Machine): number {
  const d = m.prog;
  const pc = m.pc;
  m.fault = null;
  if (pc < 0 || pc >= d.len || d.isStart[pc] !== 1) return badJump(m, pc, pc);
  const row = d.rows[pc];
  const i = d.insns[pc]!;
  if (!row) {
    m.setFault(pc, 'invalid_insn', d.invalid[pc] ?? 'invalid instruction');
    return FAULTED;
  }
  if (m.rec) m.beginStep();
  const next = row.kind === 'lddw' ? pc + 2 : pc + 1;
  const srcVal = (): bigint => (row.useSrcReg ? m.get(i.src) : u64(BigInt(i.imm)));
  const fallthrough = (): number => {
    if (!validTarget(d, next)) return badJump(m, pc, next);
    m.pc = next;
    m.steps++;
    return GO;
  };
  const jump = (t: number): number => {
    if (!validTarget(d, t)) return badJump(m, pc, t);
    m.pc = t;
    m.steps++;
    return GO;
  };
  const addr = (base: number): [number, number] => lohi(u64(m.get(base) + BigInt(i.off)));

  switch (row.kind) {
    case 'alu': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const a = m.get(i.dst);
      m.set(i.dst, row.width === 64 ? alu64(row.alu!, a, srcVal()) : alu32(row.alu!, a, srcVal()));
      return fallthrough();
    }
    case 'neg': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const a = m.get(i.dst);
      m.set(i.dst, row.width === 64 ? u64(-a) : u32(-a));
      return fallthrough();
    }
    case 'mov': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const v = srcVal();
      m.set(i.dst, row.width === 64 ? v : u32(v));
      return fallthrough();
    }
    case 'movsx': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const v = signExtend(m.get(i.src), row.extWidth!);
      m.set(i.dst, row.width === 64 ? v : u32(v));
      return fallthrough();
    }
    case 'end': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const w = row.extWidth as 16 | 32 | 64;
      const a = m.get(i.dst);
      // le* on a little-endian machine only truncates; be* swaps (BPF_TO_BE is the 0x08 bit).
      m.set(i.dst, (i.code & 0x08) ? bswap(a, w) : truncate(a, w));
      return fallthrough();
    }
    case 'bswap': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      m.set(i.dst, bswap(m.get(i.dst), row.extWidth as 16 | 32 | 64));
      return fallthrough();
    }
    case 'ja':
      return jump(pc + 1 + i.off);
    case 'gotol':
      return jump(pc + 1 + i.imm);
    case 'jcond': {
      const taken = jmpTaken(row.jmp!, m.get(i.dst), srcVal(), row.width as 32 | 64);
      return taken ? jump(pc + 1 + i.off) : fallthrough();
    }
    case 'may_goto': {
      // The kernel rewrites may_goto into a countdown in a hidden stack slot of the frame:
      // if (cnt == 0) goto +off; cnt--;
      const cnt = m.frameBudget[m.depth]!;
      if (cnt === 0) return jump(pc + 1 + i.off);
      if (!validTarget(d, next)) return badJump(m, pc, next);
      m.setBudget(cnt - 1);
      return fallthrough();
    }
    case 'call':
      // useSrcReg marks callx (decode.ts): the helper id is in dst.
      return callHelper(m, pc, row.useSrcReg ? Number(m.get(i.dst) & 0x7fffffffn) : i.imm, next);
    case 'call_local': {
      const t = pc + 1 + i.imm;
      if (!validTarget(d, t)) return badJump(m, pc, t);
      if (!validTarget(d, next)) return badJump(m, pc, next);
      if (m.depth + 1 >= MAX_CALL_FRAMES) {
        return fail(m, pc, 'call_depth', `the call stack is too deep: a ${MAX_CALL_FRAMES + 1}th frame (at most ${MAX_CALL_FRAMES})`);
      }
      m.pushFrame(pc, next);
      m.pc = t;
      m.steps++;
      return GO;
    }
    case 'call_kfunc':
      return fail(m, pc, 'unsupported', `kfunc calls (BTF id ${i.imm}) cannot run in the VM`);
    case 'exit': {
      if (m.depth === 0) {
        m.steps++;
        m.exited = true;
        return EXITED;
      }
      if (m.frameCont[m.depth]) return callbackReturn(m, pc);
      m.pc = m.popFrame();
      m.steps++;
      return GO;
    }
    case 'lddw': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const hi = d.insns[pc + 1];
      let v: bigint | null;
      switch (row.pseudo) {
        case 0: v = lddwValue(i, hi); break;
        case 1: case 5: v = m.maps ? m.maps.mapPointer(i.imm) : null; break;
        case 2: case 6: v = m.maps ? m.maps.mapValue(i.imm, hi ? hi.imm : 0) : null; break;
        case 4: v = FUNC_ADDRESS_BASE + BigInt(pc + 1 + i.imm) * 8n; break;
        default: return fail(m, pc, 'unsupported', 'ld_imm64 of a BTF kernel symbol cannot run in the VM');
      }
      if (v === null) return fail(m, pc, 'unsupported', `ld_imm64 refers to map ${i.imm}, which does not exist`);
      m.set(i.dst, u64(v));
      return fallthrough();
    }
    case 'ldx':
    case 'ldxsx':
    case 'load_acq': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const [lo, hi] = addr(i.src);
      const size = row.memSize!;
      const v = m.load(pc, lo, hi, size);
      if (v === null) return memFail(m);
      m.set(i.dst, row.kind === 'ldxsx' ? signExtend(v, size * 8) : v);
      return fallthrough();
    }
    case 'st':
    case 'stx':
    case 'store_rel': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const [lo, hi] = addr(i.dst);
      const v = row.kind === 'st' ? u64(BigInt(i.imm)) : m.get(i.src);
      if (!m.store(pc, lo, hi, row.memSize!, v)) return memFail(m);
      return fallthrough();
    }
    case 'atomic': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      const [lo, hi] = addr(i.dst);
      const size = row.memSize as 4 | 8;
      const old = m.load(pc, lo, hi, size);
      if (old === null) return memFail(m);
      const src = m.get(i.src);
      const res = atomicResult(row.atomicOp!, old, src, m.get(0), size);
      if (res.store && !m.store(pc, lo, hi, size, res.value)) return memFail(m);
      if (row.atomicOp === 'cmpxchg') m.set(0, old);
      else if (row.fetch) m.set(i.src, old);
      return fallthrough();
    }
    case 'ld_abs':
    case 'ld_ind': {
      if (!validTarget(d, next)) return badJump(m, pc, next);
      // gen_ld_abs: offset = src + imm (64-bit add) passed as an int to bpf_skb_load_helper_N;
      // a failed load makes the program return 0.
      const size = row.memSize!;
      const off64 = row.kind === 'ld_ind' ? u64(m.get(i.src) + BigInt(i.imm)) : u64(BigInt(i.imm));
      const off = Number(BigInt.asIntN(32, off64));
      const p = m.packet;
      if (!p || off < 0 || off + size > p.end - p.data) {
        m.set(0, 0n);
        m.steps++;
        m.exited = true;
        return EXITED;
      }
      let v = 0n;
      for (let k = 0; k < size; k++) v = (v << 8n) | BigInt(p.buf[p.data + off + k]!);
      m.set(0, v);
      return fallthrough();
    }
  }
}

function callHelper(m: Machine, pc: number, id: number, next: number): number {
  if (!validTarget(m.prog, next)) return badJump(m, pc, next);
  if (id === 12 && m.tailCalls) return tailCall(m, pc, next);
  if (!m.helpers || !m.helpers.has(id)) {
    const name = helperName(id);
    return fail(m, pc, 'unknown_helper', `call to unknown helper #${id}${name ? ` (${name} is not available here)` : ''}`);
  }
  return helperResult(m, pc, pc, next, m.helpers.call(id, m.api()));
}

/** Carry out what a helper (or a helper's continuation) answered. `pc` is the instruction
 * executing now (the call, or the exit of a callback), `callPc` the helper call it belongs to. */
function helperResult(m: Machine, pc: number, callPc: number, next: number, res: HelperResult): number {
  if ('fault' in res) return fail(m, pc, 'helper', res.fault);
  if ('callback' in res) {
    const t = res.callback.target;
    if (!validTarget(m.prog, t)) return fail(m, pc, 'helper', `the callback at slot ${t} is not an instruction of the program`);
    if (m.depth + 1 >= MAX_CALL_FRAMES) {
      return fail(m, pc, 'call_depth', `the call stack is too deep: a ${MAX_CALL_FRAMES + 1}th frame (at most ${MAX_CALL_FRAMES})`);
    }
    m.pushFrame(callPc, next);
    m.setCont(m.depth, { then: res.then, callPc });
    res.callback.args.forEach((v, k) => m.set(k + 1, u64(v)));
    m.pc = t;
    m.steps++;
    return GO;
  }
  m.set(0, u64(res.r0));
  m.steps++;
  if (res.exit) {
    m.exited = true;
    return EXITED;
  }
  m.pc = next;
  return GO;
}

/** `exit` in a helper's callback: back to the helper, which calls again or returns. */
function callbackReturn(m: Machine, pc: number): number {
  const d = m.depth;
  const cont = m.frameCont[d]!;
  const r0 = m.get(0);
  m.setCont(d, null);
  const next = m.popFrame();
  return helperResult(m, pc, cont.callPc, next, cont.then(r0, m.api(cont.callPc)));
}

/** bpf_tail_call(ctx, map, index): on success jump to the target's first instruction. */
function tailCall(m: Machine, pc: number, next: number): number {
  if (m.frameCont.some((c, d) => c !== null && d <= m.depth)) {
    return fail(m, pc, 'unsupported', 'bpf_tail_call inside a helper callback cannot run in the VM');
  }
  const index = Number(m.get(3) & 0xffffffffn);
  const target = m.tailCount < MAX_TAIL_CALL_CNT ? m.tailCalls!.target(m.get(2), index) : null;
  m.steps++;
  if (!target || target.length === 0) {
    m.pc = next;
    return GO;
  }
  m.switchProgram(target);
  m.pc = 0;
  return GO;
}

