// Tiny socket-filter programs that exercise maps through helpers, for the differential tests: the
// kernel runs them (mapctl's prog command) and the test applies the same helper calls to the model.
// Map references are `r1 = map ll` with imm 0; mapctl substitutes the map's fd.
import { encodeProgram, insn, lddwSlots, type Insn } from '../../src/core/isa/insn.js';

const ST_B = 0x72, ST_DW = 0x7a, STX_DW = 0x7b, LDX_DW = 0x79;
const MOV64_K = 0xb7, MOV64_X = 0xbf, ADD64_K = 0x07, OR64_K = 0x47;
const JEQ_K = 0x15, JA = 0x05, CALL = 0x85, EXIT = 0x95, LDDW = 0x18;
const R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R10 = 10;
const PSEUDO_MAP_FD = 1;

export const HELPER = { lookup: 1, update: 2, delete: 3, ringbufOutput: 130, ringbufReserve: 131, ringbufSubmit: 132, ringbufDiscard: 133 } as const;

const mapLoad = (dst: number): Insn[] => lddwSlots(LDDW, dst, PSEUDO_MAP_FD, 0n);
const roundUp8 = (n: number): number => Math.ceil(n / 8) * 8;

function storeBytes(bytes: Uint8Array, base: number): Insn[] {
  return [...bytes].map((b, i) => insn(ST_B, R10, 0, base + i, b));
}

const hexOf = (insns: Insn[]): string => Buffer.from(encodeProgram(insns)).toString('hex');

/** bpf_map_lookup_elem(map, key); returns 1 when found, 0 when not. */
export function progLookup(key: Uint8Array): string {
  const k = -roundUp8(Math.max(key.length, 1));
  return hexOf([
    ...storeBytes(key, k),
    ...mapLoad(R1),
    insn(MOV64_X, R2, R10), insn(ADD64_K, R2, 0, 0, k),
    insn(CALL, 0, 0, 0, HELPER.lookup),
    insn(JEQ_K, R0, 0, 2, 0),
    insn(MOV64_K, R0, 0, 0, 1),
    insn(EXIT),
    insn(EXIT),
  ]);
}

/** bpf_map_update_elem(map, key, value, flags); returns its r0. flags is the u64 in r4. */
export function progUpdate(key: Uint8Array, value: Uint8Array, flags: bigint): string {
  const k = -roundUp8(Math.max(key.length, 1));
  const v = k - roundUp8(value.length);
  return hexOf([
    ...storeBytes(key, k),
    ...storeBytes(value, v),
    ...mapLoad(R1),
    insn(MOV64_X, R2, R10), insn(ADD64_K, R2, 0, 0, k),
    insn(MOV64_X, R3, R10), insn(ADD64_K, R3, 0, 0, v),
    ...lddwSlots(LDDW, R4, 0, flags),
    insn(CALL, 0, 0, 0, HELPER.update),
    insn(EXIT),
  ]);
}

/** bpf_map_delete_elem(map, key); returns its r0. */
export function progDelete(key: Uint8Array): string {
  const k = -roundUp8(Math.max(key.length, 1));
  return hexOf([
    ...storeBytes(key, k),
    ...mapLoad(R1),
    insn(MOV64_X, R2, R10), insn(ADD64_K, R2, 0, 0, k),
    insn(CALL, 0, 0, 0, HELPER.delete),
    insn(EXIT),
  ]);
}

// Ring buffer programs ------------------------------------------------------------------------

/** One helper call of a ring buffer program. `slot` names a reservation (r6..r9). */
export type RingOp =
  | { op: 'output'; size: number; flags: number }
  | { op: 'reserve'; slot: number; size: number; flags: number }
  | { op: 'submit' | 'discard'; slot: number; flags: number };

/** Bytes [-512, -16) of the stack, which output() sends from (data ends at -16). */
export const RING_DATA_MAX = 496;
const DATA_LOW = -512;

