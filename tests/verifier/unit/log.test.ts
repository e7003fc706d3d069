// The verifier log, line for line: each program's whole log at level 1 and at level 2 (the
// precision-tracking lines are covered by precision.test.ts and log2-corpus.test.ts), recorded from bpfiddle and equal to the running 6.18.44 kernel's log except for the kernel
// addresses of maps (bpfiddle prints illustrative ones).

import { describe, expect, it } from 'vitest';
import { kernel, kernelIt } from '../../kernel/oracle.js';
import { programOf } from './cases.js';
import { verify } from '../../../src/core/verifier/index.js';
import type { KernelMap } from '../../../tools/kernel.js';

interface LogCase { name: string; src: string; level1: string; level2?: string }

/** Kernel addresses of map pointers differ from load to load (and from bpfiddle's). */
const addrs = (log: string): string => log.replace(/0xffff[0-9a-f]{12}/g, '<map address>');

const CASES: LogCase[] = [
  {
    name: "straight-line ALU",
    src: `.prog socket_filter
  r0 = 1
  r1 = 2
  r0 += r1
  exit
`,
    level1: `processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .......... (b7) r0 = 1
      1: 0......... (b7) r1 = 2
      2: 01........ (0f) r0 += r1
      3: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (b7) r0 = 1                        ; R0=1
1: (b7) r1 = 2                        ; R1=2
2: (0f) r0 += r1                      ; R0=3 R1=2
3: (95) exit
processed 4 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "a branch on an unknown value",
    src: `.prog xdp
  call bpf_get_prandom_u32
  if r0 > 10 goto big
  r0 = 1
  exit
big:
  r0 = 2
  exit
`,
    level1: `processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .......... (85) call bpf_get_prandom_u32#7
      1: 0......... (25) if r0 > 0xa goto pc+2
      2: .......... (b7) r0 = 1
      3: 0......... (95) exit
      4: .......... (b7) r0 = 2
      5: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (85) call bpf_get_prandom_u32#7    ; R0=scalar()
1: (25) if r0 > 0xa goto pc+2         ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))
2: (b7) r0 = 1                        ; R0=1
3: (95) exit

from 1 to 4: R0=scalar(umin=11) R10=fp0
4: R0=scalar(umin=11) R10=fp0
4: (b7) r0 = 2                        ; R0=2
5: (95) exit
processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "a map lookup, null check and atomic add",
    src: `.prog xdp
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
`,
    level1: `processed 11 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .......... (62) *(u32 *)(r10 -4) = 0
      1: .......... (bf) r2 = r10
      2: ..2....... (07) r2 += -4
      3: ..2....... (18) r1 = 0xffff888100000000
      5: .12....... (85) call bpf_map_lookup_elem#1
      6: 0......... (15) if r0 == 0x0 goto pc+2
      7: 0......... (b7) r1 = 1
      8: 01........ (db) lock *(u64 *)(r0 +0) += r1
      9: .......... (b7) r0 = 2
     10: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????
1: (bf) r2 = r10                      ; R2=fp0 R10=fp0
2: (07) r2 += -4                      ; R2=fp-4
3: (18) r1 = 0xffff888100000000       ; R1=map_ptr(ks=4,vs=8)
5: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=1,ks=4,vs=8)
6: (15) if r0 == 0x0 goto pc+2        ; R0=map_value(ks=4,vs=8)
7: (b7) r1 = 1                        ; R1=1
8: (db) lock *(u64 *)(r0 +0) += r1    ; R0=map_value(ks=4,vs=8) R1=1
9: (b7) r0 = 2                        ; R0=2
10: (95) exit
(0) frame 0 insn 5 +live -8 
(0) frame 0 insn 0 +live -8 
(0) live stack update done in 2 iterations

from 6 to 9: safe
processed 11 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
  },
  {
    name: "a packet bounds check",
    src: `.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 14
  if r4 > r3 goto drop
  r0 = *(u16 *)(r2 + 12)
  if r0 != 8 goto drop
  r0 = 2
  exit
drop:
  r0 = 1
  exit
`,
    level1: `processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .1........ (61) r2 = *(u32 *)(r1 +0)
      1: .12....... (61) r3 = *(u32 *)(r1 +4)
      2: ..23...... (bf) r4 = r2
      3: ..234..... (07) r4 += 14
      4: ..234..... (2d) if r4 > r3 goto pc+4
      5: ..2....... (69) r0 = *(u16 *)(r2 +12)
      6: 0......... (55) if r0 != 0x8 goto pc+2
      7: .......... (b7) r0 = 2
      8: 0......... (95) exit
      9: .......... (b7) r0 = 1
     10: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)
