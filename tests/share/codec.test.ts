import fc from 'fast-check';
import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PROG_TYPE_NAMES } from '../../src/core/asm/types.js';
import {
  decodePayload, decodeSession, emptySession, encodeSession, fromBase64Url, LIMITS, payloadFromHash, restore, sessionHash,
  SESSION_VERSION, toBase64Url, type Session,
} from '../../src/core/share/index.js';
import { LINK_FIXTURES } from './fixtures.js';

/** A payload made from any JSON value, as a hand-crafted (or hostile) link would be. */
const payloadOf = (value: unknown): string => toBase64Url(zlibSync(strToU8(JSON.stringify(value))));
const encode = (s: Session): string => {
  const e = encodeSession(s);
  if (!e.ok) throw new Error(e.error.message);
  return e.payload;
};

const hexBytes = fc.uint8Array({ maxLength: 24 }).map((b) => Buffer.from(b).toString('hex'));
const anyText = fc.string({ unit: 'binary', maxLength: 80 });
const sessionArb: fc.Arbitrary<Session> = fc
  .record({
    lines: fc.array(fc.oneof(anyText, fc.constantFrom('    r0 = 1', '    exit', 'loop:', '.prog xdp', '<img src=x onerror=alert(1)>')), { minLength: 1, maxLength: 30 }),
    progType: fc.option(fc.constantFrom(...PROG_TYPE_NAMES), { nil: null }),
    packet: anyText,
    ctx: fc.array(anyText, { maxLength: 4 }),
    env: fc.array(anyText, { maxLength: 4 }),
    maps: fc.uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[A-Za-z_][\w.]{0,20}$/),
        entries: fc.array(fc.record({ key: hexBytes, value: hexBytes }), { maxLength: 5 }),
      }),
      { maxLength: 4, selector: (m) => m.name },
    ),
    bps: fc.array(fc.nat(), { maxLength: 10 }),
    step: fc.option(fc.nat({ max: LIMITS.step }), { nil: null }),
    maxSteps: fc.option(fc.integer({ min: 1, max: LIMITS.step }), { nil: null }),
    selectedPc: fc.option(fc.nat({ max: LIMITS.pc }), { nil: null }),
  })
  .map(({ lines, progType, packet, ctx, env, maps, bps, step, maxSteps, selectedPc }) => {
    const source = lines.join('\n');
    const count = source.split('\n').length;
    const breakpoints = [...new Set(bps.map((b) => (b % count) + 1))].sort((a, b) => a - b);
    return { source, progType, input: { packet, ctx, env, maxSteps }, maps, breakpoints, step, selectedPc };
  });

describe('share codec round trip', () => {
  it('decodes every encoded session to an equal session', () => {
    fc.assert(fc.property(sessionArb, (s) => {
      const d = decodeSession(encode(s));
      expect(d).toEqual({ ok: true, session: s });
    }), { numRuns: 300 });
  });

  it('produces only URL-fragment-safe characters', () => {
    fc.assert(fc.property(sessionArb, (s) => {
      expect(encode(s)).toMatch(/^[A-Za-z0-9_-]+$/);
    }), { numRuns: 100 });
  });

  it('compresses a typical program to a short link', () => {
    const source = Array.from({ length: 40 }, (_, i) => `    r${i % 10} = *(u32 *)(r1 + ${i * 4})   ; field ${i}`).join('\n');
    const payload = encode(emptySession(source));
    expect(payload.length).toBeLessThan(source.length / 2);
  });

  it('round-trips a large program whose link spans many inflate chunks', () => {
    const source = Array.from({ length: 3000 }, (_, i) => `    r${i % 10} = ${(i * 2654435761) % 1000003} ; ${i.toString(36)}`).join('\n');
    const payload = encode(emptySession(source));
    expect(payload.length).toBeGreaterThan(20_000);
    expect(decodeSession(payload)).toEqual({ ok: true, session: emptySession(source) });
  });

  it('keeps lone surrogates and astral characters in the source', () => {
    const s = emptySession('; \ud800 half, \u{1F600} whole\n    exit');
    expect(decodeSession(encode(s))).toEqual({ ok: true, session: s });
  });

  it('finds the payload in a fragment with or without # and among other keys', () => {
    expect(payloadFromHash(sessionHash('abc'))).toBe('abc');
    expect(payloadFromHash('s=abc')).toBe('abc');
    expect(payloadFromHash('#x=1&s=abc')).toBe('abc');
    expect(payloadFromHash('')).toBeNull();
    expect(payloadFromHash('#section-2')).toBeNull();
  });
});

