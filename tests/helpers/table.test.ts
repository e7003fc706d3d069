// The helper table's shape and the printf engine's corner cases that a kernel run cannot reach
// easily (the 512-byte argument buffer running out).

import { describe, expect, it } from 'vitest';
import { HELPERS, HELPER_NAMES, helperProto, helpersFor, helperSpec } from '../../src/core/helpers/index.js';
import { bprintfPrepare, bstrPrintf, type StringSource } from '../../src/core/helpers/printf.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('the helper table', () => {
  it('has a row with prototype, signature and documentation for every helper id', () => {
    const rows = HELPERS.filter((h) => h);
    expect(rows).toHaveLength(HELPER_NAMES.filter((n) => n).length);
    for (const h of rows) {
      expect(h!.signature, h!.name).toContain(`${h!.name}(`);
      expect(h!.doc.length, h!.name).toBeGreaterThan(40);
      expect(h!.proto, h!.name).toMatch(/_proto/);
      expect(h!.ret, h!.name).toMatch(/^RET_/);
      for (const a of h!.args) expect(a, h!.name).toMatch(/^ARG_/);
    }
  });

  it('spells prototypes as the kernel does', () => {
    expect(helperSpec('map_update_elem')).toMatchObject({
      id: 2, ret: 'RET_INTEGER', args: ['ARG_CONST_MAP_PTR', 'ARG_PTR_TO_MAP_KEY', 'ARG_PTR_TO_MAP_VALUE', 'ARG_ANYTHING'], gplOnly: false,
      signature: 'long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)',
    });
    expect(helperSpec('bpf_ringbuf_reserve')).toMatchObject({ ret: 'RET_PTR_TO_RINGBUF_MEM_OR_NULL', args: ['ARG_CONST_MAP_PTR', 'ARG_CONST_ALLOC_SIZE_OR_ZERO', 'ARG_ANYTHING'] });
    expect(helperSpec('bpf_ringbuf_submit')!.args[0]).toBe('ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE');
    expect(helperSpec('bpf_loop')!.args).toEqual(['ARG_ANYTHING', 'ARG_PTR_TO_FUNC', 'ARG_PTR_TO_STACK_OR_NULL', 'ARG_ANYTHING']);
    expect(helperSpec('bpf_task_storage_get')!.btf).toEqual([null, 'task_struct', null, null]);
  });

  it('gives each program type the prototype its func_proto switch returns', () => {
    expect(helperProto(25, 'socket_filter')!.args[0]).toBe('ARG_PTR_TO_CTX');
    expect(helperSpec(25)!.proto).toBe('bpf_skb_event_output_proto');
    expect(helperSpec(25)!.variants.xdp).toBeDefined();
    expect(helperSpec(23)!.gplOnly).toBe(false);
    expect(helperProto(69, 'xdp')!.args[1]).toBe('ARG_PTR_TO_MEM | MEM_WRITE');
    expect(helperProto(67, 'raw_tracepoint')!.args[1]).toBe('ARG_PTR_TO_UNINIT_MEM');
  });

  it('lists for completion what a program type may call', () => {
    const xdp = helpersFor('xdp').map((h) => h.name);
    expect(xdp).toContain('bpf_xdp_adjust_head');
    expect(xdp).not.toContain('bpf_skb_load_bytes');
    expect(helpersFor('socket_filter').map((h) => h.name)).not.toContain('bpf_skb_store_bytes');
  });

  it('marks the helpers bpfiddle runs', () => {
    const runs = HELPERS.filter((h) => h?.implemented).map((h) => h!.name);
    for (const n of ['bpf_map_lookup_elem', 'bpf_tail_call', 'bpf_loop', 'bpf_for_each_map_elem', 'bpf_snprintf', 'bpf_xdp_adjust_tail', 'bpf_get_stackid', 'bpf_ringbuf_query']) {
      expect(runs).toContain(n);
    }
    expect(runs).toContain('bpf_skb_vlan_push');
    expect(runs).not.toContain('bpf_skb_change_proto');
  });
});

const memory: StringSource = {
  readString: (addr, max) => ({ bytes: enc('x'.repeat(Math.min(max, Number(addr)))), complete: Number(addr) < max, fault: false }),
  read: () => null,
};

describe('bpf_bprintf_prepare corner cases', () => {
  it('truncates a string to the room left in the 512-byte buffer, then refuses with -ENOSPC', () => {
    const r = bprintfPrepare(enc('%s%s%s'), [300n, 300n, 5n], memory);
    expect(r).toEqual({ ok: false, errno: 28 });
    const ok = bprintfPrepare(enc('%s%s'), [300n, 300n], memory);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const text = bstrPrintf(enc('%s%s'), ok.args);
    // 300 bytes + NUL, then the 211 bytes left hold 210 characters and the NUL.
    expect(text.length).toBe(300 + 210);
  });

  it('aligns integers to 4 bytes and refuses one that no longer fits', () => {
    // 509 bytes of string (with its NUL), aligned to 512: no room for a %d.
    expect(bprintfPrepare(enc('%s%d'), [508n, 1n], memory)).toEqual({ ok: false, errno: 28 });
    expect(bprintfPrepare(enc('%s%d'), [504n, 1n], memory).ok).toBe(true);
  });

  it('formats signed, unsigned and padded numbers like vsnprintf', () => {
    const fmt = '%d|%u|%x|%lld|%5d|%-5d|%05d|%+d|% d|%+u|%08x|%X';
    const args = [-1n, -1n, -1n, -1n, 42n, 42n, -42n, 5n, 5n, 5n, 0xabn, 0xabn];
    const r = bprintfPrepare(enc(fmt), args, memory);
    if (!r.ok) throw new Error('prepare');
    expect(new TextDecoder().decode(bstrPrintf(enc(fmt), r.args))).toBe('-1|4294967295|ffffffff|-1|   42|42   |-0042|+5| 5|5|000000ab|AB');
  });
});
