// The examples menu: every program assembles, carries the header the menu promises, is accepted
// or rejected by the running kernel exactly as its `; expect:` line says (and the kernel's test
// run agrees with the VM on r0), and runs in bpfiddle's VM on its input without a fault.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/core/asm/assemble.js';
import type { AsmProgram } from '../../src/core/asm/types.js';
import { createWorld } from '../../src/core/helpers/index.js';
import { makeRunInput, progTypeSpec } from '../../src/core/progtypes/index.js';
import { verify } from '../../src/core/verifier/index.js';
import { restore, encodeSession, decodeSession } from '../../src/core/share/index.js';
import { packetOption, parseCtxOption, parseEnvOption, resolveRun, type RunJob, type RunRequest } from '../../src/core/world/request.js';
import { EXAMPLES, EXAMPLE_GROUPS, exampleSession, expectedVerdict, type Example } from '../../src/ui/examples/examples.js';
import { kernel, kernelIt } from '../kernel/oracle.js';

const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));

function program(e: Example): AsmProgram {
  const a = assemble(e.source);
  if (!a.ok) throw new Error(`${e.id}: ${a.errors.map((x) => `${x.line}:${x.col} ${x.message}`).join('; ')}`);
  return a.program;
}

/** The example's input as `bpfiddle run` would take it, resolved against the program. */
function job(e: Example): RunJob {
  const p = program(e);
  const req: RunRequest = { ctx: [], maps: [], env: {} };
  if (e.input.packet) {
    const pk = packetOption(e.input.packet);
    if (!pk.ok) throw new Error(`${e.id}: packet: ${pk.error}`);
    req.dataIn = pk.value;
  }
  for (const c of e.input.ctx) {
    const v = parseCtxOption(c);
    if (!v.ok) throw new Error(`${e.id}: ctx: ${v.error}`);
    req.ctx.push(v.value);
  }
  for (const s of e.input.env) {
    const err = parseEnvOption(s, req.env);
    if (err) throw new Error(`${e.id}: env: ${err}`);
  }
  for (const m of e.maps) {
    for (const x of m.entries) req.maps.push({ map: m.name, key: x.key === '' ? null : fromHex(x.key), value: fromHex(x.value) });
  }
  const r = resolveRun(p, req);
  if (!r.ok) throw new Error(`${e.id}: ${r.error}`);
  return r.value;
}

describe('the examples menu', () => {
  it('offers at least 12 examples, with unique ids and titles, in known groups', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    expect(new Set(EXAMPLES.map((e) => e.title)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) expect(EXAMPLE_GROUPS).toContain(e.group);
  });

  it('covers the programs the playground promises', () => {
    const kinds = EXAMPLES.map((e) => program(e));
    const has = (pred: (p: AsmProgram, e: Example) => boolean) => EXAMPLES.some((e, i) => pred(kinds[i]!, e));
    expect(has((p) => p.progType === 'socket_filter')).toBe(true);
    expect(has((p) => p.maps.some((m) => m.type === 'hash'))).toBe(true);
    expect(has((p) => p.maps.some((m) => m.type === 'ringbuf'))).toBe(true);
    expect(has((p) => p.maps.some((m) => m.type === 'prog_array'))).toBe(true);
    expect(has((p) => p.insns.some((i) => i.code === 0x85 && i.src === 1))).toBe(true); // bpf-to-bpf call
    expect(has((p, e) => e.id.includes('loop') && expectedVerdict(e.source)?.accepted === true)).toBe(true);
    expect(EXAMPLES.filter((e) => expectedVerdict(e.source)?.accepted === false).length).toBeGreaterThanOrEqual(4);
  });

  for (const e of EXAMPLES) {
    describe(e.id, () => {
      it('assembles, with a comment header, a .prog directive and an expect line', () => {
        const p = program(e);
        expect(p.insns.length).toBeGreaterThan(0);
        expect(e.source.startsWith('; ')).toBe(true);
        expect(e.source).toMatch(/^\.prog \w+/m);
        const v = expectedVerdict(e.source);
        expect(v).not.toBeNull();
        if (v && !v.accepted) {
          expect(e.group).toBe('Rejected by the verifier');
          // The header explains the rejection in words before quoting the kernel.
          expect(e.source.split('; expect:')[0]!.length).toBeGreaterThan(200);
        } else {
          expect(e.group).not.toBe('Rejected by the verifier');
        }
      });

      it('runs in the VM on its input without a fault', () => {
        const j = job(e);
        const prepared = makeRunInput(j.progType, { dataIn: j.dataIn, ctxIn: j.ctxIn });
        if (!prepared.ok) throw new Error(prepared.error.message);
        const w = createWorld(program(e), { run: prepared.run.input, maps: j.mapEntries, env: j.env });
        if (!w.ok) throw new Error(w.errors.map((x) => x.message).join('; '));
        const r = w.world.run({ maxSteps: 100_000 });
        expect(r.fault, r.fault ? JSON.stringify(r.fault) : '').toBeNull();
        expect(r.exit).toBe('exit');
      });

      it(`gets the verdict its comment announces from bpfiddle's verifier`, () => {
        const v = expectedVerdict(e.source)!;
        const r = verify(program(e), { logLevel: 0, recordPaths: false });
        expect(r.accepted).toBe(v.accepted);
        if (!v.accepted) expect(r.error?.message).toBe(v.message);
      }, 60_000);

      it('opens as a session that survives a share link unchanged', () => {
        const s = exampleSession(e);
        expect(restore({ v: 1, ...s })).toEqual({ ok: true, session: s });
        const enc = encodeSession(s);
        expect(enc.ok).toBe(true);
        if (enc.ok) expect(decodeSession(enc.payload)).toEqual({ ok: true, session: s });
      });

      kernelIt(`is ${expectedVerdict(e.source)?.accepted ? 'accepted' : 'rejected'} by the running kernel as its comment says`, async () => {
        const p = program(e);
        const v = expectedVerdict(e.source)!;
        const j = job(e);
        const spec = progTypeSpec(p.progType)!;
        const maps = p.maps.map((m) => ({
          type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags,
          entries: (j.mapEntries[m.name] ?? []).map((x) => ({ key: x.key, value: x.value as Uint8Array })),
        }));
        const runIt = v.accepted && spec.kernelTestRun;
        const r = await kernel().run({
          progType: p.progType, insns: p.insns, maps, logLevel: 1, run: runIt,
          dataIn: spec.input === 'packet' ? j.dataIn : undefined, ctxIn: j.ctxIn ?? undefined,
        });
        if (v.accepted) {
          expect(r.loaded, r.log.split('\n').slice(-4).join('\n')).toBe(true);
          if (runIt) {
            // The kernel's test run and the VM agree on the verdict.
            const prepared = makeRunInput(j.progType, { dataIn: j.dataIn, ctxIn: j.ctxIn });
            if (!prepared.ok) throw new Error(prepared.error.message);
            const w = createWorld(p, { run: prepared.run.input, maps: j.mapEntries, env: j.env });
            if (!w.ok) throw new Error('world');
            expect(r.run?.ok).toBe(true);
            expect(r.run!.retval).toBe(Number(w.world.run().r0 & 0xffffffffn));
          }
        } else {
          expect(r.loaded).toBe(false);
          // The message is a whole line of the kernel's log, as the comment quotes it.
          expect(r.log.split('\n')).toContain(v.message);
        }
      }, 60_000);
    });
  }
});
