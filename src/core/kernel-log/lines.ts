// The lines of a pasted kernel verifier log, classified: instruction lines (`5: (bf) r1 = r6 ; R1=..`),
// state lines (`5: R1=..`), `from X to Y:` lines, `N: safe`, the call/return banners and their
// indented state lines, the `processed N insns ...` summary, chatter to skip (func#, 6.18's
// `Live regs before insn:` listing, liveness and precision lines, `; C source` lines) and free
// text (the verifier's messages). libbpf's `-- BEGIN PROG LOAD LOG --` framing and bpftool's
// `libbpf:` lines are unwrapped first. Classification is by shape only; nothing is checked here.

/** One classified line; `line` is 1-based in the pasted text. */
export type LogLine =
  | { kind: 'insn'; line: number; index: number; opcode: number; text: string; state: string | null; raw: string }
  /** An instruction from 6.18's `Live regs before insn:` listing (the whole program, level 2). */
  | { kind: 'listing'; line: number; index: number; opcode: number; text: string; raw: string }
  | { kind: 'state'; line: number; index: number; state: string }
  | { kind: 'from'; line: number; from: number; to: number; state: string | null }
  | { kind: 'safe'; line: number; index: number }
  | { kind: 'banner'; line: number; banner: 'caller' | 'callee' | 'returning' | 'to caller'; at: number }
  | { kind: 'cont'; line: number; state: string }
  | { kind: 'summary'; line: number; processed: number; maxStatesPerInsn: number; totalStates: number; peakStates: number; markRead: number }
  | { kind: 'func'; line: number; func: number; start: number }
  | { kind: 'stackDepth'; line: number; depths: number[] }
  | { kind: 'info'; line: number; text: string }
  | { kind: 'text'; line: number; text: string };

export interface Unwrapped {
  /** The log's lines with their 1-based line numbers in the pasted text. */
  lines: { line: number; text: string }[];
  /** libbpf's `failed to load: -13`, as an errno name. */
  errno: string | null;
  /** The libbpf frame opened but never closed. */
  unterminated: number | null;
}

const ERRNO: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 7: 'E2BIG', 9: 'EBADF', 13: 'EACCES', 14: 'EFAULT', 16: 'EBUSY', 22: 'EINVAL', 28: 'ENOSPC',
  95: 'EOPNOTSUPP', 524: 'ENOTSUPP',
};

