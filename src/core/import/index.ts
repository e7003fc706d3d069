// Importing programs from files (ELF objects as clang builds them, raw bytecode in binary or hex,
// pasted text) and exporting them again (raw bytecode, a libbpf-loadable ELF object). Pure: the
// caller reads and writes the bytes; everything here works on Uint8Array and returns values.

import { assemble } from '../asm/assemble.js';
import { disassembleLines, mapDirective } from '../asm/disasm.js';
import { PROG_TYPE_ALIASES, PROG_TYPE_NAMES, type AsmProgram, type MapDecl, type ProgTypeName } from '../asm/types.js';
import { readObject, type LinkedProgram } from '../elf/object.js';
import type { ObjMap } from '../elf/maps.js';
import { isElf } from '../elf/reader.js';
import { writeObject } from '../elf/write.js';
import { unfaithful } from './faithful.js';
import { bytecodeSource, exportBytecode as bytecode, parseHexText, stripOpcode } from './bytecode.js';

/** One initial map element as lowercase hex (the shape of the worker protocol's MapEntryText). */
export interface ImportedMapEntry { key: string; value: string }

export interface ImportedProgram {
  /** Function name from the symbol table (or the section name; the file name for bytecode and text). */
  name: string;
  /** ELF section, e.g. 'xdp', 'kprobe/do_sys_open' ('' for bytecode and text). */
  section: string;
  /** From the section name, as libbpf maps it (an unknown section: 'socket_filter' + a warning). */
  progType: ProgTypeName;
  /** bpfiddle assembly (.prog/.map directives + instructions; C source lines as `;` comments above
   * their instructions when BTF line info exists) that assembles to the same instructions and maps. */
  source: string;
  /** BTF line info: the C source line of the instruction at `pc` (slot index in `source`'s program). */
  lines?: { pc: number; file: string; line: number; text: string }[];
  /** Initial contents of global-data maps (.rodata, .data; .bss is all zero), by map name, in the
   * shape of the worker protocol's InitialMaps (key = 4-byte index 0, value = the section bytes). */
  initialMaps?: Record<string, ImportedMapEntry[]>;
}

export type ImportResult =
  | { ok: true; kind: 'elf' | 'bytecode' | 'text'; programs: ImportedProgram[]; warnings: string[] }
  | { ok: false; error: string };

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const baseName = (p: string): string => p.replace(/^.*[\\/]/, '');
const stem = (p: string): string => baseName(p).replace(/\.[^.]*$/, '') || 'prog';

/** Sniffs the content: ELF magic → object; otherwise hex text / raw binary bytecode (a multiple of
 * 8 bytes) / text (bpftool xlated, verifier log or assembly, returned as source). `name` is the file
 * name (for messages and the default program name). */
