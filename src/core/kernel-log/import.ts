// Imports a verifier log written by a real kernel (log level 1 or 2, raw, or as libbpf and bpftool
// print it) as if bpfiddle had verified the program itself: the program rebuilt from the
// instruction lines, and a VerifyResult (verdict, error, processed count, the path tree with a
// VerifierState per step, the log itself) that the worker can install as its current verification,
// so every verifier pane works unchanged. What the log does not say is guessed and reported as a
// warning (the program type, map types); a malformed or cut-off log loads as far as it is valid,
// and `stoppedAt` says where reading stopped and why. Never throws on any input.

import { PROG_TYPE_NAMES, type AsmProgram, type ProgTypeName } from '../asm/types.js';
import { isLddw } from '../isa/insn.js';
import type { MapDesc } from '../verifier/regs.js';
import { verify, type VerifyResult } from '../verifier/verify.js';
import { classify, classifyAll, unwrap, type LogLine } from './lines.js';
import { insnLineError, rebuildProgram, type Rebuilt } from './program.js';
import { replayWalk } from './walk.js';

export interface ImportOptions {
  /** The program type (the log does not say it); guessed when absent. */
  readonly progType?: ProgTypeName;
}

/** Something the import had to guess or skip, with the 1-based line of the pasted text (0: the whole log). */
export interface ImportNote {
  readonly line: number;
  readonly message: string;
}

export interface ImportedLog {
  readonly ok: true;
  /** The verification the log records, in the shape verify() returns (log = the pasted text). */
  readonly result: VerifyResult;
  readonly program: AsmProgram;
  /** The program as bpfiddle source (`.prog`, `.map`, one instruction per line). */
  readonly source: string;
  /** 1: only the failing path's history; 2: every path and state. */
  readonly logLevel: 1 | 2;
  /** True when the program type came from bpfiddle's guess rather than the caller. */
  readonly progTypeGuessed: boolean;
  readonly warnings: readonly ImportNote[];
  /** Messages and precision-tracking lines from the middle of the walk. */
  readonly info: readonly ImportNote[];
  /** Where reading stopped before the end of the log (truncated or malformed), and why. */
  readonly stoppedAt?: { readonly line: number; readonly reason: string };
}

export interface ImportFailure {
  readonly ok: false;
  /** Where it failed (1-based line, 0: the whole text) and why. */
  readonly error: { readonly line: number; readonly message: string };
}

export type ImportResult = ImportedLog | ImportFailure;

/** Imports a kernel verifier log; see the module comment. */
export function importKernelLog(text: string, opts: ImportOptions = {}): ImportResult {
  try {
    return importLog(text, opts);
  } catch (e) {
    // A bug, not the user's fault; still a value, so a bad paste never breaks the page.
    return { ok: false, error: { line: 0, message: `bpfiddle could not read this log (internal error: ${e instanceof Error ? e.message : String(e)})` } };
  }
}

