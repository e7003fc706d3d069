// The catalogue of verifier errors: for every message bpfiddle's verifier (and the Linux 6.18
// verifier it copies) can print, a plain-language explanation, a fix and a before/after example.
// The patterns follow the kernel's format strings (kernel/bpf/verifier.c), anchored, with the
// variable parts as groups. Order matters: the first kind whose pattern matches is the answer,
// so narrow kinds (a NULL dereference) sit before broad ones (any invalid memory access).
// tests/explain checks every example: `before` is rejected with this very kind, `after` accepted.

import type { ErrorKind } from './types.js';

export const ERROR_KINDS: readonly ErrorKind[] = [
  // ----------------------------------------------------------------------------------------------
  // Registers
  {
    id: 'uninit-reg',
    patterns: [/^R(\d+) !read_ok$/],
    title: 'Reading a register that was never set',
    explanation: 'The instruction reads a register that holds nothing yet on this path. At the start only R1 (the context) and R10 (the frame pointer) are set; after a helper call R1-R5 are wiped (the call may clobber them) and only R0 holds the result.',
    fix: 'Give the register a value before this instruction on every path that reaches it, or, after a call, copy what you need into R6-R9 (which calls preserve) before the call.',
    example: {
      before: '.prog xdp\n  r0 = r2\n  exit\n',
      after: '.prog xdp\n  r2 = 2\n  r0 = r2\n  exit\n',
    },
  },
  {
    id: 'frame-pointer-read-only',
    patterns: [/^frame pointer is read only$/],
    title: 'R10 cannot be changed',
    explanation: 'R10 is the frame pointer: the top of this function\'s 512-byte stack. The verifier keeps it fixed so it always knows where the stack is; no instruction may write to it.',
    fix: 'Copy it first (`r2 = r10`) and move the copy (`r2 += -8`).',
    example: {
      before: '; patch: 0 dst=10\n.prog xdp\n  r1 = 0\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -8\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'invalid-register',
    patterns: [/^R(\d+) is invalid$/],
    title: 'No such register',
    explanation: 'The instruction names a register above R10; eBPF has eleven registers, R0-R10.',
    fix: 'Use R0-R10 (the assembler never writes such an instruction; it comes from hand-made bytecode).',
    example: {
      before: '; patch: 0 dst=11\n.prog xdp\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Dereferencing pointers that may be NULL or are not pointers
  {
    id: 'null-deref',
    patterns: [/^R(\d+) invalid mem access '(\w+_or_null)'$/],
    title: 'Using a pointer that may be NULL',
    explanation: 'The register holds the result of a helper that can fail (a map lookup, a ring buffer reservation, a socket lookup). On failure it is NULL, and the verifier will not let you read or write through it until a comparison with 0 has ruled that out on this path.',
    fix: 'Compare the pointer with 0 right after the call and leave (or take another path) when it is NULL: `if r0 == 0 goto out`. After the check the verifier knows the pointer is valid.',
    example: {
      before: '.prog xdp\n.map m hash key=4 value=8 max_entries=4\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  r1 = *(u64 *)(r0 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m hash key=4 value=8 max_entries=4\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r1 = *(u64 *)(r0 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'scalar-deref',
    patterns: [/^R(\d+) invalid mem access 'scalar'$/],
    title: 'Using a number as a pointer',
    explanation: 'The register holds a plain number (a scalar), not a pointer the verifier can vouch for. eBPF programs may only access memory through pointers the verifier handed out: the context, the stack, map values, packet data, helper results.',
    fix: 'Load or compute the address from a real pointer (for example `r2 = r10; r2 += -8` for the stack, or the map value a lookup returned). If you meant to read kernel memory at an address, use `bpf_probe_read_kernel`.',
    example: {
      before: '.prog xdp\n  r1 = 4096\n  r0 = *(u32 *)(r1 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  *(u32 *)(r10 - 4) = 7\n  r1 = r10\n  r0 = *(u32 *)(r1 - 4)\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'invalid-mem-access',
    patterns: [/^R(\d+) invalid mem access '(\w+)'$/],
    title: 'This kind of pointer cannot be dereferenced',
    explanation: 'The register is a pointer, but of a kind that is not memory you may read: `pkt_end` marks the end of the packet (compare with it, do not read it), a `map_ptr` is the map itself (pass it to helpers).',
    fix: 'Read through the pointer that points at the data (for packets, `data` after a bounds check against `data_end`).',
    example: {
      before: '.prog xdp\n  r3 = *(u32 *)(r1 + 4)\n  r0 = *(u8 *)(r3 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = *(u32 *)(r1 + 0)\n  r3 = *(u32 *)(r1 + 4)\n  r4 = r2\n  r4 += 1\n  if r4 > r3 goto out\n  r0 = *(u8 *)(r2 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Bounds: stack, map values, packets, context
  {
    id: 'ctx-access',
    patterns: [/^invalid bpf_context access off=(-?\d+) size=(\d+)$/],
    title: 'No such context field (or wrong size)',
    explanation: 'R1 starts as a pointer to the program type\'s context structure (`struct xdp_md` for XDP, `struct __sk_buff` for socket filters and tc). Only real fields may be accessed, at their exact offset and with their size (a 4-byte field takes a 4-byte load), and most fields are read-only.',
    fix: 'Check the offset and size against the context layout of this program type (hover a context load in the editor to see which field it reads). Load 4-byte fields with `*(u32 *)`.',
    example: {
      before: '.prog xdp\n  r0 = *(u64 *)(r1 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = *(u32 *)(r1 + 0)\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pkt-access',
    patterns: [/^invalid access to packet, off=(-?\d+) size=(\d+), R(\d+)\(id=(\d+),off=(-?\d+),r=(\d+)\)$/],
    title: 'Reading packet bytes that were not bounds-checked',
    explanation: 'A packet pointer may only be used for the bytes a comparison with `data_end` has proven to be inside the packet. `r=N` in the message is how many bytes from the pointer\'s base are proven safe on this path; the access reaches past that.',
    fix: 'Before the access, compare the end of what you read with data_end: `r4 = r2; r4 += SIZE; if r4 > r3 goto out` (r2 = data, r3 = data_end), with SIZE covering every byte you read.',
    example: {
      before: '.prog xdp\n  r2 = *(u32 *)(r1 + 0)\n  r3 = *(u32 *)(r1 + 4)\n  r0 = *(u16 *)(r2 + 12)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = *(u32 *)(r1 + 0)\n  r3 = *(u32 *)(r1 + 4)\n  r4 = r2\n  r4 += 14\n  if r4 > r3 goto out\n  r0 = *(u16 *)(r2 + 12)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'map-value-access',
    patterns: [/^invalid access to map value, value_size=(\d+) off=(-?\d+) size=(\d+)$/],
    title: 'Access outside the map value',
    explanation: 'A map lookup returns a pointer to exactly value_size bytes. The access starts at `off` and is `size` bytes long, which reaches outside those bytes (or the offset could be anything up to its maximum, and the maximum is too large).',
    fix: 'Keep offset + size within value_size. For a variable index, bound it first (`if r1 >= N goto out` or `r1 &= MASK`) so that the largest possible offset still fits.',
    example: {
      before: '.prog xdp\n.map m array key=4 value=8 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r1 = *(u64 *)(r0 + 4)\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=8 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r1 = *(u32 *)(r0 + 4)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'map-key-access',
    patterns: [/^invalid access to map key, key_size=(\d+) off=(-?\d+) size=(\d+)$/],
    title: 'Access outside the map key',
    explanation: 'A map key pointer (given to a callback such as bpf_for_each_map_elem\'s) covers exactly key_size bytes.',
    fix: 'Keep offset + size within key_size.',
    example: null,
    noExample: 'map key pointers only exist inside map iteration callbacks, which bpfiddle does not model',
  },
  {
    id: 'mem-access',
    patterns: [/^invalid access to memory, mem_size=(\d+) off=(-?\d+) size=(\d+)$/],
    title: 'Access outside a memory region',
    explanation: 'The pointer covers mem_size bytes (a ring buffer record you reserved, or a helper\'s buffer) and the access reaches outside it.',
    fix: 'Keep offset + size within the size you reserved (or reserve more).',
    example: {
      before: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 8\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  *(u64 *)(r0 + 8) = 1\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\nout:\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 16\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  *(u64 *)(r0 + 8) = 1\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\nout:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'stack-out-of-bounds',
    patterns: [
      /^invalid (read from|write to|indirect access to) stack R(\d+) off=(-?\d+) size=(\d+)$/,
      /^invalid variable-offset (read from|write to|indirect access to) stack R(\d+) var_off=(\(.*\)) off=(-?\d+) size=(\d+)$/,
      /^invalid unbounded variable-offset (read from|write to|indirect access to) stack R(\d+)$/,
    ],
    title: 'Outside the 512-byte stack',
    explanation: 'Each function has 512 bytes of stack, from fp-512 up to fp-1 (fp = R10). The access starts or ends outside that range: above the frame pointer (fp+0 and up is not yours) or below fp-512. With a variable offset, every offset the register may hold must stay inside.',
    fix: 'Use negative offsets from R10 between -512 and -size (`*(u64 *)(r10 - 8)`, not `(r10 + 0)`); bound a variable offset so its largest value still fits.',
    example: {
      before: '.prog xdp\n  *(u64 *)(r10 + 0) = 1\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  *(u64 *)(r10 - 8) = 1\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'stack-slot-unreadable',
    patterns: [
      /^invalid read from stack off (-?\d+)\+(\d+) size (\d+)$/,
      /^invalid read from stack R(\d+) off (-?\d+)\+(\d+) size (\d+)$/,
      /^invalid read from stack R(\d+) var_off (\(.*\))\+(\d+) size (\d+)$/,
      /^invalid indirect read from stack .*$/,
    ],
    title: 'Reading stack bytes that cannot be read',
    explanation: 'Some stack slots hold special objects the verifier tracks as a whole (a dynptr, an iterator), and unprivileged programs may not read bytes never written. A load, or a helper reading a buffer on the stack, touched such bytes.',
    fix: 'Read only bytes you stored as data; pass special objects only to the helpers made for them.',
    example: null,
    noExample: 'bpfiddle verifies as root, which may read uninitialised stack, and models no dynptr or iterator slots that plain loads could hit',
  },
  {
    id: 'stack-var-offset-helper',
    patterns: [/^variable offset stack pointer cannot be passed into helper function; var_off=(\(.*\)) off=(-?\d+) size=(\d+)$/],
    title: 'A stack buffer at a variable offset passed to a helper',
    explanation: 'Helpers that fill a stack buffer need to know exactly which bytes they write, so the stack pointer you pass must have a constant offset.',
    fix: 'Pass `r10` plus a constant (`r2 = r10; r2 += -16`), not a pointer moved by a variable.',
    example: null,
    noExample: 'bpfiddle reaches this check only for helpers that write through variable-offset stack pointers, which the other stack checks catch first in small programs',
  },
  {
    id: 'misaligned-access',
    patterns: [/^misaligned (?:(\w+) )?access off (.+) size (\d+)$/, /^misaligned packet access off (.+) size (\d+)$/],
    title: 'Misaligned access',
    explanation: 'Pointers to the stack (and, for atomic operations, to map values) must be naturally aligned: an 8-byte access at a multiple of 8, a 4-byte access at a multiple of 4. The offset printed is the pointer\'s variable part + fixed part + the instruction\'s offset.',
    fix: 'Align the offset to the access size (`*(u64 *)(r10 - 8)`, not `(r10 - 4)`), or use a smaller access.',
    example: {
      before: '.prog xdp\n  *(u64 *)(r10 - 12) = 0\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  *(u64 *)(r10 - 16) = 0\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unbounded-min',
    patterns: [/^math between (\w+) pointer and register with unbounded min value is not allowed$/],
    title: 'Adding a number with no lower bound to a pointer',
    explanation: 'You add a register to a pointer, and as far as the verifier knows that register may be negative (its signed minimum is unknown). The result could point anywhere before the object. Note: a 32-bit comparison (`if w1 < 8`) bounds only the low 32 bits, not the 64-bit value you add.',
    fix: 'Bound the number first with a 64-bit unsigned comparison (`if r1 > 7 goto out`) or a mask (`r1 &= 7`), then add it.',
    example: {
      before: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  r0 &= 15\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pointer-out-of-bounds',
    patterns: [
      /^value (-?\d+) makes (\w+) pointer be out of bounds$/,
      /^math between (\w+) pointer and (-?\d+) is not allowed$/,
      /^(\w+) pointer offset (-?\d+) is not allowed$/,
    ],
    title: 'Pointer moved far out of bounds',
    explanation: 'Adding this (constant or the bound of this variable) moves the pointer so far that the verifier refuses to track it: offsets are limited to ±2^29 (BPF_MAX_VAR_OFF), which no real object reaches.',
    fix: 'Keep pointer arithmetic small and bounded; bound variables before adding them.',
    example: {
      before: '.prog xdp\n  r2 = r10\n  r2 += 0x40000000\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -64\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'min-negative',
    patterns: [/^R(\d+) min value is negative, either use unsigned index or do a if \(index >=0\) check\.$/],
    title: 'An offset that may be negative',
    explanation: 'The access uses a pointer whose variable offset may be negative (its signed minimum is below zero), so it might read before the start of the object.',
    fix: 'Check the index before adding it: compare it unsigned (`if r1 > 7 goto out`, which rules out negative values too) or mask it (`r1 &= 7`).',
    example: {
      before: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  if r0 s> 8 goto out\n  if r0 s< -8 goto out\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  if r0 > 8 goto out\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unbounded-access',
    patterns: [
      /^R(\d+) unbounded memory access, make sure to bounds check any such access$/,
      /^R(\d+) (min|max) value is outside of the allowed memory range$/,
    ],
    title: 'An offset with no upper bound',
    explanation: 'The pointer\'s variable offset has no (or too large a) maximum, so the access could land anywhere past the object. The verifier must prove every possible offset is inside.',
    fix: 'Bound the index before adding it to the pointer: `if r1 > N goto out` (N + access size ≤ the object size) or `r1 &= MASK`.',
    example: {
      before: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  w0 = w0\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r6 = r0\n  call bpf_get_prandom_u32\n  r0 &= 15\n  r6 += r0\n  r1 = *(u8 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'helper-size',
    patterns: [
      /^R(\d+) invalid zero-sized read: u64=\[(-?\d+),(-?\d+)\]$/,
      /^R(\d+) unbounded memory access, use 'var &= const' or 'if \(var < const\)'$/,
      /^R(\d+) min value is negative, either use unsigned or 'var &= const'$/,
      /^invalid zero-sized read$/,
    ],
    title: 'A helper\'s size argument is not bounded',
    explanation: 'The helper takes a buffer and its size. The verifier must prove the size is at least 1 (this helper does not accept 0), not negative, and small enough that every byte fits in the buffer.',
    fix: 'Bound the size register right before the call: `if r4 == 0 goto out` or `if r4 > 16 goto out` (or `r4 &= 15` then `r4 += 1`), with the buffer at least that large.',
    example: {
      before: '.prog sched_cls\n  r6 = r1\n  call bpf_get_prandom_u32\n  r4 = r0\n  r1 = r6\n  r2 = 0\n  r3 = r10\n  r3 += -16\n  call bpf_skb_load_bytes\n  r0 = 0\n  exit\n',
      after: '.prog sched_cls\n  r6 = r1\n  call bpf_get_prandom_u32\n  r4 = r0\n  r4 &= 7\n  r4 += 1\n  r1 = r6\n  r2 = 0\n  r3 = r10\n  r3 += -16\n  call bpf_skb_load_bytes\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'pkt-offset-outside',
    patterns: [/^R(\d+) offset is outside of the packet$/],
    title: 'Packet offset outside the packet',
    explanation: 'The packet pointer\'s offset (fixed part plus the largest variable part) is beyond what any packet can hold (64 KiB), or negative.',
    fix: 'Bound the variable you add to a packet pointer and keep constant offsets small.',
    example: null,
    noExample: 'the bounds-check and pointer-arithmetic checks report a packet pointer this far out first in small programs',
  },
  {
    id: 'modified-ctx',
    patterns: [
      /^dereference of modified (\w+) ptr R(\d+) off=(-?\d+) disallowed$/,
      /^negative offset (\w+) ptr R(\d+) off=(-?\d+) disallowed$/,
      /^variable (\w+) access var_off=(\(.*\)) disallowed$/,
    ],
    title: 'The context pointer was moved',
    explanation: 'Context fields are rewritten by the kernel into real kernel-structure accesses, so the verifier needs each load to be R1 (or a copy) plus a constant offset in the instruction itself. Adding to the context pointer first hides which field you mean.',
    fix: 'Keep the context pointer unmodified and put the field offset in the load: `r0 = *(u32 *)(r1 + 4)`, not `r1 += 4; r0 = *(u32 *)(r1 + 0)`.',
    example: {
      before: '.prog xdp\n  r1 += 4\n  r0 = *(u32 *)(r1 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = *(u32 *)(r1 + 4)\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'cannot-write',
    patterns: [
      /^R(\d+) cannot write into (\w+)$/,
      /^cannot write into packet$/,
      /^write into map forbidden(, value_size=(\d+) off=(-?\d+) size=(\d+))?$/,
      /^read from map forbidden, value_size=(\d+) off=(-?\d+) size=(\d+)$/,
      /^write to change key R(\d+) not allowed$/,
    ],
    title: 'Writing to read-only memory',
    explanation: 'This memory may be read but not written by this program: packet data in program types that only observe packets (socket filters, cgroup_skb), a read-only map, a map created with BPF_F_RDONLY_PROG, or a helper result marked read-only.',
    fix: 'Do not write there: copy the data to the stack or a map value you own and change the copy; use a program type (XDP, tc) or helper (bpf_skb_store_bytes) that may modify packets.',
    example: {
      before: '.prog cgroup_skb\n  r2 = *(u32 *)(r1 + 76)\n  r3 = *(u32 *)(r1 + 80)\n  r4 = r2\n  r4 += 1\n  if r4 > r3 goto out\n  *(u8 *)(r2 + 0) = 0\nout:\n  r0 = 1\n  exit\n',
      after: '.prog cgroup_skb\n  r2 = *(u32 *)(r1 + 76)\n  r3 = *(u32 *)(r1 + 80)\n  r4 = r2\n  r4 += 1\n  if r4 > r3 goto out\n  r0 = *(u8 *)(r2 + 0)\nout:\n  r0 = 1\n  exit\n',
    },
  },
  {
    id: 'kernel-struct-access',
    patterns: [
      /^only read from (\w+) is supported$/,
      /^only read is supported$/,
      /^R(\d+) is ptr_(\w+) .*$/,
      /^R(\d+) is (\w+) invalid negative access: off=(-?\d+)$/,
      /^access beyond (?:struct (\w+)|the end of member .*) .*$/,
      /^struct (\w+) doesn't have field at offset (-?\d+)$/,
      /^cannot access ptr member (\w+) with moff (\d+) in struct (\w+) with off (-?\d+) size (\d+)$/,
      /^Type is not a struct$/,
      /^field (\w+) doesn't have size$/,
    ],
    title: 'Accessing a kernel structure',
    explanation: 'The pointer points at a kernel structure: the map object itself (a `map_ptr` is the kernel\'s struct bpf_map), or a kernel object typed by BTF (`ptr_task_struct` ...). Reading its real fields at constant offsets is allowed; writing, negative or variable offsets and reads past the structure are not.',
    fix: 'Only read fields, at a constant offset from the unmodified pointer; use the map through helpers (bpf_map_lookup_elem ...), and copy kernel memory you need elsewhere with bpf_probe_read_kernel.',
    example: {
      before: '.prog tracepoint\n.map m hash key=4 value=8 max_entries=4\n  r1 = m ll\n  r2 = 0\n  *(u64 *)(r1 + 0) = r2\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map m array key=4 value=16 max_entries=6\n  r1 = m ll\n  r0 = *(u32 *)(r1 + 76)\n  exit\n',
    },
  },

  {
    id: 'kernel-object-field',
    patterns: [/^R(\d+) invalid (\w+) access off=(-?\d+) size=(\d+)$/, /^invalid access to flow keys off=(-?\d+) size=(\d+)$/],
    title: 'No such field in this kernel object',
    explanation: 'The register points at a kernel object the verifier knows the layout of (struct bpf_sock, struct bpf_tcp_sock, the flow dissector keys). Only its real fields may be read, at their exact offsets and sizes, and none may be written.',
    fix: 'Read an existing field with its own size (see include/uapi/linux/bpf.h for the structure).',
    example: null,
    noExample: 'socket pointers need a socket lookup on a real packet; the corpus covers these (tests/verifier/corpus/sock-*.s)',
  },

  // ----------------------------------------------------------------------------------------------
  // Pointer arithmetic
  {
    id: 'pointer-arith-null',
    patterns: [/^R(\d+) pointer arithmetic on (\w+_or_null) prohibited, null-check it first$/],
    title: 'Arithmetic on a pointer that may be NULL',
    explanation: 'The pointer may still be NULL (the helper that returned it can fail). Moving it first would make the NULL check impossible to trust afterwards.',
    fix: 'Check it against 0 first (`if r0 == 0 goto out`), then add the offset.',
    example: {
      before: '.prog xdp\n.map m hash key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  r0 += 8\n  if r0 == 0 goto out\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m hash key=4 value=16 max_entries=1\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r0 += 8\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pointer-arith-type',
    patterns: [/^R(\d+) pointer arithmetic on (\w+) prohibited$/],
    title: 'This pointer cannot be moved',
    explanation: 'Some pointers may not be changed at all: `pkt_end` (the end of the packet), `map_ptr` (the map object), sockets and other kernel objects. Only pointers into plain memory (stack, map value, packet data) take offsets.',
    fix: 'Move a pointer into the data instead (for packets, the `data` pointer), and compare it with pkt_end unchanged.',
    example: {
      before: '.prog xdp\n  r2 = *(u32 *)(r1 + 0)\n  r3 = *(u32 *)(r1 + 4)\n  r3 += -14\n  if r2 > r3 goto out\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = *(u32 *)(r1 + 0)\n  r3 = *(u32 *)(r1 + 4)\n  r2 += 14\n  if r2 > r3 goto out\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pointer-arith-op',
    patterns: [
      /^R(\d+) pointer arithmetic with (\S+) operator prohibited$/,
      /^R(\d+) bitwise operator (\S+) on pointer prohibited$/,
    ],
    title: 'Only + and - work on pointers',
    explanation: 'The verifier can track a pointer moved by adding or subtracting a number. Multiplying, dividing, shifting or masking a pointer would turn it into an address the verifier cannot reason about (and would leak kernel addresses).',
    fix: 'Do the arithmetic on the offset (a number), then add the offset to the pointer.',
    example: {
      before: '.prog xdp\n  r2 = r10\n  r2 &= -8\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -8\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pointer-pointer',
    patterns: [/^R(\d+) pointer (\S+) pointer prohibited$/],
    title: 'Combining two pointers',
    explanation: 'Adding (or xor-ing ...) two pointers gives a meaningless address. Only subtracting two pointers into the same packet gives a number (a length).',
    fix: 'Add a number (an offset) to a pointer, not another pointer.',
    example: {
      before: '.prog xdp\n  r2 = r10\n  r2 += r10\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -16\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'pointer-alu32',
    patterns: [/^R(\d+) 32-bit pointer arithmetic prohibited$/],
    title: '32-bit arithmetic on a pointer',
    explanation: 'A `w` (32-bit) operation drops the upper half of a 64-bit pointer.',
    fix: 'Use the 64-bit form: `r2 += 8` rather than `w2 += 8`.',
    example: {
      before: '.prog xdp\n  r2 = r10\n  w2 += -8\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -8\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'scalar-minus-pointer',
    patterns: [/^R(\d+) tried to subtract pointer from scalar$/],
    title: 'Number minus pointer',
    explanation: 'Subtracting a pointer from a number gives neither a pointer nor a meaningful number.',
    fix: 'Subtract the other way (pointer - pointer into the same packet gives a length), or subtract a number from the pointer.',
    example: {
      before: '.prog xdp\n  r2 = 64\n  r2 -= r10\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -64\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'stack-pointer-subtract',
    patterns: [/^R(\d+) subtraction from stack pointer prohibited$/],
    title: 'Subtracting a register from a stack pointer',
    explanation: 'A stack pointer minus an unknown register is an offset the verifier refuses to track.',
    fix: 'Subtract a constant (`r2 += -8`), or add a bounded index to a pointer to the bottom of the buffer.',
    example: {
      before: '.prog xdp\n  r3 = 8\n  r2 = r10\n  r2 -= r3\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  r2 += -8\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Arithmetic
  {
    id: 'div-by-zero',
    patterns: [/^div by zero$/],
    title: 'Division by the constant 0',
    explanation: 'The instruction divides (or takes the remainder) by the immediate 0. (Dividing by a register that happens to be 0 is allowed: eBPF defines the result as 0.)',
    fix: 'Divide by a non-zero constant or by a register.',
    example: {
      before: '.prog xdp\n  r0 = 10\n  r0 /= 0\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = 10\n  r0 /= 2\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'invalid-shift',
    patterns: [/^invalid shift (-?\d+)$/],
    title: 'Shift by more than the width',
    explanation: 'A 64-bit shift takes 0-63, a 32-bit (`w`) shift 0-31. Larger shifts are undefined on real CPUs, so the verifier rejects constant ones.',
    fix: 'Shift by less than the register width (two shifts if you really mean to clear it, or just set it to 0).',
    example: {
      before: '.prog xdp\n  r0 = 1\n  r0 <<= 64\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = 1\n  r0 <<= 63\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Helpers and their arguments
  {
    id: 'helper-arg-type',
    patterns: [/^R(\d+) type=(\w+) expected=(.*)$/, /^Possibly NULL pointer passed to helper arg(\d+)$/],
    title: 'Wrong kind of argument to a helper',
    explanation: 'Each helper declares what each argument must be (R1 is the first argument, R2 the second...): a map, a pointer to initialised memory, the context, a number. The register holds something else on this path, for example a possibly-NULL pointer, a number where a pointer is needed, or a stack pointer where the map is needed.',
    fix: 'Load the right thing into the argument register right before the call: `r1 = MAP ll` for a map, `r2 = r10; r2 += -8` for a stack buffer, the context (keep a copy of R1 in R6 at the start), and NULL-check helper results before passing them on.',
    example: {
      before: '.prog xdp\n.map m array key=4 value=8 max_entries=4\n  *(u32 *)(r10 - 4) = 0\n  r2 = 0\n  r1 = m ll\n  call bpf_map_lookup_elem\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=8 max_entries=4\n  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = m ll\n  call bpf_map_lookup_elem\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unknown-helper',
    patterns: [/^invalid func (\S+)#(-?\d+)$/, /^unknown func (\S+)#(-?\d+)$/],
    title: 'No such helper',
    explanation: 'The call number is not a helper this kernel has.',
    fix: 'Call a helper by name (`call bpf_map_lookup_elem`); the editor completes names.',
    example: {
      before: '.prog xdp\n  call 999\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  call bpf_get_prandom_u32\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'helper-prog-type',
    patterns: [
      /^program of this type cannot use helper (\S+)#(\d+)$/,
      /^func (\S+)#(\d+) not supported for program type (\d+)$/,
    ],
    title: 'Helper not available to this program type',
    explanation: 'Each program type has its own set of helpers: packet helpers for socket buffers (bpf_skb_*) are not available to XDP, tracing helpers are not available to networking programs, and so on.',
    fix: 'Use this program type\'s counterpart (XDP reads packets directly or with bpf_xdp_load_bytes; tc uses bpf_skb_load_bytes), or change the program type.',
    example: {
      before: '.prog xdp\n  r2 = 0\n  r3 = r10\n  r3 += -8\n  r4 = 4\n  call bpf_skb_load_bytes\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = 0\n  r3 = r10\n  r3 += -8\n  r4 = 4\n  call bpf_xdp_load_bytes\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'helper-map-type',
    patterns: [
      /^cannot pass map_type (\d+) into func (\S+)#(\d+)$/,
      /^expected prog array map for tail call$/,
      /^callback function not allowed for map$/,
    ],
    title: 'Wrong kind of map for this helper',
    explanation: 'Some helpers only work with one map type: bpf_tail_call needs a prog_array, bpf_ringbuf_* a ringbuf, bpf_perf_event_output a perf_event_array, and the map helpers reject those special maps in turn.',
    fix: 'Declare a map of the type the helper needs (`.map progs prog_array key=4 value=4 max_entries=4` for tail calls) and pass that one.',
    example: {
      before: '.prog xdp\n.map progs array key=4 value=4 max_entries=4\n  r2 = progs ll\n  r3 = 0\n  call bpf_tail_call\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map progs prog_array key=4 value=4 max_entries=4\n  r2 = progs ll\n  r3 = 0\n  call bpf_tail_call\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'helper-packet-access',
    patterns: [/^helper access to the packet is not allowed$/],
    title: 'Packet memory passed to a helper that may not see it',
    explanation: 'This helper may not read or write packet data directly in this program type (the packet may be moved by the helper, or the program type does not allow it).',
    fix: 'Copy the bytes to the stack first (a bounded read), and pass the stack buffer.',
    example: null,
    noExample: 'the helpers that refuse packet pointers in bpfiddle\'s table are reached only with packet pointers in program types the example set does not use',
  },
  {
    id: 'not-constant',
    patterns: [/^R(\d+) is not a known constant'$/],
    title: 'This argument must be a constant',
    explanation: 'The helper needs this argument to be a number known at verification time (for example the size of a ring buffer record, so the verifier knows how big the record is).',
    fix: 'Set the register to a constant right before the call (`r2 = 16`), not to a computed value.',
    example: {
      before: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  call bpf_get_prandom_u32\n  r2 = r0\n  r2 &= 31\n  r1 = rb ll\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_discard\nout:\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r2 = 16\n  r1 = rb ll\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_discard\nout:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'readonly-map',
    patterns: [/^R(\d+) does not point to a readonly map'$/],
    title: 'A read-only map is needed',
    explanation: 'The helper reads a string or constant from a map and needs the map to be frozen read-only, so its contents cannot change after verification.',
    fix: 'Use a map created with BPF_F_RDONLY_PROG and frozen (what C compilers make for `const` globals).',
    example: null,
    noExample: 'frozen read-only maps are not part of bpfiddle\'s map model yet',
  },
  {
    id: 'map-btf-needed',
    patterns: [/^map '(.*)' has to have BTF in order to use (\w+)$/],
    title: 'The map needs BTF for spin locks or timers',
    explanation: 'bpf_spin_lock and bpf_timer live inside map values, and the kernel needs the map\'s BTF (type information) to know where.',
    fix: 'Compile from C with BTF (clang -g) so the map has a type description.',
    example: null,
    noExample: 'bpfiddle programs are assembly and carry no BTF',
  },
  {
    id: 'might-sleep',
    patterns: [/^helper call might sleep in a non-sleepable prog$/],
    title: 'Sleeping helper in a non-sleepable program',
    explanation: 'Some helpers may sleep (copy_from_user ...). Only sleepable programs (loaded with BPF_F_SLEEPABLE) may call them.',
    fix: 'Use the non-sleeping variant (bpf_probe_read_user) or a sleepable program type.',
    example: null,
    noExample: 'bpfiddle loads no program as sleepable, and the example set avoids the sleepable helpers',
  },
  {
    id: 'local-storage-flags',
    patterns: [/^get_local_storage\(\) doesn't support non-zero flags$/],
    title: 'bpf_get_local_storage takes flags 0',
    explanation: 'The flags argument of bpf_get_local_storage is reserved and must be 0.',
    fix: 'Pass `r2 = 0`.',
    example: null,
    noExample: 'cgroup storage maps are not modelled by bpfiddle',
  },

  // ----------------------------------------------------------------------------------------------
  // References (ring buffer records, sockets)
  {
    id: 'reference-leak',
    patterns: [/^Unreleased reference id=(\d+) alloc_insn=(\d+)$/, /^(.*) would lead to reference leak$/],
    title: 'A reference is never released',
    explanation: 'The program acquired something that must be given back (a ring buffer record from bpf_ringbuf_reserve, a socket from bpf_sk_lookup_*) and reaches exit on some path without releasing it. alloc_insn is the instruction that acquired it.',
    fix: 'On every path after a successful acquire, release it: bpf_ringbuf_submit or bpf_ringbuf_discard for records, bpf_sk_release for sockets. Check each branch between the acquire and exit.',
    example: {
      before: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 8\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  *(u64 *)(r0 + 0) = 1\nout:\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 8\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  *(u64 *)(r0 + 0) = 1\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\nout:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'release-unreferenced',
    patterns: [
      /^R(\d+) must be referenced when passed to release function$/,
      /^func (\S+)#(\d+) reference has not been acquired before$/,
      /^R(\d+) must have zero offset when passed to release func or trusted arg to kfunc$/,
      /^arg (\d+) is an unacquired reference$/,
      /^more than one arg with ref_obj_id R(\d+) (\d+) (\d+)$/,
    ],
    title: 'Releasing something that is not held',
    explanation: 'A release helper (bpf_ringbuf_submit/discard, bpf_sk_release) must get exactly the pointer an acquire returned, unmodified, and only once.',
    fix: 'Pass the pointer bpf_ringbuf_reserve (or the lookup) returned, without moving it, and release it once per path.',
    example: {
      before: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 16\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  r0 += 8\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\nout:\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map rb ringbuf key=0 value=0 max_entries=4096\n  r1 = rb ll\n  r2 = 16\n  r3 = 0\n  call bpf_ringbuf_reserve\n  if r0 == 0 goto out\n  r1 = r0\n  r2 = 0\n  call bpf_ringbuf_submit\nout:\n  r0 = 0\n  exit\n',
    },
  },

  {
    id: 'dynptr',
    patterns: [
      /^Expected an initialized dynptr as arg #(\d+)$/,
      /^cannot pass in dynptr at an offset=(-?\d+)$/,
      /^Expected (?:a dynptr|an uninitialized dynptr) .*$/,
      /^dynptr has to be at a constant offset$/,
      /^Unsupported reg type (\w+) for bpf_dynptr_from_mem data$/,
      /^potential write to dynptr at off=(-?\d+) disallowed$/,
      // The rest of the dynptr checks (overwriting, releasing, re-initialising one).
      /^.*dynptr.*$/i,
    ],
    title: 'A dynptr used before it is set up (or at the wrong place)',
    explanation: 'A dynptr is a 16-byte stack object a helper initialises (bpf_dynptr_from_mem over a map value, bpf_ringbuf_reserve_dynptr); other dynptr helpers need a pointer to the start of an initialised one, plain stores must not overwrite it while it holds a reference, and it must be released (submitted or discarded) exactly once.',
    fix: 'Initialise the dynptr with its constructor helper first, pass `r10 - OFF` where OFF is the start of its 16 bytes, leave those bytes alone while it is live, and submit or discard a ring buffer dynptr once.',
    example: {
      before: '.prog kprobe\n.map events ringbuf key=0 value=0 max_entries=4096\n  r1 = events ll\n  r2 = 8\n  r3 = 0\n  r4 = r10\n  r4 += -16\n  call bpf_ringbuf_reserve_dynptr\n  *(u32 *)(r10 - 12) = 0\n  r1 = r10\n  r1 += -16\n  r2 = 0\n  call bpf_ringbuf_discard_dynptr\n  r0 = 0\n  exit\n',
      after: '.prog kprobe\n.map events ringbuf key=0 value=0 max_entries=4096\n  r1 = events ll\n  r2 = 8\n  r3 = 0\n  r4 = r10\n  r4 += -16\n  call bpf_ringbuf_reserve_dynptr\n  *(u32 *)(r10 - 20) = 0\n  r1 = r10\n  r1 += -16\n  r2 = 0\n  call bpf_ringbuf_discard_dynptr\n  r0 = 0\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Return values
  {
    id: 'return-range',
    patterns: [
      /^At program exit the register R0 (has .*|is not a known value \((\w+)\)) should have been in \[(-?\d+), (-?\d+)\]$/,
      /^At program exit the register R0 is not a known value \((\w+)\)$/,
    ],
    title: 'Return value out of range',
    explanation: 'This program type accepts only certain return values (cgroup_skb: 0 = drop, 1 = allow). On some path R0 may hold a value outside that range at exit, or is not a number at all.',
    fix: 'Set R0 to an allowed constant right before every exit (`r0 = 1`), or mask/compare it into the range.',
    example: {
      before: '.prog cgroup_skb\n  r0 = 2\n  exit\n',
      after: '.prog cgroup_skb\n  r0 = 1\n  exit\n',
    },
  },
  {
    id: 'callback-return',
    patterns: [
      /^At callback return the register R0 (.*) should have been in \[(-?\d+), (-?\d+)\]$/,
      /^R0 not a scalar value$/,
    ],
    title: 'Callback returns a value out of range',
    explanation: 'Callbacks (bpf_loop, bpf_for_each_map_elem) must return 0 (continue) or 1 (stop).',
    fix: 'Set `r0 = 0` or `r0 = 1` before the callback\'s exit.',
    example: {
      before: '.prog xdp\n  r1 = 10\n  r2 = subprog[+6]\n  r3 = 0\n  r4 = 0\n  call bpf_loop\n  r0 = 2\n  exit\ncb:\n  r0 = 5\n  exit\n',
      after: '.prog xdp\n  r1 = 10\n  r2 = subprog[+6]\n  r3 = 0\n  r4 = 0\n  call bpf_loop\n  r0 = 2\n  exit\ncb:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'return-stack-pointer',
    patterns: [/^cannot return stack pointer to the caller$/],
    title: 'Returning a pointer to your own stack',
    explanation: 'A function\'s stack frame disappears when it returns, so a pointer into it would dangle.',
    fix: 'Return a number, or let the caller pass a pointer to its stack and write the result there.',
    example: {
      before: '.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  r0 = r10\n  r0 += -8\n  exit\n',
      after: '.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  r0 = 0\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Control flow and program shape
  {
    id: 'infinite-loop',
    patterns: [/^infinite loop detected at insn (\d+)$/],
    title: 'A loop that never ends',
    explanation: 'The verifier came back to this instruction in exactly the same state as before: nothing changes between iterations, so the loop would run forever.',
    fix: 'Make the loop make progress: change the register the loop condition tests (a counter), and make the condition reachable.',
    example: {
      before: '.prog xdp\n  r1 = 0\nl:\n  if r1 == 0 goto l\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r1 = 0\nl:\n  r1 += 1\n  if r1 < 4 goto l\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'too-complex',
    patterns: [/^BPF program is too large\. Processed (\d+) insn$/, /^The sequence of (\d+) jumps is too complex\.$/],
    title: 'The program is too complex to verify',
    explanation: 'The verifier walks every path; it gives up after 1,000,000 instructions processed (or 8192 pending branches). Loops whose exit it cannot prove quickly (large or unknown trip counts) and many independent branches multiply the paths.',
    fix: 'Make loop bounds small constants, use bpf_loop or may_goto for long loops, and reduce branches that do not need to be separate paths.',
    example: {
      before: '.prog xdp\n  r6 = 0\nl:\n  call bpf_get_prandom_u32\n  if r0 == 0 goto out\n  r6 += 1\n  if r6 < 10000 goto l\nout:\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r6 = 0\nl:\n  call bpf_get_prandom_u32\n  if r0 == 0 goto out\n  r6 += 1\n  if r6 < 100 goto l\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unreachable',
    patterns: [/^unreachable insn (\d+)$/],
    title: 'Dead code',
    explanation: 'No path reaches this instruction. The kernel refuses programs with dead code (it would never be checked).',
    fix: 'Remove the instruction, or add the jump or label that should lead to it.',
    example: {
      before: '.prog xdp\n  r0 = 2\n  exit\n  r0 = 1\n  exit\n',
      after: '.prog xdp\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'jump-out-of-range',
    patterns: [/^jump out of range from insn (\d+) to (-?\d+)$/, /^jump into the middle of ldimm64 insn (\d+)$/],
    title: 'Jump to nowhere',
    explanation: 'A jump targets an instruction outside the program (or outside its function), or the second half of a 16-byte `ld_imm64` instruction.',
    fix: 'Jump to a label on an instruction inside the same function.',
    example: {
      before: '; patch: 0 off=5\n.prog xdp\n  goto +0\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  goto +0\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'falls-off-end',
    patterns: [/^last insn is not an exit or jmp$/],
    title: 'The program (or a function) does not end with exit',
    explanation: 'Execution must never run past the last instruction of the program or of a subprogram: it has to end with `exit` or an unconditional jump.',
    fix: 'End every function with `exit` (set r0 before it).',
    example: {
      before: '.prog xdp\n  r0 = 2\n',
      after: '.prog xdp\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'invalid-call-target',
    patterns: [/^call to invalid destination$/, /^too many subprograms$/],
    title: 'Call to an invalid function',
    explanation: 'A bpf-to-bpf call must land on an instruction inside the program; it starts a new function there.',
    fix: 'Call a label that starts a function (`call f` ... `f:`).',
    example: {
      before: '; patch: 0 imm=10\n.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  r0 = 0\n  exit\n',
      after: '.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'call-stack-too-deep',
    patterns: [/^the call stack of (\d+) frames is too deep( !)?$/],
    title: 'Calls nested too deeply (or recursion)',
    explanation: 'bpf-to-bpf calls may nest at most 8 deep, and recursion is not allowed at all (the verifier has to know the stack usage of the whole chain).',
    fix: 'Turn recursion into a bounded loop and flatten deep call chains.',
    example: {
      before: '.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  call f\n  r0 = 0\n  exit\n',
      after: '.prog xdp\n  call f\n  r0 = 2\n  exit\nf:\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'stack-too-large',
    patterns: [/^combined stack size of (\d+) calls is (\d+)\. Too large$/, /^stack size of subprog (\d+) is (\d+)\. Too large$/],
    title: 'Too much stack across a call chain',
    explanation: 'All the frames of a chain of bpf-to-bpf calls share a 512-byte budget: the stack each function uses (rounded up to 16) adds up along the chain.',
    fix: 'Use less stack in the functions of the chain (reuse slots, keep big buffers in a per-CPU array map instead).',
    example: {
      before: '.prog xdp\n  *(u64 *)(r10 - 304) = 0\n  call f\n  r0 = 2\n  exit\nf:\n  *(u64 *)(r10 - 304) = 0\n  r0 = 0\n  exit\n',
      after: '.prog xdp\n  *(u64 *)(r10 - 200) = 0\n  call f\n  r0 = 2\n  exit\nf:\n  *(u64 *)(r10 - 200) = 0\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'spill-to-caller',
    patterns: [/^cannot spill pointers to stack into stack frame of the caller$/],
    title: 'Storing a stack pointer into the caller\'s stack',
    explanation: 'A function may write numbers into its caller\'s stack through a pointer it was given, but not a pointer to its own stack: the pointer would dangle after the return.',
    fix: 'Store a number instead, or keep the pointer in the callee\'s frame.',
    example: null,
    noExample: 'kept for completeness: the kernel message of this check',
  },

  // ----------------------------------------------------------------------------------------------
  // Stack slots
  {
    id: 'spill-size',
    patterns: [/^invalid size of register (spill|fill)$/],
    title: 'Partial spill or fill of a pointer',
    explanation: 'A pointer saved on the stack (spilled) must be stored and loaded back as a whole 8-byte value; storing or loading only part of it would make a pointer the verifier cannot trust.',
    fix: 'Use `*(u64 *)` to save and restore pointers on the stack.',
    example: {
      before: '.prog xdp\n  r2 = r10\n  *(u32 *)(r10 - 8) = r2\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r10\n  *(u64 *)(r10 - 8) = r2\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Atomics
  {
    id: 'atomic-pointer-kind',
    patterns: [/^BPF_ATOMIC (stores into|loads from) R(\d+) (\w+) is not allowed$/],
    title: 'Atomic operation on the wrong memory',
    explanation: 'Atomic operations (lock +=, fetch_add, cmpxchg, load-acquire/store-release) work on the stack and map values, not on the context or packet data.',
    fix: 'Keep the counter in a map value (or on the stack) and apply the atomic there.',
    example: {
      before: '.prog xdp\n  r2 = 1\n  lock *(u32 *)(r1 + 0) += r2\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  *(u32 *)(r10 - 4) = 0\n  r2 = 1\n  lock *(u32 *)(r10 - 4) += r2\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'atomic-invalid',
    patterns: [/^BPF_ATOMIC uses invalid atomic opcode ([0-9a-f]+)$/, /^invalid atomic operand size$/],
    title: 'Invalid atomic operation',
    explanation: 'Atomic read-modify-write instructions exist only for 32- and 64-bit operands and for a fixed set of operations (add, and, or, xor, with or without fetch, xchg, cmpxchg).',
    fix: 'Use `lock *(u32 *)` or `lock *(u64 *)` with one of the supported operations.',
    example: {
      before: '; patch: 1 imm=0x10\n.prog xdp\n  r2 = 1\n  lock *(u64 *)(r10 - 8) += r2\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  *(u64 *)(r10 - 8) = 0\n  r2 = 1\n  lock *(u64 *)(r10 - 8) += r2\n  r0 = 2\n  exit\n',
    },
  },

  // ----------------------------------------------------------------------------------------------
  // Encoding: what the assembler would never write
  {
    id: 'reserved-fields',
    patterns: [/^(BPF_\S+|BPF_LD_\[ABS\|IND\]) uses reserved fields$/, /^addr_space_cast insn can only convert between address space 1 and 0$/],
    title: 'Unused instruction fields must be zero',
    explanation: 'Every instruction has fields its opcode does not use (a source register for an immediate move, an offset for an ALU op...). The kernel requires them to be 0, so that they can get a meaning in a later version.',
    fix: 'Re-encode the instruction with the unused fields zeroed (the assembler does this; the bytes came from elsewhere).',
    example: {
      before: '; patch: 0 src=1\n.prog xdp\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unknown-opcode',
    patterns: [
      /^unknown opcode ([0-9a-f]+)$/,
      /^invalid BPF_ALU opcode ([0-9a-f]+)$/,
      /^invalid BPF_JMP\/JMP32 opcode ([0-9a-f]+)$/,
      /^unknown insn class (\d+)$/,
      /^invalid BPF_LD mode$/,
      /^invalid may_goto imm (-?\d+)$/,
    ],
    title: 'Not an eBPF instruction',
    explanation: 'The opcode byte does not name an instruction this kernel knows.',
    fix: 'Check the opcode against the instruction set (hover an instruction in the editor to see its encoding).',
    example: {
      before: '; patch: 0 code=0xe7\n.prog xdp\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'ld-imm64',
    patterns: [
      /^invalid bpf_ld_imm64 insn$/,
      /^unrecognized bpf_ld_imm64 insn$/,
      /^invalid BPF_LD_IMM insn$/,
      /^BPF_LD_IMM64 uses reserved fields$/,
      /^pseudo btf_id (\d+) in ldimm64 isn't KIND_VAR or KIND_FUNC$/,
      /^invalid module BTF object FD specified\.$/,
    ],
    title: 'Broken 64-bit load',
    explanation: '`ld_imm64` (`r1 = X ll`) takes two 8-byte slots; the second must have opcode 0 and the source field must be a known kind (0: a number, 1: a map, 2: a map value...).',
    fix: 'Write the load with `ll` (`r1 = 0x1122334455667788 ll`, `r1 = MAP ll`) and let the assembler encode both halves.',
    example: {
      before: '; patch: 1 code=0x18\n.prog xdp\n  r1 = 1 ll\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r1 = 1 ll\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'bad-map-reference',
    patterns: [/^fd (-?\d+) is not pointing to valid bpf_map$/, /^fd_idx without fd_array is invalid$/],
    title: 'Reference to a map that does not exist',
    explanation: 'A map load refers to a map the program does not have (the loader substitutes the file descriptor of each map the program declares).',
    fix: 'Declare the map with `.map NAME TYPE key=.. value=.. max_entries=..` and load it by name: `r1 = NAME ll`.',
    example: {
      before: '; patch: 0 imm=7\n.prog xdp\n.map m array key=4 value=8 max_entries=1\n  r1 = m ll\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n.map m array key=4 value=8 max_entries=1\n  r1 = m ll\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'direct-map-value',
    patterns: [
      /^invalid access to map value pointer, value_size=(\d+) off=(-?\d+)$/,
      /^no direct value access support for this map type$/,
      /^direct value offset of (-?\d+) is not allowed$/,
    ],
    title: 'Direct map value address out of range or unsupported',
    explanation: '`r1 = map[id:M][0]+OFF` takes the address of an array map\'s first value directly (how C global variables work). Only array maps support it, and OFF must lie inside the value.',
    fix: 'Use an array map and an offset below value_size, or look the value up with bpf_map_lookup_elem.',
    example: null,
    noExample: 'the editor\'s assembler refuses map value offsets past value_size; the kernel message is for other loaders',
  },
  {
    id: 'kfunc',
    patterns: [
      /^failed to find BTF for kernel function$/,
      /^kernel btf_id (\d+) is not a function$/,
      /^negative offset disallowed for kernel module function call$/,
      /^kfunc offset > 0 without fd_array is invalid$/,
      /^invalid kernel function call not eliminated in verifier pass$/,
    ],
    title: 'Calls to kernel functions (kfuncs) need BTF',
    explanation: 'A kfunc call names a kernel function by its BTF id; the id must be a function the kernel exports to BPF.',
    fix: 'Use a helper instead, or compile from C with BTF and the kfunc\'s declaration (libbpf fills in the id).',
    example: null,
    noExample: 'kfunc ids depend on the running kernel\'s BTF',
  },
  {
    id: 'ld-abs',
    patterns: [
      /^BPF_LD_\[ABS\|IND\] instructions not allowed for this program type$/,
      /^at the time of BPF_LD_ABS\|IND R6 != pointer to skb$/,
      /^LD_ABS is not allowed in subprogs without BTF$/,
    ],
    title: 'Legacy packet loads (LD_ABS/LD_IND)',
    explanation: 'The old cBPF-style packet loads (`r0 = *(u8 *)skb[12]`) work only in socket filters and tc programs, with the context in R6, and not in subprograms.',
    fix: 'Read the packet through data/data_end with a bounds check instead, or put the context in R6 (`r6 = r1`) first.',
    example: {
      before: '.prog xdp\n  r6 = r1\n  r0 = *(u8 *)skb[12]\n  r0 = 2\n  exit\n',
      after: '.prog socket_filter\n  r6 = r1\n  r0 = *(u8 *)skb[12]\n  r0 = 0\n  exit\n',
    },
  },
  {
    id: 'tail-call-subprog',
    patterns: [/^tail_call is not allowed in subprogs without BTF$/],
    title: 'Tail call inside a function',
    explanation: 'Without BTF information the kernel only allows bpf_tail_call in the main program, not inside a bpf-to-bpf function.',
    fix: 'Do the tail call in the main program (return a code from the function and act on it).',
    example: {
      before: '.prog xdp\n.map progs prog_array key=4 value=4 max_entries=4\n  call f\n  r0 = 2\n  exit\nf:\n  r2 = progs ll\n  r3 = 0\n  call bpf_tail_call\n  r0 = 0\n  exit\n',
      after: '.prog xdp\n.map progs prog_array key=4 value=4 max_entries=4\n  r2 = progs ll\n  r3 = 0\n  call bpf_tail_call\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'arena',
    patterns: [/^addr_space_cast insn can only be used in a program that has an associated arena$/],
    title: 'addr_space_cast needs an arena map',
    explanation: 'Address-space casts convert arena pointers; without a BPF arena map there is nothing to convert.',
    fix: 'Remove the cast, or declare an arena map (not supported by bpfiddle).',
    example: null,
    noExample: 'arena maps are not modelled',
  },
  {
    id: 'same-insn-different-pointers',
    patterns: [/^same insn cannot be used with different pointers$/],
    title: 'One load used with two kinds of pointer',
    explanation: 'Context accesses are rewritten per instruction, so the same load or store instruction cannot be reached with a context pointer on one path and another pointer (stack, map value) on another.',
    fix: 'Use separate instructions for the two cases (duplicate the load in each branch).',
    example: {
      before: '.prog xdp\n  r2 = r1\n  r6 = r1\n  call bpf_get_prandom_u32\n  *(u32 *)(r10 - 8) = 0\n  if r0 == 0 goto l\n  r6 = r10\n  r6 += -8\nl:\n  r0 = *(u32 *)(r6 + 0)\n  r0 = 2\n  exit\n',
      after: '.prog xdp\n  r2 = r1\n  r6 = r1\n  call bpf_get_prandom_u32\n  *(u32 *)(r10 - 8) = 0\n  if r0 == 0 goto l\n  r6 = r10\n  r6 += -8\n  r0 = *(u32 *)(r6 + 0)\n  goto out\nl:\n  r0 = *(u32 *)(r6 + 0)\nout:\n  r0 = 2\n  exit\n',
    },
  },
  {
    id: 'unprivileged',
    patterns: [
      /^back-edge from insn (\d+) to (\d+)$/,
      /^R(\d+) pointer comparison prohibited$/,
      /^R(\d+) sign-extension part of pointer$/,
      /^R(\d+) partial copy of pointer$/,
      /^R(\d+) leaks addr into (map|mem|ctx|packet|helper function)$/,
      /^R0 leaks addr as return value$/,
      /^attempt to corrupt spilled pointer on stack$/,
      /^R(\d+) variable stack access prohibited for !root, .*$/,
    ],
    title: 'Not allowed without privileges',
    explanation: 'Programs loaded without CAP_BPF (unprivileged) get a stricter verifier: no loops, no kernel addresses leaking into maps, return values or comparisons, no variable stack offsets. bpfiddle verifies as root (CAP_BPF and CAP_PERFMON), so this message comes from a log of an unprivileged load.',
    fix: 'Load the program with CAP_BPF (as root, or with the capability), or avoid the construct: unroll the loop, never store or return pointers, use constant stack offsets.',
    example: null,
    noExample: 'bpfiddle verifies as a privileged user, where these constructs are allowed',
  },
  {
    id: 'bpfiddle-unsupported',
    patterns: [/^bpfiddle: (.*)$/],
    title: 'Not modelled by bpfiddle',
    explanation: 'This program uses a kernel feature bpfiddle\'s verifier does not model yet (BTF-typed kernel pointers, some helper callbacks). This message is bpfiddle\'s, not the kernel\'s: the real kernel may well accept the program.',
    fix: 'Check the program against a real kernel, or avoid the feature here.',
    example: null,
    noExample: 'a bpfiddle limitation, not a mistake in the program',
  },
  {
    id: 'internal',
    patterns: [
      /^verifier bug: (.*)$/,
      /^invalid insn idx (\d+) insn_cnt (\d+)$/,
      /^unknown return type (.*)$/,
      /^allocated_stack too small$/,
    ],
    title: 'Internal verifier error',
    explanation: 'The verifier reached a state it considers impossible. This is a bug (in bpfiddle, or in the kernel), not in your program.',
    fix: 'Please report the program.',
    example: null,
    noExample: 'no valid program should produce it',
  },
];

