// Hover documentation for the editor, as plain data (markdown strings): instructions (the kernel's
// disassembly and the instruction table's doc), helpers (the helper table's signature, doc and
// availability), context fields reached through the context pointer (the program-type table),
// maps, labels, directives and registers. Pure: the Monaco provider in providers.ts calls it.
// Text that comes from the user's source is only ever put inside code spans, never as markdown.
import type { AsmProgram, ProgTypeName, Span } from '../../core/asm/types.js';
import { MAP_TYPE_NAMES, PROG_TYPE_NAMES } from '../../core/asm/types.js';
import { formatInsnKernel } from '../../core/asm/disasm-kernel.js';
import { helperSpec } from '../../core/helpers/table.js';
import { encodeInsn, hex2, isLddw, lookupOp } from '../../core/isa/insn.js';
import { OPS } from '../../core/isa/table.js';
import { progTypeSpec } from '../../core/progtypes/index.js';
import { fieldAt } from '../../core/progtypes/ctx.js';
import type { CtxField } from '../../core/progtypes/types.js';
import { matchKind } from '../../core/explain/explain.js';
import { ctxRegisters } from './ctxRegs.js';

export interface HoverDoc {
  /** 1-based columns on the hovered line; endCol exclusive. */
  col: number;
  endCol: number;
  /** Markdown paragraphs. */
  contents: string[];
}

/** A code span that is safe for any text (backticks inside are fenced by longer runs). */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

const codeBlock = (lang: string, text: string): string => `\`\`\`${lang}\n${text.replace(/```/g, '`\u200b``')}\n\`\`\``;

/** The word at `col` (1-based) in `line`: identifiers with dots (`.prog`, `bpf_map_lookup_elem`). */
export function wordAt(line: string, col: number): { word: string; col: number; endCol: number } | null {
  const re = /[A-Za-z_.$][\w.$]*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (col >= start && col <= end) return { word: m[0], col: start, endCol: end };
  }
  return null;
}

export function helperDoc(name: string, progType: ProgTypeName | null): string[] | null {
  const h = helperSpec(name);
  if (!h || (name !== h.name && `bpf_${name}` !== h.name)) return null;
  const out = [codeBlock('c', h.signature)];
  if (h.doc) out.push(h.doc);
  const facts = [`helper #${h.id}`];
  if (h.gplOnly) facts.push('GPL-only');
  if (progType) facts.push(h.progTypes.includes(progType) ? `available to ${progType} programs` : `**not available to ${progType} programs**`);
  if (!h.implemented) facts.push("bpfiddle's VM cannot run it yet");
  out.push(facts.join(' · '));
  return out;
}

function accessText(spec: NonNullable<ReturnType<typeof progTypeSpec>>, f: CtxField): string {
  const a = spec.access[f.name];
  return a === 'rw' ? 'readable and writable' : a === 'r' ? 'read-only' : `not accessible to ${spec.name} programs`;
}

/** The context field an instruction at `pc` reaches through a register holding the context. */
export function ctxFieldOf(program: AsmProgram, pc: number, ctxRegs: readonly (number | undefined)[]): { struct: string; field: CtxField; off: number; doc: string } | null {
  const i = program.insns[pc]!;
  const op = lookupOp(i);
  if (!op) return null;
  let base: number;
  if (op.kind === 'ldx' || op.kind === 'ldxsx' || op.kind === 'load_acq') base = i.src;
  else if (op.kind === 'st' || op.kind === 'stx' || op.kind === 'atomic' || op.kind === 'store_rel') base = i.dst;
  else return null;
  const regs = ctxRegs[pc];
  if (regs === undefined || !(regs & (1 << base))) return null;
  const spec = progTypeSpec(program.progType);
  if (!spec) return null;
  const field = fieldAt(spec.ctx, i.off);
  if (!field) return null;
  return { struct: spec.ctx.struct, field, off: i.off, doc: `${field.doc ? `${field.doc} ` : ''}(${accessText(spec, field)})` };
}

function instructionDoc(program: AsmProgram, pc: number, ctxRegs: readonly (number | undefined)[]): string[] {
  const i = program.insns[pc]!;
  const op = lookupOp(i);
  const slots = isLddw(i) ? [i, program.insns[pc + 1]!] : [i];
  const bytes = slots.map((s) => Array.from(encodeInsn(s), hex2).join(' ')).join('  ');
  const out = [codeBlock('ebpf', `${pc}: ${formatInsnKernel(program.insns, pc, { maps: program.maps })}`)];
  if (op) out.push(`**${op.name}**: ${op.doc}`);
  const ctx = ctxFieldOf(program, pc, ctxRegs);
  if (ctx) out.push(`Context field ${code(`${ctx.struct}.${ctx.field.name}`)} (offset ${ctx.field.offset}, ${ctx.field.size} bytes): ${ctx.doc}`);
  out.push(`instruction ${pc}${slots.length === 2 ? ` (two slots: ${pc} and ${pc + 1})` : ''} · ${code(bytes)}`);
  return out;
}