1: (61) r3 = *(u32 *)(r1 +4)          ; R1=ctx() R3=pkt_end()
2: (bf) r4 = r2                       ; R2=pkt(r=0) R4=pkt(r=0)
3: (07) r4 += 14                      ; R4=pkt(off=14,r=0)
4: (2d) if r4 > r3 goto pc+4          ; R3=pkt_end() R4=pkt(off=14,r=14)
5: (69) r0 = *(u16 *)(r2 +12)         ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff)) R2=pkt(r=14)
6: (55) if r0 != 0x8 goto pc+2        ; R0=8
7: (b7) r0 = 2                        ; R0=2
8: (95) exit

from 6 to 9: R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff)) R1=ctx() R2=pkt(r=14) R3=pkt_end() R4=pkt(off=14,r=14) R10=fp0
9: R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=0xffff,var_off=(0x0; 0xffff)) R1=ctx() R2=pkt(r=14) R3=pkt_end() R4=pkt(off=14,r=14) R10=fp0
9: (b7) r0 = 1                        ; R0=1
10: (95) exit

from 4 to 9: safe
processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
  },
  {
    name: "an error: a missing null check",
    src: `.prog xdp
.map counts hash key=4 value=8 max_entries=16
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = counts ll
  call bpf_map_lookup_elem
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
`,
    level1: `0: R1=ctx() R10=fp0
0: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????
1: (bf) r2 = r10                      ; R2=fp0 R10=fp0
2: (07) r2 += -4                      ; R2=fp-4
3: (18) r1 = 0xffff888100000000       ; R1=map_ptr(ks=4,vs=8)
5: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=1,ks=4,vs=8)
6: (79) r1 = *(u64 *)(r0 +0)
R0 invalid mem access 'map_value_or_null'
processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .......... (62) *(u32 *)(r10 -4) = 0
      1: .......... (bf) r2 = r10
      2: ..2....... (07) r2 += -4
      3: ..2....... (18) r1 = 0xffff888100000000
      5: .12....... (85) call bpf_map_lookup_elem#1
      6: 0......... (79) r1 = *(u64 *)(r0 +0)
      7: .......... (b7) r0 = 2
      8: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (62) *(u32 *)(r10 -4) = 0          ; R10=fp0 fp-8=0000????
1: (bf) r2 = r10                      ; R2=fp0 R10=fp0
2: (07) r2 += -4                      ; R2=fp-4
3: (18) r1 = 0xffff888100000000       ; R1=map_ptr(ks=4,vs=8)
5: (85) call bpf_map_lookup_elem#1    ; R0=map_value_or_null(id=1,ks=4,vs=8)
6: (79) r1 = *(u64 *)(r0 +0)
R0 invalid mem access 'map_value_or_null'
processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "an error on the second path",
    src: `.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 8
  if r4 > r3 goto out
  r0 = *(u64 *)(r2 + 0)
out:
  r0 = *(u8 *)(r2 + 0)
  r0 = 2
  exit
`,
    level1: `0: R1=ctx() R10=fp0
0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)
1: (61) r3 = *(u32 *)(r1 +4)          ; R1=ctx() R3=pkt_end()
2: (bf) r4 = r2                       ; R2=pkt(r=0) R4=pkt(r=0)
3: (07) r4 += 8                       ; R4=pkt(off=8,r=0)
4: (2d) if r4 > r3 goto pc+1 6: R1=ctx() R2=pkt(r=0) R3=pkt_end() R4=pkt(off=8,r=0xfffffffffffffffe) R10=fp0
6: (71) r0 = *(u8 *)(r2 +0)
invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)
R2 offset is outside of the packet
processed 10 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .1........ (61) r2 = *(u32 *)(r1 +0)
      1: .12....... (61) r3 = *(u32 *)(r1 +4)
      2: ..23...... (bf) r4 = r2
      3: ..234..... (07) r4 += 8
      4: ..234..... (2d) if r4 > r3 goto pc+1
      5: ..2....... (79) r0 = *(u64 *)(r2 +0)
      6: ..2....... (71) r0 = *(u8 *)(r2 +0)
      7: .......... (b7) r0 = 2
      8: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (61) r2 = *(u32 *)(r1 +0)          ; R1=ctx() R2=pkt(r=0)
