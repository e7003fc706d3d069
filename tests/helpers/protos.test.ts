// The helper table's argument types against the running kernel's verifier. For every helper a
// program type may call, and every argument the probe can reach (all earlier arguments must
// accept the context pointer or anything), the probe passes the context pointer in that argument
// and reads the verifier's answer: "R<n> type=ctx expected=<list>" names the register types the
// argument accepts. Every argument type of the table must always get the same list (one list per
// kind of argument), and exactly the context and "anything" arguments may take the context.

import { describe, expect } from 'vitest';
import { PROG_TYPE_NAMES } from '../../src/core/asm/types.js';
import { HELPERS, helperProto } from '../../src/core/helpers/index.js';
import type { Insn } from '../../src/core/isa/insn.js';
import { LOG_LEVEL1 } from '../../tools/kernel.js';
import { kernel, kernelIt } from '../kernel/oracle.js';
import { asm } from './harness.js';

/** The argument's kind for the verifier: its base type, flags that do not change what it accepts dropped. */
function kind(arg: string): string {
  const base = arg.split('|')[0]!.trim();
  const aliases: Record<string, string> = {
    ARG_PTR_TO_UNINIT_MEM: 'ARG_PTR_TO_MEM', ARG_PTR_TO_MEM_OR_NULL: 'ARG_PTR_TO_MEM', ARG_PTR_TO_FIXED_SIZE_MEM: 'ARG_PTR_TO_MEM',
    ARG_PTR_TO_MAP_VALUE_OR_NULL: 'ARG_PTR_TO_MAP_VALUE', ARG_PTR_TO_CTX_OR_NULL: 'ARG_PTR_TO_CTX', ARG_PTR_TO_BTF_ID_OR_NULL: 'ARG_PTR_TO_BTF_ID',
    ARG_PTR_TO_STACK_OR_NULL: 'ARG_PTR_TO_STACK', ARG_PTR_TO_SOCKET_OR_NULL: 'ARG_PTR_TO_SOCKET', ARG_CONST_SIZE_OR_ZERO: 'ARG_CONST_SIZE',
  };
  return aliases[base] ?? base;
}

const ins = (code: number, dst: number, src: number, off: number, imm: number): Insn => ({ code, dst, src, off, imm });
const MOV_REG = 0xbf;
const MOV_IMM = 0xb7;