/** Takes the log out of libbpf's framing (when present) and drops libbpf's own lines. */
export function unwrap(text: string): Unwrapped {
  const all = text.split(/\r\n|\r|\n/);
  let errno: string | null = null;
  for (const l of all) {
    const m = /failed to load(?: program)?:? -(\d+)/.exec(l) ?? /load_program\(\) failed: -(\d+)/.exec(l);
    if (m && l.includes('libbpf')) errno = ERRNO[Number(m[1])] ?? `E${m[1]}`;
  }
  const begin = all.findIndex((l) => /-- BEGIN PROG LOAD LOG --/.test(l));
  let from = 0;
  let to = all.length;
  let unterminated: number | null = null;
  if (begin >= 0) {
    from = begin + 1;
    const end = all.findIndex((l, i) => i > begin && /-- END PROG LOAD LOG --/.test(l));
    if (end >= 0) to = end;
    else unterminated = begin + 1;
  }
  const lines: { line: number; text: string }[] = [];
  for (let i = from; i < to; i++) {
    const t = all[i]!;
    if (/^libbpf: /.test(t) || /^\s*```/.test(t)) continue;
    lines.push({ line: i + 1, text: t });
  }
  // A log pasted from a quote or an indented block: drop the indentation its lines share (measured
  // on the lines that start like a log's: `N:`, `from`, `processed`, `func#`).
  let indent = Infinity;
  for (const l of lines) {
    const m = /^([ \t]*)(?:\d+:|from \d+ to \d+|processed \d+ insns|func#\d+)/.exec(l.text);
    if (m) indent = Math.min(indent, m[1]!.length);
  }
  if (indent > 0 && indent !== Infinity) {
    for (const l of lines) if (/^[ \t]*$/.test(l.text.slice(0, indent))) l.text = l.text.slice(indent);
  }
  return { lines, errno, unterminated };
}

const INSN = /^(\d+): \(([0-9a-f]{2})\) ([^;]*?)\s*(?:;(.*))?$/;
const LISTING = /^\s+(\d+): [.0-9]{10,11} \(([0-9a-f]{2})\) ([^;]*?)\s*$/;
const STATE = /^(\d+):( .*)$/;
const FROM = /^from (\d+) to (\d+)(?: \(speculative execution\))?:(.*)$/;
const SUMMARY = /^processed (\d+) insns \(limit \d+\) max_states_per_insn (\d+) total_states (\d+) peak_states (\d+) mark_read (\d+)/;
const INFO = [
  /^mark_precise: /, /^last_idx \d+/, /^regs=/, /^parent (didn't|already|is)/, /^propagating /, /^\(\d+\) (frame \d+ insn|live stack)/,
  /^Validating /, /^verification time /, /^Func#\d+ /, /^Live regs before insn:/, /^\s*; /, /^insn \d+ /, /^BTF /, /^SCC (enter|exit|backedge) /, /^frame \d+: propagating /,
];

/**
 * Classifies one line of the log proper. At level 1 the kernel rewinds the log to the branch when it
 * starts the other side of a jump, to a point where the jump's newline had become padding, so the
 * branch's first state line continues the jump's line: `8: (25) if r0 > 0x64 goto pc+3 12: R0=...`.
 * Such a line is two.
 */
export function classifyAll(line: number, raw: string): LogLine[] {
  // The instruction text holds no `;` and no `N:`; the glued state may hold both (`var_off=(0x0; 0xff)`).
  const glued = /^(\d+: \([0-9a-f]{2}\) [^;]*?) (\d+:(?: .*)?)$/.exec(raw.replace(/\s+$/, ''));
  if (!glued) return [classify(line, raw)];
  return [classify(line, glued[1]!), classify(line, glued[2]!)];
}

/** Classifies one line of the log proper (see classifyAll for lines the kernel glued together). */
export function classify(line: number, raw: string): LogLine {
  const text = raw.replace(/\s+$/, '');
  let m = INSN.exec(text);
  if (m) return { kind: 'insn', line, index: Number(m[1]), opcode: parseInt(m[2]!, 16), text: m[3]!, state: m[4] === undefined ? null : m[4], raw: text };
  m = LISTING.exec(text);
  if (m) return { kind: 'listing', line, index: Number(m[1]), opcode: parseInt(m[2]!, 16), text: m[3]!, raw: text };
  m = /^(\d+): safe$/.exec(text);
  if (m) return { kind: 'safe', line, index: Number(m[1]) };
  m = STATE.exec(text);
  if (m) return { kind: 'state', line, index: Number(m[1]), state: m[2]! };
  m = FROM.exec(text);
  if (m) {
    const rest = m[3]!.trim();
    return { kind: 'from', line, from: Number(m[1]), to: Number(m[2]), state: rest === 'safe' ? null : rest };
  }
  if (text === 'caller:' || text === 'callee:' || text === 'returning from callee:') {
    return { kind: 'banner', line, banner: text === 'caller:' ? 'caller' : text === 'callee:' ? 'callee' : 'returning', at: -1 };
  }
  m = /^to caller at (\d+):$/.exec(text);
  if (m) return { kind: 'banner', line, banner: 'to caller', at: Number(m[1]) };
  m = SUMMARY.exec(text);
  if (m) {
    return {
      kind: 'summary', line, processed: Number(m[1]), maxStatesPerInsn: Number(m[2]), totalStates: Number(m[3]),
      peakStates: Number(m[4]), markRead: Number(m[5]),
    };
  }
  m = /^func#(\d+) @(\d+)$/.exec(text);
  if (m) return { kind: 'func', line, func: Number(m[1]), start: Number(m[2]) };
  m = /^stack depth ([\d+]+)$/.exec(text);
  if (m) return { kind: 'stackDepth', line, depths: m[1]!.split('+').filter(Boolean).map(Number) };
  if (/^ (frame\d+: )?(R\d+|fp-\d+|refs=)/.test(raw) || /^ frame\d+:/.test(raw) || raw === ' ') return { kind: 'cont', line, state: raw };
  if (INFO.some((r) => r.test(raw))) return { kind: 'info', line, text };
  return { kind: 'text', line, text };
}

/** Whether parentheses balance (a state text cut in the middle does not). */
export function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}
