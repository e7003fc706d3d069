// The state diff of the visual verifier: for one processed instruction, which registers and stack
// slots changed between the verifier's state before it and after it, field by field (type, offset,
// tnum, the four ranges, ids, packet range), and a sentence on why the verifier learned it, from
// the instruction and, for a conditional jump, the side this path took ("after `if r1 > 10`, on
// the fall-through path r1 ≤ 10"). The register and slot texts are the kernel's own notation
// (formatReg/formatSlot, shared with the log). Pure: states in, data out.

import { formatInsnKernel } from '../asm/disasm-kernel.js';
import { helperName } from '../helpers/ids.js';
import { isLddw, lookupOp, type Insn } from '../isa/insn.js';
import { jmpSymbol, type JmpName } from '../isa/table.js';
import { formatReg, formatSlot } from '../verifier/log.js';
import { isMaybeNull, regTypeStr, type Reg } from '../verifier/regs.js';
import type { Frame, VerifierState } from '../verifier/state.js';
import { hex } from '../verifier/tnum.js';

export type BranchSide = 'taken' | 'fall';

export interface FieldChange { readonly field: string; readonly before: string; readonly after: string }

export interface RegChange {
  readonly reg: number;
  /** Kernel notation before and after ('' when not initialised). */
  readonly before: string;
  readonly after: string;
  readonly fields: readonly FieldChange[];
  readonly why: string;
}

export interface SlotChange {
  /** fp-8, fp-16, ... as the offset (-8, -16). */
  readonly off: number;
  readonly before: string;
  readonly after: string;
  readonly why: string;
}

export interface StepDiff {
  readonly pc: number;
  /** The instruction as the log prints it, without the opcode (`if r1 > 0xa goto pc+3`). */
  readonly insn: string;
  readonly branch: BranchSide | null;
  /** One line about the instruction as a whole (the branch taken, a call, a return). */
  readonly summary: string;
  readonly regs: readonly RegChange[];
  readonly slots: readonly SlotChange[];
}

/** How the jump conditions read in prose, and their negations (the fall-through side). */
const PROSE: Record<JmpName, { yes: string; no: string }> = {
  jeq: { yes: '=', no: '≠' }, jne: { yes: '≠', no: '=' },
  jgt: { yes: '>', no: '≤' }, jge: { yes: '≥', no: '<' }, jlt: { yes: '<', no: '≥' }, jle: { yes: '≤', no: '>' },
  jsgt: { yes: 's>', no: 's≤' }, jsge: { yes: 's≥', no: 's<' }, jslt: { yes: 's<', no: 's≥' }, jsle: { yes: 's≤', no: 's>' },
  jset: { yes: '& … ≠ 0', no: '& … = 0' },
};

const noOpcode = (t: string): string => t.replace(/^\([0-9a-f]{2}\) /, '');

const num = (v: number): string => (v > 0xffff || v < -0xffff ? `0x${(v >>> 0).toString(16)}` : String(v));

/** A conditional jump's parts in source terms: `r1`, `>`, `10`. */
function condition(i: Insn): { dst: string; src: string; op: JmpName; srcReg: number | null } | null {
  const op = lookupOp(i);
  if (!op || op.kind !== 'jcond' || !op.jmp) return null;
  const w = op.width === 32 ? 'w' : 'r';
  return { dst: `${w}${i.dst}`, src: op.useSrcReg ? `${w}${i.src}` : num(i.imm), op: op.jmp, srcReg: op.useSrcReg ? i.src : null };
}

/** `r1 > 10` on the taken side, `r1 ≤ 10` on the fall-through side. */
export function conditionText(i: Insn, side: BranchSide): string | null {
  const c = condition(i);
  if (!c) return null;
  if (c.op === 'jset') return `${c.dst} & ${c.src} ${side === 'taken' ? '≠' : '='} 0`;
  const p = PROSE[c.op];
  return `${c.dst} ${side === 'taken' ? p.yes : p.no} ${c.src}`;
}

/** `if r1 > 10` as the user would write it (the log prints the immediate in hex). */
function ifText(i: Insn): string {
  const c = condition(i)!;
  return `if ${c.dst} ${jmpSymbol(c.op)} ${c.src}`;
}

const sideName = (side: BranchSide): string => (side === 'taken' ? 'on the taken path' : 'on the fall-through path');

