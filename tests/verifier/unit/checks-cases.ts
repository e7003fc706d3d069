// One case per check of the verifier, each with the Linux 6.18.44 verifier's answer (the first
// line of its error block, or 'accept'), recorded from the running kernel. checks.test.ts runs
// every case against bpfiddle's verify() and, where the kernel oracle is available, against the
// running kernel (see harness.ts).

import type { Case } from './cases.js';

const M8 = '.map m array key=4 value=8 max_entries=4\n';
const H8 = '.map h hash key=4 value=8 max_entries=4\n';
/** r0 = lookup(m, &key(=0)) */
const LOOKUP = `*(u32 *)(r10 - 4) = 0
r2 = r10
r2 += -4
r1 = h ll
call bpf_map_lookup_elem
`;
const XDP_PKT = `.prog xdp
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
`;

const cfg: Case[] = [
  { name: 'an unreachable instruction', src: 'r0 = 0\nexit\nr0 = 1\nexit', expect: 'unreachable insn 2' },
  { name: 'a jump out of the program', src: [{ code: 0x05, dst: 0, src: 0, off: 5, imm: 0 }, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'jump out of range from insn 0 to 6' },
  { name: 'a jump over the first half of ld_imm64 leaves it unreachable', src: 'goto +1\nr0 = 1 ll\nr0 = 0\nexit', expect: 'unreachable insn 1' },
  {
    name: 'a jump into the middle of ld_imm64',
    src: [{ code: 0x15, dst: 1, src: 0, off: 1, imm: 0 }, { code: 0x18, dst: 0, src: 0, off: 0, imm: 1 }, { code: 0, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }],
    expect: 'jump into the middle of ldimm64 insn 1',
  },
  { name: 'the last instruction is not an exit or a jump', src: 'r0 = 0\nexit\nr0 = 0', expect: 'last insn is not an exit or jmp' },
  { name: 'a back-edge (bounded loop) is allowed', src: 'r1 = 0\nl:\nr1 += 1\nif r1 < 4 goto l\nr0 = 0\nexit', expect: 'accept' },
  { name: 'an unknown helper id', src: 'call 999\nr0 = 0\nexit', expect: 'invalid func unknown#999' },
  { name: 'a helper id the kernel does not have (212)', src: 'call 212\nr0 = 0\nexit', expect: 'invalid func unknown#212' },
  { name: 'a helper the program type may not call', src: '.prog kprobe\ncall bpf_redirect\nr0 = 0\nexit', expect: 'program of this type cannot use helper bpf_redirect#23' },
  { name: 'a sleepable helper in a non-sleepable program', src: '.prog kprobe\ncall bpf_copy_from_user\nr0 = 0\nexit', expect: 'helper call might sleep in a non-sleepable prog' },
  { name: 'bpf_get_func_ip outside kprobes', src: '.prog tracepoint\ncall bpf_get_func_ip\nr0 = 0\nexit', expect: 'func bpf_get_func_ip#173 not supported for program type 5' },
  { name: 'BPF_MOV with off=1 is addr_space_cast', src: [{ code: 0xbf, dst: 0, src: 1, off: 1, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'addr_space_cast insn can only convert between address space 1 and 0' },
  { name: 'reserved fields of BPF_MOV', src: [{ code: 0xbf, dst: 0, src: 1, off: 0, imm: 1 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'BPF_MOV uses reserved fields' },
  { name: 'reserved fields of exit', src: [{ code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 1, src: 0, off: 0, imm: 0 }], expect: 'BPF_EXIT uses reserved fields' },
  { name: 'an unknown opcode', src: [{ code: 0xff, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'unknown opcode ff' },
  { name: 'a call to a subprogram outside the program', src: [{ code: 0x85, dst: 0, src: 1, off: 0, imm: 5 }, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'call to invalid destination' },
  { name: 'a jump from one subprogram into another', src: 'call f\nr0 = 0\ngoto g\nexit\nf:\ng:\nr0 = 1\nexit', expect: 'jump out of range from insn 2 to 4' },
];

const regs: Case[] = [
  { name: 'R0 not set at exit', src: 'exit', expect: 'R0 !read_ok' },
  { name: 'reading an uninitialised register', src: 'r0 = r2\nexit', expect: 'R2 !read_ok' },
  { name: 'writing the frame pointer', src: [{ code: 0xb7, dst: 10, src: 0, off: 0, imm: 0 }, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'frame pointer is read only' },
  { name: 'R1-R5 are scratched by a call', src: 'r1 = 1\ncall bpf_ktime_get_ns\nr0 = r1\nexit', expect: 'R1 !read_ok' },
  { name: 'R6-R9 survive a call', src: 'r6 = 1\ncall bpf_ktime_get_ns\nr0 = r6\nexit', expect: 'accept' },
  { name: 'div by a zero immediate', src: 'r0 = 1\nr0 /= 0\nexit', expect: 'div by zero' },
  { name: 'div by a register that may be zero is allowed', src: 'r0 = 1\nr1 = 0\nr0 /= r1\nexit', expect: 'accept' },
  { name: 'an out-of-range shift immediate', src: 'r0 = 1\nr0 <<= 64\nexit', expect: 'invalid shift 64' },
  { name: 'a 32-bit shift by 32', src: 'w0 = 1\nw0 <<= 32\nexit', expect: 'invalid shift 32' },
];

const stack: Case[] = [
  { name: 'reading uninitialised stack is allowed for root', src: 'r0 = *(u64 *)(r10 - 8)\nexit', expect: 'accept' },
  { name: 'a write above the frame', src: '*(u64 *)(r10 + 8) = 0\nr0 = 0\nexit', expect: 'invalid write to stack R10 off=8 size=8' },
  { name: 'a write below 512 bytes', src: '*(u64 *)(r10 - 520) = 0\nr0 = 0\nexit', expect: 'invalid write to stack R10 off=-520 size=8' },
  { name: 'a misaligned stack write', src: '*(u32 *)(r10 - 6) = 0\nr0 = 0\nexit', expect: 'misaligned stack access off 0+0+-6 size 4' },
  { name: 'a partial fill of a spilled pointer', src: '*(u64 *)(r10 - 8) = r1\nr0 = *(u32 *)(r10 - 8)\nexit', expect: 'invalid size of register fill' },
  { name: 'a spilled pointer comes back a pointer', src: '*(u64 *)(r10 - 8) = r1\nr1 = *(u64 *)(r10 - 8)\nr0 = *(u32 *)(r1 + 0)\nexit', expect: 'accept' },
  {
    name: 'a spilled constant keeps its value (map value index)',
    src: `.prog xdp\n${H8}${LOOKUP}if r0 == 0 goto out\nr1 = 4\n*(u64 *)(r10 - 16) = r1\nr1 = *(u64 *)(r10 - 16)\nr0 += r1\nr0 = *(u32 *)(r0 + 0)\nout:\nr0 = 0\nexit`,
    expect: 'accept',
  },
  { name: 'a variable-offset stack write out of bounds', src: 'call bpf_get_prandom_u32\nr0 &= 0xff\nr1 = r10\nr1 += r0\n*(u8 *)(r1 - 8) = 0\nr0 = 0\nexit', expect: 'invalid variable-offset write to stack R1 var_off=(0x0; 0xff) off=-8 size=1' },
  { name: 'a variable-offset stack read within bounds', src: 'call bpf_get_prandom_u32\nr0 &= 7\nr1 = r10\nr1 += -16\nr1 += r0\nr0 = *(u8 *)(r1 + 0)\nexit', expect: 'accept' },
  { name: 'scalar minus the frame pointer', src: 'r1 = 0\nr1 -= r10\nr0 = 0\nexit', expect: 'R1 tried to subtract pointer from scalar' },
];

const ctx: Case[] = [
  { name: 'a read past the context', src: '.prog xdp\nr0 = *(u32 *)(r1 + 100)\nexit', expect: 'invalid bpf_context access off=100 size=4' },
  { name: 'a write to a read-only context field', src: '*(u32 *)(r1 + 0) = 0\nr0 = 0\nexit', expect: 'invalid bpf_context access off=0 size=4' },
  { name: 'a write to __sk_buff->mark in tc', src: '.prog sched_cls\n*(u32 *)(r1 + 8) = 1\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a narrow read of a context field', src: 'r0 = *(u8 *)(r1 + 0)\nexit', expect: 'accept' },
  { name: 'a dereference of a modified context pointer', src: 'r1 += 4\nr0 = *(u32 *)(r1 + 0)\nexit', expect: 'dereference of modified ctx ptr R1 off=4 disallowed' },
  { name: 'an atomic add into the context', src: 'r2 = 1\nlock *(u32 *)(r1 + 0) += r2\nr0 = 0\nexit', expect: 'BPF_ATOMIC stores into R1 ctx is not allowed' },
  { name: 'a kprobe reads pt_regs', src: '.prog kprobe\nr0 = *(u64 *)(r1 + 16)\nexit', expect: 'accept' },
  { name: 'a kprobe reads past pt_regs', src: '.prog kprobe\nr0 = *(u64 *)(r1 + 168)\nexit', expect: 'invalid bpf_context access off=168 size=8' },
];

const maps: Case[] = [
  { name: 'a lookup result used without a null check', src: `${H8}${LOOKUP}r0 = *(u64 *)(r0 + 0)\nexit`, expect: "R0 invalid mem access 'map_value_or_null'" },
  { name: 'a lookup result after a null check', src: `${H8}${LOOKUP}if r0 == 0 goto out\nr0 = *(u64 *)(r0 + 0)\nout:\nexit`, expect: 'accept' },
  { name: 'a null check on a copy refines the original', src: `${H8}${LOOKUP}r1 = r0\nif r1 == 0 goto out\nr0 = *(u64 *)(r0 + 0)\nout:\nr0 = 0\nexit`, expect: 'accept' },
  {
    name: 'an array lookup with a constant in-range key needs no null check',
    src: `${M8}*(u32 *)(r10 - 8) = 3\nr2 = r10\nr2 += -8\nr1 = m ll\ncall bpf_map_lookup_elem\nr0 = *(u64 *)(r0 + 0)\nexit`,
    expect: 'accept',
  },
  {
    name: 'a constant key stored at a slot that is not 8-aligned is not tracked',
    src: `${M8}*(u32 *)(r10 - 4) = 3\nr2 = r10\nr2 += -4\nr1 = m ll\ncall bpf_map_lookup_elem\nr0 = *(u64 *)(r0 + 0)\nexit`,
    expect: "R0 invalid mem access 'map_value_or_null'",
  },
  {
    name: 'an array lookup with an out-of-range constant key does',
    src: `${M8}*(u32 *)(r10 - 8) = 4\nr2 = r10\nr2 += -8\nr1 = m ll\ncall bpf_map_lookup_elem\nr0 = *(u64 *)(r0 + 0)\nexit`,
    expect: "R0 invalid mem access 'map_value_or_null'",
  },
  { name: 'a read past the map value', src: `${H8}${LOOKUP}if r0 == 0 goto out\nr0 = *(u64 *)(r0 + 8)\nout:\nexit`, expect: 'invalid access to map value, value_size=8 off=8 size=8' },
  { name: 'a read before the map value', src: `${H8}${LOOKUP}if r0 == 0 goto out\nr0 = *(u8 *)(r0 - 1)\nout:\nexit`, expect: 'invalid access to map value, value_size=8 off=-1 size=1' },
  {
    name: 'an unbounded index into a map value',
    src: `${H8}${LOOKUP}if r0 == 0 goto out\nr6 = r0\ncall bpf_get_prandom_u32\nr6 += r0\nr0 = *(u8 *)(r6 + 0)\nout:\nr0 = 0\nexit`,
    expect: 'math between map_value pointer and register with unbounded min value is not allowed',
  },
  {
    name: 'a masked index into a map value',
    src: `${H8}${LOOKUP}if r0 == 0 goto out\nr6 = r0\ncall bpf_get_prandom_u32\nr0 &= 7\nr6 += r0\nr0 = *(u8 *)(r6 + 0)\nout:\nr0 = 0\nexit`,
    expect: 'accept',
  },
  { name: 'arithmetic on a map_value_or_null', src: `${H8}${LOOKUP}r0 += 1\nr0 = 0\nexit`, expect: 'R0 pointer arithmetic on map_value_or_null prohibited, null-check it first' },
  { name: 'a dereference of a map pointer', src: `${H8}r1 = h ll\nr0 = *(u64 *)(r1 + 0)\nexit`, expect: 'accept' },
  { name: 'the key is a scalar', src: `${H8}r2 = 0\nr1 = h ll\ncall bpf_map_lookup_elem\nr0 = 0\nexit`, expect: 'R2 type=scalar expected=fp, pkt, pkt_meta, map_key, map_value, mem, ringbuf_mem, buf, trusted_ptr_' },
  { name: 'the map argument is not a map', src: `${H8}r2 = r10\nr2 += -4\nr1 = 0\ncall bpf_map_lookup_elem\nr0 = 0\nexit`, expect: 'R1 type=scalar expected=map_ptr' },
  { name: 'the key is read past the stack', src: `${H8}r2 = r10\nr2 += -2\nr1 = h ll\ncall bpf_map_lookup_elem\nr0 = 0\nexit`, expect: 'invalid read from stack R2 off=-2 size=4' },
  { name: 'a direct map value load (BPF_PSEUDO_MAP_VALUE)', src: `${M8}r1 = map[idx:0]+4\nr0 = *(u32 *)(r1 + 0)\nexit`, expect: 'invalid access to map value pointer, value_size=8 off=4' },
  { name: 'a direct map value load of a one-element array', src: '.map one array key=4 value=8 max_entries=1\nr1 = map[idx:0]+4\nr0 = *(u32 *)(r1 + 0)\nexit', expect: 'accept' },
  { name: 'a helper writing past a map value', src: `.prog kprobe\n${H8}${LOOKUP}if r0 == 0 goto out\nr1 = r0\nr2 = 16\nr3 = 0\ncall bpf_probe_read_kernel\nout:\nr0 = 0\nexit`, expect: 'invalid access to map value, value_size=8 off=0 size=16' },
  { name: 'a lookup in a queue map (key size 0)', src: '.map q queue key=0 value=8 max_entries=4\nr2 = r10\nr2 += -8\nr1 = q ll\ncall bpf_map_lookup_elem\nr0 = 0\nexit', expect: 'invalid zero-sized read' },
];

const pkt: Case[] = [
  { name: 'a packet read without a bounds check', src: `${XDP_PKT}r0 = *(u8 *)(r2 + 0)\nr0 = 2\nexit`, expect: 'invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)' },
  { name: 'a packet read after a bounds check', src: `${XDP_PKT}r4 = r2\nr4 += 14\nif r4 > r3 goto out\nr0 = *(u16 *)(r2 + 12)\nout:\nr0 = 2\nexit`, expect: 'accept' },
  { name: 'a packet read past the checked range', src: `${XDP_PKT}r4 = r2\nr4 += 14\nif r4 > r3 goto out\nr0 = *(u32 *)(r2 + 12)\nout:\nr0 = 2\nexit`, expect: 'invalid access to packet, off=12 size=4, R2(id=0,off=12,r=14)' },
  { name: 'the checked range on the wrong branch', src: `${XDP_PKT}r4 = r2\nr4 += 14\nif r4 <= r3 goto out\nr0 = *(u8 *)(r2 + 0)\nout:\nr0 = 2\nexit`, expect: 'invalid access to packet, off=0 size=1, R2(id=0,off=0,r=0)' },
  { name: 'arithmetic on pkt_end', src: `${XDP_PKT}r3 += 1\nr0 = 2\nexit`, expect: 'R3 pointer arithmetic on pkt_end prohibited' },
  { name: 'an atomic add into the packet', src: `${XDP_PKT}r4 = r2\nr4 += 8\nif r4 > r3 goto out\nr5 = 1\nlock *(u64 *)(r2 + 0) += r5\nout:\nr0 = 2\nexit`, expect: 'BPF_ATOMIC stores into R2 pkt is not allowed' },
  { name: 'a helper may not read the packet without pkt_access', src: `.prog sched_cls\nr2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 8\nif r4 > r3 goto out\nr1 = r2\nr2 = 8\ncall bpf_trace_printk\nout:\nr0 = 0\nexit`, expect: 'helper access to the packet is not allowed' },
  { name: 'a map key in the packet (pkt_access)', src: `.prog sched_cls\n${H8}r2 = *(u32 *)(r1 + 76)\nr3 = *(u32 *)(r1 + 80)\nr4 = r2\nr4 += 8\nif r4 > r3 goto out\nr1 = h ll\ncall bpf_map_lookup_elem\nout:\nr0 = 0\nexit`, expect: 'accept' },
  { name: 'socket filters have no direct packet access', src: 'r2 = *(u32 *)(r1 + 76)\nr0 = 0\nexit', expect: 'invalid bpf_context access off=76 size=4' },
  { name: 'a packet pointer is invalid after bpf_skb_pull_data', src: `.prog sched_cls\nr6 = r1\nr7 = *(u32 *)(r1 + 76)\nr8 = *(u32 *)(r1 + 80)\nr4 = r7\nr4 += 8\nif r4 > r8 goto out\nr1 = r6\nr2 = 0\ncall bpf_skb_pull_data\nr0 = *(u8 *)(r7 + 0)\nout:\nr0 = 0\nexit`, expect: "R7 invalid mem access 'scalar'" },
];

const alu: Case[] = [
  { name: 'multiplying a pointer', src: 'r1 *= 2\nr0 = 0\nexit', expect: 'R1 pointer arithmetic with *= operator prohibited' },
  { name: '32-bit arithmetic on a pointer', src: 'w1 += 2\nr0 = 0\nexit', expect: 'R1 32-bit pointer arithmetic prohibited' },
  { name: 'adding two pointers', src: 'r1 += r10\nr0 = 0\nexit', expect: 'R1 pointer += pointer prohibited' },
  { name: 'a bitwise operation on a pointer', src: 'r1 &= 4\nr0 = 0\nexit', expect: 'R1 bitwise operator &= on pointer prohibited' },
  { name: 'stack pointer plus an unbounded scalar', src: 'call bpf_get_prandom_u32\nr1 = r10\nr1 += r0\nr0 = 0\nexit', expect: 'math between fp pointer and register with unbounded min value is not allowed' },
  { name: 'pointer minus pointer is a scalar', src: 'r1 = r10\nr1 -= r10\nr0 = r1\nexit', expect: 'accept' },
  { name: 'a 32-bit move of a pointer makes a scalar', src: 'w1 = w1\nr0 = *(u32 *)(r1 + 0)\nexit', expect: "R1 invalid mem access 'scalar'" },
  { name: 'negating a pointer', src: 'r1 = -r1\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a byte swap of a pointer', src: 'r1 = be64 r1\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a pointer compared with a scalar', src: 'if r1 > 5 goto +0\nr0 = 0\nexit', expect: 'accept' },
];

const calls: Case[] = [
  { name: 'a bpf-to-bpf call', src: 'r1 = 2\ncall f\nexit\nf:\nr0 = r1\nr0 += 1\nexit', expect: 'accept' },
  { name: 'a subprogram reads a caller-saved register the caller did not pass', src: 'r6 = 1\ncall f\nexit\nf:\nr0 = r6\nexit', expect: 'R6 !read_ok' },
  { name: 'a subprogram returns a pointer into its own stack', src: 'call f\nr0 = 0\nexit\nf:\nr0 = r10\nr0 += -8\nexit', expect: 'cannot return stack pointer to the caller' },
  { name: 'a subprogram may write the caller\'s stack', src: 'r1 = r10\nr1 += -8\ncall f\nr0 = *(u64 *)(r10 - 8)\nexit\nf:\n*(u64 *)(r1 + 0) = 7\nr0 = 0\nexit', expect: 'accept' },
  {
    name: 'nine nested calls',
    src: 'call f1\nr0 = 0\nexit\nf1:\ncall f2\nexit\nf2:\ncall f3\nexit\nf3:\ncall f4\nexit\nf4:\ncall f5\nexit\nf5:\ncall f6\nexit\nf6:\ncall f7\nexit\nf7:\ncall f8\nexit\nf8:\nr0 = 0\nexit',
    expect: 'the call stack of 9 frames is too deep',
  },
  { name: 'a combined stack over 512 bytes', src: '*(u64 *)(r10 - 512) = 0\ncall f\nr0 = 0\nexit\nf:\n*(u64 *)(r10 - 64) = 0\nr0 = 0\nexit', expect: 'combined stack size of 2 calls is 576. Too large' },
  { name: 'bpf_trace_printk with a stack buffer', src: '*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 8\ncall bpf_trace_printk\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a zero size for ARG_CONST_SIZE', src: '*(u64 *)(r10 - 8) = 0\nr1 = r10\nr1 += -8\nr2 = 0\ncall bpf_trace_printk\nr0 = 0\nexit', expect: 'R2 invalid zero-sized read: u64=[0,0]' },
  { name: 'an unbounded size argument', src: '.prog kprobe\ncall bpf_get_prandom_u32\nr2 = r0\nr1 = r10\nr1 += -64\nr3 = 0\ncall bpf_probe_read_kernel\nr0 = 0\nexit', expect: "R2 min value is negative, either use unsigned or 'var &= const'" },
  { name: 'a size argument that may be negative', src: '.prog kprobe\ncall bpf_get_prandom_u32\nr2 = r0\nr2 <<= 32\nr2 s>>= 32\nif r2 s> 64 goto out\nr1 = r10\nr1 += -64\nr3 = 0\ncall bpf_probe_read_kernel\nout:\nr0 = 0\nexit', expect: "R2 min value is negative, either use unsigned or 'var &= const'" },
  { name: 'a bounded size argument', src: '.prog kprobe\ncall bpf_get_prandom_u32\nr2 = r0\nr2 &= 63\nr1 = r10\nr1 += -64\nr3 = 0\ncall bpf_probe_read_kernel\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a context argument that is not the context', src: '.prog sched_cls\nr1 = r10\ncall bpf_get_hash_recalc\nr0 = 0\nexit', expect: 'R1 type=fp expected=ctx' },
  { name: 'bpf_get_cgroup_classid takes no arguments outside tc', src: '.prog kprobe\nr1 = 0\ncall bpf_get_cgroup_classid\nr0 = 0\nexit', expect: 'accept' },
  { name: 'bpf_get_cgroup_classid takes the skb in tc', src: '.prog sched_cls\nr1 = 0\ncall bpf_get_cgroup_classid\nr0 = 0\nexit', expect: 'R1 type=scalar expected=ctx' },
  { name: 'a tail call', src: '.map pa prog_array key=4 value=4 max_entries=4\nr2 = pa ll\nr3 = 0\ncall bpf_tail_call\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a tail call through an array map', src: `${M8}r2 = m ll\nr3 = 0\ncall bpf_tail_call\nr0 = 0\nexit`, expect: 'expected prog array map for tail call' },
  { name: 'ld_abs in a socket filter', src: 'r6 = r1\nr0 = *(u8 *)skb[12]\nexit', expect: 'accept' },
  { name: 'ld_abs without the context in R6', src: 'r0 = *(u8 *)skb[12]\nexit', expect: 'R6 !read_ok' },
  { name: 'ld_abs in xdp', src: '.prog xdp\nr6 = r1\nr0 = *(u8 *)skb[12]\nexit', expect: 'BPF_LD_[ABS|IND] instructions not allowed for this program type' },
];

const refs: Case[] = [
  {
    name: 'a ringbuf record reserved and submitted',
    src: '.map rb ringbuf key=0 value=0 max_entries=4096\nr1 = rb ll\nr2 = 8\nr3 = 0\ncall bpf_ringbuf_reserve\nif r0 == 0 goto out\n*(u64 *)(r0 + 0) = 1\nr1 = r0\nr2 = 0\ncall bpf_ringbuf_submit\nout:\nr0 = 0\nexit',
    expect: 'accept',
  },
  {
    name: 'a ringbuf record never submitted',
    src: '.map rb ringbuf key=0 value=0 max_entries=4096\nr1 = rb ll\nr2 = 8\nr3 = 0\ncall bpf_ringbuf_reserve\nif r0 == 0 goto out\n*(u64 *)(r0 + 0) = 1\nout:\nr0 = 0\nexit',
    expect: 'Unreleased reference id=2 alloc_insn=4',
  },
  {
    name: 'a ringbuf record submitted on one path only',
    src: '.map rb ringbuf key=0 value=0 max_entries=4096\nr1 = rb ll\nr2 = 8\nr3 = 0\ncall bpf_ringbuf_reserve\nif r0 == 0 goto out\nr6 = r0\ncall bpf_get_prandom_u32\nif r0 == 0 goto out\nr1 = r6\nr2 = 0\ncall bpf_ringbuf_submit\nout:\nr0 = 0\nexit',
    expect: 'Unreleased reference id=2 alloc_insn=4',
  },
  {
    name: 'a ringbuf record written past its size',
    src: '.map rb ringbuf key=0 value=0 max_entries=4096\nr1 = rb ll\nr2 = 8\nr3 = 0\ncall bpf_ringbuf_reserve\nif r0 == 0 goto out\n*(u64 *)(r0 + 8) = 1\nr1 = r0\nr2 = 0\ncall bpf_ringbuf_discard\nout:\nr0 = 0\nexit',
    expect: 'invalid access to memory, mem_size=8 off=8 size=8',
  },
  { name: 'submitting something that is not a ringbuf record', src: 'r1 = r10\nr1 += -8\nr2 = 0\ncall bpf_ringbuf_submit\nr0 = 0\nexit', expect: 'R1 type=fp expected=ringbuf_mem' },
  { name: 'a ringbuf reserve with a non-constant size', src: '.map rb ringbuf key=0 value=0 max_entries=4096\ncall bpf_get_prandom_u32\nr2 = r0\nr1 = rb ll\nr3 = 0\ncall bpf_ringbuf_reserve\nr0 = 0\nexit', expect: "R2 is not a known constant'" },
];

const ret: Case[] = [
  { name: 'cgroup_skb returns 0 or 1', src: '.prog cgroup_skb\nr0 = 1\nexit', expect: 'accept' },
  { name: 'cgroup_skb returns 2', src: '.prog cgroup_skb\nr0 = 2\nexit', expect: 'At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]' },
  { name: 'cgroup_skb returns an unknown scalar', src: '.prog cgroup_skb\ncall bpf_get_prandom_u32\nexit', expect: 'At program exit the register R0 has unknown scalar value should have been in [0, 1]' },
  { name: 'cgroup_skb returns a pointer', src: '.prog cgroup_skb\nr0 = r1\nexit', expect: 'At program exit the register R0 is not a known value (ctx)' },
  { name: 'xdp may return anything', src: '.prog xdp\nr0 = 1234\nexit', expect: 'accept' },
  { name: 'a socket filter may return a pointer (root)', src: 'r0 = r10\nexit', expect: 'accept' },
];

const atomics: Case[] = [
  { name: 'atomic add on the stack', src: '*(u64 *)(r10 - 8) = 0\nr1 = 1\nlock *(u64 *)(r10 - 8) += r1\nr0 = 0\nexit', expect: 'accept' },
  { name: 'atomic fetch-add on a map value', src: `${H8}${LOOKUP}if r0 == 0 goto out\nr1 = 1\nr1 = atomic_fetch_add((u64 *)(r0 + 0), r1)\nout:\nr0 = 0\nexit`, expect: 'accept' },
  { name: 'a 16-bit atomic', src: [{ code: 0x7a, dst: 10, src: 0, off: -8, imm: 0 }, { code: 0xb7, dst: 1, src: 0, off: 0, imm: 1 }, { code: 0xcb, dst: 10, src: 1, off: -8, imm: 0 }, { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }], expect: 'invalid atomic operand size' },
  { name: 'cmpxchg reads R0', src: '*(u64 *)(r10 - 8) = 0\nr1 = 1\nr0 = cmpxchg_64(r10 - 8, r0, r1)\nexit', expect: 'R0 !read_ok' },
];

/** call bpf_get_prandom_u32, then 8300 × `if r0 == k goto +0`: each queues a branch. */
const JUMP_SEQUENCE = [
  { code: 0x85, dst: 0, src: 0, off: 0, imm: 7 },
  ...Array.from({ length: 8300 }, (_, k) => ({ code: 0x15, dst: 0, src: 0, off: 0, imm: k })),
  { code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 },
];

const loops: Case[] = [
  { name: 'more than 8192 queued branches', src: JUMP_SEQUENCE, expect: 'The sequence of 8193 jumps is too complex.', errno: 'EFAULT', processed: 8194 },
  { name: 'a bounded loop', src: 'r1 = 0\nr0 = 0\nl:\nr0 += r1\nr1 += 1\nif r1 < 3 goto l\nexit', expect: 'accept', processed: 12 },
  { name: 'a loop whose condition never changes', src: '.prog xdp\nr1 = 0\nr0 = 2\nl:\nr0 += 0\nif r1 == 0 goto l\nexit', expect: 'infinite loop detected at insn 3' },
  { name: 'a jump to itself', src: '.prog xdp\ncall bpf_get_prandom_u32\nif r0 == 0 goto out\nl:\ngoto l\nout:\nexit', expect: 'infinite loop detected at insn 2' },
  { name: 'a may_goto loop converges', src: '.prog xdp\nr0 = 0\nl:\nmay_goto out\nr0 += 1\ngoto l\nout:\nr0 = 2\nexit', expect: 'accept', processed: 17 },
];

const callbacks: Case[] = [
  { name: 'bpf_loop with a callback', src: '.prog xdp\nr1 = 4\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_loop\nr0 = 2\nexit\ncb:\nr0 = 0\nexit', expect: 'accept', processed: 10 },
  { name: 'bpf_loop with an unknown count', src: '.prog xdp\ncall bpf_get_prandom_u32\nr1 = r0\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_loop\nr0 = 2\nexit\ncb:\nr0 = 1\nexit', expect: 'accept' },
  { name: 'a callback counting in the caller\'s stack', src: '.prog xdp\n*(u64 *)(r10 - 8) = 0\nr1 = 10\nr2 = subprog[+8]\nr3 = r10\nr3 += -8\nr4 = 0\ncall bpf_loop\nr0 = *(u64 *)(r10 - 8)\nr0 = 2\nexit\ncb:\nr0 = *(u64 *)(r2 + 0)\nr0 += 1\n*(u64 *)(r2 + 0) = r0\nr0 = 0\nexit', expect: 'accept' },
  { name: 'a callback returning 5', src: '.prog xdp\nr1 = 1\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_loop\nr0 = 2\nexit\ncb:\nr0 = 5\nexit', expect: 'At callback return the register R0 has smin=5 smax=5 should have been in [0, 1]' },
  { name: 'a callback returning a pointer', src: '.prog xdp\nr1 = 1\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_loop\nr0 = 2\nexit\ncb:\nr0 = r1\nr0 = r10\nexit', expect: 'cannot return stack pointer to the caller' },
  { name: 'a scalar where the callback goes', src: '.prog xdp\nr1 = 1\nr2 = 0\nr3 = 0\nr4 = 0\ncall bpf_loop\nr0 = 2\nexit', expect: 'R2 type=scalar expected=func' },
  {
    name: 'bpf_for_each_map_elem hands the callback key and value',
    src: '.prog xdp\n.map h hash key=4 value=8 max_entries=8\nr1 = h ll\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_for_each_map_elem\nr0 = 2\nexit\ncb:\nr0 = *(u64 *)(r3 + 0)\nr0 = *(u32 *)(r2 + 0)\nr0 = 0\nexit',
    expect: 'accept',
  },
  {
    name: 'a for_each callback reading past the value',
    src: '.prog xdp\n.map h hash key=4 value=8 max_entries=8\nr1 = h ll\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_for_each_map_elem\nr0 = 2\nexit\ncb:\nr0 = *(u64 *)(r3 + 8)\nr0 = 0\nexit',
    expect: 'invalid access to map value, value_size=8 off=8 size=8',
  },
  {
    name: 'bpf_for_each_map_elem on a queue',
    src: '.prog xdp\n.map q queue key=0 value=8 max_entries=8\nr1 = q ll\nr2 = subprog[+6]\nr3 = 0\nr4 = 0\ncall bpf_for_each_map_elem\nr0 = 2\nexit\ncb:\nr0 = 0\nexit',
    expect: 'callback function not allowed for map',
  },
];

const ldsx: Case[] = [
  { name: 'a sign-extending load of a context field', src: 'r0 = *(s32 *)(r1 + 0)\nexit', expect: 'accept' },
  { name: 'a sign-extending load of xdp_md.data', src: '.prog xdp\nr2 = *(s32 *)(r1 + 0)\nr0 = 2\nexit', expect: 'invalid bpf_context access off=0 size=4' },
  { name: 'a sign-extending load of a misc stack byte is an unknown scalar', src: 'r1 = -1\n*(u8 *)(r10 - 1) = r1\nr0 = *(s8 *)(r10 - 1)\nif r0 s< 0 goto out\nr0 = *(u64 *)(r0 + 0)\nout:\nr0 = 0\nexit', expect: "R0 invalid mem access 'scalar'" },
];

/** bpf_sk_lookup_tcp(ctx, &tuple (16 zero bytes at fp-16), 12, -1, 0) */
const SK_LOOKUP = '*(u64 *)(r10 - 8) = 0\n*(u64 *)(r10 - 16) = 0\nr2 = r10\nr2 += -16\nr3 = 12\nr4 = -1\nr5 = 0\ncall bpf_sk_lookup_tcp\n';
const sockets: Case[] = [
  { name: 'a socket looked up, read and released', src: `.prog sched_cls\n${SK_LOOKUP}if r0 == 0 goto out\nr6 = *(u32 *)(r0 + 4)\nr1 = r0\ncall bpf_sk_release\nout:\nr0 = 0\nexit`, expect: 'accept' },
  { name: 'a socket never released', src: `.prog sched_cls\n${SK_LOOKUP}if r0 == 0 goto out\nr6 = *(u32 *)(r0 + 4)\nout:\nr0 = 0\nexit`, expect: 'Unreleased reference id=2 alloc_insn=7' },
  { name: 'a socket used without a null check', src: `.prog sched_cls\n${SK_LOOKUP}r6 = *(u32 *)(r0 + 4)\nr0 = 0\nexit`, expect: "R0 invalid mem access 'sock_or_null'" },
  { name: 'a socket used after its release', src: `.prog sched_cls\n${SK_LOOKUP}if r0 == 0 goto out\nr6 = r0\nr1 = r0\ncall bpf_sk_release\nr0 = *(u32 *)(r6 + 4)\nout:\nr0 = 0\nexit`, expect: "R6 invalid mem access 'scalar'" },
  { name: 'a write into a socket', src: `.prog sched_cls\n${SK_LOOKUP}if r0 == 0 goto out\nr6 = r0\n*(u32 *)(r6 + 4) = 1\nr1 = r6\ncall bpf_sk_release\nout:\nr0 = 0\nexit`, expect: 'R6 cannot write into sock' },
  { name: 'a read past struct bpf_sock', src: `.prog sched_cls\n${SK_LOOKUP}if r0 == 0 goto out\nr6 = r0\nr7 = *(u32 *)(r6 + 80)\nr1 = r6\ncall bpf_sk_release\nout:\nr0 = 0\nexit`, expect: 'R6 invalid sock access off=80 size=4' },
  { name: '__sk_buff->sk, bpf_sk_fullsock and bpf_tcp_sock', src: '.prog sched_cls\nr1 = *(u64 *)(r1 + 168)\nif r1 == 0 goto out\ncall bpf_sk_fullsock\nif r0 == 0 goto out\nr7 = *(u32 *)(r0 + 8)\nr1 = r0\ncall bpf_tcp_sock\nif r0 == 0 goto out\nr7 = *(u64 *)(r0 + 80)\nout:\nr0 = 0\nexit', expect: 'accept' },
  { name: 'the upper half of bpf_tcp_sock.bytes_received fails the conversion pass', src: '.prog sched_cls\nr1 = *(u64 *)(r1 + 168)\nif r1 == 0 goto out\ncall bpf_tcp_sock\nif r0 == 0 goto out\nr7 = *(u32 *)(r0 + 84)\nout:\nr0 = 0\nexit', expect: 'verifier bug: error during ctx access conversion (0)' },
  { name: 'a sock_common field only full sockets have', src: '.prog sched_cls\nr1 = *(u64 *)(r1 + 168)\nif r1 == 0 goto out\nr0 = *(u32 *)(r1 + 8)\nout:\nr0 = 0\nexit', expect: 'R1 invalid sock_common access off=8 size=4' },
  { name: 'bpf_get_current_task_btf', src: '.prog kprobe\ncall bpf_get_current_task_btf\nr1 = r0\nr0 = 0\nexit', expect: 'accept' },
];

export const SUITES: readonly (readonly [string, readonly Case[]])[] = [
  ['CFG and instruction checks', cfg],
  ['registers', regs],
  ['the stack', stack],
  ['the context', ctx],
  ['maps', maps],
  ['packets', pkt],
  ['pointer arithmetic', alu],
  ['calls and helper arguments', calls],
  ['reference tracking', refs],
  ['return codes', ret],
  ['atomics', atomics],
  ['loops', loops],
  ['callbacks', callbacks],
  ['sign-extending loads', ldsx],
  ['sockets', sockets],
];
