// BTF as clang writes it into .BTF and .BTF.ext: the type section (enough of every kind to walk
// it and to size types), the string section, and the per-section func_info and line_info records.
// Used to read BTF-defined maps and C source lines; see btf-write.ts for the writer used by export.

export const BTF_MAGIC = 0xeb9f;

export const BTF_KIND = {
  UNKN: 0, INT: 1, PTR: 2, ARRAY: 3, STRUCT: 4, UNION: 5, ENUM: 6, FWD: 7, TYPEDEF: 8, VOLATILE: 9, CONST: 10,
  RESTRICT: 11, FUNC: 12, FUNC_PROTO: 13, VAR: 14, DATASEC: 15, FLOAT: 16, DECL_TAG: 17, TYPE_TAG: 18, ENUM64: 19,
} as const;

export interface BtfMember { name: string; type: number; offset: number }

export interface BtfType {
  kind: number;
  name: string;
  /** vlen from info. */
  vlen: number;
  /** size_or_type: the size for INT/STRUCT/UNION/ENUM/DATASEC/FLOAT, a type id for the others. */
  sizeOrType: number;
  /** ARRAY: element type and count. */
  array?: { type: number; nelems: number };
  /** STRUCT/UNION members (offsets in bits). */
  members?: BtfMember[];
  /** DATASEC entries. */
  vars?: { type: number; offset: number; size: number }[];
}

export interface Btf {
  /** types[0] is the void type; ids index this array. */
  types: BtfType[];
  strings: Uint8Array;
}

export interface BtfLine { insnOff: number; file: string; line: number; col: number; text: string }
export interface BtfFunc { insnOff: number; typeId: number }

export interface BtfExt {
  /** By ELF section name; insnOff in bytes, as in the object file. */
  funcInfo: Map<string, BtfFunc[]>;
  lineInfo: Map<string, BtfLine[]>;
  /** Whether the object carries CO-RE relocations (which bpfiddle does not apply). */
  hasCoreRelos: boolean;
}

function str(strings: Uint8Array, off: number): string {
  if (off < 0 || off >= strings.length) return '';
  let end = off;
  while (end < strings.length && strings[end] !== 0) end++;
  return new TextDecoder().decode(strings.subarray(off, end));
}

export type BtfResult = { ok: true; btf: Btf } | { ok: false; error: string };

export function parseBtf(data: Uint8Array): BtfResult {
  const fail = (error: string): BtfResult => ({ ok: false, error: `.BTF: ${error}` });
  if (data.length < 24) return fail('truncated header');
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (dv.getUint16(0, true) !== BTF_MAGIC) return fail('bad magic (big-endian or not BTF)');
  const hdrLen = dv.getUint32(4, true);
  const typeOff = dv.getUint32(8, true);
  const typeLen = dv.getUint32(12, true);
  const strOff = dv.getUint32(16, true);
  const strLen = dv.getUint32(20, true);
  if (hdrLen + typeOff + typeLen > data.length || hdrLen + strOff + strLen > data.length) return fail('truncated: type or string section ends past .BTF');
  const strings = data.subarray(hdrLen + strOff, hdrLen + strOff + strLen);
  const types: BtfType[] = [{ kind: 0, name: '', vlen: 0, sizeOrType: 0 }];
  let o = hdrLen + typeOff;
  const end = o + typeLen;
  const need = (n: number): boolean => o + n <= end;
  while (o < end) {
    if (!need(12)) return fail(`truncated type ${types.length}`);
    const name = str(strings, dv.getUint32(o, true));
    const info = dv.getUint32(o + 4, true);
    const sizeOrType = dv.getUint32(o + 8, true);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    o += 12;
    const t: BtfType = { kind, name, vlen, sizeOrType };
    switch (kind) {
      case BTF_KIND.INT: case BTF_KIND.VAR: case BTF_KIND.DECL_TAG:
        if (!need(4)) return fail(`truncated type ${types.length}`);
        o += 4; break;
      case BTF_KIND.ARRAY:
        if (!need(12)) return fail(`truncated type ${types.length}`);
        t.array = { type: dv.getUint32(o, true), nelems: dv.getUint32(o + 8, true) };
        o += 12; break;
      case BTF_KIND.STRUCT: case BTF_KIND.UNION:
        if (!need(12 * vlen)) return fail(`truncated type ${types.length}`);
        t.members = [];
        for (let i = 0; i < vlen; i++, o += 12) {
          t.members.push({ name: str(strings, dv.getUint32(o, true)), type: dv.getUint32(o + 4, true), offset: dv.getUint32(o + 8, true) });
        }
        break;
      case BTF_KIND.ENUM: case BTF_KIND.FUNC_PROTO:
        if (!need(8 * vlen)) return fail(`truncated type ${types.length}`);
        o += 8 * vlen; break;
      case BTF_KIND.DATASEC:
        if (!need(12 * vlen)) return fail(`truncated type ${types.length}`);
        t.vars = [];
        for (let i = 0; i < vlen; i++, o += 12) {
          t.vars.push({ type: dv.getUint32(o, true), offset: dv.getUint32(o + 4, true), size: dv.getUint32(o + 8, true) });
        }
        break;
      case BTF_KIND.ENUM64:
        if (!need(12 * vlen)) return fail(`truncated type ${types.length}`);
        o += 12 * vlen; break;
      case BTF_KIND.PTR: case BTF_KIND.FWD: case BTF_KIND.TYPEDEF: case BTF_KIND.VOLATILE: case BTF_KIND.CONST:
      case BTF_KIND.RESTRICT: case BTF_KIND.FUNC: case BTF_KIND.FLOAT: case BTF_KIND.TYPE_TAG:
        break;
      default:
        return fail(`unknown type kind ${kind} (type ${types.length})`);
    }
    types.push(t);
  }
  return { ok: true, btf: { types, strings } };
}