function fieldChanges(a: Reg, b: Reg): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: string, x: string, y: string): void => { if (x !== y) out.push({ field, before: x, after: y }); };
  const type = (r: Reg): string => (r.type === 'not_init' ? 'not initialised' : regTypeStr(r));
  add('type', type(a), type(b));
  if (b.type === 'not_init') return out;
  if (a.type === 'not_init') return out;
  add('off', String(a.off), String(b.off));
  add('var_off', `(${hex(a.s.varOff.value)}; ${hex(a.s.varOff.mask)})`, `(${hex(b.s.varOff.value)}; ${hex(b.s.varOff.mask)})`);
  add('smin', a.s.smin.toString(), b.s.smin.toString());
  add('smax', a.s.smax.toString(), b.s.smax.toString());
  add('umin', a.s.umin.toString(), b.s.umin.toString());
  add('umax', a.s.umax.toString(), b.s.umax.toString());
  add('s32_min', String(a.s.s32min), String(b.s.s32min));
  add('s32_max', String(a.s.s32max), String(b.s.s32max));
  add('u32_min', String(a.s.u32min), String(b.s.u32min));
  add('u32_max', String(a.s.u32max), String(b.s.u32max));
  add('id', String(a.id), String(b.id));
  add('ref_obj_id', String(a.refObjId), String(b.refObjId));
  if (b.type === 'pkt' || b.type === 'pkt_meta') add('range', String(a.range), String(b.range));
  return out;
}

const shown = (r: Reg, frameno: number): string => (r.type === 'not_init' ? '' : formatReg(r, frameno));

/** The frame of `before` to compare the top frame of `after` with (calls push one, exits pop one). */
function peerFrame(before: VerifierState, after: VerifierState): Frame {
  const depth = after.frames.length - 1;
  return before.frames[depth] ?? before.frames[before.frames.length - 1]!;
}

/** Why register `k` changed from `a` to `b` at instruction `pc`. */
function regWhy(insns: readonly Insn[], pc: number, k: number, a: Reg, b: Reg, side: BranchSide | null, frameno: number, called: boolean): string {
  const i = insns[pc]!;
  const op = lookupOp(i);
  const insn = noOpcode(formatInsnKernel(insns, pc));
  const name = `r${k}`;
  const was = a.type === 'not_init' ? 'not initialised' : formatReg(a, frameno);
  const now = b.type === 'not_init' ? 'not initialised' : formatReg(b, frameno);
  if (op?.kind === 'jcond' && side) {
    const c = condition(i)!;
    const cond = conditionText(i, side)!;
    const head = `after \`${ifText(i)}\`, ${sideName(side)}`;
    const direct = k === i.dst || k === c.srcReg;
    if (isMaybeNull(a) && !isMaybeNull(b)) {
      const became = b.type === 'scalar' ? 'the scalar 0 (NULL)' : regTypeStr(b);
      if (direct) return `on this path ${cond}, so ${regTypeStr(a)} became ${became}`;
      return `${name} has the same id as ${c.dst}: ${head} ${cond}, so ${regTypeStr(a)} became ${became} here too`;
    }
    if ((b.type === 'pkt' || b.type === 'pkt_meta') && a.range !== b.range) {
      const what = b.range > 0 ? `${b.range} bytes from ${name}'s base are known to be inside the packet`
        : b.range === -1 ? `${name} is known to point exactly at the packet's end` // AT_PKT_END
        : b.range === -2 ? `${name} is known to point past the packet's end` // BEYOND_PKT_END
        : 'no packet bytes are known readable here';
      return `${head} ${cond}, so ${what}`;
    }
    if (direct) return `${head} ${cond}`;
    return `${head} ${cond}; ${name} is tied to it (same id), so it learned the same: now ${now}`;
  }
  switch (op?.kind) {
    case 'call': {
      const helper = helperName(i.imm) ?? `helper #${i.imm}`;
      if (k === 0) return `r0 = return of ${helper}: ${b.type === 'scalar' ? now : regTypeStr(b)}`;
      if (k >= 1 && k <= 5 && b.type === 'not_init') return `${name} is clobbered by the call (r1–r5 do not survive a helper call)`;
      return `changed by the call to ${helper}: ${now}`;
    }
    case 'call_local':
      if (called) return k >= 1 && k <= 5 ? `${name} is passed to the subprogram: ${now}` : `the subprogram starts with ${name} ${b.type === 'not_init' ? 'not initialised' : now}`;
      return `${insn}: ${name} was ${was}, now ${now}`;
    case 'exit':
      return k === 0 ? `returned from the subprogram: r0 = ${now}` : `back in the caller: ${name} = ${b.type === 'not_init' ? 'not initialised' : now}`;
    case 'ldx': case 'ldxsx': case 'load_acq': case 'ld_abs': case 'ld_ind':
      if (k === i.dst || k === 0) return `${insn}: loaded ${now}`;
      break;
    case 'lddw':
      if (k === i.dst) return `${insn}: ${name} = ${now}`;
      break;
    case 'alu': case 'mov': case 'movsx': case 'neg': case 'end': case 'bswap':
      if (k === i.dst) return `${insn}: ${name} was ${was}, now ${now}`;
      break;
    case 'atomic':
      if (k === i.src || k === 0) return `${insn}: ${name} receives the old value: ${now}`;
      break;
    default:
      break;
  }
  return `${insn} changed ${name} (a register tied to it by id, or a side effect): was ${was}, now ${now}`;
}

