// The ELF64 little-endian reader for BPF objects: headers, section table, symbol table and .rel
// relocations. Every offset and size is checked against the file before it is read, so a damaged
// or truncated object becomes an error value naming what is wrong; nothing here throws on input.

export const EM_BPF = 247;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const R_BPF_NONE = 0;
export const R_BPF_64_64 = 1;
export const R_BPF_64_ABS64 = 2;
export const R_BPF_64_ABS32 = 3;
export const R_BPF_64_NODYLD32 = 4;
export const R_BPF_64_32 = 10;

const R_BPF_NAMES: Readonly<Record<number, string>> = {
  0: 'R_BPF_NONE', 1: 'R_BPF_64_64', 2: 'R_BPF_64_ABS64', 3: 'R_BPF_64_ABS32', 4: 'R_BPF_64_NODYLD32', 10: 'R_BPF_64_32',
};
export const relocTypeName = (t: number): string => R_BPF_NAMES[t] ?? `type ${t}`;

/** e_machine values a user might feed us by mistake, for the error message. */
const MACHINES: Readonly<Record<number, string>> = {
  3: 'i386', 8: 'MIPS', 20: 'PowerPC', 21: 'PowerPC64', 22: 'S390', 40: 'ARM', 62: 'x86_64', 183: 'AArch64', 243: 'RISC-V', 258: 'LoongArch',
};

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  /** File offset and size (for SHT_NOBITS the size is memory only; `data` is empty). */
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
  data: Uint8Array;
}

export interface ElfSymbol {
  index: number;
  name: string;
  value: number;
  size: number;
  type: number;
  bind: number;
  shndx: number;
}

export interface ElfReloc {
  /** Byte offset in the section the relocation applies to. */
  offset: number;
  type: number;
  sym: number;
}

export interface ElfFile {
  sections: ElfSection[];
  symbols: ElfSymbol[];
  /** Relocations by the index of the section they apply to, with the .rel section's name. */
  relocs: Map<number, { section: string; relocs: ElfReloc[] }>;
}

export type ElfResult = { ok: true; elf: ElfFile } | { ok: false; error: string };

const MAGIC = [0x7f, 0x45, 0x4c, 0x46];

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);
}

/** A C string from a string table; '' when the offset is outside it. */
export function cstr(table: Uint8Array, off: number): string {
  if (off < 0 || off >= table.length) return '';
  let end = off;
  while (end < table.length && table[end] !== 0) end++;
  return new TextDecoder().decode(table.subarray(off, end));
}

export function readElf(bytes: Uint8Array): ElfResult {
  const fail = (error: string): ElfResult => ({ ok: false, error });
  if (!isElf(bytes)) return fail('not an ELF file (no \\x7fELF magic at the start)');
  if (bytes.length < 64) return fail(`truncated: the ELF header needs 64 bytes, the file has ${bytes.length}`);
  if (bytes[4] !== 2) return fail(`ELF class is ${bytes[4] === 1 ? 'ELF32' : bytes[4]}, expected ELF64`);
  if (bytes[5] !== 1) return fail(`ELF data encoding is ${bytes[5] === 2 ? 'big-endian' : bytes[5]}, expected little-endian`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number): number => dv.getUint16(o, true);
  const u32 = (o: number): number => dv.getUint32(o, true);
  const u64 = (o: number): number => Number(dv.getBigUint64(o, true));
  const machine = u16(18);
  if (machine !== EM_BPF) return fail(`ELF machine is ${MACHINES[machine] ?? 'unknown'} (${machine}), expected BPF (${EM_BPF})`);
  const etype = u16(16);
  if (etype !== 1) return fail(`ELF type is ${etype === 2 ? 'an executable' : etype === 3 ? 'a shared object' : etype}, expected a relocatable object (1)`);
  const shoff = u64(40);
  const shentsize = u16(58);
  const shnum = u16(60);
  const shstrndx = u16(62);
  if (shnum === 0) return fail('the object has no section header table');
  if (shentsize < 64) return fail(`section header entries are ${shentsize} bytes, expected 64`);
  if (shoff + shnum * shentsize > bytes.length) return fail('truncated: section header table ends past the file');
  if (shstrndx >= shnum) return fail(`section name table index ${shstrndx} is out of range (${shnum} sections)`);
  const raw: (Omit<ElfSection, 'name' | 'data'> & { nameOff: number })[] = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({
      index: i, nameOff: u32(o), type: u32(o + 4), flags: u64(o + 8), offset: u64(o + 24), size: u64(o + 32),
      link: u32(o + 40), info: u32(o + 44), entsize: u64(o + 56),
    });
  }
  for (const s of raw) {
    if (s.type !== SHT_NOBITS && s.type !== 0 && s.offset + s.size > bytes.length) {
      return fail(`truncated: section ${s.index} ends past the file (offset ${s.offset} + size ${s.size} > ${bytes.length})`);
    }
  }
  const strSec = raw[shstrndx]!;
  const shstr = bytes.subarray(strSec.offset, strSec.offset + strSec.size);
  const sections: ElfSection[] = raw.map((s) => ({
    index: s.index, name: cstr(shstr, s.nameOff), type: s.type, flags: s.flags, offset: s.offset, size: s.size,
    link: s.link, info: s.info, entsize: s.entsize,
    data: s.type === SHT_NOBITS || s.type === 0 ? new Uint8Array(0) : bytes.subarray(s.offset, s.offset + s.size),
  }));

  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const symbols: ElfSymbol[] = [];
  if (symtab) {
    if (symtab.link >= sections.length) return fail(`.symtab names string table ${symtab.link}, which does not exist`);
    const strtab = sections[symtab.link]!.data;
    const sdv = new DataView(symtab.data.buffer, symtab.data.byteOffset, symtab.data.byteLength);
    for (let i = 0; (i + 1) * 24 <= symtab.data.length; i++) {
      const o = i * 24;
      const info = symtab.data[o + 4]!;
      symbols.push({
        index: i, name: cstr(strtab, sdv.getUint32(o, true)), value: Number(sdv.getBigUint64(o + 8, true)),
        size: Number(sdv.getBigUint64(o + 16, true)), type: info & 0xf, bind: info >> 4, shndx: sdv.getUint16(o + 6, true),
      });
    }
  }

  const relocs = new Map<number, { section: string; relocs: ElfReloc[] }>();
  for (const s of sections) {
    if (s.type === SHT_RELA) return fail(`RELA relocations are not supported (section ${s.name}); clang emits REL for BPF`);
    if (s.type !== SHT_REL) continue;
    if (s.info >= sections.length) return fail(`${s.name} applies to section ${s.info}, which does not exist`);
    const rdv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
    const list: ElfReloc[] = [];
    for (let o = 0; o + 16 <= s.data.length; o += 16) {
      const info = rdv.getBigUint64(o + 8, true);
      const sym = Number(info >> 32n);
      if (sym >= symbols.length) return fail(`${s.name}: relocation at offset ${Number(rdv.getBigUint64(o, true))} names symbol ${sym}, which does not exist`);
      list.push({ offset: Number(rdv.getBigUint64(o, true)), type: Number(info & 0xffffffffn), sym });
    }
    relocs.set(s.info, { section: s.name, relocs: list });
  }
  return { ok: true, elf: { sections, symbols, relocs } };
}
