// bpf_get_prandom_u32's generator: the kernel's prandom_u32_state (lib/random32.c), a combined
// Tausworthe generator (L'Ecuyer's lfsr113), seeded like prandom_seed_state. The kernel seeds it
// randomly per CPU; bpfiddle seeds it from SimEnv.seed so runs are reproducible. Immutable: next()
// returns the value and the following state, which makes stepping back trivial.

const U32 = 0xffffffffn;

function tausworthe(s: bigint, a: bigint, b: bigint, c: bigint, d: bigint): bigint {
  return (((s & c) << d) & U32) ^ ((((s << a) & U32) ^ s) >> b);
}

export class Prandom {
  private constructor(readonly s1: bigint, readonly s2: bigint, readonly s3: bigint, readonly s4: bigint) {}

  /** prandom_seed_state(state, seed) including its warm-up rounds. */
  static seeded(seed: bigint): Prandom {
    const s = BigInt.asUintN(64, seed);
    const i = ((s >> 32n) ^ ((s << 10n) & ((1n << 64n) - 1n)) ^ s) & U32;
    const init = (x: bigint, m: bigint): bigint => (x < m ? x + m : x);
    let st = new Prandom(init(i, 2n), init(i, 8n), init(i, 16n), init(i, 128n));
    for (let k = 0; k < 10; k++) st = st.next()[1];
    return st;
  }

  /** prandom_u32_state: the next value and the state after it. */
  next(): [number, Prandom] {
    const s1 = tausworthe(this.s1, 6n, 13n, 4294967294n, 18n);
    const s2 = tausworthe(this.s2, 2n, 27n, 4294967288n, 2n);
    const s3 = tausworthe(this.s3, 13n, 21n, 4294967280n, 7n);
    const s4 = tausworthe(this.s4, 3n, 12n, 4294967168n, 13n);
    return [Number(s1 ^ s2 ^ s3 ^ s4), new Prandom(s1, s2, s3, s4)];
  }
}
