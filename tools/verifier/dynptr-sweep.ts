// A sweep of dynptr helper calls for the verifier differential: every dynptr helper, with its
// dynptr argument pointing at stack offsets around a dynptr (aligned, misaligned, overlapping, at
// the frame's top), on a stack that holds nothing, plain data, a local dynptr (bpf_dynptr_from_mem
// over a map value) or a ring buffer dynptr, then (when it gets that far) the ring buffer dynptr
// discarded and the exit. One program each; the kernel's and bpfiddle's verdicts, messages and
// processed counts must agree. Used by tools/verifier/kernel-harness.ts.

import { assemble } from '../../src/core/asm/index.js';
import type { FuzzProgram } from './fuzz.js';

const STACK: Readonly<Record<string, string>> = {
  empty: '',
  data: '  *(u64 *)(r10 - 32) = 0\n  *(u64 *)(r10 - 24) = 0\n',
  local: '  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = a ll\n  call bpf_map_lookup_elem\n  r1 = r0\n  r2 = 16\n' +
    '  r3 = 0\n  r4 = r10\n  r4 += -32\n  call bpf_dynptr_from_mem\n',
  ringbuf: '  r1 = rb ll\n  r2 = 16\n  r3 = 0\n  r4 = r10\n  r4 += -32\n  call bpf_ringbuf_reserve_dynptr\n',
};

/** The call with the dynptr argument at fp+OFF (`D`). */
const CALLS: Readonly<Record<string, string>> = {
  read: '  r1 = r10\n  r1 += -48\n  r2 = 8\n  r3 = D\n  r4 = 0\n  r5 = 0\n  call bpf_dynptr_read\n',
  write: '  *(u64 *)(r10 - 48) = 0\n  r1 = D\n  r2 = 0\n  r3 = r10\n  r3 += -48\n  r4 = 8\n  r5 = 0\n  call bpf_dynptr_write\n',
  data: '  r1 = D\n  r2 = 0\n  r3 = 8\n  call bpf_dynptr_data\n',
  submit: '  r1 = D\n  r2 = 0\n  call bpf_ringbuf_submit_dynptr\n',
  discard: '  r1 = D\n  r2 = 0\n  call bpf_ringbuf_discard_dynptr\n',
  reserve: '  r1 = rb ll\n  r2 = 8\n  r3 = 0\n  r4 = D\n  call bpf_ringbuf_reserve_dynptr\n',
  from_mem: '  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = a ll\n  call bpf_map_lookup_elem\n  r1 = r0\n  r2 = 8\n  r3 = 0\n  r4 = D\n  call bpf_dynptr_from_mem\n',
};
const OFFSETS = [-48, -40, -36, -32, -28, -24, -20, -16, -8, 0];

/** Every sweep program, named `dynptr-STACK-CALL-OFF`. */
export function dynptrSweep(): FuzzProgram[] {
  const out: FuzzProgram[] = [];
  for (const [stack, pro] of Object.entries(STACK)) {
    for (const [call, body] of Object.entries(CALLS)) {
      for (const off of OFFSETS) {
        const name = `dynptr-${stack}-${call}-${off}`;
        // the ring buffer dynptr is discarded afterwards, so that a call that leaves it alone passes
        const cleanup = stack === 'ringbuf' && call !== 'submit' && call !== 'discard'
          ? '  r1 = r10\n  r1 += -32\n  r2 = 0\n  call bpf_ringbuf_discard_dynptr\n' : '';
        const src = `; ${name}\n.prog kprobe\n.map a array key=4 value=16 max_entries=1\n.map rb ringbuf key=0 value=0 max_entries=4096\n` +
          `${pro}  r6 = r10\n  r6 += ${off}\n${body.replaceAll('D', 'r6')}${cleanup}  r0 = 0\n  exit\n`;
        const r = assemble(src);
        if (!r.ok) throw new Error(`${name}: ${r.errors.map((e) => e.message).join('; ')}`);
        out.push({ name, source: src, recipe: ['dynptr_sweep'], case: { name, program: r.program, intent: null, about: name } });
      }
    }
  }
  return out;
}
