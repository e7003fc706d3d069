// The model side of the maps differential tests: runs mapctl's command language (see
// tools/maps/mapctl.c) against src/core/maps and answers in the same format, so that a test can
// run one script on both and compare the answers line by line. Only the syscall commands are
// interpreted here (create, update, lookup, lookupdel, delete, next, dump, cpu, close).
import { MAP_TYPE_IDS } from '../../src/core/maps/constants.js';
import {
  createMap, createMapEnv, EAGAIN, EINVAL, mapDeleteElem, mapLookupElem, mapUpdateElem, ringbufConsume, ringbufDiscard,
  ringbufOutput, ringbufRecords, ringbufReserve, ringbufSubmit, sysDeleteElem, sysGetNextKey, sysLookupAndDeleteElem,
  sysLookupElem, sysUpdateElem, type BpfMap, type MapEnv, type SysResult,
} from '../../src/core/maps/index.js';
import type { RingbufMap } from '../../src/core/maps/ringbuf.js';
import type { MapTypeName } from '../../src/core/asm/types.js';
import { progDelete, progLookup, progRing, progUpdate, ringOutputData, ringSampleBytes, type RingOp } from './progs.js';

export const hex = (b: Uint8Array): string => (b.length ? Buffer.from(b).toString('hex') : '-');
export const unhex = (s: string): Uint8Array | null => (s === '-' ? null : new Uint8Array(Buffer.from(s, 'hex')));

const TYPE_NAMES = new Map(Object.entries(MAP_TYPE_IDS).map(([n, id]) => [id, n as MapTypeName]));

export class ModelRunner {
  readonly env: MapEnv;
  readonly maps: (BpfMap | null)[] = [];

  constructor(nCpus: number) {
    this.env = createMapEnv(nCpus);
  }

  private map(ref: string | undefined): BpfMap | null {
    if (!ref?.startsWith('@')) throw new Error(`model scripts name maps as @N, not ${ref}`);
    return this.maps[Number(ref.slice(1))] ?? null;
  }

  private static answer<T>(r: SysResult<T>, show?: (v: T) => string): string {
    if (!r.ok) return `err ${r.errno}`;
    return show ? `ok ${show(r.value)}` : 'ok';
  }

  run(line: string): string {
    const t = line.trim().split(/\s+/);
    const cmd = t[0];
    if (cmd === 'create') {
      const type = TYPE_NAMES.get(Number(t[1]));
      if (!type) throw new Error(`model has no map type ${t[1]}`);
      const r = createMap({ name: `m${this.maps.length}`, type, keySize: Number(t[2]), valueSize: Number(t[3]), maxEntries: Number(t[4]), flags: Number(t[5]) }, this.env);
      this.maps.push(r.ok ? r.map : null);
      return r.ok ? `ok @${this.maps.length - 1}` : `err ${r.error.errno}`;
    }
    if (cmd === 'cpu') {
      this.env.cpu = Number(t[1]);
      return 'ok';
    }
    const m = this.map(t[1]);
    if (!m) return cmd === 'close' ? 'ok' : 'err 9';
    switch (cmd) {
      case 'update': return ModelRunner.answer(sysUpdateElem(m, unhex(t[2]!), unhex(t[3]!) ?? new Uint8Array(0), BigInt(t[4]!)));
      case 'lookup': return ModelRunner.answer(sysLookupElem(m, unhex(t[2]!), BigInt(t[3]!)), hex);
      case 'lookupdel': return ModelRunner.answer(sysLookupAndDeleteElem(m, unhex(t[2]!), BigInt(t[3]!)), hex);
      case 'delete': return ModelRunner.answer(sysDeleteElem(m, unhex(t[2]!)));
      case 'next': return ModelRunner.answer(sysGetNextKey(m, unhex(t[2]!)), hex);
      case 'dump': return `ok${dumpLine(m)}`;
      case 'plookup': return `ok ${mapLookupElem(m, unhex(t[2]!)!) ? 1 : 0}`;
      case 'pupdate': return `ok ${mapUpdateElem(m, unhex(t[2]!)!, unhex(t[3]!)!, BigInt(t[4]!)) >>> 0}`;
      case 'pdelete': return `ok ${mapDeleteElem(m, unhex(t[2]!)!) >>> 0}`;
      case 'ring': return `ok ${runRing(m, JSON.parse(t.slice(2).join(' ')) as RingOp[])}`;
      case 'rbstate': return rbState(m);
      case 'rbconsume': ringbufConsume(m); return `ok ${(m.impl as RingbufMap).consumerPos}`;
      case 'close': this.maps[Number(t[1]!.slice(1))] = null; return 'ok';
      default: throw new Error(`model cannot run ${cmd}`);
    }
  }

