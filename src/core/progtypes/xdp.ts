// struct xdp_md and how BPF_PROG_TEST_RUN builds an xdp_buff from data_in (bpf_prog_test_run_xdp,
// Linux 6.18): one 4 KiB page with XDP_PACKET_HEADROOM (256) bytes in front and the skb_shared_info
// behind, so at most 3520 bytes are linear; the rest of data_in goes into page fragments the
// program cannot reach directly but data_out includes. ctx_in's `data` is the length of metadata
// taken from the front of data_in (data_meta .. data). Facts measured in tests/kernel/ctx-*.test.ts.

import { readLE, writeLE } from '../vm/bytes.js';
import { ctxSpec, padCtxIn } from './ctx.js';
import { ETH_HLEN } from './skb.js';
import type { CtxField, CtxLayout, PrepareResult, PreparedRun, ProgTypeSpec, TestRunInput } from './types.js';

export const XDP_PACKET_HEADROOM = 256;
/** sizeof(struct xdp_frame): the front of the headroom that adjust_head/adjust_meta never hand out. */
export const XDP_FRAME_SIZE = 40;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) at the end of the page. */
export const XDP_TAILROOM = 320;
const PAGE_SIZE = 4096;
const MAX_SKB_FRAGS = 17;
/** Linear packet bytes without metadata: PAGE_SIZE - XDP_PACKET_HEADROOM - XDP_TAILROOM. */
export const XDP_MAX_LINEAR = PAGE_SIZE - XDP_PACKET_HEADROOM - XDP_TAILROOM;

const u32 = (name: string, offset: number, kind: CtxField['kind'], doc: string): CtxField =>
  ({ name, offset, size: 4, kind, target: 4, narrow: false, doc });

export const XDP_MD: CtxLayout = {
  struct: 'xdp_md',
  size: 24,
  fields: [
    u32('data', 0, 'data', 'pointer to the first packet byte'),
    u32('data_end', 4, 'data_end', 'pointer one past the last linear packet byte'),
    u32('data_meta', 8, 'data_meta', 'pointer to the metadata in front of data (equals data without metadata)'),
    u32('ingress_ifindex', 12, 'value', 'receiving interface (1, loopback, in test runs unless ctx_in names one)'),
    u32('rx_queue_index', 16, 'value', 'receive queue index'),
    u32('egress_ifindex', 20, 'value', 'transmit interface (devmap programs only)'),
  ],
};

const off = (name: string): number => XDP_MD.fields.find((f) => f.name === name)!.offset;
const fail = (errno: 'EINVAL' | 'E2BIG' | 'ENOMEM', message: string): PrepareResult => ({ ok: false, error: { errno, message } });

export function prepareXdp(spec: ProgTypeSpec, input: TestRunInput): PrepareResult {
  const data = input.dataIn ?? new Uint8Array(0);
  const ctxIn = padCtxIn(input.ctxIn, XDP_MD.size);
  if (ctxIn === 'E2BIG') return fail('E2BIG', `ctx_in has non-zero bytes past the ${XDP_MD.size}-byte struct xdp_md`);
  let metaLen = 0;
  let linear = data.length;
  let ingress = 1n;
  let queue = 0n;
  if (ctxIn) {
    const get = (name: string): number => Number(readLE(ctxIn, off(name), 4));
    if (get('data_meta') !== 0) return fail('EINVAL', 'ctx_in data_meta must be 0 (metadata starts data_in)');
    if (get('data_end') > data.length) return fail('EINVAL', `ctx_in data_end ${get('data_end')} is past data_in (${data.length} bytes)`);
    if (get('data') > get('data_end')) return fail('EINVAL', `ctx_in data ${get('data')} is after data_end ${get('data_end')}`);
    metaLen = get('data');
    if (metaLen % 4 !== 0 || metaLen > XDP_PACKET_HEADROOM - XDP_FRAME_SIZE) {
      return fail('EINVAL', `ctx_in data (the metadata length) ${metaLen} must be a multiple of 4 and at most ${XDP_PACKET_HEADROOM - XDP_FRAME_SIZE}`);
    }
    linear = get('data_end');
    if (get('egress_ifindex') !== 0) return fail('EINVAL', 'ctx_in egress_ifindex must be 0');
    const ifindex = get('ingress_ifindex');
    if (ifindex === 0 && get('rx_queue_index') !== 0) return fail('EINVAL', 'ctx_in rx_queue_index needs an ingress_ifindex');
    // The loopback device has one receive queue; other devices are the kernel's to check.
    if (ifindex === 1 && get('rx_queue_index') !== 0) return fail('EINVAL', `loopback has no receive queue ${get('rx_queue_index')}`);
    if (ifindex !== 0) ingress = BigInt(ifindex);
    queue = BigInt(get('rx_queue_index'));
  }
  const maxLinear = XDP_MAX_LINEAR + metaLen;
  linear = Math.min(linear, maxLinear);
  if (data.length - metaLen < ETH_HLEN) return fail('EINVAL', `data_in has ${data.length - metaLen} packet bytes, fewer than an Ethernet header (${ETH_HLEN})`);
  if (data.length - linear > MAX_SKB_FRAGS * PAGE_SIZE) {
    return fail('ENOMEM', `data_in is ${data.length} bytes; an XDP test run holds at most ${maxLinear + MAX_SKB_FRAGS * PAGE_SIZE}`);
  }
  const ctx = new Uint8Array(XDP_MD.size);
  writeLE(ctx, off('ingress_ifindex'), 4, ingress);
  writeLE(ctx, off('rx_queue_index'), 4, queue);
  const run: PreparedRun = {
    progType: spec.name,
    input: {
      ctx: ctxSpec(spec, ctx),
      packet: {
        bytes: data.slice(metaLen, linear),
        meta: data.slice(0, metaLen),
        // data sits XDP_PACKET_HEADROOM bytes into the page whatever the metadata, which lives
        // in that headroom.
        headroom: XDP_PACKET_HEADROOM,
        tailroom: maxLinear - linear,
      },
    },
    meta: data.slice(0, metaLen),
    zeroPrefix: 0,
    frags: data.slice(linear),
    ctxIn,
  };
  return { ok: true, run };
}

/** data_out: data_meta .. data_end, then the fragments. */
export function xdpPacketOut(run: PreparedRun, packet: Uint8Array | null, meta?: Uint8Array | null): Uint8Array {
  const m = meta ?? run.meta;
  const p = packet ?? new Uint8Array(0);
  const out = new Uint8Array(m.length + p.length + run.frags.length);
  out.set(m, 0);
  out.set(p, m.length);
  out.set(run.frags, m.length + p.length);
  return out;
}

/** ctx_out: ctx_in with data and data_end made relative to data_meta (xdp_convert_buff_to_md). */
export function xdpCtxOut(run: PreparedRun, packetLength: number, metaLength?: number): Uint8Array | null {
  if (!run.ctxIn) return null;
  const out = run.ctxIn.slice();
  const m = metaLength ?? run.meta.length;
  writeLE(out, off('data'), 4, BigInt(m));
  writeLE(out, off('data_end'), 4, BigInt(m + packetLength));
  return out;
}