function slotWhy(insn: string, before: string, after: string): string {
  if (!before) return `${insn}: the slot now holds ${after}`;
  if (!after) return `${insn}: the slot is no longer tracked`;
  return `${insn}: was ${before}, now ${after}`;
}

/**
 * What instruction `pc` changed, from `before` (the state it ran on) to `after` (the state after
 * it on this path), and why. `side`: for a conditional jump, the side the path continued on.
 */
export function diffStep(insns: readonly Insn[], pc: number, before: VerifierState, after: VerifierState, side: BranchSide | null): StepDiff {
  const i = insns[pc];
  const insn = i ? noOpcode(formatInsnKernel(insns, pc)) : `invalid instruction ${pc}`;
  const fa = after.frames[after.frames.length - 1]!;
  const fb = peerFrame(before, after);
  const op = i ? lookupOp(i) : undefined;
  const called = after.frames.length > before.frames.length;
  const regs: RegChange[] = [];
  if (i) {
    fa.regs.forEach((b, k) => {
      const a = fb.regs[k]!;
      if (a === b) return;
      const fields = fieldChanges(a, b);
      const ba = shown(a, fb.frameno);
      const bb = shown(b, fa.frameno);
      if (!fields.length && ba === bb) return;
      regs.push({ reg: k, before: ba, after: bb, fields, why: regWhy(insns, pc, k, a, b, op?.kind === 'jcond' ? side : null, fa.frameno, called) });
    });
  }
  const slots: SlotChange[] = [];
  const n = Math.max(fa.stack.length, fb.stack.length);
  for (let spi = 0; spi < n; spi++) {
    const a = fb.stack[spi];
    const b = fa.stack[spi];
    if (a === b) continue;
    const ta = a ? (formatSlot(a, spi, fb.frameno) ?? '').replace(/^fp-\d+=/, '') : '';
    const tb = b ? (formatSlot(b, spi, fa.frameno) ?? '').replace(/^fp-\d+=/, '') : '';
    if (ta === tb) continue;
    slots.push({ off: -(spi + 1) * 8, before: ta, after: tb, why: slotWhy(insn, ta, tb) });
  }
  let summary = insn;
  if (i && op?.kind === 'jcond' && side) {
    summary = `after \`${ifText(i)}\`, ${sideName(side)}: ${conditionText(i, side)}`;
    // Typically a branch the verifier could decide (constants): nothing to refine.
    if (!regs.length) summary += ' (the verifier learned nothing new from it)';
  }
  else if (i && op?.kind === 'call') summary = `call ${helperName(i.imm) ?? `helper #${i.imm}`}: r0 gets its return value, r1–r5 are clobbered`;
  else if (called) summary = `${insn}: entered the subprogram (frame ${fa.frameno})`;
  else if (after.frames.length < before.frames.length) summary = `${insn}: returned to the caller (frame ${fa.frameno})`;
  else if (!regs.length && !slots.length) summary = `${insn}: the verifier learned nothing new here`;
  return { pc, insn, branch: op?.kind === 'jcond' ? side : null, summary, regs, slots };
}

/** Which side of the conditional jump at `pc` a path took, given the next instruction it processed. */
export function branchSide(insns: readonly Insn[], pc: number, nextPc: number | null): BranchSide | null {
  const i = insns[pc];
  if (!i || nextPc === null) return null;
  const kind = lookupOp(i)?.kind;
  if (kind !== 'jcond' && kind !== 'may_goto') return null;
  if (i.off === 0) return 'fall';
  return nextPc === pc + (isLddw(i) ? 2 : 1) ? 'fall' : 'taken';
}
