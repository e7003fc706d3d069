// An ELF object → its programs, linked as libbpf links them before BPF_PROG_LOAD: map and global
// data references resolved to map indexes (BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_VALUE), .text
// sub-programs appended depth-first after the program that calls them with call offsets fixed
// (bpf_object__reloc_code), and BTF line info carried to the linked program's instruction indexes.

import type { ProgTypeName } from '../asm/types.js';
import {
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE,
} from '../isa/constants.js';
import { decodeInsn, isLddw, type Insn } from '../isa/insn.js';
import { parseBtf, parseBtfExt, type Btf, type BtfExt, type BtfLine } from './btf.js';
import { readMaps, type ObjMap, type UnmodelledMap } from './maps.js';
import {
  R_BPF_64_32, R_BPF_64_64, SHF_EXECINSTR, SHT_PROGBITS, STT_FUNC, STT_SECTION, readElf, relocTypeName,
  type ElfFile, type ElfReloc, type ElfSection,
} from './reader.js';
import { sectionProgType } from './sections.js';

export interface LinkedProgram {
  name: string;
  section: string;
  progType: ProgTypeName;
  insns: Insn[];
  /** Line info by linked instruction index. */
  lines: { pc: number; file: string; line: number; col: number; text: string }[];
  /** Function starts (the program itself at 0, then each appended sub-program). */
  funcs: { pc: number; name: string }[];
}

export interface ObjectFile {
  programs: LinkedProgram[];
  maps: ObjMap[];
  license: string;
  warnings: string[];
}

export type ObjectResult = { ok: true; object: ObjectFile } | { ok: false; error: string };

const CALL = 0x85;
const INSN = 8;

/** A function: a FUNC symbol's instructions within its section. */
interface Func { name: string; sec: ElfSection; start: number; count: number }

function functionsIn(elf: ElfFile, sec: ElfSection): Func[] {
  const total = Math.floor(sec.size / INSN);
  const syms = elf.symbols.filter((s) => s.shndx === sec.index && s.type === STT_FUNC).sort((a, b) => a.value - b.value);
  if (!syms.length) return [{ name: sec.name.replace(/\W/g, '_'), sec, start: 0, count: total }];
  return syms.map((s, i) => {
    const start = Math.floor(s.value / INSN);
    const end = s.size ? start + Math.floor(s.size / INSN) : (syms[i + 1] ? Math.floor(syms[i + 1]!.value / INSN) : total);
    return { name: s.name, sec, start, count: Math.max(0, Math.min(end, total) - start) };
  });
}

