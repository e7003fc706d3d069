// The ELF writer behind export: a relocatable BPF object that libbpf (and so `bpftool prog load`)
// accepts. The main program goes into a libbpf section for its type; sub-programs (call targets)
// go into .text with local function symbols, reached through R_BPF_64_32 relocations as clang
// emits them; maps become BTF-defined maps in .maps (this module writes the BTF that describes
// them), except maps the program reads by value (BPF_PSEUDO_MAP_VALUE), which become global data
// sections (.rodata/.data/.bss, or .rodata.NAME/.data.NAME) as libbpf expects.

import type { AsmProgram, MapDecl } from '../asm/types.js';
import { BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE } from '../isa/constants.js';
import { encodeInsn, isLddw, type Insn } from '../isa/insn.js';
import { disassembleLines } from '../asm/disasm.js';
import { MAP_TYPE_IDS } from '../maps/constants.js';
import { BTF_KIND, BTF_MAGIC } from './btf.js';
import { BPF_F_RDONLY_PROG } from './maps.js';
import {
  EM_BPF, R_BPF_64_32, R_BPF_64_64, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_PROGBITS, SHT_REL,
  SHT_STRTAB, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_OBJECT, STT_SECTION,
} from './reader.js';
import { sectionForProgType, sectionProgType } from './sections.js';

const CALL = 0x85;
const SHF_INFO_LINK = 0x40;

type LineInput = { pc: number; file: string; line: number; col?: number; text: string };

export interface WriteOptions {
  /** The program's symbol name (default 'prog'). */
  name?: string;
  /** Initial contents of global-data maps by map name (value = the whole section). */
  data?: Record<string, Uint8Array>;
  license?: string;
  /** The program's section (default: the libbpf section for its type, e.g. xdp, tc, kprobe); a
   * section with extras names the attach point, e.g. kprobe/do_sys_openat2. Ignored unless libbpf
   * gives that section the program's type. */
  section?: string;
  /** C source lines by instruction index (from import); written as BTF line_info when they give
   * every function a line at its first instruction, as the kernel requires. */
  /** The assembly source the program came from: its lines become the line info when `lines` does
   * not fit (without it, each instruction's disassembly). */
  source?: string;
  lines?: readonly LineInput[];
}

class StrTab {
  private readonly parts: Uint8Array[] = [new Uint8Array(1)];
  private size = 1;
  private readonly seen = new Map<string, number>();
  add(s: string): number {
    if (s === '') return 0;
    const have = this.seen.get(s);
    if (have !== undefined) return have;
    const b = new TextEncoder().encode(`${s}\0`);
    const off = this.size;
    this.parts.push(b);
    this.size += b.length;
    this.seen.set(s, off);
    return off;
  }
  bytes(): Uint8Array { return concat(this.parts); }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

class Buf {
  private readonly bytes: number[] = [];
  u8(v: number): this { this.bytes.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v).u8(v >>> 8); }
  u32(v: number): this { return this.u16(v & 0xffff).u16(v >>> 16); }
  u64(v: number): this { return this.u32(v >>> 0).u32(Math.floor(v / 2 ** 32)); }
  out(): Uint8Array { return Uint8Array.from(this.bytes); }
}

/** A function for BTF func_info: its ELF section, byte offset there, and name. */
export interface BtfFuncEntry { section: string; offset: number; name: string }

/** A C source line for BTF line_info, at a byte offset in an ELF section. */
export interface BtfLineEntry { section: string; offset: number; file: string; line: number; col: number; text: string }

/**
 * BTF describing `maps` as `struct { int (*type)[T]; int (*key_size)[K]; ... } NAME SEC(".maps")`,
 * plus a static `int NAME(void)` FUNC per function and the .BTF.ext func_info that places them:
 * the kernel takes a callback reference (BPF_PSEUDO_FUNC) only with func_info for every function.
 */
