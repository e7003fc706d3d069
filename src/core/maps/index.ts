// The maps module's public API: creating maps with the kernel's validation, the program (helper) and
// syscall paths of every operation, and contents as plain data.
export { createMap, createMapEnv, checkMapSpec, MAX_PREALLOC_BYTES, MAX_LRU_NODES } from './create.js';
export type { MapSpec, MapCreateError, CreateResult } from './create.js';
export {
  mapLookupElem, mapUpdateElem, mapDeleteElem, mapPushElem, mapPopElem, mapPeekElem, mapLookupPercpuElem,
  mapDirectValue, sysLookupElem, sysUpdateElem, sysDeleteElem, sysGetNextKey, sysLookupAndDeleteElem, sysValueSize,
  isPercpu, isKeyless, splitPercpu, joinPercpu, ringbufReserve, ringbufSubmit, ringbufDiscard, ringbufOutput,
  ringbufQuery, ringbufRecords, ringbufConsume, ringbufOwner, stackTraceGetId, progArrayTarget, perfEventOutput,
  perfEventRecords,
} from './ops.js';
export type { OpOptions, SysResult, PopResult } from './ops.js';
export { dumpMap, loadMap } from './contents.js';
export type { LoadError, LoadResult } from './contents.js';
export type { BpfMap, MapEnv, MapEntry, UndoSink } from './types.js';
export type { RingbufRecord } from './ringbuf.js';
export type { PerfRecord } from './fd-array.js';
export * from './constants.js';
export * from './errno.js';
