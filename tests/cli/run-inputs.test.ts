// `bpfiddle run`'s inputs and outputs beyond r0: packets from specs, context fields by name for
// every kind of program type, initial map contents, the simulated task (--env), and what a run
// leaves behind (printed lines, ring buffer records, the packet's changes, the maps), in text and
// JSON, with located errors and the right exit status for each kind of mistake.

import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/commands/run.js';
import type { CliIO } from '../../src/cli/util.js';

async function bpfiddleRun(args: string[], files: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (d) => { out += typeof d === 'string' ? d : Buffer.from(d).toString(); },
    err: (t) => { err += t; },
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(files[p]);
    },
    writeFile: () => {},
    readStdin: async () => new Uint8Array(0),
  };
  const code = await run(args, io);
  return { code, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
}

const TTL = `.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 34
  if r4 > r3 goto out
  r5 = *(u8 *)(r2 + 22)
  r5 -= 1
  *(u8 *)(r2 + 22) = r5
  r5 = *(u16 *)(r2 + 24)
  r5 = be16 r5
  r5 += 0x0100
  r6 = r5
  r6 >>= 16
  r5 += r6
  r5 = be16 r5
  *(u16 *)(r2 + 24) = r5
out:
  r0 = 2
  exit
`;

const COUNTER = `.prog xdp
.map counts hash key=4 value=8 max_entries=8
.map percpu percpu_array key=4 value=8 max_entries=1
  r1 = 7
  *(u32 *)(r10 - 4) = r1
  r1 = counts ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
  r1 = 0
  *(u32 *)(r10 - 4) = r1
  r1 = percpu ll
  r2 = r10
  r2 += -4
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 5
  *(u64 *)(r0 + 0) = r1
out:
  r0 = 2
  exit
`;

/** Copies the first 34 bytes of the frame into a ring buffer record. */
const RINGBUF = `.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096
  r6 = r1
  r1 = events ll
  r2 = 34
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r7 = r0
  r1 = r7
  r2 = 34
  r3 = *(u32 *)(r6 + 0)
  call bpf_probe_read_kernel
  r1 = r7
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 2
  exit
`;

describe('bpfiddle run --packet', () => {
  it('builds data_in from a packet spec and names the verdict', async () => {
    const r = await bpfiddleRun(['t.s', '--packet', 'eth/ipv4(ttl=64,src=10.0.0.1,dst=10.0.0.2)/udp'], { 't.s': TTL });
    expect(r.code).toBe(0);
    expect(r.out).toContain('r0 = 0x0000000000000002 (2) XDP_PASS\n');
  });

  it('shows what the program changed in the packet, by field and byte', async () => {
    const r = await bpfiddleRun(['t.s', '--packet', 'eth/ipv4(ttl=64,src=10.0.0.1,dst=10.0.0.2)/udp'], { 't.s': TTL });
    expect(r.out).toContain([
      'packet: 42 → 42 bytes, 2 bytes new or changed',
      '  ipv4.ttl: 64 → 63',
      '  ipv4.chksum: 0x66ce (correct) → 0x67ce (correct)',
      '  changed bytes: 22, 24',
    ].join('\n'));
    const j = await bpfiddleRun(['t.s', '--packet', 'eth/ipv4(ttl=64,src=10.0.0.1,dst=10.0.0.2)/udp', '--json'], { 't.s': TTL });
    expect(j.json().packetChanges).toEqual({
      delta: 0,
      changed: [{ offset: 22, length: 1 }, { offset: 24, length: 1 }],
      fields: [{ path: 'ipv4.ttl', before: '64', after: '63' }, { path: 'ipv4.chksum', before: '0x66ce (correct)', after: '0x67ce (correct)' }],
    });
  });

  it('takes hex too, and reports a bad spec at its column with the usage status', async () => {
    const hex = await bpfiddleRun(['t.s', '--packet', '02000000000202000000000108060001', '--json'], { 't.s': '.prog xdp\nr0 = 1\nexit\n' });
    expect(hex.json().packet).toBe('02000000000202000000000108060001');
    const bad = await bpfiddleRun(['t.s', '--packet', 'eth/ipv4(ttl=300)/udp'], { 't.s': TTL });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^bpfiddle run: --packet: packet spec, column 14: ttl must be 0\.\.255 \(8 bits\), got 300\n/);
    const both = await bpfiddleRun(['t.s', '--packet', 'eth', '--data', '00'], { 't.s': TTL });
    expect(both.code).toBe(2);
    expect(both.err).toContain('--data and --packet are exclusive');
  });
});