export function writeBtf(
  maps: readonly MapDecl[], funcs: readonly BtfFuncEntry[], lines: readonly BtfLineEntry[] = [],
): { btf: Uint8Array; ext: Uint8Array } {
  const strs = new StrTab();
  const types = new Buf();
  let nextId = 1;
  const intId = nextId++;
  types.u32(strs.add('int')).u32(BTF_KIND.INT << 24).u32(4).u32((1 << 24) | 32);
  const arrIdx = intId;
  const ptrTo = new Map<number, number>();
  const uintPtr = (n: number): number => {
    const have = ptrTo.get(n);
    if (have) return have;
    const arr = nextId++;
    types.u32(0).u32(BTF_KIND.ARRAY << 24).u32(0).u32(intId).u32(arrIdx).u32(n);
    const ptr = nextId++;
    types.u32(0).u32(BTF_KIND.PTR << 24).u32(arr);
    ptrTo.set(n, ptr);
    return ptr;
  };
  const varIds: number[] = [];
  const sizes: number[] = [];
  for (const m of maps) {
    const fields: [string, number][] = [['type', MAP_TYPE_IDS[m.type]]];
    if (m.keySize) fields.push(['key_size', m.keySize]);
    if (m.valueSize) fields.push(['value_size', m.valueSize]);
    fields.push(['max_entries', m.maxEntries]);
    if (m.flags) fields.push(['map_flags', m.flags]);
    const ptrs = fields.map(([, v]) => uintPtr(v));
    const structId = nextId++;
    types.u32(0).u32((BTF_KIND.STRUCT << 24) | fields.length).u32(8 * fields.length);
    fields.forEach(([n], i) => types.u32(strs.add(n)).u32(ptrs[i]!).u32(i * 64));
    const varId = nextId++;
    types.u32(strs.add(m.name)).u32(BTF_KIND.VAR << 24).u32(structId).u32(1);
    varIds.push(varId);
    sizes.push(8 * fields.length);
  }
  if (maps.length) {
    const total = sizes.reduce((a, b) => a + b, 0);
    nextId++;
    types.u32(strs.add('.maps')).u32((BTF_KIND.DATASEC << 24) | maps.length).u32(total);
    let off = 0;
    varIds.forEach((v, i) => { types.u32(v).u32(off).u32(sizes[i]!); off += sizes[i]!; });
  }
  const protoId = nextId++;
  types.u32(0).u32(BTF_KIND.FUNC_PROTO << 24).u32(intId);
  const funcIds = funcs.map((f) => {
    types.u32(strs.add(f.name)).u32(BTF_KIND.FUNC << 24).u32(protoId); // linkage static (vlen 0)
    return nextId++;
  });
  // func_info grouped by section, in the order the sections first appear.
  const bySection = new Map<string, { offset: number; type: number }[]>();
  funcs.forEach((f, k) => {
    const list = bySection.get(f.section) ?? [];
    list.push({ offset: f.offset, type: funcIds[k]! });
    bySection.set(f.section, list);
  });
  const info = new Buf().u32(8);
  for (const [sec, list] of bySection) {
    info.u32(strs.add(sec)).u32(list.length);
    for (const r of list) info.u32(r.offset).u32(r.type);
  }
  const fi = info.out();
  let li: Uint8Array = new Uint8Array(0);
  if (lines.length) {
    const lineSecs = new Map<string, BtfLineEntry[]>();
    for (const l of lines) {
      const list = lineSecs.get(l.section) ?? [];
      list.push(l);
      lineSecs.set(l.section, list);
    }
    const lb = new Buf().u32(16);
    for (const [sec, list] of lineSecs) {
      lb.u32(strs.add(sec)).u32(list.length);
      for (const l of list) lb.u32(l.offset).u32(strs.add(l.file)).u32(strs.add(l.text)).u32(((l.line << 10) | (l.col & 0x3ff)) >>> 0);
    }
    li = lb.out();
  }
  const t = types.out();
  const s = strs.bytes();
  const hdr = new Buf().u16(BTF_MAGIC).u8(1).u8(0).u32(24).u32(0).u32(t.length).u32(t.length).u32(s.length).out();
  const extHdr = new Buf().u16(BTF_MAGIC).u8(1).u8(0).u32(32).u32(0).u32(fi.length).u32(fi.length).u32(li.length)
    .u32(0).u32(0).out();
  return { btf: concat([hdr, t, s]), ext: concat([extHdr, fi, li]) };
}

/** Offsets of each map's definition in .maps, matching writeBtf's layout. */
function mapDefSizes(maps: readonly MapDecl[]): number[] {
  return maps.map((m) => 8 * (2 + (m.keySize ? 1 : 0) + (m.valueSize ? 1 : 0) + (m.flags ? 1 : 0)));
}

interface Section {
  name: string; type: number; flags: number; data: Uint8Array; size?: number;
  link?: number; info?: number; align: number; entsize?: number;
}

interface Sym { name: string; value: number; size: number; type: number; bind: number; shndx: number }
interface Rel { offset: number; sym: number; type: number }

/** Where each instruction-level function of a flat program starts: the main program at 0 and
 * every target of a bpf-to-bpf call or callback reference. */