describe('links of older versions (regression fixtures)', () => {
  for (const f of LINK_FIXTURES) {
    it(`opens the version ${f.version} link: ${f.name}`, () => {
      expect(decodeSession(f.payload)).toEqual({ ok: true, session: f.session });
    });
  }

  it('has a fixture for every schema version up to the current one', () => {
    const versions = new Set(LINK_FIXTURES.map((f) => f.version));
    for (let v = 1; v <= SESSION_VERSION; v++) expect(versions.has(v), `version ${v}`).toBe(true);
  });
});

describe('tampered links', () => {
  const good = LINK_FIXTURES[1]!.payload;
  const expected = LINK_FIXTURES[1]!.session;

  it('refuses every truncation as damaged', () => {
    for (let n = 0; n < good.length; n++) {
      const d = decodeSession(good.slice(0, n));
      expect(d.ok, `first ${n} characters`).toBe(false);
      if (!d.ok) expect(d.error.kind).toBe('damaged');
    }
  });

  it('never opens a different session when any single bit is flipped', () => {
    const bytes = (fromBase64Url(good) as { ok: true; bytes: Uint8Array }).bytes;
    let refused = 0;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const b = bytes.slice();
      b[bit >> 3]! ^= 1 << (bit & 7);
      const d = decodeSession(toBase64Url(b));
      // A flip in the padding bits after deflate's last block changes nothing: the same session.
      if (d.ok) expect(d.session).toEqual(expected);
      else refused++;
    }
    // Nearly every bit matters; only the few padding bits of the final byte of deflate data may not.
    expect(refused).toBeGreaterThan(bytes.length * 8 - 8);
  });

  it('refuses characters outside base64url with the position', () => {
    const d = decodeSession(`${good.slice(0, 10)}%3Cscript%3E${good.slice(10)}`);
    expect(d).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    expect(!d.ok && d.error.message).toMatch(/'%' at position 11/);
  });

  it('refuses a payload that is not zlib, and zlib data that is not JSON', () => {
    expect(decodeSession(toBase64Url(strToU8('{"v":1,"source":""}')))).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    expect(decodeSession(toBase64Url(zlibSync(strToU8('{"v":1,'))))).toMatchObject({ ok: false, error: { kind: 'damaged' } });
  });

  it('refuses a newer, missing or nonsense schema version', () => {
    const d = decodeSession(payloadOf({ v: SESSION_VERSION + 1, source: '' }));
    expect(d).toMatchObject({ ok: false, error: { kind: 'version' } });
    expect(!d.ok && d.error.message).toMatch(/newer bpfiddle/);
    for (const v of [undefined, 0, -1, 1.5, '1', null, [1]]) {
      expect(decodeSession(payloadOf({ v, source: '' })), String(v)).toMatchObject({ ok: false, error: { kind: 'version' } });
    }
  });

  it('refuses a link longer than the cap without decoding it', () => {
    const d = decodeSession('A'.repeat(LIMITS.linkChars + 1));
    expect(d).toMatchObject({ ok: false, error: { kind: 'too-large' } });
  });

  it('refuses a small link that inflates past the JSON cap (a zip bomb)', () => {
    const bomb = toBase64Url(zlibSync(strToU8(`{"v":1,"source":"${' '.repeat(4 << 20)}"}`), { level: 9 }));
    expect(bomb.length).toBeLessThan(LIMITS.linkChars);
    const t0 = performance.now();
    expect(decodeSession(bomb)).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses a session too large to share when encoding', () => {
    // Random text does not compress: 150k characters of it cannot fit in a 100k link.
    const rnd = Array.from({ length: 150_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) ^ (i >> 3) * 31) % 90)).join('');
    const e = encodeSession(emptySession(rnd));
    expect(e).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(!e.ok && e.error.message).toMatch(/too large to share/);
  });
});

