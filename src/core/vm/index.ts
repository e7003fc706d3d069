// The VM's public API: run a program, or drive a session (step, step back, breakpoints).
export * from './types.js';
export { readLE, writeLE, readBE, hex64 } from './bytes.js';
export { run } from './run.js';
export { Session, type Snapshot, type SessionStatus, type StopReason, type FrameView, type MemWrite, type RegionView, type ContinueOptions } from './session.js';
export { parseConformance, evaluate as evaluateConformance, judge as judgeConformance, conformanceHelpers, type ConformanceCase, type Verdict } from './conformance.js';
export { canCompile } from './jit.js';
export { framePointer, CTX_ADDRESS, PACKET_ADDRESS, MEM_ADDRESS, DYNAMIC_ADDRESS } from './memory.js';
export { FUNC_ADDRESS_BASE } from './ref.js';