function importLog(text: string, opts: ImportOptions): ImportResult {
  const warnings: ImportNote[] = [];
  const u = unwrap(text);
  const all: LogLine[] = u.lines.flatMap((l) => classifyAll(l.line, l.text));
  let stoppedAt: { line: number; reason: string } | undefined;
  const stop = (line: number, reason: string): void => { stoppedAt ??= { line, reason }; };

  // Read up to the summary, or to the first instruction line that is not an instruction.
  let lines: LogLine[] = [];
  let summary: Extract<LogLine, { kind: 'summary' }> | undefined;
  // A log repeats its instructions once per visit: check each distinct one once.
  const checked = new Map<string, string | null>();
  for (const l of all) {
    if (l.kind === 'summary') { summary = l; lines.push(l); break; }
    if (l.kind === 'insn' || l.kind === 'listing') {
      const key = `${l.index}|${l.opcode}|${l.text}`;
      let why = checked.get(key);
      if (why === undefined) { why = insnLineError(l); checked.set(key, why); }
      if (why) {
        stop(l.line, `line ${l.line} is not an instruction the kernel prints (${why})`);
        break;
      }
    }
    lines.push(l);
  }
  // The summary can start in the middle of a message line that lacks its newline.
  if (!summary) {
    const at = lines.findIndex((l) => l.kind === 'text' && /processed \d+ insns \(limit \d+\) max_states_per_insn/.test(l.text));
    if (at >= 0) {
      const l = lines[at] as Extract<LogLine, { kind: 'text' }>;
      const cut = l.text.search(/processed \d+ insns/);
      const tail = classify(l.line, l.text.slice(cut));
      lines = [...lines.slice(0, at), { ...l, text: l.text.slice(0, cut) }, tail];
      if (tail.kind === 'summary') summary = tail;
    }
  }

  const insnLines = lines.filter((l): l is Extract<LogLine, { kind: 'insn' | 'listing' }> => l.kind === 'insn' || l.kind === 'listing');
  const level: 1 | 2 = lines.some((l) => l.kind === 'func' || l.kind === 'from' || l.kind === 'listing') ? 2 : 1;

  // The program: drop instruction lines from the first one that does not fit (one program per log).
  let rebuilt: Rebuilt | undefined;
  let usable = insnLines;
  for (let tries = 0; tries < 3; tries++) {
    const r = rebuildProgram(usable, opts.progType ?? 'socket_filter');
    if (r.ok) { rebuilt = r.value; break; }
    if (r.line <= 0) return { ok: false, error: { line: r.line, message: noProgramMessage(r.message, summary !== undefined, level) } };
    stop(r.line, `line ${r.line}: ${r.message}`);
    lines = lines.filter((l) => l.line < r.line);
    usable = usable.filter((l) => l.line < r.line);
  }
  if (!rebuilt) return { ok: false, error: { line: stoppedAt?.line ?? 0, message: stoppedAt?.reason ?? 'the program cannot be rebuilt' } };

  if (!summary) {
    // The last line with text: where the log stops.
    const last = [...u.lines].reverse().find((l) => l.text.trim() !== '');
    stop(last?.line ?? 0, u.unterminated !== null
      ? 'the libbpf log has no `-- END PROG LOAD LOG --` line: it was cut off'
      : 'the log ends before its `processed N insns` line: it was cut off (the log buffer was too small, or the paste is incomplete)');
  }

  const program0 = rebuilt.program;
  const funcs = lines.filter((l): l is Extract<LogLine, { kind: 'func' }> => l.kind === 'func');
  const descs: MapDesc[] = rebuilt.maps.map((m, index) => ({
    index, name: m.kernelName, type: m.decl.type, keySize: m.decl.keySize, valueSize: m.decl.valueSize,
    maxEntries: m.decl.maxEntries, flags: m.decl.flags,
  }));
  const extra: MapDesc[] = [];
  const mapLookup = (name: string, ks: number, vs: number): MapDesc => {
    const hit = descs.find((d) => d.name === name && d.keySize === ks && d.valueSize === vs) ??
      descs.find((d) => d.keySize === ks && d.valueSize === vs) ?? extra.find((d) => d.name === name && d.keySize === ks && d.valueSize === vs);
    if (hit) return hit;
    const d: MapDesc = { index: -1, name, type: 'hash', keySize: ks, valueSize: vs, maxEntries: 0, flags: 0 };
    extra.push(d);
    return d;
  };
  const insns = program0.insns;
  const walk = replayWalk({
    lines,
    level,
    maps: mapLookup,
    opcodeAt: (pc) => insns[pc]?.code,
    subprogAt: (pc) => Math.max(0, funcs.findIndex((f) => f.start === pc)),
    callTarget: (pc) => (insns[pc]?.code === 0x85 && insns[pc]!.src === 1 ? pc + insns[pc]!.imm + 1 : undefined),
  });
  if (walk.stopped) stop(walk.stopped.line, `line ${walk.stopped.line}: ${walk.stopped.reason}`);

  // The verdict: an error block before the summary means the load failed.
  const cut = stoppedAt !== undefined;
  const rejected = walk.errorLines.length > 0;
  const accepted = !rejected && !cut;
  // Checks after the walk (stack depth of call chains, the context conversion) blame no instruction.
  const walkEnded = walk.paths.length === 0 || walk.paths[walk.paths.length - 1]!.end.kind !== 'unexplored';
  const afterWalk = rejected && walkEnded && /^(combined stack size of|stack size of subprog|the call stack of \d+ frames is too deep|verifier bug: error during ctx access conversion)/.test(walk.errorLines[0]!);
  const errorPc = afterWalk ? -1 : walk.lastPc;
  const paths = walk.paths.slice();
  if (rejected && !afterWalk && paths.length) {
    const last = paths[paths.length - 1]!;
    const message = walk.errorLines.join('\n');
    const limit = /^BPF program is too large/.test(walk.errorLines[0]!);
    paths[paths.length - 1] = { ...last, end: limit ? { kind: 'limit', pc: errorPc } : { kind: 'error', pc: errorPc, message } };
  }

  // The program type: the caller's, else the one under which bpfiddle's verifier tells the same story.
  let progType = opts.progType;
  let guessed = false;
  if (!progType) {
    const textOf = new Map(u.lines.map((x) => [x.line, x.text]));
    const logLines = lines.flatMap((l) => (l.kind === 'insn' || l.kind === 'state' || l.kind === 'from' ? [textOf.get(l.line)?.trimEnd() ?? ''] : []));
    progType = guessProgType(program0, { accepted, error: walk.errorLines[0] ?? null, processed: summary?.processed ?? null, lines: logLines, level });
    guessed = true;
    warnings.push({ line: 0, message: `the log does not name the program type: ${progType} is a guess (the type under which bpfiddle's verifier agrees best with the log); change it with the program-type selector` });
  }
  const program: AsmProgram = { ...program0, progType };
  const source = rebuilt.source.replace(/^\.prog \S+$/m, `.prog ${progType}`);

  let errno: string | null = null;
  if (!accepted) {
    errno = u.errno;
    if (!errno && rejected) {
      const own = (summary?.processed ?? 0) <= GUESS_VERIFY_LIMIT ? safeVerify(program) : null;
      errno = own && own.error?.message === walk.errorLines[0] ? own.errno : 'EACCES';
      if (!(own && own.error?.message === walk.errorLines[0])) warnings.push({ line: walk.errorLine, message: 'the log does not say the errno: EACCES is a guess' });
    }
  }

  if (rebuilt.filled.length) {
    warnings.push({ line: 0, message: `instruction${rebuilt.filled.length === 1 ? '' : 's'} ${ranges(rebuilt.filled)} ${rebuilt.filled.length === 1 ? 'is' : 'are'} not in the log (never reached on the logged paths): filled in with \`exit\`` });
  }
  for (const m of rebuilt.maps) {
    warnings.push({ line: 0, message: `map ${m.decl.name}: the log shows key ${m.decl.keySize} and value ${m.decl.valueSize} bytes; its type (${m.decl.type}) and max_entries (${m.decl.maxEntries}) are guesses` });
  }
  if (level === 1 && walk.paths.length) {
    warnings.push({ line: 0, message: 'a level-1 log keeps only the history of the failing path (the kernel drops the others from the log): load with log level 2 to see every path' });
  }
  for (const x of walk.unread.slice(0, 5)) warnings.push({ line: x.line, message: `could not read \`${x.text}\` in a state: left out` });
  if (walk.unread.length > 5) warnings.push({ line: 0, message: `${walk.unread.length - 5} more state items could not be read` });

  const lastStep = lines.filter((l) => l.kind === 'stackDepth').pop() as Extract<LogLine, { kind: 'stackDepth' }> | undefined;
  const processed = summary?.processed ?? walk.paths.reduce((n, p) => n + p.steps.length, 0);
  const stepCount = paths.reduce((n, p) => n + p.pcs.length, 0);
  const result: VerifyResult = {
    accepted,
    error: rejected ? { pc: errorPc, message: walk.errorLines[0]!, lines: walk.errorLines }
      // Not the kernel's words: a cut-off log has no verdict, and the panes should say so.
      : cut ? { pc: walk.lastPc, message: `the log stops before the kernel's verdict (read up to line ${stoppedAt!.line})`, lines: [] } : null,
    errno,
    processed,
    log: text,
    paths: { paths, truncated: cut, stepCount, recorded: { from: 0, to: stepCount } },
    stats: {
      processed,
      maxStatesPerInsn: summary?.maxStatesPerInsn ?? 0,
      totalStates: summary?.totalStates ?? 0,
      peakStates: summary?.peakStates ?? 0,
      markRead: summary?.markRead ?? 0,
      stackDepth: lastStep?.depths ?? [],
    },
  };
  return {
    ok: true, result, program, source, logLevel: level, progTypeGuessed: guessed, warnings, info: walk.notes.map((n) => ({ line: n.line, message: n.text })),
    ...(stoppedAt ? { stoppedAt } : {}),
  };
}