1: (61) r3 = *(u32 *)(r1 +4)          ; R1=ctx() R3=pkt_end()
2: (bf) r4 = r2                       ; R2=pkt(r=0) R4=pkt(r=0)
3: (07) r4 += 8                       ; R4=pkt(off=8,r=0)
4: (2d) if r4 > r3 goto pc+1          ; R3=pkt_end() R4=pkt(off=8,r=8)
5: (79) r0 = *(u64 *)(r2 +0)          ; R0=scalar() R2=pkt(r=8)
6: (71) r0 = *(u8 *)(r2 +0)           ; R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff)) R2=pkt(r=8)
7: (b7) r0 = 2                        ; R0=2
8: (95) exit

from 4 to 6: R1=ctx() R2=pkt(r=0) R3=pkt_end() R4=pkt(off=8,r=0xfffffffffffffffe) R10=fp0
6: R1=ctx() R2=pkt(r=0) R3=pkt_end() R4=pkt(off=8,r=0xfffffffffffffffe) R10=fp0
6: (71) r0 = *(u8 *)(r2 +0)
invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)
R2 offset is outside of the packet
processed 10 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
  },
  {
    name: "a bpf-to-bpf call",
    src: `.prog xdp
  r1 = 5
  call double
  exit
double:
  r0 = r1
  r0 += r1
  exit
`,
    level1: `processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
    level2: `func#0 @0
func#1 @3
Live regs before insn:
      0: ..2345.... (b7) r1 = 5
      1: .12345.... (85) call pc+1
      2: 0......... (95) exit
      3: .1........ (bf) r0 = r1
      4: 01........ (0f) r0 += r1
      5: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (b7) r1 = 5                        ; R1=5
1: (85) call pc+1
caller:
 R10=fp0
callee:
 frame1: R1=5 R10=fp0
3: frame1: R1=5 R10=fp0
3: (bf) r0 = r1                       ; frame1: R0=5 R1=5
4: (0f) r0 += r1                      ; frame1: R0=10 R1=5
5: (95) exit
returning from callee:
 frame1: R0=10 R1=5 R10=fp0
to caller at 2:
 R0=10 R10=fp0

from 5 to 2: R0=10 R10=fp0
2: (95) exit
processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "spills and fills",
    src: `.prog kprobe
  *(u64 *)(r10 - 8) = r1
  r2 = 7
  *(u64 *)(r10 - 16) = r2
  *(u32 *)(r10 - 20) = 0
  r1 = *(u64 *)(r10 - 8)
  r0 = *(u64 *)(r10 - 16)
  exit
`,
    level1: `processed 7 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .1........ (7b) *(u64 *)(r10 -8) = r1
      1: .......... (b7) r2 = 7
      2: ..2....... (7b) *(u64 *)(r10 -16) = r2
      3: .......... (62) *(u32 *)(r10 -20) = 0
      4: .......... (79) r1 = *(u64 *)(r10 -8)
      5: .......... (79) r0 = *(u64 *)(r10 -16)
      6: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (7b) *(u64 *)(r10 -8) = r1         ; R1=ctx() R10=fp0 fp-8=ctx()
1: (b7) r2 = 7                        ; R2=7
2: (7b) *(u64 *)(r10 -16) = r2        ; R2=7 R10=fp0 fp-16=7
3: (62) *(u32 *)(r10 -20) = 0         ; R10=fp0 fp-24=0000????
4: (79) r1 = *(u64 *)(r10 -8)         ; R1=ctx() R10=fp0 fp-8=ctx()
5: (79) r0 = *(u64 *)(r10 -16)        ; R0=7 R10=fp0 fp-16=7
6: (95) exit
(0) frame 0 insn 5 +live -16 
(0) frame 0 insn 4 +live -8,-16 
(0) frame 0 insn 2 +live -8 
(0) frame 0 insn 2 +written -16 
(0) frame 0 insn 0 +written -8,-16 
(0) live stack update done in 2 iterations
processed 7 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "a ringbuf record reserved and submitted",
    src: `.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 16
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  *(u64 *)(r0 + 0) = 1
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 0
  exit
`,
    level1: `processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
  },
  {
    name: "an error: an unreleased reference",
    src: `.prog kprobe
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 16
  r3 = 0
  call bpf_ringbuf_reserve
  r0 = 0
  exit
`,
    level1: `0: R1=ctx() R10=fp0
0: (18) r1 = 0xffff888100000000       ; R1=map_ptr(ks=0,vs=0)
2: (b7) r2 = 16                       ; R2=16
3: (b7) r3 = 0                        ; R3=0
4: (85) call bpf_ringbuf_reserve#131          ; R0=ringbuf_mem_or_null(id=2,ref_obj_id=2,sz=16) refs=2
5: (b7) r0 = 0                        ; R0=0 refs=2
6: (95) exit
Unreleased reference id=2 alloc_insn=4
BPF_EXIT instruction in main prog would lead to reference leak
processed 6 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
`,
  },
  {
    name: "a bounded loop",
    src: `.prog xdp
  r1 = 0
  r0 = 0
l:
  r0 += r1
  r1 += 1
  if r1 < 3 goto l
  r0 = 2
  exit
`,
    level1: `processed 13 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0
`,
  },
  {
    name: "a may_goto loop",
    src: `.prog xdp
  r0 = 0
l:
  may_goto out
  r0 += 1
  goto l
out:
  r0 = 2
  exit
`,
    level1: `processed 17 insns (limit 1000000) max_states_per_insn 2 total_states 3 peak_states 4 mark_read 0
`,
    level2: `func#0 @0
Live regs before insn:
      0: .......... (b7) r0 = 0
  1   1: 0......... (e5) may_goto pc+2
  1   2: 0......... (07) r0 += 1
  1   3: 0......... (05) goto pc-3
      4: .......... (b7) r0 = 2
      5: 0......... (95) exit
0: R1=ctx() R10=fp0
0: (b7) r0 = 0
SCC enter (1)
1: R0=0
1: (e5) may_goto pc+2
4: (b7) r0 = 2                        ; R0=2
5: (95) exit

from 1 to 2: R0=0 R1=ctx() R10=fp0
2: R0=0 R1=ctx() R10=fp0
2: (07) r0 += 1                       ; R0=1
3: (05) goto pc-3
1: (e5) may_goto pc+2
4: (b7) r0 = 2                        ; R0=2
5: (95) exit

from 1 to 2: R0=scalar() R1=ctx() R10=fp0
2: R0=scalar() R1=ctx() R10=fp0
2: (07) r0 += 1                       ; R0=scalar()
3: (05) goto pc-3
1: (e5) may_goto pc+2
4: (b7) r0 = 2                        ; R0=2
5: (95) exit

from 1 to 2: R0=scalar() R1=ctx() R10=fp0
2: R0=scalar() R1=ctx() R10=fp0
2: (07) r0 += 1                       ; R0=scalar()
3: (05) goto pc-3
SCC backedge (1)
1: safe
SCC exit (1)
processed 17 insns (limit 1000000) max_states_per_insn 2 total_states 3 peak_states 4 mark_read 0
`,
  },
];

