// The verifier corpus: hand-written programs (*.s, LLVM pseudo-C) each probing one verifier check,
// and the running kernel's answers for them (expected.json, written by
// tools/verifier/record-corpus.ts). This module reads both and knows how to pull the comparable
// facts (verdict, first error line, processed count) out of a kernel log. Node-only.
//
// Besides assembly, a file may carry comment directives the assembler ignores:
//   ; expect: accept | reject <substring>   what the author meant to test (record-corpus checks the
//                                          kernel agrees, so the header comments stay honest)
//   ; patch: SLOT field=V [field=V ...]    overwrite raw fields of slot SLOT after assembling
//                                          (code, dst, src, off, imm), for encodings the
//                                          assembler rightly refuses to write (reserved fields,
//                                          unknown opcodes, jumps out of range)

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, type AsmProgram } from '../../../src/core/asm/index.js';
import type { Insn } from '../../../src/core/isa/insn.js';
import { LOG_LEVEL1, type KernelOracle, type KernelResult } from '../../../tools/kernel.js';

export const CORPUS_DIR = dirname(fileURLToPath(import.meta.url));
export const EXPECTED_PATH = join(CORPUS_DIR, 'expected.json');
export const KNOWN_PATH = join(CORPUS_DIR, 'known-disagreements.json');

export interface Intent {
  accept: boolean;
  /** For rejections: a substring the first error line must contain. */
  message?: string;
}

export interface CorpusCase {
  /** File name, e.g. `map-value-oob-const.s`. */
  name: string;
  /** The program with patches applied. */
  program: AsmProgram;
  intent: Intent | null;
  /** The header comment (leading `;` lines without directives), for reports. */
  about: string;
}

/** The kernel's answer for one corpus program, as recorded. */
export interface Expectation {
  accepted: boolean;
  /** errno name of a failed load ('' when accepted). */
  errno: string;
  /** The verifier's error message: the first line of the error block (see expectationOf). */
  error: string | null;
  /** The whole error block (usually one line, the message). */
  errorLines: string[];
  /** `processed N insns` from the summary line; null when the log has none (pre-check errors). */
  processed: number | null;
}

export interface ExpectedFile {
  /** `uname -r` of the kernel that answered. */
  kernel: string;
  cases: Record<string, Expectation>;
}

const FIELDS = ['code', 'dst', 'src', 'off', 'imm'] as const;
type Field = (typeof FIELDS)[number];

function applyPatches(text: string, insns: Insn[]): string | null {
  for (const m of text.matchAll(/^;[ \t]*patch:[ \t]*(\d+)[ \t]+(.*)$/gm)) {
    const slot = Number(m[1]);
    const insn = insns[slot];
    if (!insn) return `patch of slot ${slot}: the program has ${insns.length} slots`;
    const patched: Insn = { ...insn };
    for (const kv of m[2]!.trim().split(/\s+/)) {
      const [k, v] = kv.split('=');
      if (!FIELDS.includes(k as Field) || v === undefined || !/^-?(0x[0-9a-f]+|\d+)$/i.test(v)) return `bad patch '${kv}'`;
      const n = v.startsWith('-') ? -Number(v.slice(1)) : Number(v);
      patched[k as Field] = n;
    }
    insns[slot] = patched;
  }
  return null;
}

function parseIntent(text: string): Intent | null | string {
  const m = /^;[ \t]*expect:[ \t]*(accept|reject)\b[ \t]*(.*)$/m.exec(text);
  if (!m) return null;
  if (m[1] === 'accept') return m[2]!.trim() ? 'expect: accept takes no message' : { accept: true };
  return { accept: false, message: m[2]!.trim() || undefined };
}