  runAll(lines: readonly string[]): string[] {
    return lines.map((l) => this.run(l));
  }
}

/** Turns the program commands (plookup, pupdate, pdelete, ring) into mapctl prog commands. */
export function kernelLine(line: string): string {
  const t = line.trim().split(/\s+/);
  switch (t[0]) {
    case 'plookup': return `prog ${t[1]} ${progLookup(unhex(t[2]!)!)}`;
    case 'pupdate': return `prog ${t[1]} ${progUpdate(unhex(t[2]!)!, unhex(t[3]!)!, BigInt(t[4]!))}`;
    case 'pdelete': return `prog ${t[1]} ${progDelete(unhex(t[2]!)!)}`;
    case 'ring': return `prog ${t[1]} ${progRing(JSON.parse(t.slice(2).join(' ')) as RingOp[])}`;
    default: return line;
  }
}

/** progRing's helper calls on the model, answering its return value. */
function runRing(m: BpfMap, ops: readonly RingOp[]): number {
  const slots: (Uint8Array | null)[] = [null, null, null, null];
  let result = 0;
  ops.forEach((o, i) => {
    let code = 0;
    if (o.op === 'output') {
      const r = ringbufOutput(m, ringOutputData(o.size), BigInt(o.flags));
      code = r === 0 ? 0 : r === -EAGAIN ? 1 : r === -EINVAL ? 2 : 3;
    } else if (o.op === 'reserve') {
      const sample = ringbufReserve(m, o.size, BigInt(o.flags));
      if (sample) sample.set(ringSampleBytes(o.slot, o.size));
      slots[o.slot] = sample;
      code = sample ? 0 : 1;
    } else {
      const sample = slots[o.slot];
      if (sample) (o.op === 'submit' ? ringbufSubmit : ringbufDiscard)(m, sample, BigInt(o.flags));
      slots[o.slot] = null;
    }
    result |= code << (2 * i);
  });
  return result >>> 0;
}

/** mapctl's rbstate: positions, then LEN/B|D|C/PGOFF/HEX per record up to the first busy one. */
function rbState(m: BpfMap): string {
  const rb = m.impl as RingbufMap;
  const recs = ringbufRecords(m).map((r) => {
    const at = (r.pos & (rb.size - 1)) + 4;
    const pgoff = (rb.data[at]! | (rb.data[at + 1]! << 8) | (rb.data[at + 2]! << 16) | (rb.data[at + 3]! << 24)) >>> 0;
    return `${r.size}/${r.busy ? 'B' : r.discarded ? 'D' : 'C'}/${pgoff}/${r.busy ? '-' : hex(r.data)}`;
  });
  return ['ok', rb.consumerPos, rb.producerPos, ...recs].join(' ');
}

/** mapctl's dump: GET_NEXT_KEY from NULL, LOOKUP of each key, " KEY:VALUE" per element found. */
function dumpLine(m: BpfMap): string {
  let out = '';
  let key: Uint8Array | null = null;
  for (let guard = 0; guard < 1 << 20; guard++) {
    const next = sysGetNextKey(m, key);
    if (!next.ok) break;
    const v = sysLookupElem(m, next.value, 0);
    if (v.ok) out += ` ${hex(next.value)}:${hex(v.value)}`;
    key = next.value;
  }
  return out;
}

/** Answers compare equal once create's fd (kernel) or handle (model) is dropped. */
export const normalize = (lines: readonly string[], answers: readonly string[]): string[] =>
  answers.map((a, i) => (lines[i]!.startsWith('create ') && a.startsWith('ok ') ? 'ok' : a));

/** A dump answer's elements as a sorted list (for maps whose order depends on a random hash seed). */
export const sortedDump = (answer: string): string[] => answer.split(' ').slice(1).sort();