describe('the verifier log', () => {
  for (const c of CASES) {
    it(`${c.name}: level 1`, () => {
      expect(verify(programOf({ src: c.src }), { logLevel: 1, recordPaths: false }).log).toBe(c.level1);
    });
    if (c.level2 !== undefined) {
      it(`${c.name}: level 2`, () => {
        expect(verify(programOf({ src: c.src }), { logLevel: 2, recordPaths: false }).log).toBe(c.level2);
      });
    }
  }

  it('log level 0 gives no log', () => {
    expect(verify(programOf({ src: CASES[4]!.src }), { logLevel: 0, recordPaths: false }).log).toBe('');
  });

  it('map names, when the program gives them, are printed as the kernel prints named maps', () => {
    const p = programOf({ src: CASES[2]!.src });
    const named = verify({ ...p, maps: p.maps.map((m) => ({ ...m, name: 'counts' })) }, { logLevel: 2, recordPaths: false }).log;
    expect(named).toContain('R1=map_ptr(map=counts,ks=4,vs=8)');
    expect(named).toContain('R0=map_value_or_null(id=1,map=counts,ks=4,vs=8)');
  });

  kernelIt(`the running kernel writes the same logs (${CASES.length} programs)`, async () => {
    for (const c of CASES) {
      const p = programOf({ src: c.src });
      for (const [level, want] of [[1, c.level1], [2, c.level2]] as const) {
        if (want === undefined) continue;
        const r = await kernel().verify({ progType: p.progType, insns: p.insns, maps: p.maps as readonly KernelMap[], logLevel: level });
        expect({ name: c.name, level, log: addrs(r.log) }).toEqual({ name: c.name, level, log: addrs(want) });
      }
    }
  });
});
