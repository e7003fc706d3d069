// The VM's public contracts: what a run needs (program, input, hooks) and what it yields (result,
// fault). Program types (src/core/progtypes), helpers (src/core/helpers) and maps (src/core/maps)
// plug in through the interfaces here, so keep them stable; the interpreter itself lives elsewhere.
// 64-bit values are bigint at these boundaries; inside the engines they are pairs of int32.

import type { Insn } from '../isa/insn.js';

// ---------------------------------------------------------------------------------------------
// Faults

/** Why a run stopped abnormally. Every bad thing a program can do is one of these, never a throw. */
export type FaultKind =
  | 'out_of_bounds'  // the access touches a region but does not fit inside it
  | 'null'           // the address is in the first 64 KiB (a NULL pointer plus a small offset)
  | 'unmapped'       // no region anywhere near the address
  | 'read_only'      // a store to a region (or context field) that cannot be written
  | 'misaligned'     // only with `strictAlignment`: an access not aligned to its size
  | 'ctx_access'     // the context's field accessor refused the access
  | 'invalid_insn'   // a slot that is no valid instruction (unverified programs can contain them)
  | 'bad_jump'       // control left the program, or landed inside an ld_imm64
  | 'call_depth'     // a ninth call frame
  | 'unknown_helper' // `call imm` with no helper registered for imm
  | 'helper'         // a helper refused its arguments
  | 'unsupported';   // a valid instruction the VM cannot model (kfunc calls, BTF ksym loads, ...)

