// `call` in every dialect: `call 1`, `call bpf_map_lookup_elem`, `call LABEL` (LLVM, uBPF),
// `call bpf_map_lookup_elem#1`, `call pc+4`, `call kernel-function#123` (kernel log, bpftool),
// `call local f`, `call helper 1`, `call %r2` (bpf_conformance). Parsed from the raw text because
// the kernel's names (`kernel-function`) are not tokens of the other dialects.

import { parseNumber } from './lex.js';
import { parseReg } from './cursor.js';
import type { CallTarget, Dialect, Imm } from './stmt.js';
import type { AsmError, Span } from './types.js';

export type CallParse = { ok: true; target: CallTarget } | { ok: false; error: AsmError };

/** `rest` is the text after the `call` keyword; `col0` is its 0-based column in the line. */
export function parseCall(rest: string, col0: number, line: number, dialect: Dialect): CallParse {
  const lead = rest.length - rest.trimStart().length;
  const body = rest.trim();
  const at = col0 + lead; // 0-based column of body
  const span = (from: number, to: number): Span => ({ line, col: at + from + 1, endCol: at + to + 1 });
  const fail = (from: number, to: number, message: string, hint?: string): CallParse => ({
    ok: false,
    error: hint === undefined ? { ...span(from, to), message } : { ...span(from, to), message, hint },
  });
  const num = (text: string, from: number): { ok: true; imm: Imm } | { ok: false; r: CallParse } => {
    const m = /^([+-]?)(.*)$/.exec(text)!;
    const n = parseNumber(m[2]!);
    if (!n.ok) return { ok: false, r: fail(from, from + text.length, n.message) };
    return { ok: true, imm: { value: m[1] === '-' ? -n.value : n.value, hex: n.hex, span: span(from, from + text.length) } };
  };
  if (body === '') return fail(0, 1, 'call needs a target: a helper name or id, a label, or pc+N');

  let m = /^pc([+-][0-9]\w*)(#\S*)?$/.exec(body);
  if (m) {
    const n = num(m[1]!, 2);
    if (!n.ok) return n.r;
    return { ok: true, target: { kind: 'local', target: { kind: 'rel', off: n.imm.value, span: span(0, 2 + m[1]!.length) } } };
  }
  m = /^(local|helper|runtime)\s+(\S+)$/.exec(body);
  if (m) {
    const arg = m[2]!;
    const from = body.length - arg.length;
    if (m[1] === 'local') {
      if (/^[+-]?[0-9]/.test(arg)) {
        const n = num(arg, from);
        if (!n.ok) return n.r;
        return { ok: true, target: { kind: 'local', target: { kind: 'rel', off: n.imm.value, span: n.imm.span } } };
      }
      if (!/^[A-Za-z_.$][\w.$]*$/.test(arg)) return fail(from, body.length, `bad label name '${arg}'`);
      return { ok: true, target: { kind: 'local', target: { kind: 'label', name: arg, span: span(from, body.length) } } };
    }
    if (m[1] === 'helper' && /^[A-Za-z_]\w*$/.test(arg)) {
      return { ok: true, target: { kind: 'helperName', name: arg, span: span(from, body.length) } };
    }
    const n = num(arg, from);
    if (!n.ok) return n.r;
    return { ok: true, target: m[1] === 'helper' ? { kind: 'helper', imm: n.imm } : { kind: 'kfunc', imm: n.imm } };
  }
  if (/^[+-]?[0-9]\w*$/.test(body)) {
    const n = num(body, 0);
    if (!n.ok) return n.r;
    return { ok: true, target: { kind: 'helper', imm: n.imm } };
  }
  m = /^([A-Za-z_][\w-]*)#(-?[0-9]+)$/.exec(body);
  if (m) {
    const name = m[1]!;
    const idSpan = span(name.length + 1, body.length);
    const imm: Imm = { value: BigInt(m[2]!), hex: false, span: idSpan };
    if (name === 'kernel-function') return { ok: true, target: { kind: 'kfunc', imm } };
    if (name === 'unknown') return { ok: true, target: { kind: 'helper', imm } };
    return { ok: true, target: { kind: 'helperName', name, span: span(0, name.length), hashId: imm } };
  }
  const reg = parseReg(body, span(0, body.length), dialect);
  if (reg) return { ok: true, target: { kind: 'reg', reg } };
  if (/^[A-Za-z_.$][\w.$]*$/.test(body)) return { ok: true, target: { kind: 'name', name: body, span: span(0, body.length) } };
  return fail(0, body.length, `cannot parse call target '${body}'`, 'write `call bpf_map_lookup_elem`, `call 1`, `call LABEL` or `call pc+4`');
}
