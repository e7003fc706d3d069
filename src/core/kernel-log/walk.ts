// Replays the walk a kernel log records as bpfiddle's path tree (the Path/PathStep types of
// src/core/verifier/verify.ts), so imported logs feed the same panes as bpfiddle's own verifier.
// - Each instruction line is a step; its state is the state before it with the registers and slots
//   the log prints after it (`; R0=...`, or a following `N: R0=...` line) put in: at level 1 and 2
//   the kernel prints only what changed, so the rest carries over. Helper and kfunc calls clear
//   R1-R5 (they are not printed once uninitialised).
// - `from X to Y:` (level 2) starts a new path: its parent is the latest path that ran the jump at
//   X, its state the printed (complete) state of the current frame over the parent's frames.
//   After a callee returns, `from X to Y:` only repeats the caller's state: same path.
// - `caller:`/`callee:`/`returning from callee:`/`to caller at N:` carry complete frame states.
// - `N: safe` and `from X to Y: safe` end a path as pruned; `exit` in frame 0 ends it.
// - A level-1 log keeps only the failing path's history (the kernel rewinds the log when it
//   abandons a branch), so it is one path whose steps jump where the history took a branch; the
//   complete state the kernel prints after such a switch replaces the current frame.
// The failing instruction stays a step (with the state it was checked in), so its state can be shown.

import { NOT_INIT, ptrReg, type Reg } from '../verifier/regs.js';
import { EMPTY_SLOT, type Slot } from '../verifier/stack.js';
import { newFrame, type Frame, type VerifierState } from '../verifier/state.js';
import type { Path, PathEnd, PathStep } from '../verifier/verify.js';
import { balanced, type LogLine } from './lines.js';
import { parseStateText, type MapLookup, type ParsedStateText } from './state-text.js';

interface PathRec {
  id: number;
  parent: number | null;
  fromPc: number | null;
  startPc: number;
  startState: VerifierState;
  steps: { pc: number; state: VerifierState }[];
  end: PathEnd | null;
}

export interface WalkInput {
  readonly lines: readonly LogLine[];
  readonly level: 1 | 2;
  readonly maps: MapLookup;
  /** Opcode of each slot of the rebuilt program (to know calls, exits and conditional jumps). */
  readonly opcodeAt: (pc: number) => number | undefined;
  /** Subprogram index starting at a pc (func#N @M), for callee frames. */
  readonly subprogAt: (pc: number) => number;
  /** Where a `call pc+N` at pc goes. */
  readonly callTarget: (pc: number) => number | undefined;
}

export interface WalkResult {
  paths: Path[];
  /** The error block (free text after the last structure line and before the summary). */
  errorLines: string[];
  errorLine: number;
  /** The last instruction processed (the one an error is about), -1 without any. */
  lastPc: number;
  /** Free text in the middle of the walk (messages that are not the final error), and precision lines. */
  notes: { line: number; text: string }[];
  /** Where reading stopped early, and why. */
  stopped: { line: number; reason: string } | null;
  /** State items that could not be read. */
  unread: { line: number; text: string }[];
}

const CALL = 0x85;
const EXIT = 0x95;
const isCondJump = (op: number): boolean => {
  const cls = op & 7;
  if (cls !== 5 && cls !== 6) return false;
  const code = op & 0xf0;
  if (cls === 5 && (code === 0x00 || code === 0x80 || code === 0x90)) return false;
  return true;
};

function emptyState(): VerifierState {
  return { frames: [newFrame(0, 0, -1)], refs: [], jmpHistoryCnt: 0, mayGotoDepth: 0, callbackUnrollDepth: 0 };
}

/** Puts a parsed state text into `st`: `full` replaces the frame (print_all), else only the printed items change. */
function applyState(st: VerifierState, p: ParsedStateText, full: boolean, mk: (frameno: number) => Frame): VerifierState {
  const frames = st.frames.slice();
  const k = p.frameno;
  while (frames.length <= k) frames.push(mk(frames.length));
  const f = frames[k]!;
  const regs: Reg[] = full ? Array.from({ length: 11 }, () => NOT_INIT) : f.regs.slice();
  const stack: Slot[] = full ? [] : f.stack.slice();
  let inCallback = full ? false : f.inCallback;
  let refs = st.refs;
  let sawRefs = false;
  for (const it of p.items) {
    switch (it.kind) {
      case 'reg': regs[it.reg] = it.value; break;
      case 'slot':
        while (stack.length <= it.spi) stack.push(EMPTY_SLOT);
        stack[it.spi] = it.slot;
        break;
      case 'refs': refs = it.ids.map((id) => ({ id, insnIdx: -1 })); sawRefs = true; break;
      case 'cb': inCallback = true; break;
    }
  }
  // print_verifier_state prints refs= whenever there are any, scratched or not.
  if (!sawRefs) refs = [];
  if (full && regs[10] === NOT_INIT) regs[10] = ptrReg('stack', { frameno: k });
  frames[k] = { ...f, regs, stack, inCallback };
  return { ...st, frames, refs };
}