export interface VmFault {
  /** Slot index of the faulting instruction. */
  pc: number;
  kind: FaultKind;
  /** The faulting address, for memory faults; null otherwise. */
  address: bigint | null;
  /** Bytes accessed, for memory faults; 0 otherwise. */
  size: number;
  /** Name of the region involved ('stack frame 0', 'packet', 'xdp_md', ...), or null. */
  region: string | null;
  /** One sentence for the user. */
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Context (struct *ctx in r1): program types describe it through CtxSpec.

/**
 * What a context access sees. Addresses are live: helpers such as bpf_xdp_adjust_head move the
 * packet, and a later load of xdp_md.data must see the new pointer.
 */
export interface CtxEnv {
  /** The context's own bytes (size = CtxSpec.size), initialised from CtxSpec.init. Keep all
   * mutable context state here: the VM records changes to these bytes so that stepping back
   * undoes them. A CtxSpec must not keep mutable state of its own. */
  readonly bytes: Uint8Array;
  /** Address of the first packet byte (xdp_md.data, __sk_buff.data); 0n without a packet. */
  readonly packetData: bigint;
  /** Address one past the last packet byte (data_end). */
  readonly packetEnd: bigint;
  /** Address of the metadata area in front of data (data_meta); equals packetData when empty. */
  readonly packetMeta: bigint;
  /** Packet length in bytes (data_end - data). */
  readonly packetLength: number;
  /** Address of the context itself. */
  readonly ctxAddress: bigint;
}

export type CtxLoadResult = { ok: true; value: bigint } | { ok: false; message: string };
export type CtxStoreResult = { ok: true } | { ok: false; message: string };

/**
 * A program type's context struct, as the program sees it after the kernel's ctx rewriting
 * (convert_ctx_access): a u32 load of xdp_md.data yields the full 64-bit packet pointer.
 *
 * Contract:
 * - `load`/`store` are called for every access that lies inside [0, size); accesses outside it
 *   fault as out_of_bounds before reaching the hooks.
 * - `load` returns the zero-extended value the destination register receives (the VM truncates
 *   nothing, so return exactly what the kernel's rewritten code would put in the register).
 * - `store` may write `env.bytes` (typically `writeLE(env.bytes, off, size, value)` for plain
 *   fields such as __sk_buff.mark or cb[]); return {ok:false} for read-only fields.
 * - Both must be pure functions of their arguments and env (see CtxEnv.bytes).
 */
export interface CtxSpec {
  /** The C struct name shown in faults and the memory pane: 'xdp_md', '__sk_buff'. */
  readonly name: string;
  readonly size: number;
  /** Initial bytes (shorter arrays are zero-padded). */
  readonly init?: Uint8Array;
  load(off: number, size: 1 | 2 | 4 | 8, env: CtxEnv): CtxLoadResult;
  store(off: number, size: 1 | 2 | 4 | 8, value: bigint, env: CtxEnv): CtxStoreResult;
}

// ---------------------------------------------------------------------------------------------
// Input of a run

export interface PacketInput {
  /** The packet bytes (data .. data_end). */
  bytes: Uint8Array;
  /** Metadata in front of data (data_meta .. data), e.g. XDP metadata from data_in; default none. */
  meta?: Uint8Array;
  /** Free bytes in front of data, for bpf_xdp_adjust_head / adjust_meta; default 256 (XDP_PACKET_HEADROOM). */
  headroom?: number;
  /** Free bytes after data_end, for bpf_xdp_adjust_tail; default 0. */
  tailroom?: number;
}

export interface RunInput {
  /** The context r1 points to; when absent and `mem` is given, r1/r2 describe `mem` instead. */
  ctx?: CtxSpec | null;
  packet?: PacketInput | null;
  /** The conformance suite's `-- mem`: a plain writable buffer, r1 = its address, r2 = its length
   * (unless a ctx is given, in which case r1 = ctx and the buffer is only reachable by address). */
  mem?: Uint8Array | null;
}

// ---------------------------------------------------------------------------------------------
// Hooks: helpers, maps, tail calls

/** What a helper may do to the machine. Memory and output go through here so steps can be undone. */
export interface VmApi {
  /** Slot index of the call instruction. */
  readonly pc: number;
  /** Register value r0..r10 (r1..r5 are the arguments). */
  reg(i: number): bigint;
  /** Copy `len` bytes at `addr`, or a fault if any byte is not readable. */
  read(addr: bigint, len: number): Uint8Array | VmFault;
  /** Store bytes at `addr` (recorded for step-back), or return a fault. */
  write(addr: bigint, bytes: Uint8Array): VmFault | null;
  /** Append a line to the run's output (bpf_trace_printk and friends). */
  print(line: string): void;
  /** Register how to undo an effect the VM cannot see (a map update, say); called on step-back. */
  onUndo(undo: () => void): void;
  /** The memory map, for helpers that create regions (map values, ring buffer records). */
  readonly memory: MemoryApi;
  /** The context's environment (packet addresses), or null without a context. */
  readonly env: CtxEnv | null;
  /** Instructions executed before this call (simulated clocks advance with it). */
  readonly steps: number;
  /** Slot indices of the active call sites, innermost first: the helper call itself, then the
   * call instruction of each enclosing frame (bpf_get_stackid makes a stack trace of them). */
  readonly callStack: readonly number[];
  /** The packet, for helpers that move its boundaries (bpf_xdp_adjust_head, ...); null without one. */
  readonly packet: PacketApi | null;
}

/**
 * The packet buffer as helpers that resize the packet see it: headroom, metadata, data and
 * tailroom in one buffer; byte k of the buffer lives at a fixed address, so moving a boundary
 * never moves bytes. Changes are recorded for step-back.
 */
export interface PacketApi {
  /** The whole buffer (read it freely; write through `write`). */
  readonly buffer: Uint8Array;
  /** Buffer offsets of data_meta, data and data_end. */
  readonly meta: number;
  readonly data: number;
  readonly end: number;
  /** Move the boundaries (0 <= meta <= data <= end <= buffer.length). The program then sees
   * meta .. end, and the context's data, data_end and data_meta follow. */
  setBounds(meta: number, data: number, end: number): void;
  /** Write bytes at a buffer offset, inside or outside the current boundaries. */
  write(offset: number, bytes: Uint8Array): void;
}

/** What a helper does once the callback it asked for returns (see HelperResult's callback). */
export type CallbackThen = (r0: bigint, api: VmApi) => HelperResult;

export type HelperResult =
  | { r0: bigint; exit?: false }
  /** End the program now with this r0 (the conformance suite's `unwind` helper does this). */
  | { r0: bigint; exit: true }
  | { fault: string }
  /**
   * Call the BPF function at slot `target` with r1.. = `args` in a new frame (bpf_loop,
   * bpf_for_each_map_elem). The callback runs as ordinary instructions (it can be stepped
   * through and stepped back over); when it exits, `then` gets its r0 and answers as the helper
   * would: another callback, the helper's return value, or a fault.
   */
  | { callback: { target: number; args: readonly bigint[] }; then: CallbackThen };

export interface HelperHost {
  /** Whether helper `id` exists (unknown ids fault as 'unknown_helper' without calling `call`). */
  has(id: number): boolean;
  call(id: number, api: VmApi): HelperResult;
}

/** ld_imm64 with a map pseudo source: the maps module says what value the register receives. */
export interface MapHost {
  /** Called once per run, before the first instruction, with the run's memory map: map the
   * maps' value storage here (memory.map(name, 'map_value', size, {bytes})) so that the addresses
   * mapValue/helpers hand out point at real regions. */
  setup?(memory: MemoryApi): void;
  /** BPF_PSEUDO_MAP_FD / BPF_PSEUDO_MAP_IDX: the map pointer for map `ref` (fd or index). */
  mapPointer(ref: number): bigint | null;
  /** BPF_PSEUDO_MAP_VALUE / BPF_PSEUDO_MAP_IDX_VALUE: address of byte `off` of map `ref`'s value. */
  mapValue(ref: number, off: number): bigint | null;
}

/** bpf_tail_call (helper 12): which program slot `index` of the prog_array at `map` holds. */
export interface TailCallHost {
  target(map: bigint, index: number): readonly Insn[] | null;
}

// ---------------------------------------------------------------------------------------------
// Memory map (regions)

export type RegionKind = 'ctx' | 'stack' | 'packet' | 'mem' | 'map_value' | 'map_key' | 'ringbuf' | 'rodata' | 'other';

export interface RegionInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: RegionKind;
  /** First byte's address. */
  readonly address: bigint;
  readonly size: number;
  readonly writable: boolean;
}

