// The helper table's `implemented` flag (from the name list the page can load without the VM) agrees
// with the implementations the VM dispatches to.
import { describe, expect, it } from 'vitest';
import { IMPLEMENTATIONS } from './impl.js';
import { HELPERS } from './table.js';

describe('helper table: implemented', () => {
  it('marks exactly the helpers the VM has an implementation for, plus bpf_tail_call', () => {
    const marked = HELPERS.filter((h) => h?.implemented).map((h) => h!.name).sort();
    const run = [...IMPLEMENTATIONS.keys(), 12].map((id) => HELPERS[id]!.name).sort();
    expect(marked).toEqual(run);
    expect(marked).toContain('bpf_map_lookup_elem');
    expect(marked).not.toContain('bpf_sk_lookup_tcp');
  });
});
