// The verifier's public API: a program (instruction slots, its maps, its program type) in, the
// Linux 6.18 verifier's verdict out: accepted or the first error (instruction and the kernel's
// exact message), the number of processed instructions, the log at the requested level in the
// kernel's format, and the explored paths as data a UI can draw (each path's start, the branch it
// came from, the state after every instruction, and how it ended).
//
// Memory of the path tree. States are immutable and share every part an instruction did not
// change, so a recorded step costs only what its instruction built (about 600 bytes: the new
// register, the copied register array, frame and state). A 1,000,000-instruction verification
// cannot keep all of them, so the tree keeps two things of different size:
//  - every step's pc (Path.pcs, 4 bytes a step) and every path's start, end and parent: the whole
//    shape of the walk, visit counts, and where each path went;
//  - the states of one window of the walk's steps, [firstRecordedStep, firstRecordedStep +
//    maxRecordedSteps) (default the first 200,000: 110-130 MB for the 1M-instruction workloads
//    of `npm run bench -- verifier`, whose deepest states have eight frames); Path.steps are the steps
//    inside it, Path.recordedFrom says where they start in Path.pcs.
// The walk is deterministic, so the state of any step outside the window is had by verifying
// again with the window moved over it (firstRecordedStep = Path.firstStep + index in pcs - some
// margin): a viewer keeps the tree, asks for states on demand, and memory stays bounded by the
// window whatever the program. (Replaying single instructions from a stored state is not enough:
// ids, checkpoints and jump history depend on the whole walk before them.)

import type { ProgTypeName } from '../asm/types.js';
import type { Insn } from '../isa/insn.js';
import { progTypeSpec } from '../progtypes/index.js';
import { checkProgram } from './cfg.js';
import {
  BPF_COMPLEXITY_LIMIT_INSNS, E2BIG, EACCES, EFAULT, EINVAL, ERRNO_NAMES, Env, MAX_BPF_STACK, MAX_CALL_FRAMES, type Ret,
} from './env.js';
import { Explorer } from './explore.js';
import type { MapDesc } from './regs.js';
import type { VerifierState } from './state.js';

/** A map the program references (AsmProgram.maps entries fit). */
export interface VerifyMap {
  /** The name the kernel prints in `map=NAME` (the loader creates maps with these names). */
  readonly name?: string;
  readonly type: string;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
}

export interface VerifyProgram {
  /** Slots exactly as the kernel sees them; map loads carry the map's index in `maps`. */
  readonly insns: readonly Insn[];
  readonly maps: readonly VerifyMap[];
  readonly progType: ProgTypeName;
}

export interface VerifyOptions {
  /** 0: no log; 1: instructions with changed state; 2: full states, `from X to Y`, `func#`. Default 1. */
  readonly logLevel?: 0 | 1 | 2;
  /** Record the path tree (default true). */
  readonly recordPaths?: boolean;
  /** Keep the states of this many steps of the walk (the verdict is unaffected). Default 200000. */
  readonly maxRecordedSteps?: number;
  /** The walk's step number of the first step whose state is kept (default 0); earlier and later
   * steps keep only their pc. */
  readonly firstRecordedStep?: number;
}

export interface VerifyError {
  /** The instruction the kernel blames (-1 for errors about the program as a whole). */
  readonly pc: number;
  /** The kernel's message (the first line of the error block) without its newline. */
  readonly message: string;
  /** The whole error block as the log shows it (some errors take two lines). */
  readonly lines: readonly string[];
}

/** One step of a path: the instruction processed and the state after it. */
export interface PathStep {
  readonly pc: number;
  /** The state after the instruction (shared, immutable: do not mutate). For a conditional jump,
   * the state on the side this path continues with. */
  readonly state: VerifierState;
}

export type PathEnd =
  | { readonly kind: 'exit'; readonly pc: number }
  | { readonly kind: 'pruned'; readonly pc: number }
  | { readonly kind: 'error'; readonly pc: number; readonly message: string }
  | { readonly kind: 'limit'; readonly pc: number }
  /** Still pending when verification stopped (an error elsewhere ended the walk). */
  | { readonly kind: 'unexplored'; readonly pc: number };