export interface MemoryApi {
  /** Map a new region of `size` zero bytes (or `bytes`, shared, not copied) and return it. */
  map(name: string, kind: RegionKind, size: number, opts?: { writable?: boolean; bytes?: Uint8Array }): RegionInfo;
  /** Map `bytes` (shared, not copied) at a fixed address (a map's struct behind its map pointer). */
  add(name: string, kind: RegionKind, address: bigint, bytes: Uint8Array, writable: boolean): RegionInfo;
  /** The live bytes of a region (writes through this array bypass step-back recording). */
  bytes(region: RegionInfo): Uint8Array;
  /** The region containing [addr, addr + size), or null. */
  find(addr: bigint, size?: number): RegionInfo | null;
  regions(): RegionInfo[];
  /** Retire a region (accesses fault as gone, like a submitted ring buffer record) or bring it
   * back; not recorded, so a helper that retires one registers the reverse with VmApi.onUndo. */
  setActive(region: RegionInfo, active: boolean): void;
}

// ---------------------------------------------------------------------------------------------
// Options and result

export interface RunOptions {
  /** Instructions to execute before stopping with exit 'limit'; default 1,000,000. */
  maxSteps?: number;
  helpers?: HelperHost;
  maps?: MapHost;
  tailCalls?: TailCallHost;
  /** Fault on accesses not aligned to their size (the kernel allows them on x86-64); default false. */
  strictAlignment?: boolean;
  /** Accept callx (opcode 0x8d: call the helper whose id is in dst), an optional extension of the
   * conformance suite that Linux rejects; default false. */
  callx?: boolean;
  /** Which engine runs the program; all give identical results. 'auto' (default): generated code
   * when the host allows `new Function`, else 'switch'. 'jit': generated code (throws where not
   * allowed). 'switch': the int32 switch interpreter. 'interp': the bigint reference interpreter. */
  engine?: 'auto' | 'jit' | 'switch' | 'interp';
}

export type ExitKind = 'exit' | 'fault' | 'limit';

export interface RunResult {
  exit: ExitKind;
  /** r0 at exit (unsigned 64-bit); the last value of r0 for faults and limits. */
  r0: bigint;
  /** Instructions executed (a faulting instruction is not counted). */
  steps: number;
  fault: VmFault | null;
  /** Slot index where the run stopped (the exit, the fault or the next instruction at the limit). */
  pc: number;
  /** Lines printed by helpers. */
  output: string[];
  /** The packet after the run (data .. data_end), or null without one. */
  packet: Uint8Array | null;
  /** The metadata after the run (data_meta .. data), or null without a packet. */
  meta: Uint8Array | null;
  /** The `mem` buffer after the run, or null. */
  mem: Uint8Array | null;
}

export const DEFAULT_MAX_STEPS = 1_000_000;
/** The kernel's may_goto budget per frame (BPF_MAX_LOOPS in include/linux/bpf.h). */
export const BPF_MAX_LOOPS = 8 * 1024 * 1024;
/** Tail calls allowed per run (MAX_TAIL_CALL_CNT). */
export const MAX_TAIL_CALL_CNT = 33;