export function readObject(bytes: Uint8Array): ObjectResult {
  const r = readElf(bytes);
  if (!r.ok) return r;
  const elf = r.elf;
  const warnings: string[] = [];
  let btf: Btf | undefined;
  let ext: BtfExt | undefined;
  const btfSec = elf.sections.find((s) => s.name === '.BTF');
  if (btfSec) {
    // BTF is essential only for .maps; otherwise a damaged .BTF costs the C lines, not the import.
    const b = parseBtf(btfSec.data);
    if (!b.ok && elf.sections.some((s) => s.name === '.maps')) return b;
    if (!b.ok) warnings.push(`${b.error}; C source lines are not shown`);
    else {
      btf = b.btf;
      const extSec = elf.sections.find((s) => s.name === '.BTF.ext');
      const e = extSec ? parseBtfExt(extSec.data, btf.strings) : undefined;
      if (e && !e.ok) warnings.push(`${e.error}; C source lines are not shown`);
      else if (e) {
        ext = e.ext;
        if (ext.hasCoreRelos) warnings.push('the object has CO-RE relocations (BPF_CORE_READ and friends); bpfiddle does not apply them');
      }
    }
  }
  const mr = readMaps(elf, btf);
  if (!mr.ok) return mr;
  warnings.push(...mr.warnings);
  const maps = mr.maps;
  const unmodelled = mr.unmodelled;
  const licSec = elf.sections.find((s) => s.name === 'license');
  const license = licSec ? new TextDecoder().decode(licSec.data).replace(/\0.*$/s, '') : '';

  const text = elf.sections.find((s) => s.name === '.text');
  const textFuncs = text ? functionsIn(elf, text) : [];
  const progSecs = elf.sections.filter((s) => s.type === SHT_PROGBITS && (s.flags & SHF_EXECINSTR) && s.size > 0 && s.name !== '.text');
  const programs: LinkedProgram[] = [];
  // A program that cannot be linked (an extern, a kfunc, an unmodelled map) is skipped with the
  // reason; the object fails only when no program is left.
  const failed: string[] = [];
  for (const sec of progSecs) {
    if (sec.size % INSN) return { ok: false, error: `section ${sec.name} is ${sec.size} bytes, not a whole number of instructions` };
    const st = sectionProgType(sec.name);
    let progType: ProgTypeName;
    if (st.kind === 'supported') progType = st.progType;
    else if (st.kind === 'unsupported') {
      warnings.push(`section ${sec.name}: program type ${st.kernelType} is not modelled by bpfiddle; its programs are skipped`);
      continue;
    } else {
      warnings.push(`section ${sec.name}: libbpf does not know this section name; loading it as socket_filter`);
      progType = 'socket_filter';
    }
    for (const f of functionsIn(elf, sec)) {
      const linked = link(elf, f, textFuncs, maps, unmodelled, ext);
      if (!linked.ok) failed.push(`program ${f.name} (section ${sec.name}): ${linked.error}`);
      else programs.push({ ...linked.program, section: sec.name, progType });
    }
  }
  if (!programs.length && text && textFuncs.length && !progSecs.length) {
    warnings.push('the object has no program sections; importing .text as a socket_filter');
    const linked = link(elf, textFuncs[0]!, textFuncs, maps, unmodelled, ext);
    if (!linked.ok) return linked;
    programs.push({ ...linked.program, section: '.text', progType: 'socket_filter' });
  }
  if (!programs.length && failed.length) return { ok: false, error: failed.join('; ') };
  warnings.push(...failed.map((f) => `${f}; skipped`));
  return { ok: true, object: { programs, maps, license, warnings } };
}

type LinkResult = { ok: true; program: Omit<LinkedProgram, 'section' | 'progType'> } | { ok: false; error: string };