function noProgramMessage(why: string, complete: boolean, level: 1 | 2): string {
  if (complete && level === 1) {
    return `${why}: at log level 1 the kernel keeps the log only when the load fails (and errors found before the walk show no instructions); load with log level 2 to see the program`;
  }
  return why;
}

/** `3, 5-7`. */
function ranges(xs: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j]! + 1) j++;
    out.push(i === j ? `${xs[i]}` : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

function safeVerify(program: AsmProgram, logLevel: 0 | 1 | 2 = 0): VerifyResult | null {
  try {
    return verify({ insns: program.insns, maps: program.maps, progType: program.progType }, { logLevel, recordPaths: false });
  } catch {
    return null;
  }
}

/** Programs bigger than this are not re-verified per program type (the guess defaults to the first type). */
const GUESS_LIMIT = 4096;
/** Walks longer than this are not re-verified at all (nine verifications of a million steps take too long). */
const GUESS_VERIFY_LIMIT = 100_000;
/** Walks longer than this are compared by verdict only, not line by line (their logs are long). */
const GUESS_LOG_LIMIT = 20_000;

export interface GuessEvidence {
  readonly accepted: boolean;
  readonly error: string | null;
  readonly processed: number | null;
  /** The log's instruction and state lines, to compare with bpfiddle's log under each type. */
  readonly lines?: readonly string[];
  readonly level?: 1 | 2;
}

/**
 * The program type under which bpfiddle's verifier tells the log's story best: the same verdict,
 * first error line and processed count, then the most log lines in common (the state after a
 * context load says which context it is: `R2=pkt(r=0)` after `r2 = *(u32 *)(r1 +0)` is XDP's).
 * Ties go to the earlier type in PROG_TYPE_NAMES.
 */
export function guessProgType(program: AsmProgram, log: GuessEvidence): ProgTypeName {
  if (program.insns.length > GUESS_LIMIT || (log.processed ?? 0) > GUESS_VERIFY_LIMIT || program.insns.some((i, pc) => isLddw(i) && pc + 1 >= program.insns.length)) return PROG_TYPE_NAMES[0];
  const compareLines = log.lines !== undefined && log.lines.length > 0 && (log.processed ?? 0) <= GUESS_LOG_LIMIT;
  const want = new Set(compareLines ? log.lines : []);
  let best: ProgTypeName = PROG_TYPE_NAMES[0];
  let bestScore = -1;
  for (const t of PROG_TYPE_NAMES) {
    const r = safeVerify({ ...program, progType: t }, compareLines ? log.level ?? 2 : 0);
    if (!r) continue;
    let score = ((r.accepted === log.accepted ? 4 : 0) + (r.error?.message === (log.error ?? undefined) || (!r.error && !log.error) ? 4 : 0) +
      (log.processed !== null && r.processed === log.processed ? 2 : 0)) * 1_000_000;
    if (compareLines) for (const l of r.log.split('\n')) if (want.has(l.trimEnd())) score++;
    if (score > bestScore) { best = t; bestScore = score; }
  }
  return best;
}