describe('bpfiddle run --map', () => {
  it('loads initial entries and prints every map after the run, per-CPU values per CPU', async () => {
    const r = await bpfiddleRun(['c.s', '--map', 'counts=7:u32=41:u64', '--map', 'counts=8:u32=1:u64'], { 'c.s': COUNTER });
    expect(r.code).toBe(0);
    expect(r.out).toContain([
      'maps:',
      '  counts (hash, 2 entries)',
    ].join('\n'));
    expect(r.out).toContain('    07000000 (7): 2a00000000000000 (42)');
    expect(r.out).toContain('    08000000 (8): 0100000000000000 (1)');
    expect(r.out).toContain('  percpu (percpu_array, 1 entry)\n    00000000 (0): cpu0 0500000000000000 (5), cpu1 0000000000000000 (0)');
    const j = await bpfiddleRun(['c.s', '--map', 'counts=7:u32=41:u64', '--json'], { 'c.s': COUNTER });
    expect(j.json().maps).toEqual([
      { name: 'counts', type: 'hash', entries: [{ key: '07000000', value: '2a00000000000000' }] },
      { name: 'percpu', type: 'percpu_array', entries: [{ key: '00000000', values: ['0500000000000000', '0000000000000000'] }] },
    ]);
  });

  it('reads keys and values as addresses, big-endian integers, hex and concatenations', async () => {
    const prog = '.prog xdp\n.map m hash key=8 value=4 max_entries=4\nr0 = 2\nexit\n';
    const j = await bpfiddleRun(['m.s', '--map', 'm=10.0.0.1+80:be16+0a0b=str:abcd', '--json'], { 'm.s': prog });
    expect(j.json().maps).toEqual([{ name: 'm', type: 'hash', entries: [{ key: '0a00000100500a0b', value: '61626364' }] }]);
  });

  it('says which map option is wrong and how', async () => {
    const width = await bpfiddleRun(['c.s', '--map', 'counts=7=1:u64'], { 'c.s': COUNTER });
    expect(width.code).toBe(2);
    expect(width.err).toContain("--map counts=7=1:u64: key: '7' needs a width: 7:u32, 7:u64, 7:be16");
    const name = await bpfiddleRun(['c.s', '--map', 'count=7:u32=1:u64'], { 'c.s': COUNTER });
    expect(name).toMatchObject({ code: 1, err: "bpfiddle run: --map count: the program declares no map 'count' (it has counts, percpu)\n" });
    const size = await bpfiddleRun(['c.s', '--map', 'counts=7:u32=1:u32'], { 'c.s': COUNTER });
    expect(size).toMatchObject({ code: 1, err: 'bpfiddle run: map counts: entry 0: values are 8 bytes, got 4\n' });
  });
});

describe('bpfiddle run outputs', () => {
  it('prints ring buffer records, dissecting those that hold a packet', async () => {
    const r = await bpfiddleRun(['r.s', '--packet', 'eth/ipv4(src=10.0.0.1,dst=10.0.0.2)/udp'], { 'r.s': RINGBUF });
    expect(r.code).toBe(0);
    expect(r.out).toContain('ring buffer events: 1 record\n  #0 34 bytes: 02000000 00020200 00000001 08004500 001c0001 00004011 66ce0a00 00010a00 0002\n');
    expect(r.out).toContain('      10.0.0.1 → 10.0.0.2');
    const j = await bpfiddleRun(['r.s', '--packet', 'eth/ipv4/udp', '--json'], { 'r.s': RINGBUF });
    const rb = j.json().ringbuf as { map: string; records: { size: number; discarded: boolean; busy: boolean; data: string }[] }[];
    expect(rb).toHaveLength(1);
    expect(rb[0]).toMatchObject({ map: 'events', records: [{ size: 34, discarded: false, busy: false }] });
  });

  it('--env sets what task helpers answer, and trace_printk lines are printed', async () => {
    const prog = `.prog kprobe
  r6 = r1
  call bpf_get_current_pid_tgid
  r3 = r0
  r3 >>= 32
  r1 = 0x0a64252064697074 ll
  *(u64 *)(r10 - 16) = r1
  r1 = 0
  *(u64 *)(r10 - 8) = r1
  r1 = r10
  r1 += -16
  r2 = 16
  call bpf_trace_printk
  r0 = *(u64 *)(r6 + 112)
  exit
`;
    const r = await bpfiddleRun(['k.s', '--env', 'tgid=1234', '--env', 'pid=77', '--ctx', 'rdi=0xffff'], { 'k.s': prog });
    expect(r.out).toBe('r0 = 0x000000000000ffff (65535)\nsteps: 14\noutput: tpid 1234\nverifier: the kernel would accept this program\n');
    const bad = await bpfiddleRun(['k.s', '--env', 'pod=1'], { 'k.s': prog });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--env 'pod=1' is not KEY=VALUE with KEY one of pid, tgid");
  });
});

