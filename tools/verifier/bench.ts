// Throughput of the scalar domain with its bigint representation, to decide whether the verifier
// needs a faster one behind the same API:   npx tsx tools/verifier/bench.ts
// (whole verifications against the kernel: `npm run bench -- verifier`, bench/suites/verifier.ts)

import {
  formatScalar, isBranchTaken, knownScalar, refineBranch, scalarAlu, scalarAluGeneric, syncBounds, syncBoundsReference, tnumAdd,
  tnumMul, unknownScalar,
  type Scalar,
} from '../../src/core/verifier/index.js';

function bench(name: string, n: number, f: (i: number) => unknown): void {
  for (let i = 0; i < Math.min(n, 2000); i++) f(i); // warm up
  const t0 = process.hrtime.bigint();
  let sink: unknown;
  for (let i = 0; i < n; i++) sink = f(i);
  const ns = Number(process.hrtime.bigint() - t0);
  void sink;
  console.log(`${name.padEnd(34)} ${(n / (ns / 1e9) / 1e6).toFixed(2).padStart(7)} M ops/s  (${(ns / n).toFixed(0)} ns/op)`);
}

const masked = scalarAlu('and', unknownScalar(), knownScalar(0xffffn), false);
const ranged: Scalar = refineBranch(masked, knownScalar(1000n), 'jgt', false).fallthrough.dst;
const consts = Array.from({ length: 64 }, (_, i) => knownScalar(BigInt(i * 977)));

bench('tnumAdd', 2_000_000, (i) => tnumAdd(ranged.varOff, consts[i & 63]!.varOff));
bench('tnumMul (16 unknown bits)', 200_000, (i) => tnumMul(masked.varOff, consts[i & 63]!.varOff));
bench('syncBounds', 300_000, () => syncBounds(ranged));
bench('syncBounds, three full rounds', 300_000, () => syncBoundsReference(ranged));
bench('syncBounds of a constant', 1_000_000, (i) => syncBounds(consts[i & 63]!));
bench('scalarAlu add 64, two constants', 1_000_000, (i) => scalarAlu('add', consts[i & 63]!, consts[(i + 1) & 63]!, false));
bench('... without the constant fast path', 300_000, (i) => scalarAluGeneric('add', consts[i & 63]!, consts[(i + 1) & 63]!, false));
bench('scalarAlu add 64 (incl. sync)', 300_000, (i) => scalarAlu('add', ranged, consts[i & 63]!, false));
bench('scalarAlu and 32 (incl. zext+sync)', 300_000, (i) => scalarAlu('and', ranged, consts[i & 63]!, true));
bench('isBranchTaken jsgt', 1_000_000, (i) => isBranchTaken(ranged, consts[i & 63]!, 'jsgt', false));
bench('refineBranch jlt (both sides)', 200_000, (i) => refineBranch(ranged, consts[i & 63]!, 'jlt', false));
bench('formatScalar', 300_000, () => formatScalar(ranged, { id: 3 }));
