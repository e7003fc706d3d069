// Drives a Machine until something stops it: the step limit, a breakpoint, leaving a frame
// (step out), an exit or a fault. Uses the compiled engine when the host allows it and the
// reference interpreter otherwise; both leave the machine in the same state.

import { BREAK, EXITED, FAULTED, GO, STEPOUT, SWITCH_PROG as SWITCH } from './codes.js';
import { compile } from './jit.js';
import type { Machine } from './machine.js';
import { refStep } from './ref.js';
import { interpret as switchInterpret } from './switch.js';

export type Stop = 'limit' | 'exit' | 'fault' | 'break' | 'stepout';

export interface ExecOptions {
  /** 'auto': generated code where allowed, else the switch interpreter; 'switch' and 'ref' force
   * an interpreter ('interp' is the reference one, kept for differential testing). */
  engine?: 'auto' | 'interp' | 'jit' | 'switch';
  breakpoints?: ReadonlySet<number>;
}

const NONE: ReadonlySet<number> = new Set();

/** Steps per call of compiled code: keeps the step counter and its limit small integers (V8
 * compiles `n >= lim` on two int32s much better than on doubles; measured 2-3x on bench (a)). */
const CHUNK = 0x3fffffff;

export function execute(m: Machine, o: ExecOptions = {}): Stop {
  const bps = o.breakpoints ?? NONE;
  const useJit = o.engine === undefined || o.engine === 'auto' || o.engine === 'jit';
  const target = m.limit;
  for (;;) {
    const f = useJit ? compile(m, { record: m.rec, breakpoints: bps, strictAlignment: m.strictAlignment }) : null;
    if (!f && o.engine === 'jit') throw new Error('generated code is not allowed on this host');
    let code: number;
    if (f) {
      m.limit = Math.min(target, m.steps + CHUNK);
      try { code = f(m); } finally { m.limit = target; }
      if (code === GO && m.steps < target) {
        if (bps.has(m.pc)) return 'break';
        continue;
      }
    } else {
      code = o.engine === 'interp' ? interpret(m, bps) : switchInterpret(m, bps);
    }
    switch (code) {
      case SWITCH: continue;
      case EXITED: return 'exit';
      case FAULTED: return 'fault';
      case BREAK: return 'break';
      case STEPOUT: return 'stepout';
      default: return 'limit';
    }
  }
}

/** The reference interpreter's run loop, with the same stop rules as compiled code. */
function interpret(m: Machine, bps: ReadonlySet<number>): number {
  const n0 = m.steps;
  for (;;) {
    if (m.steps >= m.limit) return GO;
    if (m.steps !== n0 && bps.has(m.pc)) return BREAK;
    const depth = m.depth;
    const st = refStep(m);
    if (st !== GO) return st;
    if (m.depth < depth && m.depth < m.stopDepth) return STEPOUT;
  }
}

