// `bpfiddle verify`: the kernel-style log, exit codes (0 accepted, 1 rejected or not assembled,
// 2 bad usage), --log-level, --type, --json with the error's source line and the path tree, and
// raw bytecode input.

import { describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/commands/verify.js';
import type { CliIO } from '../../../src/cli/util.js';

async function bpfiddleVerify(args: string[], files: Record<string, string | Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (d) => { out.push(typeof d === 'string' ? d : Buffer.from(d).toString()); },
    err: (t) => { err.push(t); },
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: () => {},
    readStdin: async () => new TextEncoder().encode(String(files['-'] ?? '')),
  };
  const code = await run(args, io);
  return { code, out: out.join(''), err: err.join('') };
}

const OK = `.prog xdp
.map counts hash key=4 value=8 max_entries=16
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
out:
  r0 = 2
  exit
`;

// Line 8 (`r1 = *(u64 *)(r0 + 0)`) is instruction 6: the null check is missing.
const BAD = `.prog xdp
.map counts hash key=4 value=8 max_entries=16
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
`;

describe('bpfiddle verify', () => {
  it('an accepted program: the level-1 log (the statistics line) and exit status 0', async () => {
    const r = await bpfiddleVerify(['ok.s'], { 'ok.s': OK });
    expect(r).toEqual({
      code: 0, err: '',
      out: 'processed 11 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0\n',
    });
  });

  it('a rejected program: the failing path, the error and exit status 1; maps are named as in the source', async () => {
    const r = await bpfiddleVerify(['bad.s'], { 'bad.s': BAD });
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      '0: R1=ctx() R10=fp0',
      '0: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????',
      '1: (bf) r2 = r10                      ; R2=fp0 R10=fp0',
      '2: (07) r2 += -4                      ; R2=fp-4',
      '3: (18) r1 = 0xffff888100000000       ; R1=map_ptr(map=counts,ks=4,vs=8)',
      '5: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=1,map=counts,ks=4,vs=8)',
      '6: (79) r1 = *(u64 *)(r0 +0)',
      "R0 invalid mem access 'map_value_or_null'",
      'processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0',
      '',
    ]);
  });

  it('--log-level 2 logs every path with the subprogram and liveness preamble', async () => {
    const r = await bpfiddleVerify(['ok.s', '--log-level', '2'], { 'ok.s': OK });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['func#0 @0', 'Live regs before insn:']);
    expect(lines).toContain('8: (db) lock *(u64 *)(r0 +0) += r1    ; R0=map_value(map=counts,ks=4,vs=8) R1=1');
    expect(lines.slice(-3)).toEqual([
      'from 6 to 9: safe',
      'processed 11 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0',
      '',
    ]);
  });

  it('--json: verdict, error with pc, source line and message, processed, log and paths', async () => {
    const r = await bpfiddleVerify(['bad.s', '--json'], { 'bad.s': BAD });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      accepted: false,
      error: { pc: 6, line: 8, message: "R0 invalid mem access 'map_value_or_null'" },
      processed: 6,
    });
    expect(j.log).toContain("R0 invalid mem access 'map_value_or_null'");
    expect(j.paths.truncated).toBe(false);
    expect(j.paths.paths).toHaveLength(1);
    const p = j.paths.paths[0];
    expect(p).toMatchObject({ id: 0, parent: null, fromPc: null, startPc: 0, end: { kind: 'error', pc: 6 } });
    expect(p.steps.map((s: { pc: number }) => s.pc)).toEqual([0, 1, 2, 3, 5]);
    expect(p.steps[4].state).toBe('R0=map_value_or_null(id=1,map=counts,ks=4,vs=8) R10=fp0 fp-8=0000????');
  });

  it('--json for an accepted program: every path and how it ended', async () => {
    const j = JSON.parse((await bpfiddleVerify(['ok.s', '--json'], { 'ok.s': OK })).out);
    expect(j.accepted).toBe(true);
    expect(j.error).toBeNull();
    expect(j.paths.paths.map((p: { id: number; parent: number | null; fromPc: number | null; end: unknown }) =>
      [p.id, p.parent, p.fromPc, p.end])).toEqual([
      [0, null, null, { kind: 'exit', pc: 10 }],
      [1, 0, 6, { kind: 'pruned', pc: 9 }],
    ]);
  });

  it('--type overrides the source\'s .prog', async () => {
    const src = 'r0 = *(u32 *)(r1 + 0)\nexit\n';
    expect((await bpfiddleVerify(['p.s'], { 'p.s': src })).code).toBe(0);
    const r = await bpfiddleVerify(['p.s', '--type', 'kprobe', '--json'], { 'p.s': src });
    expect(JSON.parse(r.out).accepted).toBe(true);
    const x = await bpfiddleVerify(['p.s', '--type', 'tracepoint'], { 'p.s': src });
    expect(x.code).toBe(1);
    expect(x.out).toContain('invalid bpf_context access off=0 size=4');
  });

  it('raw bytecode (little-endian struct bpf_insn) is verified as a socket filter', async () => {
    const bytes = new Uint8Array(16);
    bytes.set([0xb7, 0x00, 0, 0, 1, 0, 0, 0]); // r0 = 1
    bytes.set([0x95, 0, 0, 0, 0, 0, 0, 0], 8); // exit
    const r = await bpfiddleVerify(['p.bin'], { 'p.bin': bytes });
    expect(r.code).toBe(0);
    expect(r.out).toBe('processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n');
  });

  it('reads standard input with -', async () => {
    const r = await bpfiddleVerify(['-'], { '-': 'exit\n' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('R0 !read_ok');
  });

  it('a source that does not assemble: compiler-style diagnostics and exit status 1', async () => {
    const r = await bpfiddleVerify(['p.s'], { 'p.s': 'r0 = \nexit\n' });
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^p\.s:1:\d+: error: /);
    expect(r.err).toContain('1 error generated.');
  });

  it('bad usage exits with status 2', async () => {
    expect((await bpfiddleVerify([], {})).code).toBe(2);
    expect((await bpfiddleVerify(['a.s', 'b.s'], {})).code).toBe(2);
    expect((await bpfiddleVerify(['p.s', '--log-level', '3'], { 'p.s': OK })).code).toBe(2);
    const r = await bpfiddleVerify(['p.s', '--type', 'lsm'], { 'p.s': OK });
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown program type 'lsm'");
  });

  it('a missing file is an error (status 1)', async () => {
    const r = await bpfiddleVerify(['nope.s'], {});
    expect(r.code).toBe(1);
    expect(r.err).toContain('bpfiddle verify:');
  });
});
