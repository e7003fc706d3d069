// The assembler: source text → program (slots, maps, program type, source map, labels), or every
// error found, each located. Three passes: parse every line into data (parse.ts), lay the
// instructions out in slots and bind labels, then encode each statement (encode.ts validates).
// A pasted verifier log or objdump listing (`12: (bf) r1 = r6`) is laid out by its indices, so
// repeated lines from different paths collapse and out-of-order paths fall into place.
// It never throws on any input: user errors are values.

import type { Insn } from '../isa/insn.js';
import { encodeStmt, type EncodeEnv } from './encode.js';
import { parseSource, type Item } from './parse.js';
import type { AsmError, AsmResult, MapDecl, ProgTypeName, Span } from './types.js';

type InsnItem = Extract<Item, { kind: 'insn' }>;
type LabelItem = Extract<Item, { kind: 'label' }>;

interface Placed {
  item: InsnItem;
  /** Labels written just before this instruction. */
  labels: LabelItem[];
  pc: number;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

export function assemble(source: string): AsmResult {
  const lines = parseSource(source);
  const errors: AsmError[] = [];
  const logMode = lines.some((l) => l.indexed && l.items.some((i) => i.kind === 'insn'));

  let progType: ProgTypeName | undefined;
  let progSpan: Span | undefined;
  const maps: MapDecl[] = [];
  const placed: Placed[] = [];
  let pending: LabelItem[] = [];
  for (const l of lines) {
    // In a pasted log, unprefixed lines that are not assembly are the verifier's own messages.
    if (logMode && !l.indexed && l.errors.length > 0) continue;
    errors.push(...l.errors);
    for (const it of l.items) {
      switch (it.kind) {
        case 'label': pending.push(it); break;
        case 'prog':
          if (progSpan) errors.push({ ...it.span, message: `duplicate .prog (the first is on line ${progSpan.line})` });
          else { progType = it.type; progSpan = it.span; }
          break;
        case 'map': {
          const first = maps.find((m) => m.name === it.name);
          if (first) errors.push({ ...it.nameSpan, message: `map '${it.name}' is declared twice (the first is on line ${first.span.line})` });
          else maps.push({ name: it.name, type: it.type, keySize: it.keySize, valueSize: it.valueSize, maxEntries: it.maxEntries, flags: it.flags, span: it.span });
          break;
        }
        case 'insn':
          if (logMode && it.index === undefined) {
            errors.push({ ...it.stmt.span, message: 'this instruction has no log index, but others do',
              hint: 'in a pasted verifier log every instruction keeps its `N: (op)` prefix; add one or remove the prefixes' });
          }
          placed.push({ item: it, labels: pending, pc: 0 });
          pending = [];
          break;
      }
    }
  }

  const order = logMode ? orderByIndex(placed, errors) : placed;

  // Layout: slots, labels.
  const labels = new Map<string, number>();
  const labelLine = new Map<string, number>();
  const define = (l: LabelItem, pc: number): void => {
    const first = labelLine.get(l.name);
    if (first !== undefined) {
      errors.push({ ...l.span, message: `duplicate label '${l.name}' (the first is on line ${first})` });
      return;
    }
    labels.set(l.name, pc);
    labelLine.set(l.name, l.span.line);
  };
  let pc = 0;
  let firstExit: number | undefined;
  // A pasted fragment of a log may start anywhere: indices count from its first instruction.
  let base = 0;
  if (logMode) {
    base = Number.MAX_SAFE_INTEGER;
    for (const p of order) if (p.item.index !== undefined && p.item.index < base) base = p.item.index;
  }
  let gap = base; // index - pc of the last reported log gap, so one gap is one error
  for (const p of order) {
    for (const l of p.labels) define(l, pc);
    p.pc = pc;
    if (p.item.stmt.k === 'exit' && firstExit === undefined) firstExit = pc;
    if (logMode && p.item.index !== undefined && p.item.index - pc !== gap) {
      gap = p.item.index - pc;
      errors.push({ ...p.item.stmt.span, message: `log index ${p.item.index} does not follow: the instructions before it end at index ${base + pc - 1}`,
        hint: 'a verifier log leaves out instructions it never reached; paste them in with their indices' });
    }
    pc += p.item.stmt.k === 'lddw' ? 2 : 1;
  }
  for (const l of pending) define(l, pc);
  const len = pc;

  // bpftool's numeric map[id:N] binds to the declared maps in order of first use.
  const mapIds = new Map<string, number>();
  for (const p of order) {
    const s = p.item.stmt;
    if (s.k === 'lddw' && s.src.kind === 'mapid' && s.src.numeric && !mapIds.has(s.src.id)) {
      if (mapIds.size < maps.length) mapIds.set(s.src.id, mapIds.size);
    }
  }

  const labelNames = [...labels.keys()];
  const insns: Insn[] = [];
  const sourceMap: Span[] = [];
  for (const p of order) {
    const env: EncodeEnv = {
      pc: p.pc,
      len,
      label: (name) => labels.get(name) ?? (name === 'exit' ? firstExit : undefined),
      labelNames,
      maps,
      mapId: (id) => mapIds.get(id),
    };
    const enc = encodeStmt(p.item.stmt, env);
    errors.push(...enc.errors);
    if (enc.errors.length) continue;
    const code = enc.insns[0]!.code;
    if (p.item.opcode !== undefined && p.item.opcode !== code) {
      errors.push({ ...p.item.opcodeSpan!, message: `opcode (${hex2(p.item.opcode)}) does not match the instruction, which encodes as (${hex2(code)})` });
    }
    for (const i of enc.insns) {
      insns.push(i);
      sourceMap.push(p.item.stmt.span);
    }
  }

  if (errors.length === 0 && len === 0) {
    errors.push({ line: 1, col: 1, endCol: 1, message: 'the program has no instructions', hint: 'the smallest program is `r0 = 0` then `exit`' });
  }
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line || a.col - b.col);
    return { ok: false, errors };
  }
  return {
    ok: true,
    program: { insns, maps, progType: progType ?? 'socket_filter', sourceMap, labels: Object.fromEntries(labels) },
    errors: [],
  };
}

/** A pasted log's instructions sorted by index, with identical repeats dropped. */
function orderByIndex(placed: Placed[], errors: AsmError[]): Placed[] {
  const byIndex = new Map<number, Placed>();
  const out: Placed[] = [];
  for (const p of placed) {
    const idx = p.item.index;
    if (idx === undefined) { out.push(p); continue; }
    const seen = byIndex.get(idx);
    if (!seen) { byIndex.set(idx, p); out.push(p); continue; }
    if (normalise(seen.item.text) !== normalise(p.item.text)) {
      errors.push({ ...p.item.stmt.span, message: `log index ${idx} already holds a different instruction (line ${seen.item.stmt.span.line})` });
    } else if (isLogMapLoad(p.item) && !isLogMapLoad(seen.item)) {
      // Only the copy with a state comment (`; R1=map_ptr(...)`) knows that this is a map.
      seen.item = p.item;
    }
    seen.labels.push(...p.labels);
  }
  // Unindexed instructions (already reported) go last.
  return out
    .map((p, n) => ({ p, key: p.item.index ?? Number.MAX_SAFE_INTEGER, n }))
    .sort((a, b) => a.key - b.key || a.n - b.n)
    .map((x) => x.p);
}

const isLogMapLoad = (i: InsnItem): boolean => i.stmt.k === 'lddw' && i.stmt.src.kind === 'mapid';
const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim();