const withoutFramesAbove = (st: VerifierState, k: number): VerifierState =>
  st.frames.length > k + 1 ? { ...st, frames: st.frames.slice(0, k + 1) } : st;

export function replayWalk(input: WalkInput): WalkResult {
  const { lines, level, maps, opcodeAt, subprogAt, callTarget } = input;
  const paths: PathRec[] = [];
  const notes: { line: number; text: string }[] = [];
  const unread: { line: number; text: string }[] = [];
  let stopped: { line: number; reason: string } | null = null;
  let st = emptyState();
  let path: PathRec | null = null;
  /** Conditional jumps run, newest last: where a `from X to Y` branch came from. */
  const jumps: { path: number; pc: number; state: VerifierState }[] = [];
  let text: { line: number; text: string }[] = [];
  let lastPc = -1;
  let afterReturn = -1; // `to caller at N:` seen: the next `from X to N:` continues the path
  let fullNext = false; // the next state line prints everything (after a path switch)

  // A frame the log shows before its banner: entered by the last call instruction.
  const mk = (frameno: number): Frame => newFrame(frameno, subprogAt(callTarget(lastPc) ?? -1), lastPc);
  const newPath = (parent: number | null, fromPc: number | null, startPc: number, state: VerifierState): PathRec => {
    const p: PathRec = { id: paths.length, parent, fromPc, startPc, startState: state, steps: [], end: null };
    paths.push(p);
    return p;
  };
  const setCurrent = (s: VerifierState): void => {
    st = s;
    if (!path) return;
    if (path.steps.length) path.steps[path.steps.length - 1]!.state = s;
    else path.startState = s;
  };
  const parse = (line: number, s: string): ParsedStateText | null => {
    if (!balanced(s)) {
      stopped = { line, reason: 'a state is cut off here (unbalanced parentheses)' };
      return null;
    }
    const p = parseStateText(s, maps);
    for (const u of p.unknown) unread.push({ line, text: u });
    return p;
  };
  const flushText = (): void => {
    for (const t of text) notes.push(t);
    text = [];
  };

  for (let i = 0; i < lines.length && !stopped; i++) {
    const l = lines[i]!;
    switch (l.kind) {
      case 'listing': case 'func': case 'stackDepth': case 'summary':
        break;
      case 'info':
        notes.push({ line: l.line, text: l.text });
        break;
      case 'text':
        if (l.text.trim() !== '') text.push({ line: l.line, text: l.text });
        break;
      case 'insn': {
        flushText();
        if (!path) path = newPath(null, null, l.index, st);
        else if (path.end) {
          // A level-1 log, or a level-2 log whose `from` line is missing: continue as a new path.
          path = newPath(path.id, lastPc, l.index, st);
        }
        const op = opcodeAt(l.index) ?? l.opcode;
        let s = st;
        if (op === CALL && !/\bpc[+-]\d+$/.test(l.text)) {
          // Helper and kfunc calls leave R1-R5 uninitialised.
          const f = s.frames[s.frames.length - 1]!;
          const regs = f.regs.slice();
          for (let r = 1; r <= 5; r++) regs[r] = NOT_INIT;
          const frames = s.frames.slice();
          frames[frames.length - 1] = { ...f, regs };
          s = { ...s, frames };
        }
        path.steps.push({ pc: l.index, state: s });
        st = s;
        lastPc = l.index;
        if (l.state !== null) {
          const p = parse(l.line, l.state);
          if (!p) break;
          setCurrent(applyState(st, p, false, mk));
        }
        if (isCondJump(op)) jumps.push({ path: path.id, pc: l.index, state: st });
        if (op === EXIT && st.frames.length === 1) path.end = { kind: 'exit', pc: l.index };
        fullNext = false;
        break;
      }
      case 'state': {
        flushText();
        const p = parse(l.line, l.state);
        if (!p) break;
        if (!path) {
          path = newPath(null, null, l.index, st);
          setCurrent(applyState(st, p, true, mk));
          break;
        }
        const last = path.steps[path.steps.length - 1];
        // Level 1: a complete state at an instruction that does not follow is a branch of the history.
        const switched = level === 1 && last !== undefined && l.index !== last.pc + 1 && !(opcodeAt(last.pc) === 0x18 && l.index === last.pc + 2) &&
          (opcodeAt(last.pc) === undefined || isCondJump(opcodeAt(last.pc)!) || opcodeAt(last.pc) === EXIT);
        if (path.end && level === 1) path = newPath(path.id, lastPc, l.index, st);
        const full = fullNext || switched || !!path.end;
        const base = full ? withoutFramesAbove(st, p.frameno) : st;
        setCurrent(applyState(base, p, full, mk));
        fullNext = false;
        break;
      }
      case 'from': {
        flushText();
        if (l.state === null && afterReturn === l.to && path && !path.end) {
          // Back in the caller (a callback's return), the state is already covered.
          path.end = { kind: 'pruned', pc: l.to };
          afterReturn = -1;
          break;
        }
        if (l.state !== null && afterReturn === l.to && path && !path.end) {
          const p = parse(l.line, l.state);
          if (!p) break;
          setCurrent(applyState(withoutFramesAbove(st, p.frameno), p, true, mk));
          afterReturn = -1;
          break;
        }
        afterReturn = -1;
        if (path && !path.end) path.end = { kind: 'exit', pc: lastPc };
        let j = -1;
        for (let k = jumps.length - 1; k >= 0; k--) if (jumps[k]!.pc === l.from) { j = k; break; }
        const origin = j >= 0 ? jumps.splice(j, 1)[0]! : null;
        const base = origin ? origin.state : st;
        if (l.state === null) {
          const p = newPath(origin?.path ?? null, l.from, l.to, base);
          p.end = { kind: 'pruned', pc: l.to };
          path = p;
          break;
        }
        const parsed = parse(l.line, l.state);
        if (!parsed) break;
        const startState = applyState(withoutFramesAbove(base, parsed.frameno), parsed, true, mk);
        path = newPath(origin?.path ?? null, l.from, l.to, startState);
        st = startState;
        fullNext = true;
        break;
      }
      case 'safe':
        flushText();
        if (path && !path.end) path.end = { kind: 'pruned', pc: l.index };
        break;
      case 'banner': {
        flushText();
        const next = lines[i + 1];
        const stateText = next && (next.kind === 'cont' || (next.kind === 'text' && next.text === '')) ? (next.kind === 'cont' ? next.state : '') : null;
        if (stateText === null) break;
        i++;
        const p = parse(next!.line, stateText);
        if (!p) break;
        if (l.banner === 'to caller') {
          setCurrent(applyState(withoutFramesAbove(st, p.frameno), p, true, mk));
          afterReturn = l.at;
        } else if (l.banner === 'callee') {
          setCurrent(applyState(withoutFramesAbove(st, p.frameno), p, true, mk));
        } else {
          setCurrent(applyState(st, p, true, mk));
        }
        break;
      }
      case 'cont': {
        // A state line outside a banner (the infinite-loop check dumps states): keep as a note.
        notes.push({ line: l.line, text: l.state });
        break;
      }
    }
  }
  const errorLine = text[0]?.line ?? -1;
  const errorLines = text.map((t) => t.text);
  let firstStep = 0; // every step of a log has its state: the pcs are the steps' pcs
  const out: Path[] = paths.map((p) => {
    const path: Path = {
      id: p.id, parent: p.parent, fromPc: p.fromPc, startPc: p.startPc, startState: p.startState,
      steps: p.steps as PathStep[], pcs: Int32Array.from(p.steps, (s) => s.pc), firstStep, recordedFrom: 0,
      end: p.end ?? { kind: 'unexplored', pc: p.steps[p.steps.length - 1]?.pc ?? p.startPc },
    };
    firstStep += p.steps.length;
    return path;
  });
  return { paths: out, errorLines, errorLine, lastPc, notes, stopped, unread };
}

