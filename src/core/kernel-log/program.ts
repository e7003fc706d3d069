// Rebuilds the program a kernel log is about from its instruction lines, through the assembler's
// verifier-log dialect (src/core/asm: `12: (bf) r1 = r6` is an instruction at index 12), so there is
// one parser of instruction text. What the log cannot say is filled in and reported:
// - map loads print the map's kernel address; the state after them says `map_ptr(ks=4,vs=8)`, so
//   each distinct address becomes a `.map` declaration with those sizes, and a type guessed from
//   the helpers the program passes it to (ringbuf_*, tail_call, perf_event_output, get_stackid,
//   push/pop; a lookup that returns a non-null value means an array; else hash);
// - a level-1 log shows only the instructions the failing path reached: the missing slots (and
//   those up to the furthest jump target) become `exit`, marked `; not in the log`.
// The program type is not in the log either: the caller decides it (import.ts guesses).

import { assemble } from '../asm/assemble.js';
import { disassembleLines, mapDirective } from '../asm/disasm.js';
import { parseSource } from '../asm/parse.js';
import { helperName } from '../helpers/ids.js';
import { formatInsnKernel } from '../asm/disasm-kernel.js';
import { isLddw } from '../isa/insn.js';
import type { AsmProgram, MapDecl, MapTypeName, ProgTypeName } from '../asm/types.js';
import type { LogLine } from './lines.js';

type InsnLine = Extract<LogLine, { kind: 'insn' | 'listing' }>;

export interface RebuiltMap {
  /** The id the assembler gives the load: the map's name, or its address in hex. */
  readonly id: string;
  /** The name the kernel printed (`map=NAME`), '' when none. */
  readonly kernelName: string;
  readonly decl: MapDecl;
}

export interface Rebuilt {
  readonly program: AsmProgram;
  /** The program as bpfiddle source text (`.prog`, `.map`, instructions). */
  readonly source: string;
  readonly maps: readonly RebuiltMap[];
  /** Slots filled in because the log does not show them. */
  readonly filled: readonly number[];
}