export interface Path {
  readonly id: number;
  /** The path this one branched from (null for the first path). */
  readonly parent: number | null;
  /** The instruction whose outcome split it off (the conditional jump), null for the first path. */
  readonly fromPc: number | null;
  /** The first instruction it processes. */
  readonly startPc: number;
  /** The state it starts with. */
  readonly startState: VerifierState;
  /** The steps whose states were kept: pcs[recordedFrom], pcs[recordedFrom + 1], ... (all of them
   * unless the recording window cut the path). */
  readonly steps: readonly PathStep[];
  /** The pc of every step of the path, kept or not. */
  readonly pcs: Int32Array;
  /** The walk's step number of pcs[0] (what firstRecordedStep counts). */
  readonly firstStep: number;
  /** Index in pcs of steps[0]. */
  readonly recordedFrom: number;
  readonly end: PathEnd;
}

export interface PathTree {
  /** In the order the verifier explored them (depth-first, fall-through first). */
  readonly paths: readonly Path[];
  /** True when some steps' states were not kept (outside the recording window). */
  readonly truncated: boolean;
  /** Steps of the walk (the sum of every path's pcs.length). */
  readonly stepCount: number;
  /** The walk's step numbers whose states were kept: [from, to). */
  readonly recorded: { readonly from: number; readonly to: number };
}

export interface VerifyStats {
  readonly processed: number;
  readonly maxStatesPerInsn: number;
  readonly totalStates: number;
  readonly peakStates: number;
  readonly markRead: number;
  /** Stack depth of each subprogram, bytes. */
  readonly stackDepth: readonly number[];
}

export interface VerifyResult {
  readonly accepted: boolean;
  readonly error: VerifyError | null;
  /** The errno name bpf(BPF_PROG_LOAD) would fail with (EACCES, EINVAL, E2BIG, ...), null when accepted. */
  readonly errno: string | null;
  readonly processed: number;
  /** The log as the kernel writes it at options.logLevel ('' at level 0). */
  readonly log: string;
  readonly paths: PathTree;
  readonly stats: VerifyStats;
}

/** The name the kernel keeps for a map (bpf_obj_name: at most 15 characters). */
const kernelMapName = (name: string | undefined): string => (name ?? '').slice(0, 15);

/** check_max_stack_depth: the combined stack of every static call chain (JIT rounding to 16). */
function checkMaxStackDepth(env: Env): Ret {
  const { insns, subprogs } = env;
  const round = (d: number): number => Math.ceil(d / 16) * 16;
  const privStack = ['kprobe', 'tracepoint', 'perf_event', 'raw_tracepoint'].includes(env.progType) &&
    !subprogs.some((s) => s.hasTailCall);
  let depth = 0;
  let frame = 0;
  let idx = 0;
  let i = subprogs[0]!.start;
  const retInsn: number[] = [];
  const retProg: number[] = [];
  const adaptive = (sp: number): boolean => privStack && sp === 0 && round(subprogs[0]!.stackDepth) >= 64;
  for (;;) {
    // process_func
    const d = round(subprogs[idx]!.stackDepth);
    if (adaptive(idx)) {
      if (d > MAX_BPF_STACK) {
        env.err(`stack size of subprog ${idx} is ${d}. Too large`);
        return EACCES;
      }
    } else {
      depth += d;
      if (depth > MAX_BPF_STACK) {
        env.err(`combined stack size of ${frame + 1} calls is ${depth}. Too large`);
        return EACCES;
      }
    }
    // continue_func
    let called = false;
    for (;;) {
      const end = subprogs[idx + 1]?.start ?? insns.length;
      for (; i < end; i++) {
        const insn = insns[i]!;
        const isCall = insn.code === 0x85 && insn.src === 1;
        const isFunc = insn.code === 0x18 && insn.src === 4;
        if (!isCall && !isFunc) continue;
        retInsn[frame] = i + 1;
        retProg[frame] = idx;
        const next = i + insn.imm + 1;
        const sidx = env.findSubprog(next);
        if (sidx < 0) return EFAULT;
        i = next;
        idx = sidx;
        frame++;
        if (frame >= MAX_CALL_FRAMES) {
          env.err(`the call stack of ${frame} frames is too deep !`);
          return E2BIG;
        }
        called = true;
        break;
      }
      if (called) break;
      if (frame === 0) return 0;
      if (!adaptive(idx)) depth -= round(subprogs[idx]!.stackDepth);
      frame--;
      i = retInsn[frame]!;
      idx = retProg[frame]!;
    }
  }
}

