// Explaining a verifier error in terms of the user's own program: which catalogue kind the
// kernel's message belongs to, the blamed instruction (its source line and kernel disassembly),
// the register involved and what the verifier believed about it just before that instruction,
// and the branches the verifier took to get there. Pure: message, program and verify() result in,
// plain data out (the UI renders it, tests compare it).

import { formatInsnKernel } from '../asm/disasm-kernel.js';
import type { Span } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import { formatReg } from '../verifier/log.js';
import type { Reg } from '../verifier/regs.js';
import type { VerifierState } from '../verifier/state.js';
import type { Path, VerifyError, VerifyProgram, VerifyResult } from '../verifier/verify.js';
import { ERROR_KINDS } from './catalogue.js';
import type { ErrorKind } from './types.js';

export interface KindMatch {
  readonly kind: ErrorKind;
  /** The pattern's groups (undefined for optional groups that did not take part). */
  readonly groups: readonly (string | undefined)[];
}

/** The catalogue kind of a kernel message (its first line), or null when none matches. */
export function matchKind(message: string, kinds: readonly ErrorKind[] = ERROR_KINDS): KindMatch | null {
  const text = message.trimEnd();
  for (const kind of kinds) {
    for (const p of kind.patterns) {
      const m = p.exec(text);
      if (m) return { kind, groups: m.slice(1) };
    }
  }
  return null;
}

/** A conditional jump on the way to the error, and which way the verifier went. */
export interface BranchTaken {
  readonly pc: number;
  readonly text: string;
  /** True when the jump was taken (the verifier continued at its target). */
  readonly taken: boolean;
  readonly line: number | null;
}

export interface RegisterAtError {
  readonly reg: number;
  /** What the verifier knew just before the blamed instruction, as the log prints it after
   * `R<n>=` (`map_value_or_null(id=1,map=m,ks=4,vs=8)`); 'not initialised' when unset. */
  readonly state: string;
  readonly type: string;
}

export interface Explanation {
  readonly kind: ErrorKind | null;
  readonly message: string;
  readonly pc: number;
  /** 1-based source line of the blamed instruction, when the program has a source map. */
  readonly line: number | null;
  /** The blamed instruction as the kernel prints it, e.g. `(79) r1 = *(u64 *)(r0 +0)`. */
  readonly insn: string | null;
  /** The register the message (or, failing that, the instruction) points at. */
  readonly register: RegisterAtError | null;
  /** The conditional jumps on the path that reached the error, in order (at most the last 8). */
  readonly branches: readonly BranchTaken[];
  /** How many instructions that path took from the start (including the blamed one). */
  readonly pathLength: number;
  /** The instruction processed just before the blamed one on that path (its state is the one
   * the error was found in), or null. */
  readonly previousPc: number | null;
  /** One or two sentences tying the message to the program. */
  readonly cause: string;
}

/** The program as explain() needs it: verify()'s input plus, optionally, the assembler's source map. */
export interface ExplainProgram extends VerifyProgram {
  readonly sourceMap?: readonly Span[];
}

const isCondJump = (i: Insn): boolean => {
  const cls = i.code & 7;
  const op = i.code & 0xf0;
  return (cls === 5 || cls === 6) && op !== 0x00 && op !== 0x80 && op !== 0x90 && !(cls === 5 && op === 0xe0);
};

/** The pcs the verifier walked to reach `path`'s end: its ancestors' steps up to each branch.
 * Path.pcs holds every step's pc whether or not the recording window kept its state. */
function trail(paths: readonly Path[], path: Path): number[] {
  const chain: Path[] = [];
  for (let p: Path | undefined = path; p; p = p.parent === null ? undefined : paths[p.parent]) chain.unshift(p);
  const pcs: number[] = [];
  chain.forEach((p, i) => {
    const child = chain[i + 1];
    // The branch point: the last visit of the child's fork instruction (loops make this a guess).
    const at = child && child.fromPc !== null ? p.pcs.lastIndexOf(child.fromPc) : -1;
    // A loop, not push(...): a path can be a million steps, more than a call takes arguments.
    for (const pc of at >= 0 ? p.pcs.subarray(0, at + 1) : p.pcs) pcs.push(pc);
  });
  return pcs;
}

/** The state after step `stepIndex` (an index in Path.pcs) of path `pathId`, for steps outside
 * the recording window (a caller holding the program can verify again with the window moved). */
export type StateAt = (pathId: number, stepIndex: number) => VerifierState | undefined;

/** The state just before the failing instruction on `path` (after its last step), from the
 * recorded steps when the window kept it, else from `stateAt`; undefined when neither has it. */
function stateBefore(path: Path, stateAt?: StateAt): VerifierState | undefined {
  const k = path.pcs.length - 1;
  if (k < 0) return path.startState;
  const j = k - path.recordedFrom;
  if (j >= 0 && j < path.steps.length) return path.steps[j]!.state;
  return stateAt?.(path.id, k);
}