describe('bpfiddle run --ctx', () => {
  const skb = '.prog tc\nr0 = *(u32 *)(r1 + 8)\nr2 = *(u32 *)(r1 + 56)\nr0 += r2\nexit\n';

  it('sets __sk_buff fields that ctx_in accepts, and explains the ones it does not', async () => {
    const r = await bpfiddleRun(['s.s', '--ctx', 'mark=5', '--ctx', 'cb[2]=0x100'], { 's.s': skb });
    expect(r.out).toContain('r0 = 0x0000000000000105 (261)\n');
    const len = await bpfiddleRun(['s.s', '--ctx', 'len=5'], { 's.s': skb });
    expect(len.code).toBe(1);
    expect(len.err).toContain('__sk_buff.len cannot be given a value: test runs do not accept it in ctx_in');
    const syntax = await bpfiddleRun(['s.s', '--ctx', 'mark'], { 's.s': skb });
    expect(syntax.code).toBe(2);
    expect(syntax.err).toContain("--ctx mark: 'mark' is not FIELD=VALUE");
  });

  it('gives kprobes their registers, raw tracepoints their arguments and perf events their sample', async () => {
    const kp = await bpfiddleRun(['k.s', '--ctx', 'rsi=40', '--ctx', 'rdi=2'], { 'k.s': '.prog kprobe\nr0 = *(u64 *)(r1 + 104)\nr2 = *(u64 *)(r1 + 112)\nr0 += r2\nexit\n' });
    expect(kp.out).toBe('r0 = 0x000000000000002a (42)\nsteps: 4\nverifier: the kernel would accept this program\n');
    const raw = await bpfiddleRun(['r.s', '--ctx', 'args[1]=59'], { 'r.s': '.prog raw_tracepoint\nr0 = *(u64 *)(r1 + 8)\nexit\n' });
    expect(raw.out).toBe('r0 = 0x000000000000003b (59)\nsteps: 2\nverifier: the kernel would accept this program\n');
    const perf = await bpfiddleRun(['p.s', '--ctx', 'sample_period=100000', '--ctx', 'rip=0x10'], { 'p.s': '.prog perf_event\nr0 = *(u64 *)(r1 + 168)\nr2 = *(u64 *)(r1 + 128)\nr0 += r2\nexit\n' });
    expect(perf.out).toBe('r0 = 0x00000000000186b0 (100016)\nsteps: 4\nverifier: the kernel would accept this program\n');
    const pkt = await bpfiddleRun(['k.s', '--packet', 'eth'], { 'k.s': '.prog kprobe\nr0 = 0\nexit\n' });
    expect(pkt).toMatchObject({ code: 1, err: 'bpfiddle run: kprobe programs take no packet (--data/--packet); give the context with --ctx FIELD=VALUE\n' });
  });

  it('fills a tracepoint record by the event\'s field names', async () => {
    const prog = '.prog tracepoint\nr0 = *(u32 *)(r1 + 56)\nr2 = *(u8 *)(r1 + 40)\nr0 += r2\nexit\n';
    const r = await bpfiddleRun(['t.s', '--tracepoint', 'sched/sched_switch', '--ctx', 'next_pid=300', '--ctx', 'next_comm=str:bash'], { 't.s': prog });
    expect(r.out).toBe(`r0 = 0x${(300 + 0x62).toString(16).padStart(16, '0')} (${300 + 0x62})\nsteps: 4\nverifier: the kernel would accept this program\n`);
    const past = await bpfiddleRun(['t.s', '--tracepoint', 'raw_syscalls/sys_exit'], { 't.s': prog });
    expect(past.code).toBe(1);
    expect(past.out).toContain('fault at insn 0 (out_of_bounds): read of 4 bytes at offset 56 of trace_event_raw (24 bytes) is out of bounds');
  });
});

describe('bpfiddle run --attach', () => {
  it('names cgroup_skb verdicts and refuses attach types the program type does not have', async () => {
    const prog = '.prog cgroup_skb\nr0 = 3\nexit\n';
    const r = await bpfiddleRun(['c.s', '--attach', 'cgroup_inet_egress', '--data', '000000000000020000000001080045000014000000004006000000000000000000000000'], { 'c.s': prog });
    expect(r.out).toContain('r0 = 0x0000000000000003 (3) pass+cn');
    const bad = await bpfiddleRun(['c.s', '--attach', 'sideways'], { 'c.s': prog });
    expect(bad).toMatchObject({ code: 1, err: "bpfiddle run: --attach: cgroup_skb programs take cgroup_inet_ingress or cgroup_inet_egress, not 'sideways'\n" });
  });
});