/** One program's text (assembly plus `; expect:`/`; patch:` directives) as a case, or why it fails. */
export function assembleCase(name: string, text: string): CorpusCase | string {
  const asm = assemble(text);
  if (!asm.ok) return `${name}: ${asm.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`;
  const insns = asm.program.insns.slice();
  const bad = applyPatches(text, insns);
  if (bad) return `${name}: ${bad}`;
  const intent = parseIntent(text);
  if (typeof intent === 'string') return `${name}: ${intent}`;
  const about = text.split('\n').filter((l) => l.startsWith(';') && !/^;\s*(expect|patch):/.test(l))
    .map((l) => l.replace(/^;\s?/, '')).join(' ').trim();
  return { name, program: { ...asm.program, insns }, intent, about };
}

/** Every corpus program, assembled and patched, in file-name order; files that fail go to `errors`. */
export function loadCorpus(dir = CORPUS_DIR): { cases: CorpusCase[]; errors: string[] } {
  const cases: CorpusCase[] = [];
  const errors: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.s')).sort()) {
    const c = assembleCase(name, readFileSync(join(dir, name), 'utf8'));
    if (typeof c === 'string') { errors.push(c); continue; }
    if (!c.about) errors.push(`${name}: no header comment saying what it tests`);
    cases.push(c);
  }
  return { cases, errors };
}

export function readExpected(): ExpectedFile {
  return JSON.parse(readFileSync(EXPECTED_PATH, 'utf8')) as ExpectedFile;
}

const SUMMARY = /^processed (\d+) insns \(limit \d+\)/;
/** Log lines that are not messages: instructions and states (`N: ...`), state continuations
 * (leading space), the call/return banners and level-2 path and precision lines. */
const STRUCTURE = /^(\d+:|\s|caller:$|callee:$|returning from callee:$|to caller at \d+:$|from \d+ to \d+|mark_precise: |func#\d+ @\d+$)/;
const SUMMARY_ANYWHERE = /processed \d+ insns \(limit \d+\) max_states_per_insn/;

/**
 * The comparable facts of a kernel load: the verdict, the error and the processed count.
 * The error is the block of lines after the last instruction, state or banner line and before
 * the `processed` summary; its first line is the message of the failing check (a few checks add a
 * second line, `invalid access to map value, ...` then `R0 min value is outside of the allowed
 * memory range`; the infinite-loop check adds state dumps). Errors found before the instruction
 * walk (CFG, reserved fields) have no instruction lines: then the block is everything before the
 * summary.
 */
export function expectationOf(loaded: boolean, errno: string, log: string): Expectation {
  const lines = log.split('\n').filter((l) => l !== '');
  let at = lines.findIndex((l) => SUMMARY.test(l));
  // A few messages lack their newline ("expected prog array map for tail call"), so the summary
  // can start in the middle of a line: split it off.
  if (at < 0) {
    at = lines.findIndex((l) => SUMMARY_ANYWHERE.test(l));
    if (at >= 0) {
      const cut = lines[at]!.search(SUMMARY_ANYWHERE);
      lines.splice(at, 1, lines[at]!.slice(0, cut), lines[at]!.slice(cut));
      at++;
    }
  }
  const processed = at >= 0 ? Number(SUMMARY.exec(lines[at]!)![1]) : null;
  if (loaded) return { accepted: true, errno: '', error: null, errorLines: [], processed };
  const body = at >= 0 ? lines.slice(0, at) : lines;
  let last = body.length - 1;
  while (last >= 0 && !STRUCTURE.test(body[last]!)) last--;
  const block = body.slice(last + 1);
  return { accepted: false, errno, error: block[0] ?? null, errorLines: block, processed };
}

/** Whether a recorded answer matches what the file says it tests. */
export function matchesIntent(intent: Intent, e: Expectation): boolean {
  if (intent.accept) return e.accepted;
  return !e.accepted && (intent.message === undefined || (e.error ?? '').includes(intent.message));
}

/** Loads every case into the kernel at log level 1 (pipelined); answers in case order. */
export function askKernel(oracle: KernelOracle, cases: readonly CorpusCase[]): Promise<KernelResult[]> {
  return Promise.all(cases.map((c) => oracle.load({
    progType: c.program.progType,
    insns: c.program.insns,
    maps: c.program.maps,
    logLevel: LOG_LEVEL1,
  })));
}