export function functionStarts(insns: readonly Insn[]): number[] {
  const starts = new Set<number>([0]);
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc]!;
    if (i.code === CALL && i.src === BPF_PSEUDO_CALL) starts.add(pc + i.imm + 1);
    if (isLddw(i) && i.src === BPF_PSEUDO_FUNC) starts.add(pc + i.imm + 1);
    if (isLddw(i)) pc++;
  }
  return [...starts].filter((s) => s >= 0 && s < insns.length).sort((a, b) => a - b);
}

/** Maps the program reads by value: they become global data sections. */
function valueMaps(insns: readonly Insn[]): Set<number> {
  const s = new Set<number>();
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc]!;
    if (isLddw(i)) { if (i.src === BPF_PSEUDO_MAP_VALUE) s.add(i.imm); pc++; }
  }
  return s;
}

export function writeObject(
  program: Pick<AsmProgram, 'insns' | 'maps' | 'progType'> & Partial<Pick<AsmProgram, 'labels' | 'sourceMap'>>, opts: WriteOptions = {},
): Uint8Array {
  const progName = opts.name && /^[A-Za-z_]\w*$/.test(opts.name) ? opts.name : 'prog';
  const insns = program.insns.map((i) => ({ ...i }));
  const starts = functionStarts(insns);
  // A sub-program is named after a label at its first instruction, if it has one.
  const labelAt = new Map<number, string>();
  for (const [label, pc] of Object.entries(program.labels ?? {})) if (/^[A-Za-z_]\w*$/.test(label) && !labelAt.has(pc)) labelAt.set(pc, label);
  const funcName = (pc: number): string => labelAt.get(pc) ?? `sub_${pc}`;
  const mainEnd = starts[1] ?? insns.length;
  const byValue = valueMaps(insns);
  const btfMaps = program.maps.filter((_, i) => !byValue.has(i));
  const dataMaps = program.maps.filter((_, i) => byValue.has(i));
  const defSizes = mapDefSizes(btfMaps);

  const sections: Section[] = [{ name: '', type: 0, flags: 0, data: new Uint8Array(0), align: 0 }];
  const add = (s: Section): number => { sections.push(s); return sections.length - 1; };
  const strtabIdx = add({ name: '.strtab', type: SHT_STRTAB, flags: 0, data: new Uint8Array(0), align: 1 });
  const textIdx = mainEnd < insns.length ? add({ name: '.text', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: new Uint8Array(0), align: 8 }) : -1;
  const progSecName = opts.section !== undefined && keepsType(opts.section, program.progType) ? opts.section : sectionForProgType(program.progType);
  const progIdx = add({ name: progSecName, type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_EXECINSTR, data: new Uint8Array(0), align: 8 });
  const mapsIdx = btfMaps.length ? add({ name: '.maps', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(defSizes.reduce((a, b) => a + b, 0)), align: 8 }) : -1;
  const dataIdx = new Map<number, number>();
  const usedNames = new Set<string>();
  for (const m of dataMaps) {
    const ro = (m.flags & BPF_F_RDONLY_PROG) !== 0;
    const init = opts.data?.[m.name];
    const isBss = !ro && !init?.some((b) => b !== 0);
    const base = ro ? '.rodata' : isBss ? '.bss' : '.data';
    const plain = (m.name === base.slice(1) || m.name === 'rodata' || m.name === 'data' || m.name === 'bss') && !usedNames.has(base);
    const name = plain ? base : `${base}.${m.name}`;
    usedNames.add(name);
    const bytes = new Uint8Array(m.valueSize);
    if (init) bytes.set(init.subarray(0, m.valueSize));
    const idx = add(isBss
      ? { name, type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, data: new Uint8Array(0), size: m.valueSize, align: 8 }
      : { name, type: SHT_PROGBITS, flags: SHF_ALLOC | (ro ? 0 : SHF_WRITE), data: bytes, align: 8 });
    dataIdx.set(program.maps.indexOf(m), idx);
  }
  add({ name: 'license', type: SHT_PROGBITS, flags: SHF_ALLOC | SHF_WRITE, data: new TextEncoder().encode(`${opts.license ?? 'GPL'}\0`), align: 1 });

  // Symbols: locals (sub-programs) first, as ELF requires, then globals.
  const syms: Sym[] = [{ name: '', value: 0, size: 0, type: 0, bind: 0, shndx: 0 }];
  // Relocations against .text use its section symbol with the offset in imm, as clang writes them
  // for static functions (libbpf takes only that form, or a global function, for callbacks).
  const textSym = textIdx >= 0 ? syms.length : -1;
  if (textIdx >= 0) syms.push({ name: '', value: 0, size: 0, type: STT_SECTION, bind: STB_LOCAL, shndx: textIdx });
  // Named function symbols let libbpf (and readers) split .text into sub-programs.
  starts.slice(1).forEach((s, k) => {
    const end = starts[k + 2] ?? insns.length;
    syms.push({ name: funcName(s), value: (s - mainEnd) * 8, size: (end - s) * 8, type: STT_FUNC, bind: STB_LOCAL, shndx: textIdx });
  });
  const firstGlobal = syms.length;
  syms.push({ name: progName, value: 0, size: mainEnd * 8, type: STT_FUNC, bind: STB_GLOBAL, shndx: progIdx });
  const mapSym = new Map<number, number>();
  let off = 0;
  btfMaps.forEach((m, k) => {
    mapSym.set(program.maps.indexOf(m), syms.length);
    syms.push({ name: m.name, value: off, size: defSizes[k]!, type: STT_OBJECT, bind: STB_GLOBAL, shndx: mapsIdx });
    off += defSizes[k]!;
  });
  for (const [mi, si] of dataIdx) {
    mapSym.set(mi, syms.length);
    syms.push({ name: program.maps[mi]!.name, value: 0, size: program.maps[mi]!.valueSize, type: STT_OBJECT, bind: STB_GLOBAL, shndx: si });
  }

  // Relocations, and instructions as clang leaves them before libbpf links them.
  const progRels: Rel[] = [];
  const textRels: Rel[] = [];
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc]!;
    const inMain = pc < mainEnd;
    const rels = inMain ? progRels : textRels;
    const offset = (inMain ? pc : pc - mainEnd) * 8;
    if (i.code === CALL && i.src === BPF_PSEUDO_CALL && inMain) {
      // libbpf: callee = symbol offset / 8 + imm + 1.
      const target = pc + i.imm + 1;
      rels.push({ offset, sym: textSym, type: R_BPF_64_32 });
      i.imm = target - mainEnd - 1;
    } else if (isLddw(i)) {
      const hi = insns[pc + 1];
      if (i.src === BPF_PSEUDO_MAP_FD && mapSym.has(i.imm)) {
        rels.push({ offset, sym: mapSym.get(i.imm)!, type: R_BPF_64_64 });
        i.imm = 0;
      } else if (i.src === BPF_PSEUDO_MAP_VALUE && mapSym.has(i.imm) && hi) {
        rels.push({ offset, sym: mapSym.get(i.imm)!, type: R_BPF_64_64 });
        i.imm = hi.imm;
        hi.imm = 0;
      } else if (i.src === BPF_PSEUDO_FUNC) {
        // libbpf: the callback's byte offset in .text = symbol offset + imm.
        rels.push({ offset, sym: textSym, type: R_BPF_64_64 });
        i.imm = (pc + i.imm + 1 - mainEnd) * 8;
        i.src = 0;
      }
      pc++;
    }
  }
  const code = (from: number, to: number): Uint8Array => {
    const out = new Uint8Array((to - from) * 8);
    for (let pc = from; pc < to; pc++) encodeInsn(insns[pc]!, out, (pc - from) * 8);
    return out;
  };
  sections[progIdx]!.data = code(0, mainEnd);
  if (textIdx >= 0) sections[textIdx]!.data = code(mainEnd, insns.length);
  const relSection = (target: number, rels: Rel[]): void => {
    if (!rels.length) return;
    const b = new Buf();
    for (const r of rels) b.u64(r.offset).u32(r.type).u32(r.sym);
    add({ name: `.rel${sections[target]!.name}`, type: SHT_REL, flags: SHF_INFO_LINK, data: b.out(), link: -1, info: target, align: 8, entsize: 16 });
  };
  relSection(progIdx, progRels);
  if (textIdx >= 0) relSection(textIdx, textRels);
  const funcs: BtfFuncEntry[] = [
    { section: progSecName, offset: 0, name: progName },
    ...starts.slice(1).map((s) => ({ section: '.text', offset: (s - mainEnd) * 8, name: funcName(s) })),
  ];
  // C lines from an import when they fit; otherwise the assembly itself, so that libbpf finds line
  // info for every function (it warns without) and the kernel's logs show the bpfiddle source.
  const cLines = lineEntries(opts.lines ?? [], starts, mainEnd, insns.length, progSecName);
  const lines = cLines.length ? cLines
    : lineEntries(asmLines(program, opts.source, `${progName}.s`), starts, mainEnd, insns.length, progSecName);
  const btf = writeBtf(btfMaps, funcs, lines);
  add({ name: '.BTF', type: SHT_PROGBITS, flags: 0, data: btf.btf, align: 4 });
  add({ name: '.BTF.ext', type: SHT_PROGBITS, flags: 0, data: btf.ext, align: 4 });
  const symtabIdx = add({ name: '.symtab', type: SHT_SYMTAB, flags: 0, data: new Uint8Array(0), link: strtabIdx, info: firstGlobal, align: 8, entsize: 24 });
  for (const s of sections) if (s.link === -1) s.link = symtabIdx;

  const strs = new StrTab();
  const nameOffs = sections.map((s) => strs.add(s.name));
  const symBuf = new Buf();
  for (const s of syms) {
    symBuf.u32(strs.add(s.name)).u8((s.bind << 4) | s.type).u8(0).u16(s.shndx).u64(s.value).u64(s.size);
  }
  sections[symtabIdx]!.data = symBuf.out();
  sections[strtabIdx]!.data = strs.bytes();

  // Layout: header, section contents (8-aligned), section header table.
  const offsets: number[] = [];
  let pos = 64;
  for (const s of sections) {
    pos = Math.ceil(pos / 8) * 8;
    offsets.push(s.type === 0 ? 0 : pos);
    if (s.type !== SHT_NOBITS) pos += s.data.length;
  }
  const shoff = Math.ceil(pos / 8) * 8;
  const out = new Uint8Array(shoff + sections.length * 64);
  const hdr = new Buf();
  hdr.u8(0x7f).u8(0x45).u8(0x4c).u8(0x46).u8(2).u8(1).u8(1).u8(0);
  for (let k = 0; k < 8; k++) hdr.u8(0);
  hdr.u16(1).u16(EM_BPF).u32(1).u64(0).u64(0).u64(shoff).u32(0).u16(64).u16(0).u16(0).u16(64).u16(sections.length).u16(strtabIdx);
  out.set(hdr.out(), 0);
  sections.forEach((s, k) => {
    if (s.type !== SHT_NOBITS && s.data.length) out.set(s.data, offsets[k]!);
    const sh = new Buf();
    sh.u32(nameOffs[k]!).u32(s.type).u64(s.flags).u64(0).u64(offsets[k]!).u64(s.size ?? s.data.length)
      .u32(s.link ?? 0).u32(s.info ?? 0).u64(s.align).u64(s.entsize ?? 0);
    out.set(sh.out(), shoff + k * 64);
  });
  return out;
}

