// The learning path: eleven short lessons from registers to ring buffers. Each starts from a
// program, guides the user through the debugger and the verifier with steps the page ticks off by
// itself, and ends with a challenge the page checks by verifying and running the edited program.
// tests/lessons proves every step is reachable with the starting program, that the starting
// program does not already pass its challenge, and that the stored solution does.

import type { Lesson } from './types.js';

const udp = { packet: 'eth/ipv4/udp(dport=53)', env: [] } as const;

export const LESSONS: readonly Lesson[] = [
  {
    id: 'registers-alu',
    title: 'Registers and arithmetic',
    intro: 'eBPF has eleven 64-bit registers. r0 holds the return value, r1-r5 are arguments, r6-r9 are kept across calls, and r10 is the read-only frame pointer. Arithmetic works on registers: `r0 *= r1` multiplies r0 by r1. Instructions with `w` registers work on the low 32 bits and clear the upper half.',
    source: `; Lesson 1: registers and arithmetic
.prog socket_filter
  r0 = 6          ; r0 will be the return value
  r1 = 7
  r0 *= r1        ; 6 * 7
  r2 = r0
  r2 <<= 4        ; a shift left by 4 multiplies by 16
  w3 = -1         ; a 32-bit write: the upper half becomes 0
  exit
`,
    input: udp,
    steps: [
      { text: 'Press Step (F11) once: r0 becomes 6 in the Registers pane.', done: { kind: 'reg-value', reg: 0, value: '6' } },
      { text: 'Step until r0 holds 42 (6 × 7).', done: { kind: 'reg-value', reg: 0, value: '42' } },
      { text: 'Step until r2 holds 672: 42 shifted left by 4.', done: { kind: 'reg-value', reg: 2, value: '672' } },
      { text: 'Step over `w3 = -1`: r3 is 4294967295, not -1, because a 32-bit write clears the upper 32 bits.', done: { kind: 'reg-value', reg: 3, value: '4294967295' } },
    ],
    challenge: {
      text: 'Make the program return 1000, computed with at least one multiplication (`*=`).',
      checks: [
        { kind: 'source', pattern: String.raw`\*=`, label: 'uses a multiplication' },
        { kind: 'returns', r0: '1000', label: 'returns 1000' },
      ],
      solution: `.prog socket_filter
  r0 = 10
  r1 = 100
  r0 *= r1
  exit
`,
    },
  },
  {
    id: 'stack',
    title: 'Memory and the stack',
    intro: 'Each function has 512 bytes of stack below the frame pointer r10. Programs address it as r10 minus an offset: `*(u32 *)(r10 - 4) = r1` stores 4 bytes at fp-4. A copy of r10 moved by a constant is a stack pointer too; the Registers pane names it `fp-4`.',
    source: `; Lesson 2: memory and the stack
.prog socket_filter
  r1 = 7
  *(u32 *)(r10 - 4) = r1    ; store 4 bytes just below the frame pointer
  r2 = r10
  r2 += -4                  ; r2 points to the stack: fp-4
  r0 = *(u32 *)(r2 + 0)     ; load the 4 bytes back
  exit
`,
    input: udp,
    steps: [
      { text: 'Step until r2 points to the stack; the Registers pane shows it as fp-4.', done: { kind: 'reg-pointer', reg: 2, pointer: '^fp-4$' } },
      { text: 'Step once more: r0 holds 7, loaded back from fp-4 (see the bytes in the Stack pane).', done: { kind: 'reg-value', reg: 0, value: '7' } },
      { text: 'Open the Verifier tab: the program is accepted, since every stack access is inside the 512 bytes.', done: { kind: 'verdict', accepted: true } },
    ],
    challenge: {
      text: 'Store 5 as a u64 at fp-8 and 9 as a u64 at fp-16, load both back from the stack and return their sum (14).',
      checks: [
        { kind: 'accepted' },
        { kind: 'source', pattern: String.raw`\*\(u64 \*\)\(r10 - 16\)\s*=`, label: 'stores a u64 at fp-16' },
        { kind: 'source', pattern: String.raw`=\s*\*\(u64 \*\)\(r\d+ [-+] \d+\)`, label: 'loads a u64 back' },
        { kind: 'returns', r0: '14', label: 'returns 14' },
      ],
      solution: `.prog socket_filter
  r1 = 5
  *(u64 *)(r10 - 8) = r1
  r1 = 9
  *(u64 *)(r10 - 16) = r1
  r0 = *(u64 *)(r10 - 8)
  r1 = *(u64 *)(r10 - 16)
  r0 += r1
  exit
`,
    },
  },
  {
    id: 'maps',
    title: 'Maps',
    intro: 'Maps are the memory a program shares with user space and keeps between runs. bpf_map_lookup_elem(map, &key) returns a pointer to the value, or NULL. The key lives on the stack; the map is loaded with `r1 = NAME ll`.',
    source: `; Lesson 3: maps
.prog xdp
.map counts array key=4 value=8 max_entries=1
  *(u32 *)(r10 - 4) = 0      ; the key (0), on the stack
  r2 = r10
  r2 += -4                   ; r2 = &key
  r1 = counts ll             ; r1 = the map
  call bpf_map_lookup_elem   ; r0 = &counts[0], or NULL
  if r0 == 0 goto out
  r1 = 1
  *(u64 *)(r0 + 0) = r1      ; counts[0] = 1
out:
  r0 = 2                     ; XDP_PASS
  exit
`,
    input: udp,
    steps: [
      { text: 'Step past the call: r0 now points into the map\'s value, map_value(counts)+0.', done: { kind: 'reg-pointer', reg: 0, pointer: String.raw`^map_value\(counts\)\+0$` } },
      { text: 'Run the program to the end (Continue): the Maps pane shows counts[0] = 1.', done: { kind: 'run-status', status: 'exited', r0: '2' } },
    ],
    challenge: {
      text: 'Count packets: make counts[0] go up by one on every run (three runs give 3). `lock *(u64 *)(r0 + 0) += r1` adds atomically.',
      checks: [
        { kind: 'accepted' },
        { kind: 'map-value', map: 'counts', key: '00000000', value: '0300000000000000', runs: 3, label: 'counts[0] is 3 after three runs' },
      ],
      solution: `.prog xdp
.map counts array key=4 value=8 max_entries=1
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
    },
  },
  {
    id: 'helpers',
    title: 'Helpers',
    intro: 'Helpers are kernel functions a program calls: arguments in r1-r5, result in r0. A call clobbers r1-r5, so values you need afterwards go in r6-r9. bpf_get_current_pid_tgid returns the process id (tgid) in the upper 32 bits and the thread id (pid) in the lower 32.',
    source: `; Lesson 4: helpers
.prog kprobe
  call bpf_get_current_pid_tgid   ; r0 = tgid << 32 | pid
  r6 = r0                          ; r6-r9 survive calls, r1-r5 do not
  call bpf_get_smp_processor_id    ; r0 = the CPU number
  r0 = r6
  exit
`,
    input: { packet: '', env: ['pid=42', 'tgid=4242'] },
    steps: [
      { text: 'Step over the first call: r0 = 4242 << 32 | 42 = 18219251269674 (the Input pane sets pid=42, tgid=4242).', done: { kind: 'reg-value', reg: 0, value: '18219251269674' } },
      { text: 'Step until r6 holds the same value: it survives the next call.', done: { kind: 'reg-value', reg: 6, value: '18219251269674' } },
    ],
    challenge: {
      text: 'Return the process id (tgid): the upper 32 bits of bpf_get_current_pid_tgid\'s result.',
      checks: [
        { kind: 'source', pattern: 'bpf_get_current_pid_tgid', label: 'calls bpf_get_current_pid_tgid' },
        { kind: 'returns', r0: '4242', label: 'returns 4242 (the tgid)' },
      ],
      solution: `.prog kprobe
  call bpf_get_current_pid_tgid
  r0 >>= 32
  exit
`,
    },
  },
  {
    id: 'bounds',
    title: 'The verifier\'s bounds',
    intro: 'The verifier does not run your program: it tracks, for every register, the range of values it may hold on each path (umin/umax, smin/smax, and which bits are known). A pointer plus an index is safe only if every possible index keeps the access inside the object.',
    source: `; Lesson 5: the verifier's bounds
.prog xdp
.map table array key=4 value=16 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = table ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r6 = r0                    ; r6 = a 16-byte value
  call bpf_get_prandom_u32
  r0 &= 31                   ; an index from 0 to 31 ...
  r6 += r0
  r0 = *(u8 *)(r6 + 0)       ; ... into 16 bytes
out:
  r0 = 2
  exit
`,
    input: udp,
    steps: [
      { text: 'Open the Verifier tab: the program is rejected with `invalid access to map value, value_size=16 off=31 size=1`: index 31 would read past the 16 bytes.', done: { kind: 'verdict', accepted: false, errorKind: 'map-value-access' } },
      { text: 'Run it step by step until r6 points into the value at the random index: the VM picked one index, the verifier had to allow for all 32.', done: { kind: 'reg-pointer', reg: 6, pointer: String.raw`^map_value\(table\)\+\d+$` } },
    ],
    challenge: {
      text: 'Make the verifier accept the program while still reading at a random index.',
      checks: [
        { kind: 'source', pattern: 'bpf_get_prandom_u32', label: 'still uses a random index' },
        { kind: 'source', pattern: String.raw`r6 \+= r0`, label: 'still adds the index to the pointer' },
        { kind: 'accepted' },
      ],
      solution: `.prog xdp
.map table array key=4 value=16 max_entries=1
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = table ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r6 = r0
  call bpf_get_prandom_u32
  r0 &= 15
  r6 += r0
  r0 = *(u8 *)(r6 + 0)
out:
  r0 = 2
  exit
`,
    },
  },
  {
    id: 'null-checks',
    title: 'NULL checks',
    intro: 'A hash map lookup returns NULL when the key is missing. The verifier marks the result `map_value_or_null` and refuses any access through it until a comparison with 0 splits the paths: on one the pointer is NULL, on the other it is a valid map value.',
    source: `; Lesson 6: NULL checks
.prog xdp
.map seen hash key=4 value=8 max_entries=16
  *(u32 *)(r10 - 4) = 7
  r2 = r10
  r2 += -4
  r1 = seen ll
  call bpf_map_lookup_elem   ; NULL: key 7 is not in the map
  r1 = *(u64 *)(r0 + 0)
  r0 = 2
  exit
`,
    input: udp,
    steps: [
      { text: 'Look at the Verifier tab: R0 invalid mem access \'map_value_or_null\'. Hover the underlined line in the editor for the explanation.', done: { kind: 'verdict', accepted: false, errorKind: 'null-deref' } },
      { text: 'Run it anyway (Run): the map is empty, the lookup returns NULL and the load faults: the crash the verifier prevents.', done: { kind: 'run-status', status: 'faulted' } },
    ],
    challenge: {
      text: 'Add the NULL check so the verifier accepts the program; it must still return XDP_PASS (2) when the key is missing.',
      checks: [
        { kind: 'accepted' },
        { kind: 'returns', r0: '2', label: 'returns XDP_PASS' },
      ],
      solution: `.prog xdp
.map seen hash key=4 value=8 max_entries=16
  *(u32 *)(r10 - 4) = 7
  r2 = r10
  r2 += -4
  r1 = seen ll
  call bpf_map_lookup_elem
  if r0 == 0 goto out
  r1 = *(u64 *)(r0 + 0)
out:
  r0 = 2
  exit
`,
    },
  },
  {
    id: 'packet-bounds',
    title: 'Packet bounds',
    intro: 'An XDP program gets the packet as two pointers in its context: data (offset 0) and data_end (offset 4). Before reading byte N, compare data + N + 1 with data_end; on the path where it is not greater, the verifier knows those bytes exist. Multi-byte fields are big-endian on the wire: a u16 load of the bytes 00 16 (port 22) gives 0x1600.',
    source: `; Lesson 7: packet bounds
.prog xdp
  r2 = *(u32 *)(r1 + 0)      ; data
  r3 = *(u32 *)(r1 + 4)      ; data_end
  r4 = r2
  r4 += 14                   ; the end of the Ethernet header
  if r4 > r3 goto pass       ; a shorter packet? let it pass
  r5 = *(u16 *)(r2 + 12)     ; the EtherType: safe, bytes 0-13 are checked
pass:
  r0 = 2                     ; XDP_PASS
  exit
`,
    input: { packet: 'eth/ipv4/tcp(dport=22)', env: [] },
    steps: [
      { text: 'Step until r2 points to the packet: pkt+0.', done: { kind: 'reg-pointer', reg: 2, pointer: String.raw`^pkt\+0$` } },
      { text: 'Step until r4 is pkt+14, the end of the Ethernet header.', done: { kind: 'reg-pointer', reg: 4, pointer: String.raw`^pkt\+14$` } },
      { text: 'Step until r5 holds the EtherType: 8, the bytes 08 00 (IPv4) read little-endian.', done: { kind: 'reg-value', reg: 5, value: '8' } },
    ],
    challenge: {
      text: 'Drop TCP packets to port 22 (return XDP_DROP = 1) and pass everything else (XDP_PASS = 2). For IPv4 without options the protocol is byte 23 (TCP = 6) and the TCP destination port is bytes 36-37. Check the bounds before each read.',
      checks: [
        { kind: 'accepted' },
        { kind: 'returns', r0: '1', packet: 'eth/ipv4/tcp(dport=22)', label: 'drops TCP to port 22' },
        { kind: 'returns', r0: '2', packet: 'eth/ipv4/tcp(dport=80)', label: 'passes TCP to port 80' },
        { kind: 'returns', r0: '2', packet: 'eth/ipv4/udp(dport=22)', label: 'passes UDP to port 22' },
        { kind: 'returns', r0: '2', packet: 'eth/arp', label: 'passes ARP' },
      ],
      solution: `.prog xdp
  r2 = *(u32 *)(r1 + 0)
  r3 = *(u32 *)(r1 + 4)
  r4 = r2
  r4 += 38
  if r4 > r3 goto pass
  r5 = *(u16 *)(r2 + 12)
  if r5 != 0x8 goto pass
  r5 = *(u8 *)(r2 + 23)
  if r5 != 6 goto pass
  r5 = *(u16 *)(r2 + 36)
  if r5 != 0x1600 goto pass
  r0 = 1
  exit
pass:
  r0 = 2
  exit
`,
    },
  },
  {
    id: 'loops',
    title: 'Loops',
    intro: 'The verifier must see every loop end. With a counter it knows exactly, it simply walks each iteration (watch the processed count in the Verifier tab grow with the bound). Loops whose bound it cannot know are rejected or need bpf_loop.',
    source: `; Lesson 8: loops
.prog socket_filter
  r0 = 0          ; the sum
  r1 = 0          ; the counter
loop:
  r0 += r1
  r1 += 1
  if r1 < 10 goto loop
  exit
`,
    input: udp,
    steps: [
      { text: 'Step until r1 is 3: the third time round the loop.', done: { kind: 'reg-value', reg: 1, value: '3' } },
      { text: 'Continue to the end: r0 = 0 + 1 + ... + 9 = 45.', done: { kind: 'run-status', status: 'exited', r0: '45' } },
      { text: 'The Verifier tab accepts it: it walked all ten iterations with r1 known exactly.', done: { kind: 'verdict', accepted: true } },
    ],
    challenge: {
      text: 'Keep the loop, and make the program return 1 + 2 + ... + 10 = 55.',
      checks: [
        { kind: 'source', pattern: String.raw`goto\s+loop`, label: 'still loops' },
        { kind: 'accepted' },
        { kind: 'returns', r0: '55', label: 'returns 55' },
      ],
      solution: `.prog socket_filter
  r0 = 0
  r1 = 0
loop:
  r0 += r1
  r1 += 1
  if r1 < 11 goto loop
  exit
`,
    },
  },
  {
    id: 'calls',
    title: 'Function calls',
    intro: 'Programs can call their own functions (bpf-to-bpf calls): `call square` jumps to the label, with arguments in r1-r5 and the result in r0. Each call gets its own stack frame, and r6-r9 are preserved for the caller.',
    source: `; Lesson 9: function calls
.prog socket_filter
  r1 = 7
  call square     ; arguments in r1-r5, the result in r0
  exit
square:
  r0 = r1
  r0 *= r1
  exit
`,
    input: udp,
    steps: [
      { text: 'Step into the call (Step) and on until r0 holds 49 inside square; the Stack pane shows two frames.', done: { kind: 'reg-value', reg: 0, value: '49' } },
      { text: 'Step out (Shift+F11) and continue: the program returns 49.', done: { kind: 'run-status', status: 'exited', r0: '49' } },
    ],
    challenge: {
      text: 'Return square(3) + square(4) = 25, calling square twice (keep the first result in r6).',
      checks: [
        { kind: 'source', pattern: String.raw`call\s+square[\s\S]*call\s+square`, label: 'calls square twice' },
        { kind: 'accepted' },
        { kind: 'returns', r0: '25', label: 'returns 25' },
      ],
      solution: `.prog socket_filter
  r1 = 3
  call square
  r6 = r0
  r1 = 4
  call square
  r0 += r6
  exit
square:
  r0 = r1
  r0 *= r1
  exit
`,
    },
  },
  {
    id: 'tail-calls',
    title: 'Tail calls',
    intro: 'bpf_tail_call(ctx, prog_array, index) replaces the running program with the one stored at index in a prog_array map, and never returns. If the slot is empty it does return, and the program continues after the call: always write that fallback path.',
    source: `; Lesson 10: tail calls
.prog xdp
.map jmp prog_array key=4 value=4 max_entries=4
  r6 = r1
  r2 = jmp ll             ; the program array
  r3 = 1                  ; the slot
  call bpf_tail_call      ; r1 = ctx: jumps to jmp[1] if it holds a program
  r0 = 2                  ; the slot was empty: fall back to XDP_PASS
  exit
`,
    input: udp,
    steps: [
      { text: 'The Verifier tab accepts it: r1 holds the context, r2 the prog_array, r3 the index.', done: { kind: 'verdict', accepted: true } },
      { text: 'Run it: the array is empty, so the tail call returns and the fallback passes the packet.', done: { kind: 'run-status', status: 'exited', r0: '2' } },
    ],
    challenge: {
      text: 'When the tail call fails, drop the packet (XDP_DROP = 1) and count the failure in an array map `misses` (key 0, an 8-byte counter): two runs give misses[0] = 2.',
      checks: [
        { kind: 'source', pattern: 'bpf_tail_call', label: 'still tail-calls' },
        { kind: 'accepted' },
        { kind: 'returns', r0: '1', label: 'drops the packet' },
        { kind: 'map-value', map: 'misses', key: '00000000', value: '0200000000000000', runs: 2, label: 'misses[0] is 2 after two runs' },
      ],
      solution: `.prog xdp
.map jmp prog_array key=4 value=4 max_entries=4
.map misses array key=4 value=8 max_entries=1
  r6 = r1
  r2 = jmp ll
  r3 = 1
  call bpf_tail_call
  *(u32 *)(r10 - 4) = 0
  r2 = r10
  r2 += -4
  r1 = misses ll
  call bpf_map_lookup_elem
  if r0 == 0 goto drop
  r1 = 1
  lock *(u64 *)(r0 + 0) += r1
drop:
  r0 = 1
  exit
`,
    },
  },
  {
    id: 'ring-buffers',
    title: 'Ring buffers',
    intro: 'A ring buffer map streams records to user space. bpf_ringbuf_reserve returns a record to fill (or NULL when the buffer is full); the verifier then tracks it as a reference that must be submitted or discarded on every path, exactly once.',
    source: `; Lesson 11: ring buffers
.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8                      ; the record's size
  r3 = 0
  call bpf_ringbuf_reserve    ; r0 = the record, or NULL
  if r0 == 0 goto out
  r1 = 1
  *(u64 *)(r0 + 0) = r1       ; fill it in ... and forget it
out:
  r0 = 2
  exit
`,
    input: udp,
    steps: [
      { text: 'The Verifier tab says `Unreleased reference`: the record is never submitted. Its explanation names the instruction that reserved it.', done: { kind: 'verdict', accepted: false, errorKind: 'reference-leak' } },
      { text: 'Step until r0 points to the reserved record (ringbuf_mem+0 in the Registers pane).', done: { kind: 'reg-pointer', reg: 0, pointer: String.raw`^ringbuf_mem\+\d+$` } },
    ],
    challenge: {
      text: 'Submit the record (bpf_ringbuf_submit(record, 0)) so that the verifier accepts the program and every run emits one 8-byte event.',
      checks: [
        { kind: 'accepted' },
        { kind: 'ringbuf', map: 'events', size: 8, label: 'a run submits an 8-byte record' },
      ],
      solution: `.prog xdp
.map events ringbuf key=0 value=0 max_entries=4096
  r1 = events ll
  r2 = 8
  r3 = 0
  call bpf_ringbuf_reserve
  if r0 == 0 goto out
  r1 = 1
  *(u64 *)(r0 + 0) = r1
  r1 = r0
  r2 = 0
  call bpf_ringbuf_submit
out:
  r0 = 2
  exit
`,
    },
  },
];

export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
