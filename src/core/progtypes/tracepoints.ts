// Record layouts of a few well-known tracepoints, copied from the 6.18 kernel's
// /sys/kernel/tracing/events/<category>/<event>/format (tests/progtypes/tracepoints.test.ts
// compares them with tracefs when it is mounted). A tracepoint program's context is the record,
// so these give its bytes names: the input editor and `bpfiddle run --tracepoint` fill records
// from field values, and the memory pane labels them. Any other tracepoint can still be run on
// raw record bytes.

import type { CtxField } from './types.js';

export interface TracepointField {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
  /** The C type as the format file gives it ('unsigned long args[6]' is type 'unsigned long', 6 elements). */
  readonly type: string;
  readonly signed: boolean;
  /** Array elements (args[6], char prev_comm[16]); 1 for scalars. */
  readonly count: number;
}

export interface TracepointFormat {
  /** 'category/event'. */
  readonly name: string;
  /** The kernel's name for the record struct (trace_event_raw_<event>). */
  readonly struct: string;
  /** The record's size: the end of its last field. */
  readonly size: number;
  /** The event's own fields, after the 8-byte common header. */
  readonly fields: readonly TracepointField[];
  readonly doc: string;
}

const f = (type: string, name: string, offset: number, size: number, signed: boolean, count = 1): TracepointField =>
  ({ name, offset, size, type, signed, count });

function format(name: string, struct: string, doc: string, fields: TracepointField[]): TracepointFormat {
  const size = Math.max(...fields.map((x) => x.offset + x.size));
  return { name, struct, size, fields, doc };
}

export const TRACEPOINT_FORMATS: readonly TracepointFormat[] = [
  format('raw_syscalls/sys_enter', 'trace_event_raw_sys_enter', 'every system call entry', [
    f('long', 'id', 8, 8, true),
    f('unsigned long', 'args', 16, 48, false, 6),
  ]),
  format('raw_syscalls/sys_exit', 'trace_event_raw_sys_exit', 'every system call exit', [
    f('long', 'id', 8, 8, true),
    f('long', 'ret', 16, 8, true),
  ]),
  format('syscalls/sys_enter_openat', 'trace_event_raw_sys_enter', 'openat(2) entry', [
    f('int', '__syscall_nr', 8, 4, true),
    f('int', 'dfd', 16, 8, false),
    f('const char *', 'filename', 24, 8, false),
    f('int', 'flags', 32, 8, false),
    f('umode_t', 'mode', 40, 8, false),
  ]),
  format('sched/sched_switch', 'trace_event_raw_sched_switch', 'a context switch from prev to next', [
    f('char', 'prev_comm', 8, 16, false, 16),
    f('pid_t', 'prev_pid', 24, 4, true),
    f('int', 'prev_prio', 28, 4, true),
    f('long', 'prev_state', 32, 8, true),
    f('char', 'next_comm', 40, 16, false, 16),
    f('pid_t', 'next_pid', 56, 4, true),
    f('int', 'next_prio', 60, 4, true),
  ]),
  format('net/netif_receive_skb', 'trace_event_raw_net_dev_template', 'a packet handed to the network stack', [
    f('void *', 'skbaddr', 8, 8, false),
    f('unsigned int', 'len', 16, 4, false),
    f('__data_loc char[]', 'name', 20, 4, false),
  ]),
];

export function tracepointFormat(name: string): TracepointFormat | undefined {
  return TRACEPOINT_FORMATS.find((t) => t.name === name);
}

/**
 * A format's fields as context fields (arrays of integers split into elements, `args[0]`, so each
 * can be given a value; char arrays stay whole, as text). Header fields come first.
 */
export function tracepointCtxFields(t: TracepointFormat, header: readonly CtxField[]): CtxField[] {
  const out: CtxField[] = [...header];
  for (const x of t.fields) {
    const elem = x.size / x.count;
    if (x.count > 1 && x.type !== 'char') {
      for (let i = 0; i < x.count; i++) {
        out.push({ name: `${x.name}[${i}]`, offset: x.offset + i * elem, size: elem, kind: 'bytes', target: 8, narrow: true, doc: `${x.type} ${x.name}[${i}]` });
      }
    } else {
      out.push({ name: x.name, offset: x.offset, size: x.size, kind: 'bytes', target: 8, narrow: true, doc: `${x.type} ${x.name}${x.count > 1 ? `[${x.count}]` : ''}` });
    }
  }
  return out;
}