function link(elf: ElfFile, main: Func, textFuncs: Func[], maps: ObjMap[], unmodelled: UnmodelledMap[], ext: BtfExt | undefined): LinkResult {
  const insns: Insn[] = [];
  const lines: LinkedProgram['lines'] = [];
  const funcs: LinkedProgram['funcs'] = [];
  const placed = new Map<Func, number>();
  const err = (error: string): LinkResult => ({ ok: false, error });

  const relocsOf = (sec: ElfSection): Map<number, { reloc: ElfReloc; relSec: string }> => {
    const m = new Map<number, { reloc: ElfReloc; relSec: string }>();
    const rs = elf.relocs.get(sec.index);
    for (const reloc of rs?.relocs ?? []) m.set(reloc.offset, { reloc, relSec: rs!.section });
    return m;
  };

  const append = (f: Func): string | null => {
    const base = insns.length;
    placed.set(f, base);
    funcs.push({ pc: base, name: f.name });
    for (let i = 0; i < f.count; i++) insns.push(decodeInsn(f.sec.data, (f.start + i) * INSN));
    for (const l of ext?.lineInfo.get(f.sec.name) ?? []) {
      const idx = l.insnOff / INSN;
      if (idx >= f.start && idx < f.start + f.count) lines.push(lineAt(base + idx - f.start, l));
    }
    return relocate(f, base);
  };

  const textTarget = (idx: number): Func | undefined => textFuncs.find((t) => idx >= t.start && idx < t.start + t.count);

  const relocate = (f: Func, base: number): string | null => {
    const relocs = relocsOf(f.sec);
    for (let i = 0; i < f.count; i++) {
      const at = base + i;
      const insn = insns[at]!;
      const byteOff = (f.start + i) * INSN;
      const rel = relocs.get(byteOff);
      const where = (r: { relSec: string }) => `${r.relSec} at offset ${byteOff}`;
      if (rel) {
        const { reloc } = rel;
        const sym = elf.symbols[reloc.sym]!;
        const symName = sym.name || elf.sections[sym.shndx]?.name || `#${reloc.sym}`;
        if (reloc.type === R_BPF_64_64) {
          if (!isLddw(insn)) return `R_BPF_64_64 in ${where(rel)} is not on a 64-bit immediate load`;
          if (sym.shndx === 0) return `${where(rel)} refers to the extern symbol '${sym.name}' (__kconfig or __ksym), which bpfiddle does not resolve`;
          const symSec = elf.sections[sym.shndx];
          if (symSec && symSec.name === '.text') {
            const target = Math.floor((sym.value + insn.imm) / INSN);
            const s = textTarget(target);
            if (!s) return `${where(rel)}: callback address points outside any function in .text`;
            const e = place(s);
            if (e) return e;
            insn.src = BPF_PSEUDO_FUNC;
            insn.imm = placed.get(s)! + (target - s.start) - at - 1;
            continue;
          }
          const mapIdx = maps.findIndex((m) => m.shndx === sym.shndx && (m.kind === 'data' || m.offset === sym.value));
          const other = unmodelled.find((u) => u.shndx === sym.shndx && u.offset === sym.value);
          if (other) return other.why;
          if (mapIdx < 0) return `${where(rel)} refers to '${symName}', which is neither a map nor global data`;
          const m = maps[mapIdx]!;
          const hi = insns[at + 1];
          if (!hi) return `${where(rel)}: the 64-bit load is cut off at the end of the function`;
          if (m.kind === 'data') {
            // RELO_DATA: the value's offset is the instruction's imm plus the symbol's offset.
            hi.imm = insn.imm + (sym.type === STT_SECTION ? 0 : sym.value);
            insn.src = BPF_PSEUDO_MAP_VALUE;
          } else {
            insn.src = BPF_PSEUDO_MAP_FD;
          }
          insn.imm = mapIdx;
          continue;
        }
        if (reloc.type === R_BPF_64_32) {
          if (insn.code !== CALL) return `R_BPF_64_32 in ${where(rel)} is not on a call instruction`;
          if (sym.shndx === 0) return `${where(rel)} calls the extern function '${sym.name}' (a kfunc), which bpfiddle does not resolve`;
          if (insn.src !== BPF_PSEUDO_CALL) return `${where(rel)}: call relocation on a helper call`;
          const symSec = elf.sections[sym.shndx];
          if (!symSec || symSec.name !== '.text') return `${where(rel)} calls '${symName}', which is not in .text`;
          const target = Math.floor(sym.value / INSN) + insn.imm + 1;
          const e = fixCall(insn, at, target);
          if (e) return `${where(rel)}: ${e}`;
          continue;
        }
        return `unsupported relocation ${relocTypeName(reloc.type)} in ${where(rel)}`;
      }
      if (insn.code === CALL && insn.src === BPF_PSEUDO_CALL) {
        // A call without a relocation stays within its own section (libbpf: same-section static call).
        if (f.sec.name !== '.text') return `call at instruction ${f.start + i} of ${f.sec.name} has no relocation and does not target .text`;
        const e = fixCall(insn, at, f.start + i + insn.imm + 1);
        if (e) return `${f.sec.name}: ${e}`;
      }
      if (isLddw(insn)) i++;
    }
    return null;
  };

  const place = (s: Func): string | null => (placed.has(s) ? null : append(s));

  const fixCall = (insn: Insn, at: number, target: number): string | null => {
    const s = textTarget(target);
    if (!s) return `call target ${target} is outside every function in .text`;
    const e = place(s);
    if (e) return e;
    insn.imm = placed.get(s)! + (target - s.start) - at - 1;
    return null;
  };

  const e = append(main);
  if (e) return err(e);
  lines.sort((a, b) => a.pc - b.pc);
  return { ok: true, program: { name: main.name, insns, lines, funcs } };
}

function lineAt(pc: number, l: BtfLine): LinkedProgram['lines'][number] {
  return { pc, file: l.file, line: l.line, col: l.col, text: l.text };
}