export function importFile(name: string, bytes: Uint8Array, opts: { progType?: ProgTypeName } = {}): ImportResult {
  const label = baseName(name) || 'input';
  if (isElf(bytes)) {
    const r = importObject(bytes);
    return r.ok ? r : { ok: false, error: `${label}: ${r.error}` };
  }
  if (bytes.length === 0) return { ok: false, error: `${label}: the file is empty` };
  const progType = opts.progType ?? 'socket_filter';
  const bytecodeResult = (b: Uint8Array): ImportResult => {
    const s = bytecodeSource(b, progType, label);
    if (!s.ok) return s;
    return { ok: true, kind: 'bytecode', programs: [{ name: stem(name), section: '', progType, source: s.source }], warnings: s.warnings };
  };
  if (!isText(bytes)) {
    if (bytes.length % 8) {
      return { ok: false, error: `${label}: not an ELF file, and its ${bytes.length} bytes are not a whole number of 8-byte instructions` };
    }
    return bytecodeResult(bytes);
  }
  const text = new TextDecoder().decode(bytes);
  const hexBytes = parseHexText(text);
  if (hexBytes) {
    if (hexBytes.length % 8) return { ok: false, error: `${label}: hex text with ${hexBytes.length} bytes, not a whole number of 8-byte instructions` };
    return bytecodeResult(hexBytes);
  }
  const declared = /^\s*\.prog\s+(\w+)/m.exec(text)?.[1];
  const known = declared === undefined ? undefined
    : (PROG_TYPE_NAMES as readonly string[]).includes(declared) ? declared as ProgTypeName
      : Object.hasOwn(PROG_TYPE_ALIASES, declared) ? PROG_TYPE_ALIASES[declared] : undefined;
  const head: string[] = [];
  const warnings: string[] = [];
  if (declared === undefined && opts.progType) head.push(`.prog ${opts.progType}`);
  // bpftool and the verifier log print maps by kernel id; without .map lines they cannot assemble,
  // so each id gets a placeholder declaration (ids bind to declarations in order of first use).
  if (!/^\s*\.map\s/m.test(text)) {
    const ids = [...new Set([...text.matchAll(/map\[id:(\d+)\]/g)].map((m) => m[1]!))];
    for (const id of ids) {
      head.push(`.map m${id} array key=4 value=8 max_entries=1`);
      warnings.push(`map id ${id} is declared as placeholder m${id} (array, key 4, value 8): edit its .map line to match the real map`);
    }
  }
  const source = head.length ? `${head.join('\n')}\n${text}` : text;
  return { ok: true, kind: 'text', programs: [{ name: stem(name), section: '', progType: known ?? progType, source }], warnings };
}

/** Text is UTF-8 without NULs or control characters other than whitespace. */
function isText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b === 0 || (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) return false;
  try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; }
}

export function importObject(bytes: Uint8Array): ImportResult {
  const r = readObject(bytes);
  if (!r.ok) return r;
  const { object } = r;
  if (!object.programs.length) {
    return { ok: false, error: object.warnings.length ? `no program bpfiddle can load: ${object.warnings.join('; ')}` : 'the object has no programs (no executable sections)' };
  }
  const decls: MapDecl[] = object.maps.map((m) => ({
    name: m.name, type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags,
    span: { line: 0, col: 0, endCol: 0 },
  }));
  const initialMaps = initialContents(object.maps);
  const warnings = [...object.warnings];
  if (object.license && !/^(GPL|GPL v2|GPL and additional rights|Dual BSD\/GPL|Dual MIT\/GPL|Dual MPL\/GPL)$/.test(object.license)) {
    warnings.push(`license "${object.license}" is not GPL-compatible: the kernel refuses GPL-only helpers`);
  }
  const programs: ImportedProgram[] = [];
  const skipped: string[] = [];
  for (const p of object.programs) {
    const src = programSource(p, decls);
    if (!src.ok) {
      skipped.push(`program ${p.name} (section ${p.section}): ${src.error}`);
      continue;
    }
    programs.push({
      name: p.name, section: p.section, progType: p.progType, source: src.source,
      ...(p.lines.length ? { lines: p.lines.map((l) => ({ pc: l.pc, file: l.file, line: l.line, text: l.text })) } : {}),
      ...(initialMaps ? { initialMaps } : {}),
    });
  }
  if (!programs.length) return { ok: false, error: skipped.join('; ') };
  return { ok: true, kind: 'elf', programs, warnings: [...warnings, ...skipped.map((s) => `${s}; skipped`)] };
}

function initialContents(maps: readonly ObjMap[]): Record<string, ImportedMapEntry[]> | undefined {
  const withData = maps.filter((m) => m.initial);
  if (!withData.length) return undefined;
  return Object.fromEntries(withData.map((m) => [m.name, [{ key: '00000000', value: hex(m.initial!) }]]));
}

/** The program as assembly: header comment, directives, and each instruction with its C line above;
 * each sub-program starts at a label with its function name (which export turns back into a
 * symbol), unless a name cannot be a label, when a comment says where it starts. */
