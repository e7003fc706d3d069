// The examples menu's programs: each a .s file in programs/ (with `.prog`/`.map` directives and a
// comment header saying what it shows and, for the ones the verifier rejects, why) plus an input
// it runs on. tests/examples checks that every one assembles, that the kernel accepts or rejects
// it exactly as its `; expect:` line says, and that it runs in the VM without a fault.
import type { Session, SessionInput, SessionMap } from '../../core/share/index.js';
import hello from './programs/hello.s?raw';
import xdpDropAll from './programs/xdp-drop-all.s?raw';
import xdpPassPort from './programs/xdp-pass-port.s?raw';
import socketFilter from './programs/socket-filter.s?raw';
import protoCounter from './programs/proto-counter.s?raw';
import boundedLoop from './programs/bounded-loop.s?raw';
import bpf2bpfCall from './programs/bpf2bpf-call.s?raw';
import ringbufEvent from './programs/ringbuf-event.s?raw';
import tailCall from './programs/tail-call.s?raw';
import rejectNullCheck from './programs/reject-null-check.s?raw';
import rejectPacketBounds from './programs/reject-packet-bounds.s?raw';
import rejectUninit from './programs/reject-uninit.s?raw';
import rejectUnboundedLoop from './programs/reject-unbounded-loop.s?raw';
import rejectRingbufLeak from './programs/reject-ringbuf-leak.s?raw';
import rejectReturnCode from './programs/reject-return-code.s?raw';

export type ExampleGroup = 'Basics' | 'Packets' | 'Maps and events' | 'Rejected by the verifier';
export const EXAMPLE_GROUPS: readonly ExampleGroup[] = ['Basics', 'Packets', 'Maps and events', 'Rejected by the verifier'];

export interface Example {
  /** The file name without `.s`; stable, used in tests and test ids. */
  id: string;
  title: string;
  group: ExampleGroup;
  source: string;
  input: SessionInput;
  /** Initial map contents. */
  maps: SessionMap[];
}

/** What an example's `; expect:` line says the kernel's verifier does with it. */
export type ExpectedVerdict = { accepted: true } | { accepted: false; message: string };

const packet = (spec: string, ctx: string[] = []): SessionInput => ({ packet: spec, ctx, env: [], maxSteps: null });
/** A u32 key and u64 value, little-endian, as hex. */
const u32u64 = (key: number, value: number): { key: string; value: string } => {
  const le = (v: number, bytes: number) => Array.from({ length: bytes }, (_, i) => (Math.floor(v / 256 ** i) % 256).toString(16).padStart(2, '0')).join('');
  return { key: le(key, 4), value: le(value, 8) };
};

export const EXAMPLES: readonly Example[] = [
  { id: 'hello', title: 'Hello, world', group: 'Basics', source: hello, input: packet('eth/ipv4/udp'), maps: [] },
  { id: 'xdp-drop-all', title: 'XDP: drop everything', group: 'Basics', source: xdpDropAll, input: packet('eth/ipv4/tcp(dport=80)'), maps: [] },
  { id: 'bounded-loop', title: 'Bounded loop', group: 'Basics', source: boundedLoop, input: packet('eth/ipv4/udp'), maps: [] },
  { id: 'bpf2bpf-call', title: 'Function call (bpf-to-bpf)', group: 'Basics', source: bpf2bpfCall, input: packet('eth/ipv4/udp(dport=53)'), maps: [] },
  { id: 'xdp-pass-port', title: 'XDP: pass TCP port 80 only', group: 'Packets', source: xdpPassPort, input: packet('eth/ipv4/tcp(dport=80)'), maps: [] },
  { id: 'socket-filter', title: 'Socket filter: keep TCP', group: 'Packets', source: socketFilter, input: packet('eth/ipv4/tcp(dport=443)/payload(text=hello)'), maps: [] },
  { id: 'tail-call', title: 'Tail call dispatcher', group: 'Packets', source: tailCall, input: packet('eth/ipv4/icmp'), maps: [] },
  {
    id: 'proto-counter', title: 'Packets per protocol (hash map)', group: 'Maps and events', source: protoCounter,
    input: packet('eth/ipv4/tcp(dport=22)'), maps: [{ name: 'counts', entries: [u32u64(6, 41)] }],
  },
  { id: 'ringbuf-event', title: 'Ring buffer event', group: 'Maps and events', source: ringbufEvent, input: packet('eth/ipv6/udp'), maps: [] },
  {
    id: 'reject-null-check', title: 'Rejected: missing NULL check', group: 'Rejected by the verifier', source: rejectNullCheck,
    // With TCP's counter present this run works; with an empty map it would dereference NULL.
    input: packet('eth/ipv4/tcp'), maps: [{ name: 'counts', entries: [u32u64(6, 1)] }],
  },
  { id: 'reject-packet-bounds', title: 'Rejected: packet read without bounds check', group: 'Rejected by the verifier', source: rejectPacketBounds, input: packet('eth/ipv4/tcp'), maps: [] },
  { id: 'reject-uninit', title: 'Rejected: uninitialised register', group: 'Rejected by the verifier', source: rejectUninit, input: packet('eth/ipv4/tcp'), maps: [] },
  { id: 'reject-unbounded-loop', title: 'Rejected: unbounded loop', group: 'Rejected by the verifier', source: rejectUnboundedLoop, input: packet('eth/ipv4/tcp', ['ingress_ifindex=1']), maps: [] },
  { id: 'reject-ringbuf-leak', title: 'Rejected: leaked ring buffer record', group: 'Rejected by the verifier', source: rejectRingbufLeak, input: packet('eth/ipv4/tcp'), maps: [] },
  { id: 'reject-return-code', title: 'Rejected: return value out of range', group: 'Rejected by the verifier', source: rejectReturnCode, input: packet('eth/ipv4/tcp'), maps: [] },
];

export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}

/** The verdict an example's `; expect: accept` or `; expect: reject MESSAGE` line announces. */
export function expectedVerdict(source: string): ExpectedVerdict | null {
  const m = /^;\s*expect:\s*(accept|reject\s+(.+?))\s*$/m.exec(source);
  if (!m) return null;
  return m[1] === 'accept' ? { accepted: true } : { accepted: false, message: m[2]! };
}

/** The session an example opens as: its source, input and maps, nothing selected. */
export function exampleSession(e: Example): Session {
  return {
    source: e.source,
    progType: null,
    input: { ...e.input, ctx: [...e.input.ctx], env: [...e.input.env] },
    maps: e.maps.map((m) => ({ name: m.name, entries: m.entries.map((x) => ({ ...x })) })),
    breakpoints: [],
    step: null,
    selectedPc: null,
  };
}
