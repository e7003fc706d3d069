// The tracepoint record formats bpfiddle knows, against the running kernel's tracefs format files
// (/sys/kernel/tracing or /sys/kernel/debug/tracing). Where tracefs is not mounted the test prints
// why and passes: the formats were copied from a 6.18 kernel's tracefs.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRACEPOINT_FORMATS } from '../../src/core/progtypes/index.js';

const ROOTS = ['/sys/kernel/tracing', '/sys/kernel/debug/tracing'];

function formatFile(event: string): string | undefined {
  for (const root of ROOTS) {
    const p = `${root}/events/${event}/format`;
    try {
      if (existsSync(p)) return readFileSync(p, 'utf8');
    } catch {
      // not readable here (no root): try the next place
    }
  }
  return undefined;
}

/** `field:TYPE NAME[N]; offset:O; size:S; signed:G;` lines after the common header. */
function parseFormat(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/field:(.+?);\s*offset:(\d+);\s*size:(\d+);\s*signed:(\d);/g)) {
    const decl = m[1]!.trim();
    const name = /([A-Za-z_]\w*)(\[\d*\])?$/.exec(decl)![1]!;
    if (name.startsWith('common_')) continue;
    out.push(`${name}@${m[2]}/${m[3]}${m[4] === '1' ? 's' : 'u'}`);
  }
  return out;
}

describe('tracepoint formats', () => {
  it('match the running kernel\'s tracefs format files', () => {
    const first = formatFile(TRACEPOINT_FORMATS[0]!.name);
    if (first === undefined) {
      console.log('skipped: tracefs is not mounted (or not readable) at /sys/kernel/tracing');
      return;
    }
    for (const t of TRACEPOINT_FORMATS) {
      const text = formatFile(t.name);
      expect(text, t.name).toBeDefined();
      const ours = t.fields.map((f) => `${f.name}@${f.offset}/${f.size}${f.signed ? 's' : 'u'}`);
      expect(ours, t.name).toEqual(parseFormat(text!));
    }
  });

  it('give each record its size and field count', () => {
    const sizes = Object.fromEntries(TRACEPOINT_FORMATS.map((t) => [t.name, t.size]));
    expect(sizes).toEqual({
      'raw_syscalls/sys_enter': 64, 'raw_syscalls/sys_exit': 24, 'syscalls/sys_enter_openat': 48, 'sched/sched_switch': 64,
      'net/netif_receive_skb': 24,
    });
  });
});
