// The shape of one row of the program-type table: the context struct the program sees in r1 (its
// fields, which of them the kernel lets this program type read or write), how a
// BPF_PROG_TEST_RUN-style input becomes the VM's context and packet, and what the kernel hands
// back (data_out, ctx_out). Everything here was measured against the running 6.18 kernel
// (tests/kernel/ctx-*.test.ts keep it honest).

import type { ProgTypeName } from '../asm/types.js';
import type { RunInput } from '../vm/types.js';

/**
 * How the kernel's rewritten load of a context field behaves.
 * - 'value': a plain integer field; `target` is the width of the kernel object it really reads
 *   (struct sk_buff's protocol is a u16 behind a u32 __sk_buff field).
 * - 'data' | 'data_end' | 'data_meta': packet pointers; a u32 load yields the 64-bit address.
 * - 'bytes': memory copied verbatim (cb[]): any aligned access inside it reads the bytes.
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
  /** data_in: for skb and XDP types a whole Ethernet frame. */
  dataIn: Uint8Array;
  /** ctx_in: the context struct's bytes (shorter is zero-padded; an empty array counts as absent). */
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

export interface ProgTypeSpec {
  readonly name: ProgTypeName;
  /** enum bpf_prog_type value. */
  readonly kernelId: number;
  readonly ctx: CtxLayout;
  /** Which fields this program type may read ('r') or also write ('rw'); absent = no access. */
  readonly access: Readonly<Record<string, CtxAccess>>;
  /** Named return values (empty when any value is meaningful, e.g. socket filters' byte counts). */
  readonly returnCodes: readonly ReturnCode[];
  /** What r0 means, one line. */
  readonly returnDoc: string;
  readonly doc: string;
  prepare(input: TestRunInput): PrepareResult;
  /** data_out the kernel returns, given the VM's packet (and metadata, when it tracks it) after the run. */
  packetOut(run: PreparedRun, packet: Uint8Array | null, meta?: Uint8Array | null): Uint8Array;
  /** ctx_out the kernel returns (null without ctx_in), given the context bytes after the run. */
  ctxOut(run: PreparedRun, ctxBytes: Uint8Array, packetLength: number, metaLength?: number): Uint8Array | null;
}