/** Follows typedefs and qualifiers to the type that carries a size. */
export function resolveType(btf: Btf, id: number): BtfType | undefined {
  for (let depth = 0; depth < 32; depth++) {
    const t = btf.types[id];
    if (!t) return undefined;
    if (t.kind === BTF_KIND.TYPEDEF || t.kind === BTF_KIND.VOLATILE || t.kind === BTF_KIND.CONST
      || t.kind === BTF_KIND.RESTRICT || t.kind === BTF_KIND.TYPE_TAG) { id = t.sizeOrType; continue; }
    return t;
  }
  return undefined;
}

/** The size in bytes of a type, as btf__resolve_size computes it; undefined for unsized types. */
export function typeSize(btf: Btf, id: number): number | undefined {
  for (let depth = 0, mult = 1; depth < 32; depth++) {
    const t = resolveType(btf, id);
    if (!t) return undefined;
    switch (t.kind) {
      case BTF_KIND.INT: case BTF_KIND.STRUCT: case BTF_KIND.UNION: case BTF_KIND.ENUM: case BTF_KIND.ENUM64:
      case BTF_KIND.DATASEC: case BTF_KIND.FLOAT:
        return t.sizeOrType * mult;
      case BTF_KIND.PTR: return 8 * mult;
      case BTF_KIND.VAR: id = t.sizeOrType; continue;
      case BTF_KIND.ARRAY: mult *= t.array!.nelems; id = t.array!.type; continue;
      default: return undefined;
    }
  }
  return undefined;
}

export type BtfExtResult = { ok: true; ext: BtfExt } | { ok: false; error: string };

/** .BTF.ext; `strings` is the .BTF string section its offsets point into. */
export function parseBtfExt(data: Uint8Array, strings: Uint8Array): BtfExtResult {
  const fail = (error: string): BtfExtResult => ({ ok: false, error: `.BTF.ext: ${error}` });
  if (data.length < 24) return fail('truncated header');
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (dv.getUint16(0, true) !== BTF_MAGIC) return fail('bad magic');
  const hdrLen = dv.getUint32(4, true);
  const ext: BtfExt = { funcInfo: new Map(), lineInfo: new Map(), hasCoreRelos: false };
  if (hdrLen >= 32 && data.length >= 32 && dv.getUint32(28, true) > 0) ext.hasCoreRelos = true;
  const walk = (off: number, len: number, what: string, rec: (sec: string, o: number) => void): string | null => {
    if (len === 0) return null;
    let o = hdrLen + off;
    const end = o + len;
    if (end > data.length || len < 4) return `truncated ${what}`;
    const recSize = dv.getUint32(o, true);
    if (recSize < 8) return `${what} record size ${recSize} is too small`;
    o += 4;
    while (o < end) {
      if (o + 8 > end) return `truncated ${what}`;
      const sec = str(strings, dv.getUint32(o, true));
      const n = dv.getUint32(o + 4, true);
      o += 8;
      if (o + n * recSize > end) return `truncated ${what} of ${sec}`;
      for (let i = 0; i < n; i++, o += recSize) rec(sec, o);
    }
    return null;
  };
  const e1 = walk(dv.getUint32(8, true), dv.getUint32(12, true), 'func_info', (sec, o) => {
    const list = ext.funcInfo.get(sec) ?? [];
    list.push({ insnOff: dv.getUint32(o, true), typeId: dv.getUint32(o + 4, true) });
    ext.funcInfo.set(sec, list);
  });
  if (e1) return fail(e1);
  const e2 = walk(dv.getUint32(16, true), dv.getUint32(20, true), 'line_info', (sec, o) => {
    const list = ext.lineInfo.get(sec) ?? [];
    const lc = dv.getUint32(o + 12, true);
    list.push({
      insnOff: dv.getUint32(o, true), file: str(strings, dv.getUint32(o + 4, true)),
      text: str(strings, dv.getUint32(o + 8, true)), line: lc >>> 10, col: lc & 0x3ff,
    });
    ext.lineInfo.set(sec, list);
  });
  if (e2) return fail(e2);
  return { ok: true, ext };
}