function programSource(p: LinkedProgram, maps: readonly MapDecl[]): { ok: true; source: string } | { ok: false; error: string } {
  const labelled = sourceText(p, maps, true);
  const a = assemble(labelled.source);
  const useLabels = a.ok && a.program.insns.length === p.insns.length && Object.keys(a.program.labels).length === p.funcs.length - 1;
  const chosen = useLabels ? labelled : sourceText(p, maps, false);
  const wrong = useLabels ? unfaithful(chosen.source, p.insns, chosen.pcOfLine, a) : unfaithful(chosen.source, p.insns, chosen.pcOfLine);
  return wrong ? { ok: false, error: wrong } : { ok: true, source: chosen.source };
}

function sourceText(p: LinkedProgram, maps: readonly MapDecl[], labels: boolean): { source: string; pcOfLine: (number | undefined)[] } {
  const out = [`; ${p.name} (section ${p.section})`, `.prog ${p.progType}`, ...maps.map(mapDirective), ''];
  const pcOfLine: (number | undefined)[] = [];
  const lineAt = new Map(p.lines.map((l) => [l.pc, l]));
  const funcAt = new Map(p.funcs.map((f) => [f.pc, f.name]));
  let last = '';
  for (const l of disassembleLines(p.insns, { maps })) {
    const fn = funcAt.get(l.pc);
    if (fn !== undefined && l.pc > 0) { out.push('', labels ? `${fn}:` : `; sub-program ${fn}`); last = ''; }
    const info = lineAt.get(l.pc);
    if (info && info.text) {
      const key = `${info.file}:${info.line}`;
      if (key !== last) out.push(`; ${baseName(info.file)}:${info.line}: ${info.text.trim()}`);
      last = key;
    }
    pcOfLine[out.length] = l.pc;
    out.push(stripOpcode(l.text));
  }
  out.push('');
  return { source: out.join('\n'), pcOfLine };
}

/** Raw bytecode: 8-byte slots, little-endian, map references as the assembler emits them (the map's
 * index in imm; a loader substitutes the real fd). */
export function exportBytecode(program: AsmProgram): Uint8Array {
  return bytecode(program);
}

/** An ELF object with the program in a libbpf section for its type, its maps as BTF-defined maps in
 * .maps (with BTF) or, when the program reads them by value, as global data sections; license
 * "GPL"; loadable by `bpftool prog load` and libbpf. `initialMaps` fills global-data sections
 * (the value of key 0, as hex), so .rodata constants survive the round trip; `lines` (an import's
 * line info, for the unedited program) become BTF line_info, so C lines survive it too. `section`
 * overrides the section (an import's section keeps its attach point: kprobe/do_sys_openat2). */
export function exportObject(
  program: AsmProgram,
  opts: {
    name?: string; section?: string; initialMaps?: Record<string, readonly ImportedMapEntry[]>; lines?: ImportedProgram['lines'];
    /** The program's assembly source: its lines become the object's line info when `lines` is absent. */
    source?: string;
  } = {},
): Uint8Array {
  const data: Record<string, Uint8Array> = {};
  for (const [map, entries] of Object.entries(opts.initialMaps ?? {})) {
    const e = entries.find((x) => /^0*$/.test(x.key)) ?? entries[0];
    const digits = e?.value.replace(/\s+/g, '') ?? '';
    if (!e || !/^(?:[0-9a-fA-F]{2})*$/.test(digits)) continue;
    data[map] = Uint8Array.from(digits.match(/../g) ?? [], (h) => parseInt(h, 16));
  }
  return writeObject(program, {
    ...(opts.name !== undefined ? { name: opts.name } : {}), ...(opts.section !== undefined ? { section: opts.section } : {}),
    data, ...(opts.lines ? { lines: opts.lines } : {}), ...(opts.source !== undefined ? { source: opts.source } : {}),
  });
}
