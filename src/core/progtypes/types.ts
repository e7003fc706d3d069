// The shape of one row of the program-type table: the context struct the program sees in r1 (its
// fields, which of them the kernel lets this program type read or write), how a
// BPF_PROG_TEST_RUN-style input becomes the VM's context and packet, and what the kernel hands
// back (data_out, ctx_out). Everything here was measured against the running 6.18 kernel
// (tests/kernel/ctx-*.test.ts and tests/progtypes/ keep it honest).

import type { ProgTypeName } from '../asm/types.js';
import type { RunInput } from '../vm/types.js';

/**
 * How the kernel's rewritten load of a context field behaves.
 * - 'value': a plain integer field; `target` is the width of the kernel object it really reads
 *   (struct sk_buff's protocol is a u16 behind a u32 __sk_buff field).
 * - 'data' | 'data_end' | 'data_meta': packet pointers; a u32 load yields the 64-bit address.
 * - 'bytes': memory copied verbatim (cb[], pt_regs, raw tracepoint args, tracepoint records): any
 *   aligned access inside it reads the bytes.
 * - 'sock' | 'flow_keys': pointers to kernel objects bpfiddle does not model yet.
 */
export type CtxFieldKind = 'value' | 'data' | 'data_end' | 'data_meta' | 'bytes' | 'sock' | 'flow_keys';

export interface CtxField {
  readonly name: string;
  readonly offset: number;
  /** Size in the uapi struct, bytes. */
  readonly size: number;
  readonly kind: CtxFieldKind;
  /** Bytes the kernel object behind a 'value' field has (1, 2, 4 or 8); loads narrower than it are
   * shifted and masked, loads at least as wide yield the whole object (so a 2-byte load of
   * __sk_buff.protocol at offset 18 returns the protocol, not 0). */
  readonly target: 1 | 2 | 4 | 8;
  /** Loads narrower than `size` are allowed (skb fields yes, xdp_md fields no). */
  readonly narrow: boolean;
  /** One line for hover docs and the memory pane. */
  readonly doc: string;
}

export type CtxAccess = 'r' | 'rw';

export interface CtxLayout {
  /** The C struct name: '__sk_buff', 'xdp_md'. */
  readonly struct: string;
  readonly size: number;
  readonly fields: readonly CtxField[];
}

export interface ReturnCode {
  readonly value: number;
  readonly name: string;
  readonly doc: string;
}

/** BPF_PROG_TEST_RUN's inputs, as the kernel takes them. */
export interface TestRunInput {
  /** data_in: for skb and XDP types a whole Ethernet frame; unused by the tracing types. */
  dataIn?: Uint8Array;
  /** ctx_in: the context struct's bytes (for skb and XDP types shorter is zero-padded and an empty
   * array counts as absent). For the tracing types it is the whole context: pt_regs for kprobes,
   * bpf_perf_event_data, the raw tracepoint's u64 args, or a tracepoint's record. */
  ctxIn?: Uint8Array | null;
}

/** A test-run input turned into the VM's RunInput plus what is needed to rebuild data_out/ctx_out. */
export interface PreparedRun {
  readonly progType: ProgTypeName;
  readonly input: RunInput;
  /** Bytes in front of the packet that data_out includes: XDP metadata (data_meta .. data). */
  readonly meta: Uint8Array;
  /** Zeroed bytes data_out starts with: the 14-byte Ethernet header socket filters do not see. */
  readonly zeroPrefix: number;
  /** Bytes after the linear packet that the program cannot reach directly (XDP fragments). */
  readonly frags: Uint8Array;
  /** ctx_in zero-padded to the struct size, or null when none was given. */
  readonly ctxIn: Uint8Array | null;
}

/** A rejected test-run input, worded like the kernel's answer (errno plus why). */
export interface RunInputError {
  errno: 'EINVAL' | 'E2BIG' | 'ENOMEM';
  message: string;
}

export type PrepareResult = { ok: true; run: PreparedRun } | { ok: false; error: RunInputError };

/** The range the verifier demands of r0 at exit (check_return_code), as signed values. */
export interface ReturnRange {
  readonly min: number;
  readonly max: number;
}

/** An expected_attach_type the program type accepts at load, where it changes the rules. */
export interface AttachType {
  /** enum bpf_attach_type name, lower case without the BPF_ prefix: 'cgroup_inet_egress'. */
  readonly name: string;
  readonly kernelId: number;
  /** r0's range for this attach type; absent = any value. */
  readonly returnRange?: ReturnRange;
  readonly doc: string;
}

/**
 * Where a run's input comes from.
 * - 'packet': a frame as BPF_PROG_TEST_RUN's data_in (plus optional ctx_in fields).
 * - 'ctx': only the context (registers, arguments, a tracepoint record), as ctx_in bytes.
 */
export type InputKind = 'packet' | 'ctx';

export interface ProgTypeSpec {
  readonly name: ProgTypeName;
  /** enum bpf_prog_type value. */
  readonly kernelId: number;
  readonly ctx: CtxLayout;
  /** Which fields this program type may read ('r') or also write ('rw'); absent = no access. */
  readonly access: Readonly<Record<string, CtxAccess>>;
  /** Named return values (empty when any value is meaningful, e.g. socket filters' byte counts). */
  readonly returnCodes: readonly ReturnCode[];
  /** What r0 means and what the kernel does with it, one or two sentences. */
  readonly returnDoc: string;
  /** r0's range at exit with the default expected_attach_type (0); absent = any value. */
  readonly returnRange?: ReturnRange;
  /** expected_attach_type values the kernel accepts for this type and that matter here; the first
   * is the default (0). Absent = the attach type is not checked at load. */
  readonly attachTypes?: readonly AttachType[];
  readonly doc: string;
  readonly input: InputKind;
  /** Fields a user may give values for (they become ctx_in); every other byte of ctx_in is zero. */
  readonly ctxInFields: readonly string[];
  /** Whether the kernel's BPF_PROG_TEST_RUN runs this type (else it answers ENOTSUPP, 524, and
   * bpfiddle's run is the only one). */
  readonly kernelTestRun: boolean;
  /** How a run's context (and packet) is built from the input, one or two sentences for users. */
  readonly inputDoc: string;
  /** The ctx_in image field values are laid over, when it is not all zeros (XDP's data_end must
   * span data_in). */
  ctxInBase?(dataIn: Uint8Array): Uint8Array;
  prepare(input: TestRunInput): PrepareResult;
  /** data_out the kernel returns, given the VM's packet (and metadata, when it tracks it) after the
   * run; empty for types without a packet. */
  packetOut(run: PreparedRun, packet: Uint8Array | null, meta?: Uint8Array | null): Uint8Array;
  /** ctx_out the kernel returns (null without ctx_in), given the context bytes after the run. */
  ctxOut(run: PreparedRun, ctxBytes: Uint8Array, packetLength: number, metaLength?: number): Uint8Array | null;
}
