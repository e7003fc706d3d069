// The helpers module's public API: the helper table (ids, names, kernel prototypes, program types,
// signatures, docs), the simulated environment helpers answer from, and the world that wires maps,
// helpers and tail calls into the VM (createWorld).
export { HELPER_NAMES, MAX_HELPER_ID, helperIdByName, helperName } from './ids.js';
export { HELPERS, helperSpec, helperAllowed, helperProto, helpersFor, type HelperSpec, type HelperProto } from './table.js';
export { DEFAULT_ENV, makeEnv, monotonicAt, jiffiesAt, initialJiffies, type SimEnv, type EnvError } from './env.js';
export { MAP_POINTER_BASE, type RedirectInfo } from './runtime.js';
export { bprintfPrepare, bstrPrintf } from './printf.js';
export { createWorld } from '../world/index.js';
export type {
  World, WorldInput, WorldError, WorldRun, WorldOutputs, CreateWorldResult, VmOptions, MapDump, RingbufOutput,
  PerfEventOutput,
} from '../world/types.js';