/** Line info in section terms, or none when it does not fit the program (an edited program, or a
 * function without a line at its start, which the kernel refuses). */
function lineEntries(
  lines: NonNullable<WriteOptions['lines']>, starts: readonly number[], mainEnd: number, count: number, progSec: string,
): BtfLineEntry[] {
  const sorted = [...lines].sort((a, b) => a.pc - b.pc).filter((l, k, all) => k === 0 || all[k - 1]!.pc !== l.pc);
  if (!sorted.length || sorted.some((l) => l.pc < 0 || l.pc >= count)) return [];
  const at = new Set(sorted.map((l) => l.pc));
  if (!starts.every((s) => at.has(s))) return [];
  return sorted.map((l) => ({
    section: l.pc < mainEnd ? progSec : '.text', offset: (l.pc < mainEnd ? l.pc : l.pc - mainEnd) * 8,
    file: l.file, line: l.line, col: l.col ?? 0, text: l.text,
  }));
}

function keepsType(section: string, t: AsmProgram['progType']): boolean {
  const st = sectionProgType(section);
  return /^[\x21-\x7e]+$/.test(section) && st.kind === 'supported' && st.progType === t;
}

/** One line entry per source line (or per instruction without a source map), for line_info. */
function asmLines(
  program: Pick<AsmProgram, 'insns' | 'maps'> & Partial<Pick<AsmProgram, 'sourceMap'>>, source: string | undefined, file: string,
): LineInput[] {
  const text = source?.split('\n');
  const out: LineInput[] = [];
  let last = -1;
  for (const l of disassembleLines(program.insns, { maps: program.maps })) {
    const span = program.sourceMap?.[l.pc];
    const line = span ? span.line : l.pc + 1;
    if (line === last) continue;
    last = line;
    const t = span && text?.[span.line - 1] !== undefined ? text[span.line - 1]!.trim() : l.text.replace(/^\([0-9a-f]{2}\) /, '');
    out.push({ pc: l.pc, file, line, text: t });
  }
  return out;
}