/** The last line of every log: the statistics. */
const statsLine = (s: Pick<VerifyStats, 'processed' | 'maxStatesPerInsn' | 'totalStates' | 'peakStates'>): string =>
  `processed ${s.processed} insns (limit ${BPF_COMPLEXITY_LIMIT_INSNS}) max_states_per_insn ` +
  `${s.maxStatesPerInsn} total_states ${s.totalStates} peak_states ${s.peakStates} mark_read 0\n`;

/** Verifies `program` as the Linux 6.18 verifier would (privileged: CAP_BPF + CAP_PERFMON). */
export function verify(program: VerifyProgram, options: VerifyOptions = {}): VerifyResult {
  if ((options.logLevel ?? 1) !== 1) return verifyWalk(program, options);
  // At level 1 an accepted program's log is reset to its last line, the statistics (as in the
  // kernel), while formatting every instruction on the way costs about three times the walk
  // itself. The log does not steer the walk, so walk without it, and again with it only when
  // the program is rejected (tests/verifier/unit/level1.test.ts holds both ways equal).
  const quiet = verifyWalk(program, { ...options, logLevel: 0 });
  if (!quiet.accepted) return verifyWalk(program, options);
  return { ...quiet, log: statsLine(quiet.stats) };
}

/** verify() walking with the log at the requested level throughout (no level-1 shortcut). */
export function verifyWalk(program: VerifyProgram, options: VerifyOptions = {}): VerifyResult {
  const logLevel = options.logLevel ?? 1;
  const maps: MapDesc[] = program.maps.map((m, index) => ({
    index, name: kernelMapName(m.name), type: m.type, keySize: m.keySize, valueSize: m.valueSize,
    maxEntries: m.maxEntries, flags: m.flags ?? 0,
  }));
  const env = new Env(program.insns, program.progType, progTypeSpec(program.progType), maps, logLevel);
  let ret: Ret = program.insns.length ? checkProgram(env) : EINVAL;
  let errorPc = -1;
  let explorer: Explorer | undefined;
  if (ret === 0) {
    explorer = new Explorer(env, {
      recordPaths: options.recordPaths ?? true,
      firstRecordedStep: Math.max(0, options.firstRecordedStep ?? 0),
      maxRecordedSteps: options.maxRecordedSteps ?? 200_000,
    });
    ret = explorer.run();
    if (ret !== 0) {
      errorPc = explorer.errorPc;
      explorer.unexplored();
    } else if (!env.level2) {
      env.log.reset(0);
    }
  }
  if (ret === 0) ret = checkMaxStackDepth(env);
  if (ret === 0) {
    // convert_ctx_accesses
    const bad = env.aux.findIndex((a) => a.ctxConvertBug);
    if (bad >= 0) {
      env.err('verifier bug: error during ctx access conversion (0)');
      errorPc = bad;
      ret = EFAULT;
    }
  }
  if (logLevel) {
    env.verbose(statsLine({
      processed: env.insnProcessed, maxStatesPerInsn: env.maxStatesPerInsn, totalStates: env.totalStates, peakStates: env.peakStates,
    }));
  }
  const error = ret === 0 ? null : { pc: errorPc, message: env.errorLines[0] ?? '', lines: env.errorLines.slice() };
  const paths = explorer ? explorer.paths.map((p): Path => ({
    id: p.id, parent: p.parent, fromPc: p.fromPc, startPc: p.startPc, startState: p.startState, steps: p.steps,
    pcs: p.pcs.toArray(), firstStep: p.firstStep, recordedFrom: p.recordedFrom, end: p.end ?? { kind: 'unexplored', pc: p.startPc },
  })) : [];
  const stepCount = explorer?.stepCount ?? 0;
  const from = Math.min(stepCount, Math.max(0, options.firstRecordedStep ?? 0));
  const to = Math.min(stepCount, from + (options.maxRecordedSteps ?? 200_000));
  return {
    accepted: ret === 0,
    error,
    errno: ret === 0 ? null : ERRNO_NAMES[ret] ?? `E${-ret}`,
    processed: env.insnProcessed,
    log: logLevel ? env.log.toString() : '',
    paths: { paths, truncated: explorer?.truncated ?? false, stepCount, recorded: { from, to } },
    stats: {
      processed: env.insnProcessed, maxStatesPerInsn: env.maxStatesPerInsn, totalStates: env.totalStates,
      peakStates: env.peakStates, markRead: 0,
      stackDepth: env.subprogs.map((s) => s.stackDepth),
    },
  };
}