const regName = (r: Reg, frameno: number): string => (r.type === 'not_init' ? 'not initialised' : formatReg(r, frameno));

/** Kinds about an instruction's encoding: the registers' contents are beside the point. */
const ENCODING_KINDS = new Set(['reserved-fields', 'unknown-opcode', 'ld-imm64', 'invalid-register', 'atomic-invalid', 'bad-map-reference']);

/** The register a message is about: the kind's R<n> group, else the instruction's operand. */
function blamedRegister(message: string, insn: Insn | undefined): number | null {
  const m = /\bR(\d+)\b/.exec(message);
  if (m) return Number(m[1]);
  if (!insn) return null;
  const cls = insn.code & 7;
  if (cls === 1) return insn.src; // LDX: the base pointer
  if (cls === 2 || cls === 3) return insn.dst; // ST/STX: the base pointer
  return null;
}

/** Ties the error to the program. `result` is verify()'s answer for `program` (with paths recorded;
 * without them the explanation still names the kind, line and instruction). The branches come from
 * the paths' pcs; the blamed register's state from the failing path's last recorded step, or from
 * `stateAt` when the recording window left that step out (without either, no register). */
export function explain(
  error: Pick<VerifyError, 'pc' | 'message'>, program: ExplainProgram, result?: Pick<VerifyResult, 'paths'>, stateAt?: StateAt,
): Explanation {
  const match = matchKind(error.message);
  // Errors about the program as a whole (pc -1) often name the instruction in their text.
  const named = /\binsn (\d+)\b|alloc_insn=(\d+)/.exec(error.message);
  const pc = error.pc >= 0 ? error.pc : named ? Number(named[1] ?? named[2]) : -1;
  const insn = pc >= 0 ? program.insns[pc] : undefined;
  const line = pc >= 0 ? program.sourceMap?.[pc]?.line ?? null : null;
  let insnText: string | null = null;
  if (insn) {
    try { insnText = formatInsnKernel(program.insns, pc); } catch { insnText = null; }
  }
  const paths = result?.paths.paths ?? [];
  const errPath = [...paths].reverse().find((p) => p.end.kind === 'error' && p.end.pc === pc) ?? null;
  let register: RegisterAtError | null = null;
  const regNo = match && ENCODING_KINDS.has(match.kind.id) ? null : blamedRegister(error.message, insn);
  if (errPath && regNo !== null && regNo <= 10) {
    const st = stateBefore(errPath, stateAt);
    const frame = st?.frames[st.frames.length - 1];
    const r = frame?.regs[regNo];
    if (frame && r) register = { reg: regNo, state: regName(r, frame.frameno), type: r.type };
  }
  const pcs = errPath ? [...trail(paths, errPath), pc] : [];
  const branches: BranchTaken[] = [];
  for (let i = 0; i + 1 < pcs.length; i++) {
    const j = program.insns[pcs[i]!];
    if (!j || !isCondJump(j)) continue;
    branches.push({
      pc: pcs[i]!, text: formatInsnKernel(program.insns, pcs[i]!), taken: pcs[i + 1] !== pcs[i]! + 1,
      line: program.sourceMap?.[pcs[i]!]?.line ?? null,
    });
  }
  const where = pc < 0 ? 'The program as a whole' : `Instruction ${pc}${line !== null ? ` (line ${line})` : ''}${insnText ? `, \`${insnText.replace(/^\([0-9a-f]{2}\) /, '')}\`` : ''}`;
  let cause = `${where} is where the verifier stopped.`;
  if (register) {
    cause += register.type === 'not_init'
      ? ` R${register.reg} was not initialised there on this path.`
      : ` Just before it, the verifier knew R${register.reg} = ${register.state}.`;
  }
  if (match?.kind.id === 'reference-leak' && named?.[2] !== undefined) {
    const at = Number(named[2]);
    const l = program.sourceMap?.[at]?.line;
    cause += ` The reference was acquired by instruction ${at}${l !== undefined ? ` (line ${l})` : ''} and this path exits without releasing it.`;
  }
  if (branches.length) {
    const shown = branches.slice(-3).map((b) => `${b.taken ? 'took' : 'fell through'} the jump at ${b.line !== null ? `line ${b.line}` : `insn ${b.pc}`}`);
    cause += ` The path that reached it ${shown.join(', then ')}.`;
  }
  return {
    kind: match?.kind ?? null,
    message: error.message,
    pc,
    line,
    insn: insnText,
    register,
    branches: branches.slice(-8),
    pathLength: pcs.length,
    previousPc: pcs.length >= 2 ? pcs[pcs.length - 2]! : null,
    cause,
  };
}