const REGISTER_DOCS: readonly string[] = [
  'return value of helpers, calls and the program',
  'first argument; the context pointer when the program starts', 'second argument', 'third argument', 'fourth argument', 'fifth argument',
  'callee-saved', 'callee-saved', 'callee-saved', 'callee-saved',
  'frame pointer (read-only): the stack is r10 - 512 .. r10 - 1',
];

const DIRECTIVE_DOCS: Readonly<Record<string, string>> = {
  '.prog': `${code('.prog TYPE')}: the program type, which decides the context, the helpers and the return codes. One of ${PROG_TYPE_NAMES.map(code).join(', ')}.`,
  '.map': `${code('.map NAME TYPE key=K value=V max_entries=N [flags=F]')}: declares a map; load it with ${code('r1 = NAME ll')}. Types: ${MAP_TYPE_NAMES.map(code).join(', ')}.`,
};

export interface HoverInput {
  source: string;
  /** The assembled program for `source`, when it assembles. */
  program: AsmProgram | null;
  /** The program type in force (from `.prog`), for helper availability. */
  progType: ProgTypeName | null;
  line: number;
  col: number;
  /** The verifier's error marker (its line and the kernel's message), when there is one. */
  verifierError?: { line: number; message: string } | null;
}

/** What a verifier error means and how to fix it (the error catalogue), for the marker's hover. */
export function errorExplanationHover(message: string): string[] | null {
  const m = matchKind(message);
  if (!m) return null;
  return [
    `**${m.kind.title}.** ${m.kind.explanation}`,
    `**Fix:** ${m.kind.fix}`,
    '*The Verifier tab shows where in your program this happens, and a before/after example.*',
  ];
}

/** The hover for a position, or null when there is nothing to say. On the line of the verifier's
 * error, the explanation of the error comes first. */
export function hoverAt(inp: HoverInput, ctxRegs: readonly (number | undefined)[] | null = null): HoverDoc | null {
  const doc = docAt(inp, ctxRegs);
  const err = inp.verifierError;
  const why = err && err.line === inp.line ? errorExplanationHover(err.message) : null;
  if (!why) return doc;
  const text = inp.source.split(/\r\n|\r|\n/)[inp.line - 1] ?? '';
  return { col: doc?.col ?? 1, endCol: doc?.endCol ?? text.length + 1, contents: [...why, ...(doc?.contents ?? [])] };
}

function docAt(inp: HoverInput, ctxRegs: readonly (number | undefined)[] | null): HoverDoc | null {
  const text = inp.source.split(/\r\n|\r|\n/)[inp.line - 1] ?? '';
  const w = wordAt(text, inp.col);
  // Comments are prose: only the instruction under a comment-free position gets a hover.
  const commentAt = text.search(/;|\/\/|#(?!\d)/);
  if (commentAt >= 0 && inp.col > commentAt) return null;
  if (w) {
    const helper = helperDoc(w.word, inp.progType);
    if (helper) return { col: w.col, endCol: w.endCol, contents: helper };
    const dir = DIRECTIVE_DOCS[w.word];
    if (dir) return { col: w.col, endCol: w.endCol, contents: [dir] };
    if (/^\.prog\b/.test(text.trim())) {
      const spec = (PROG_TYPE_NAMES as readonly string[]).includes(w.word) ? progTypeSpec(w.word as ProgTypeName) : undefined;
      if (spec) return { col: w.col, endCol: w.endCol, contents: [`**${spec.name}**: ${spec.doc}`, `Context: ${code(`struct ${spec.ctx.struct}`)}. Returns ${spec.returnDoc}.`] };
    }
    const map = inp.program?.maps.find((m) => m.name === w.word);
    if (map) {
      return { col: w.col, endCol: w.endCol, contents: [`map ${code(map.name)}: ${map.type}, key ${map.keySize} bytes, value ${map.valueSize} bytes, at most ${map.maxEntries} entries`] };
    }
    const label = inp.program?.labels[w.word];
    if (label !== undefined && inp.program) return { col: w.col, endCol: w.endCol, contents: [`label ${code(w.word)} → instruction ${label}`] };
  }
  const reg = w ? /^[rw](\d|10)$/.exec(w.word) : null;
  const regDoc = w && reg ? `${code(w.word)}: ${w.word.startsWith('w') ? 'the low 32 bits of ' : ''}${REGISTER_DOCS[Number(reg[1])]}` : null;
  const program = inp.program;
  if (program) {
    const pc = program.sourceMap.findIndex((s: Span) => s.line === inp.line && inp.col >= s.col && inp.col <= s.endCol);
    if (pc >= 0) {
      const span = program.sourceMap[pc]!;
      const contents = instructionDoc(program, pc, ctxRegs ?? ctxRegisters(program.insns));
      return { col: span.col, endCol: span.endCol, contents: regDoc ? [...contents, regDoc] : contents };
    }
  }
  if (w && regDoc) return { col: w.col, endCol: w.endCol, contents: [regDoc] };
  if (w) {
    const rows = OPS.filter((o) => o.name.replace(/_(imm|reg)$/, '') === w.word);
    if (rows.length) return { col: w.col, endCol: w.endCol, contents: [`**${w.word}**: ${rows[0]!.doc}`] };
  }
  return null;
}
