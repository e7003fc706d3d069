// Step-back support: every mutation hands its inverse to the undo sink; undoing in reverse order
// restores the contents and the hidden state (LRU lists, ring positions), and the element objects
// themselves, so a VM's pointers into values stay valid.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  dumpMap, mapDeleteElem, mapLookupElem, mapPopElem, mapPushElem, mapUpdateElem, ringbufConsume, ringbufOutput,
  ringbufRecords, ringbufReserve, ringbufSubmit, stackTraceGetId, sysLookupAndDeleteElem, sysUpdateElem, type BpfMap,
} from '../../src/core/maps/index.js';
import { bytes, mk, u32 } from './util.js';
import type { MapTypeName } from '../../src/core/asm/types.js';

/** Runs `ops` once recording undos, undoes them all, then replays `ops` and compares with a fresh run. */
function checkUndo(make: () => BpfMap, ops: ((m: BpfMap, undo: (f: () => void) => void) => unknown)[]): void {
  const m = make();
  const before = dumpMap(m);
  const undos: (() => void)[] = [];
  const first = ops.map((op) => op(m, (f) => undos.push(f)));
  for (const u of undos.reverse()) u();
  expect(dumpMap(m)).toEqual(before);
  // hidden state restored too: replaying gives exactly the answers a fresh map gives
  const fresh = make();
  const replay = ops.map((op) => op(m, () => {}));
  expect(replay).toEqual(ops.map((op) => op(fresh, () => {})));
  expect(replay).toEqual(first);
  expect(dumpMap(m)).toEqual(dumpMap(fresh));
}

const keyed: [MapTypeName, number, number][] = [
  ['array', 4, 4], ['percpu_array', 4, 4], ['hash', 4, 4], ['percpu_hash', 4, 4], ['lru_hash', 4, 4], ['lru_percpu_hash', 4, 4],
];

describe('undo', () => {
  for (const [type, ks, vs] of keyed) {
    test(`${type}: random updates, deletes and program lookups undo exactly`, () => {
      const op = fc.oneof(
        fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 1, 2)).map(([k, v, f]) =>
          (m: BpfMap, undo: (f: () => void) => void) => mapUpdateElem(m, u32(k), new Uint8Array(vs).fill(v), f, { undo })),
        fc.integer({ min: 0, max: 9 }).map((k) => (m: BpfMap, undo: (f: () => void) => void) => mapDeleteElem(m, u32(k), { undo })),
        fc.integer({ min: 0, max: 9 }).map((k) => (m: BpfMap, undo: (f: () => void) => void) => mapLookupElem(m, u32(k), { undo }) !== null),
        fc.integer({ min: 0, max: 9 }).map((k) => (m: BpfMap, undo: (f: () => void) => void) => sysLookupAndDeleteElem(m, u32(k), 0, { undo }).ok),
        fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 255 })).map(([k, v]) =>
          (m: BpfMap, undo: (f: () => void) => void) => sysUpdateElem(m, u32(k), new Uint8Array(type.includes('percpu') ? 16 : vs).fill(v), 0, { undo }).ok),
        fc.integer({ min: 0, max: 1 }).map((c) => (m: BpfMap) => { m.env.cpu = c; return c; }),
      );
      fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        checkUndo(() => mk(type, ks, vs, 4), [(m) => { m.env.cpu = 0; return 0; }, ...ops]);
      }), { numRuns: 100 });
    });
  }

  test('lpm_trie, queue, stack, ring buffer and stack_trace undo exactly', () => {
    const lpmKey = (p: number, b: number): Uint8Array => Uint8Array.from([...u32(p), b]);
    checkUndo(() => mk('lpm_trie', 5, 1, 3, 1), [
      (m, undo) => mapUpdateElem(m, lpmKey(8, 1), bytes(1), 0, { undo }),
      (m, undo) => mapUpdateElem(m, lpmKey(7, 0), bytes(2), 0, { undo }),
      (m, undo) => mapUpdateElem(m, lpmKey(8, 3), bytes(3), 0, { undo }),
      (m, undo) => mapUpdateElem(m, lpmKey(8, 4), bytes(4), 0, { undo }),
      (m, undo) => mapDeleteElem(m, lpmKey(7, 0), { undo }),
    ]);
    for (const type of ['queue', 'stack'] as const) {
      checkUndo(() => mk(type, 0, 1, 2), [
        (m, undo) => mapPushElem(m, bytes(1), 0, { undo }), (m, undo) => mapPushElem(m, bytes(2), 0, { undo }),
        (m, undo) => mapPushElem(m, bytes(3), 2, { undo }), (m, undo) => mapPopElem(m, { undo }).ret,
      ]);
    }
    checkUndo(() => mk('ringbuf', 0, 0, 4096), [
      (m, undo) => ringbufOutput(m, bytes(1, 2), 0n, { undo }),
      (m, undo) => { const s = ringbufReserve(m, 3, 0n, { undo })!; s.set([7, 7, 7]); ringbufSubmit(m, s, 0n, { undo }); return 0; },
      (m, undo) => ringbufConsume(m, { undo }),
      (m, undo) => ringbufOutput(m, new Uint8Array(4000), 0n, { undo }),
      (m) => ringbufRecords(m).map((r) => r.size),
    ]);
    checkUndo(() => mk('stack_trace', 4, 8, 2), [
      (m, undo) => stackTraceGetId(m, [1n], 0n, { undo }), (m, undo) => stackTraceGetId(m, [2n], 0n, { undo }),
      (m, undo) => stackTraceGetId(m, [3n], 0n, { undo }),
    ]);
  });

  test('undoing a delete brings back the same value object a program pointed at', () => {
    const m = mk('hash', 4, 4, 2);
    mapUpdateElem(m, u32(1), u32(5), 0);
    const p = mapLookupElem(m, u32(1));
    const undos: (() => void)[] = [];
    mapDeleteElem(m, u32(1), { undo: (f) => undos.push(f) });
    expect(mapLookupElem(m, u32(1))).toBeNull();
    undos.pop()!();
    expect(mapLookupElem(m, u32(1))).toBe(p);
  });
});