describe('helper argument types', () => {
  kernelIt('the verifier asks the same of every argument of a kind, and only ctx/anything arguments take the context', async () => {
    const jobs: { label: string; kind: string; arg: number; insns: Insn[]; type: (typeof PROG_TYPE_NAMES)[number] }[] = [];
    for (const h of HELPERS) {
      if (!h) continue;
      for (const type of h.progTypes) {
        const proto = helperProto(h.id, type)!;
        for (let a = 0; a < proto.args.length; a++) {
          const insns: Insn[] = [ins(MOV_REG, 6, 1, 0, 0)];
          for (let p = 0; p < a; p++) insns.push(kind(proto.args[p]!) === 'ARG_PTR_TO_CTX' ? ins(MOV_REG, p + 1, 6, 0, 0) : ins(MOV_IMM, p + 1, 0, 0, 0));
          insns.push(ins(MOV_REG, a + 1, 6, 0, 0), ins(0x85, 0, 0, 0, h.id), ins(MOV_IMM, 0, 0, 0, 0), ins(0x95, 0, 0, 0, 0));
          jobs.push({ label: `${type} ${h.name} arg${a + 1} (${proto.args[a]})`, kind: kind(proto.args[a]!), arg: a + 1, insns, type });
          const k = kind(proto.args[a]!);
          if (k !== 'ARG_PTR_TO_CTX' && k !== 'ARG_ANYTHING') break;
        }
      }
    }
    const results = await Promise.all(jobs.map((j) => kernel().load({ progType: j.type, insns: j.insns, logLevel: LOG_LEVEL1 })));
    const expectedBy = new Map<string, Map<string, string[]>>();
    const wrongCtx: string[] = [];
    jobs.forEach((j, i) => {
      const m = new RegExp(`R${j.arg} type=ctx expected=(.*)`).exec(results[i]!.log);
      const takesCtx = j.kind === 'ARG_PTR_TO_CTX' || j.kind === 'ARG_ANYTHING';
      if (!m) {
        if (!takesCtx) wrongCtx.push(`${j.label}: the kernel accepted the context pointer`);
        return;
      }
      if (takesCtx) wrongCtx.push(`${j.label}: the kernel wants ${m[1]}`);
      const byList = expectedBy.get(j.kind) ?? new Map<string, string[]>();
      byList.set(m[1]!, [...(byList.get(m[1]!) ?? []), j.label]);
      expectedBy.set(j.kind, byList);
    });
    const inconsistent = [...expectedBy].filter(([, lists]) => lists.size > 1)
      .map(([k, lists]) => `${k}: ${[...lists].map(([l, who]) => `${l} (${who.length}: ${who.slice(0, 3).join('; ')})`).join(' | ')}`);
    console.log(`helper argument types: ${jobs.length} (program type, helper, argument) probes; kinds: ${[...expectedBy].map(([k, l]) => `${k} -> ${[...l.keys()][0]}`).join('; ')}`);
    expect(wrongCtx).toEqual([]);
    expect(inconsistent).toEqual([]);
  }, 120_000);

  /** Probes that tell whether a memory argument is written (MEM_WRITE, which ARG_PTR_TO_UNINIT_MEM
   * includes): the verifier then refuses a read-only map value. (Uninitialized stack cannot tell
   * MEM_UNINIT apart: root may pass it anywhere.) Chosen where the sources and 6.18.44 differ. */
  const RO = '.map ro array key=4 value=64 max_entries=1 flags=0x80\n';
  const LOOKUP = '  *(u32 *)(r10 - 4) = 0\n  r2 = r10\n  r2 += -4\n  r1 = ro ll\n  call bpf_map_lookup_elem\n  if r0 == 0 goto out\n  r7 = r0\n';
  const FLAG_PROBES: { type: (typeof PROG_TYPE_NAMES)[number]; helper: string; arg: number; body: string }[] = [
    { type: 'socket_filter', helper: 'bpf_snprintf', arg: 0, body: `${LOOKUP}  r3 = r7\n  r3 += 32\n  r1 = r7\n  r2 = 8\n  r4 = 0\n  r5 = 0\n` },
    { type: 'sched_cls', helper: 'bpf_fib_lookup', arg: 1, body: `${LOOKUP}  r1 = r6\n  r2 = r7\n  r3 = 64\n  r4 = 0\n` },
    { type: 'xdp', helper: 'bpf_fib_lookup', arg: 1, body: `${LOOKUP}  r1 = r6\n  r2 = r7\n  r3 = 64\n  r4 = 0\n` },
    { type: 'raw_tracepoint', helper: 'bpf_get_stack', arg: 1, body: `${LOOKUP}  r1 = r6\n  r2 = r7\n  r3 = 64\n  r4 = 0\n` },
    { type: 'socket_filter', helper: 'bpf_snprintf_btf', arg: 0, body: `${LOOKUP}  *(u64 *)(r10 - 32) = 0\n  *(u64 *)(r10 - 24) = 0\n  r1 = r7\n  r2 = 8\n  r3 = r10\n  r3 += -32\n  r4 = 16\n  r5 = 0\n` },
    { type: 'perf_event', helper: 'bpf_read_branch_records', arg: 1, body: `${LOOKUP}  r1 = r6\n  r2 = r7\n  r3 = 8\n  r4 = 0\n` },
    { type: 'sched_cls', helper: 'bpf_skb_load_bytes', arg: 2, body: `${LOOKUP}  r1 = r6\n  r2 = 0\n  r3 = r7\n  r4 = 8\n` },
    { type: 'sched_cls', helper: 'bpf_skb_store_bytes', arg: 2, body: `${LOOKUP}  r1 = r6\n  r2 = 0\n  r3 = r7\n  r4 = 8\n  r5 = 0\n` },
    { type: 'kprobe', helper: 'bpf_probe_read_kernel', arg: 0, body: `${LOOKUP}  r1 = r7\n  r2 = 8\n  r3 = 0\n` },
    { type: 'xdp', helper: 'bpf_csum_diff', arg: 0, body: `${LOOKUP}  r1 = r7\n  r2 = 8\n  r3 = 0\n  r4 = 0\n  r5 = 0\n` },
    { type: 'kprobe', helper: 'bpf_get_current_comm', arg: 0, body: `${LOOKUP}  r1 = r7\n  r2 = 8\n` },
    { type: 'xdp', helper: 'bpf_map_pop_elem', arg: 1, body: `${LOOKUP}  r1 = q ll\n  r2 = r7\n` },
  ];

  kernelIt('memory arguments the table marks as written are the ones the verifier protects read-only maps from', async () => {
    const wrong: string[] = [];
    for (const p of FLAG_PROBES) {
      const prog = asm(`.prog ${p.type}\n${RO}.map q queue key=0 value=8 max_entries=1\n  r6 = r1\n${p.body}  call ${p.helper}\nout:\n  r0 = 0\n  exit\n`);
      const maps = prog.maps.map((d) => ({ type: d.type, keySize: d.keySize, valueSize: d.valueSize, maxEntries: d.maxEntries, flags: d.flags }));
      const r = await kernel().load({ progType: p.type, insns: prog.insns, maps, logLevel: LOG_LEVEL1 });
      const arg = helperProto(HELPERS.find((h) => h?.name === p.helper)!.id, p.type)!.args[p.arg]!;
      const written = /MEM_WRITE|ARG_PTR_TO_UNINIT_MEM/.test(arg);
      const refused = /write into map forbidden/.test(r.log);
      if (written !== refused) wrong.push(`${p.type} ${p.helper} arg${p.arg + 1} (${arg}): ${r.loaded ? 'loaded' : r.log.split('\n').filter((l) => l.trim()).at(-2)}`);
    }
    expect(wrong).toEqual([]);
  });
});