export type RebuildResult = { ok: true; value: Rebuilt } | { ok: false; line: number; message: string };

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim();
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** Whether an instruction line reads as an instruction (the assembler's parser, syntax only). */
export function insnLineError(l: { index: number; opcode: number; text: string }): string | null {
  const parsed = parseSource(`${l.index}: (${hex2(l.opcode)}) ${l.text}`)[0]!;
  if (parsed.errors.length) return parsed.errors[0]!.message;
  if (!parsed.items.some((i) => i.kind === 'insn')) return 'not an instruction';
  return null;
}

const HELPER_MAP_TYPES: readonly [RegExp, number, MapTypeName][] = [
  [/^bpf_ringbuf_/, 1, 'ringbuf'],
  [/^bpf_(perf_event_output|skb_output|xdp_output|perf_event_read)$/, 2, 'perf_event_array'],
  [/^bpf_perf_event_output$/, 2, 'perf_event_array'],
  [/^bpf_tail_call$/, 2, 'prog_array'],
  [/^bpf_get_stackid$/, 2, 'stack_trace'],
  [/^bpf_map_(push|pop|peek)_elem$/, 1, 'queue'],
];

/**
 * The program from the log's instruction lines (walk lines first, then the 6.18 listing), or the
 * first line that is not one program's instruction.
 */
export function rebuildProgram(lines: readonly InsnLine[], progType: ProgTypeName): RebuildResult {
  const byIndex = new Map<number, InsnLine>();
  for (const l of lines) {
    const seen = byIndex.get(l.index);
    if (!seen) { byIndex.set(l.index, l); continue; }
    if (normalise(seen.text) !== normalise(l.text)) {
      return { ok: false, line: l.line, message: `instruction ${l.index} differs from line ${seen.line} (\`${seen.text}\`): these lines are not from one program` };
    }
    // The copy with a state knows what a map load loads.
    if (seen.kind === 'listing' || (l.kind === 'insn' && l.state !== null && (seen.kind !== 'insn' || seen.state === null))) byIndex.set(l.index, l);
  }
  if (!byIndex.size) return { ok: false, line: 0, message: 'the log has no instruction lines (`N: (op) ...`)' };

  const idx = [...byIndex.keys()].sort((a, b) => a - b);
  // Map loads: address → sizes (from the state after the load), in order of first use.
  const maps: { id: string; kernelName: string; ks: number; vs: number; type: MapTypeName }[] = [];
  const mapOfLoad = new Map<number, number>();
  const loadMap = (l: InsnLine): number | undefined => {
    if (l.opcode !== 0x18) return undefined;
    const dst = /^r(\d+) = (0x[0-9a-f]+|\d+)$/.exec(normalise(l.text));
    if (!dst || l.kind !== 'insn' || l.state === null) return undefined;
    const m = new RegExp(`\\bR${dst[1]}(?:_[a-zA-Z]+)?=(map_ptr|map_value)\\(([^)]*)\\)`).exec(l.state);
    if (!m) return undefined;
    const ks = /(?:^|,)ks=(\d+)/.exec(m[2]!)?.[1];
    const vs = /(?:^|,)vs=(\d+)/.exec(m[2]!)?.[1];
    if (ks === undefined || vs === undefined) return undefined;
    const id = `0x${BigInt(dst[2]!).toString(16)}`;
    let k = maps.findIndex((x) => x.id === id);
    if (k < 0) {
      k = maps.length;
      maps.push({ id, kernelName: /(?:^|,)map=([^,]+)/.exec(m[2]!)?.[1] ?? '', ks: Number(ks), vs: Number(vs), type: 'hash' });
    }
    return k;
  };
  for (const i of idx) {
    const k = loadMap(byIndex.get(i)!);
    if (k !== undefined) mapOfLoad.set(i, k);
  }
  // Map types from the helpers they are passed to: the nearest earlier load into the argument register.
  for (const i of idx) {
    const l = byIndex.get(i)!;
    const call = /^call (bpf_\w+)#\d+$/.exec(normalise(l.text));
    if (!call) continue;
    const name = call[1]!;
    const hit = HELPER_MAP_TYPES.find(([re]) => re.test(name));
    const argReg = hit ? hit[1] : 1;
    let mapK: number | undefined;
    for (let j = i - 1; j >= 0 && j >= i - 16; j--) {
      const p = byIndex.get(j);
      if (!p) continue;
      if (/^call /.test(normalise(p.text))) break;
      const d = /^r(\d+) = /.exec(normalise(p.text));
      if (d && Number(d[1]) === argReg) { mapK = mapOfLoad.get(j); break; }
    }
    if (mapK === undefined) continue;
    if (hit) maps[mapK]!.type = hit[2];
    else if (name === 'bpf_map_lookup_elem' && l.kind === 'insn' && l.state !== null && /\bR0(?:_\w+)?=map_value\(/.test(l.state)) {
      maps[mapK]!.type = 'array';
    }
  }

  // Layout: every slot up to the last instruction and the furthest jump target.
  const slots = (i: number): number => (byIndex.get(i)!.opcode === 0x18 ? 2 : 1);
  let len = 0;
  for (const i of idx) {
    len = Math.max(len, i + slots(i));
    const j = /\bpc([+-]\d+)$/.exec(normalise(byIndex.get(i)!.text));
    if (j) len = Math.max(len, i + Number(j[1]) + 2);
  }
  const declName = (k: number): string => {
    const n = maps[k]!.kernelName;
    return /^[A-Za-z_]\w*$/.test(n) && !maps.some((m, j) => j < k && m.kernelName === n) ? n : `map${k}`;
  };
  const decls = maps.map((m, k) => ({
    line: `.map ${declName(k)} ${m.type} key=${m.ks} value=${m.vs} max_entries=${m.type === 'ringbuf' ? 4096 : 256}`,
  }));
  const src: string[] = [`.prog ${progType}`, ...decls.map((d) => d.line)];
  const origin: number[] = [0, ...decls.map(() => 0)];
  const filled: number[] = [];
  for (let pc = 0; pc < len;) {
    const l = byIndex.get(pc);
    if (!l) {
      filled.push(pc);
      src.push(`${pc}: (95) exit`);
      origin.push(0);
      pc++;
      continue;
    }
    let text = `${pc}: (${hex2(l.opcode)}) ${l.text}`;
    // A callback's address: the log prints ld_imm64's relative offset, the state says `func()`.
    const lineState = l.kind === 'insn' ? l.state : null;
    const fn = l.opcode === 0x18 && lineState !== null ? /^r(\d+) = (0x[0-9a-f]+|\d+)$/.exec(normalise(l.text)) : null;
    if (fn && new RegExp(`\\bR${fn[1]}(?:_[a-zA-Z]+)?=func\\(`).test(lineState!)) {
      const rel = Number(BigInt.asIntN(32, BigInt(fn[2]!)));
      text = `${pc}: (18) r${fn[1]} = subprog[${rel >= 0 ? '+' : ''}${rel}]`;
    }
    const k = mapOfLoad.get(pc);
    if (k !== undefined) {
      // Name the load by address: the assembler binds addresses to the declared maps in order of first use.
      const m = maps[k]!;
      const dst = /^r(\d+)/.exec(l.text)![1];
      const st = l.kind === 'insn' ? l.state ?? '' : '';
      const kind = new RegExp(`\\bR${dst}(?:_[a-zA-Z]+)?=(map_ptr|map_value)\\(([^)]*)\\)`).exec(st)!;
      const off = /(?:^|,)off=(\d+)/.exec(kind[2]!)?.[1];
      text += ` ; R${dst}=${kind[1]}(ks=${m.ks},vs=${m.vs}${off ? `,off=${off}` : ''})`;
    }
    src.push(text);
    origin.push(l.line);
    pc += slots(pc);
  }
  const asm = assemble(src.join('\n'));
  if (!asm.ok) {
    const e = asm.errors[0]!;
    return { ok: false, line: origin[e.line - 1] ?? 0, message: `the instruction cannot be rebuilt: ${e.message}` };
  }
  const program = asm.program;
  return {
    ok: true,
    value: {
      program,
      source: sourceText(program, filled),
      maps: maps.map((m, k) => ({ id: m.id, kernelName: m.kernelName, decl: program.maps[k]! })),
      filled,
    },
  };
}

/** bpfiddle source for the rebuilt program: the directives, then the instructions in LLVM's dialect. */
function sourceText(program: AsmProgram, filled: readonly number[]): string {
  const fill = new Set(filled);
  const lines = disassembleLines(program.insns, { style: 'llvm', maps: program.maps });
  const body = lines.map((l) => {
    // Helpers by name, as the log shows them (`call bpf_map_lookup_elem`, not LLVM's `call 1`).
    const i = program.insns[l.pc]!;
    const name = i.code === 0x85 && i.src === 0 ? helperName(i.imm) : undefined;
    // LLVM's text of a map-value load (`ld_pseudo r1, 2, 0`) loses the offset: bpftool's keeps it.
    const value = isLddw(i) && i.src === 2 ? formatInsnKernel(program.insns, l.pc, { maps: program.maps }).replace(/^\([0-9a-f]{2}\) /, '') : undefined;
    const text = name ? `call ${name}` : value ?? l.text;
    return fill.has(l.pc) ? `  ${text} ; not in the log` : `  ${text}`;
  });
  return [
    '; Rebuilt from a kernel verifier log (imported).',
    `.prog ${program.progType}`,
    ...program.maps.map(mapDirective),
    ...body,
  ].join('\n') + '\n';
}