describe('restore() of untrusted values', () => {
  const base = { v: 1, source: 'r0 = 0\nexit\n' };
  const refuse = (value: unknown, field: RegExp) => {
    const r = restore(value);
    expect(r, JSON.stringify(value)?.slice(0, 100)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(!r.ok && r.error.message).toMatch(field);
  };

  it('turns a minimal object into a full session with defaults', () => {
    expect(restore(base)).toEqual({ ok: true, session: emptySession(base.source) });
  });

  it('migrates a version 1 session: the default step limit, run mode', () => {
    const r = restore({ v: 1, source: 'exit', input: { packet: 'eth', maxSteps: 7 }, selectedPc: 3 });
    // Version 1 had neither field: whatever a v1 object carries under those names is not trusted.
    expect(r.ok && r.session.input).toEqual({ packet: 'eth', ctx: [], env: [], maxSteps: null });
    expect(r.ok && r.session.selectedPc).toBeNull();
  });

  it('refuses values that are not objects', () => {
    for (const v of [null, 1, 'x', [], true]) expect(restore(v).ok).toBe(false);
  });

  it('names the field whose type is wrong', () => {
    refuse({ v: 1 }, /no source/);
    refuse({ ...base, source: 42 }, /source should be text, not number/);
    refuse({ ...base, progType: 'bogus' }, /progType should be one of/);
    refuse({ ...base, progType: 7 }, /progType/);
    refuse({ ...base, input: 'eth' }, /input should be an object/);
    refuse({ ...base, input: { packet: ['eth'] } }, /input.packet should be text, not a list/);
    refuse({ ...base, input: { ctx: 'mark=1' } }, /input.ctx should be a list/);
    refuse({ ...base, input: { env: [1] } }, /input.env\[0\] should be text/);
    refuse({ ...base, maps: {} }, /maps should be a list/);
    refuse({ ...base, maps: [{ name: 'a b', entries: [] }] }, /not a map name/);
    refuse({ ...base, maps: [{ name: 'm', entries: [] }, { name: 'm' }] }, /appears twice/);
    refuse({ ...base, maps: [{ name: 'm', entries: [{ key: '0g', value: '00' }] }] }, /maps\[0\].entries\[0\].key should be hex/);
    refuse({ ...base, maps: [{ name: 'm', entries: [{ key: '000', value: '00' }] }] }, /should be hex bytes/);
    refuse({ ...base, maps: [{ name: 'm', entries: [{ key: '00' }] }] }, /value should be text, not undefined/);
    refuse({ ...base, breakpoints: [1, 'x'] }, /breakpoints\[1\] should be a whole number/);
    refuse({ ...base, breakpoints: [0] }, /breakpoints\[0\] is 0/);
    refuse({ ...base, breakpoints: [1.5] }, /whole number/);
    refuse({ ...base, step: -1 }, /step is -1/);
    refuse({ ...base, step: '3' }, /step should be a whole number/);
    refuse({ ...base, v: 2, input: { maxSteps: 0 } }, /input.maxSteps is 0/);
    refuse({ ...base, v: 2, selectedPc: 'x' }, /selectedPc should be a whole number/);
  });

  it('enforces every size bound', () => {
    refuse({ ...base, source: 'x'.repeat(LIMITS.sourceChars + 1) }, /at most 200000/);
    refuse({ ...base, source: '\n'.repeat(LIMITS.sourceLines) }, /lines/);
    refuse({ ...base, input: { ctx: Array(LIMITS.ctxItems + 1).fill('a=1') } }, /input.ctx has 65 items/);
    refuse({ ...base, input: { ctx: ['x'.repeat(LIMITS.itemChars + 1)] } }, /input.ctx\[0\]/);
    refuse({ ...base, maps: Array.from({ length: LIMITS.maps + 1 }, (_, i) => ({ name: `m${i}` })) }, /at most 64/);
    refuse({ ...base, maps: [{ name: 'm', entries: Array(LIMITS.mapEntries + 1).fill({ key: '', value: '00' }) }] }, /more than 4096 elements/);
    refuse({ ...base, breakpoints: Array(LIMITS.breakpoints + 1).fill(1) }, /at most 1000/);
    refuse({ ...base, step: LIMITS.step + 1 }, /step/);
  });

  it('normalises breakpoints (sorted, unique, inside the source) and hex (lowercase)', () => {
    const r = restore({ ...base, breakpoints: [3, 1, 3, 99], maps: [{ name: 'm', entries: [{ key: 'AB', value: 'Cd' }] }] });
    expect(r.ok && r.session.breakpoints).toEqual([1, 3]);
    expect(r.ok && r.session.maps[0]!.entries[0]).toEqual({ key: 'ab', value: 'cd' });
  });

  it('drops unknown keys and cannot be used to pollute prototypes', () => {
    const hostile = JSON.parse('{"v":1,"source":"exit","__proto__":{"polluted":1},"extra":"<script>","input":{"__proto__":{"x":1}}}') as unknown;
    const r = restore(hostile);
    expect(r.ok).toBe(true);
    expect(r.ok && Object.keys(r.session).sort()).toEqual(['breakpoints', 'input', 'maps', 'progType', 'selectedPc', 'source', 'step']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok && Object.getPrototypeOf(r.session.input)).toBe(Object.prototype);
  });

  it('decodes whatever JSON a link carries into a session or an error, never an exception', () => {
    fc.assert(fc.property(fc.jsonValue(), (j) => {
      const r = decodeSession(payloadOf(typeof j === 'object' && j !== null && !Array.isArray(j) ? { v: 1, ...j } : j));
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 300 });
  });

  it('decodes arbitrary strings into an error, never an exception', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const r = decodePayload(s);
      if (r.ok) expect(restore(r.session).ok === true || restore(r.session).ok === false).toBe(true);
    }), { numRuns: 500 });
  });
});