/** The stack pattern the program writes first: dword j holds 0x01010101 * (j + 1), little-endian. */
export function ringStack(): Uint8Array {
  const out = new Uint8Array(RING_DATA_MAX);
  const dv = new DataView(out.buffer);
  for (let j = 0; j < RING_DATA_MAX / 8; j++) dv.setBigInt64(j * 8, BigInt(Math.imul(0x01010101, j + 1) | 0), true);
  return out;
}

/** What output(size) sends: the `size` stack bytes just below -16. */
export const ringOutputData = (size: number): Uint8Array => ringStack().slice(RING_DATA_MAX - size);

/** What the program writes into a reservation before committing: byte i = 0xa0 + slot*8 + i, first 8 bytes. */
export const ringSampleBytes = (slot: number, size: number): Uint8Array =>
  Uint8Array.from({ length: Math.min(size, 8) }, (_, i) => 0xa0 + slot * 8 + i);

/**
 * A program performing `ops` in order and returning 2 bits per op (op i at bits 2i): 0 success,
 * 1 -EAGAIN or a NULL reservation, 2 -EINVAL, 3 anything else. Every reservation must be committed
 * before the end (the verifier insists).
 */
export function progRing(ops: readonly RingOp[]): string {
  const code: Insn[] = [];
  for (let j = 0; j < RING_DATA_MAX / 8; j++) code.push(insn(ST_DW, R10, 0, DATA_LOW + j * 8, Math.imul(0x01010101, j + 1) | 0));
  code.push(insn(ST_DW, R10, 0, -8, 0));
  ops.forEach((o, i) => {
    const bit = (v: number): Insn[] => [insn(LDX_DW, R1, R10, -8), insn(OR64_K, R1, 0, 0, v << (2 * i)), insn(STX_DW, R10, R1, -8)];
    if (o.op === 'output') {
      code.push(...mapLoad(R1), insn(MOV64_X, R2, R10), insn(ADD64_K, R2, 0, 0, -16 - o.size),
        insn(MOV64_K, R3, 0, 0, o.size), insn(MOV64_K, R4, 0, 0, o.flags), insn(CALL, 0, 0, 0, HELPER.ringbufOutput));
      // if r0 == 0: done; if -EAGAIN: 1; if -EINVAL: 2; else 3
      const one = bit(1), two = bit(2), three = bit(3);
      code.push(insn(JEQ_K, R0, 0, 2 + three.length + 1 + one.length + 1 + two.length, 0));
      code.push(insn(JEQ_K, R0, 0, 1 + three.length + 1, -11));
      code.push(insn(JEQ_K, R0, 0, three.length + 1 + one.length + 1, -22));
      code.push(...three, insn(JA, 0, 0, one.length + 1 + two.length));
      code.push(...one, insn(JA, 0, 0, two.length));
      code.push(...two);
    } else if (o.op === 'reserve') {
      const reg = 6 + o.slot;
      const sample = ringSampleBytes(o.slot, o.size);
      code.push(...mapLoad(R1), insn(MOV64_K, R2, 0, 0, o.size), insn(MOV64_K, R3, 0, 0, o.flags),
        insn(CALL, 0, 0, 0, HELPER.ringbufReserve), insn(MOV64_X, reg, R0));
      const one = bit(1);
      const fill = [...sample].map((b, j) => insn(ST_B, reg, 0, j, b));
      code.push(insn(JEQ_K, reg, 0, fill.length + 1, 0), ...fill, insn(JA, 0, 0, one.length), ...one);
    } else {
      const reg = 6 + o.slot;
      const helper = o.op === 'submit' ? HELPER.ringbufSubmit : HELPER.ringbufDiscard;
      code.push(insn(JEQ_K, reg, 0, 3, 0), insn(MOV64_X, R1, reg), insn(MOV64_K, R2, 0, 0, o.flags), insn(CALL, 0, 0, 0, helper));
    }
  });
  code.push(insn(LDX_DW, R0, R10, -8), insn(EXIT));
  return hexOf(code);
}
