// Random programs for the verifier differential (tools/verifier/fuzz.ts): LLVM pseudo-C source
// built from snippets a real program is made of (stack stores and spills, context reads, map
// lookups with and without NULL checks, constant and variable offsets into map values, packet
// bounds checks in every comparison form, helper calls, pointer arithmetic, atomics, ring buffer
// records, bounded loops, bpf-to-bpf calls), each snippet correct or broken in one of the ways
// programs get rejected, so about half the programs pass the kernel. Forward branches on a
// shared scalar skip snippets, so some state reaches a point along one path only. A few programs
// also get one raw field mutated (a `; patch:` line) for odd encodings. Pure and seeded: the same
// seed gives the same programs.

import type { ProgTypeName } from '../../src/core/asm/types.js';
import { lddwSlots, type Insn } from '../../src/core/isa/insn.js';
import { OPS } from '../../src/core/isa/table.js';

/** mulberry32: small, fast, good enough for test generation, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  /** Chance that a snippet is broken; tuned so about half the programs are rejected. */
  pErr?: number;
  /** Program types to draw from (default: the fuzzed set, weighted towards the runnable ones). */
  progTypes?: readonly ProgTypeName[];
  /** Chance of one raw field mutation per program. */
  pNoise?: number;
  /**
   * Add the snippets aimed at precision tracking and pruning (values that differ between two
   * paths and then decide an offset, in the same frame or a callee; bpf_loop callbacks). Off by
   * default so existing seeds keep generating the same programs.
   */
  prec?: boolean;
}

export interface GenProgram {
  progType: ProgTypeName;
  /** Assembly with `.prog`, `.map` and `; patch:` lines, as a corpus file would have it. */
  source: string;
  /** Which snippets went into it, broken ones marked with `!` (for grouping and reading). */
  recipe: string[];
}

const DEFAULT_TYPES: readonly ProgTypeName[] = [
  'xdp', 'xdp', 'xdp', 'sched_cls', 'sched_cls', 'sched_cls', 'socket_filter', 'socket_filter', 'kprobe', 'cgroup_skb',
];

interface CtxField { off: number; size: 1 | 2 | 4 | 8; write?: boolean }

/** Valid context accesses per program type (a subset: enough to exercise the checks). */
const CTX: Partial<Record<ProgTypeName, CtxField[]>> = {
  xdp: [{ off: 0, size: 4 }, { off: 4, size: 4 }, { off: 8, size: 4 }, { off: 12, size: 4 }, { off: 16, size: 4 }],
  sched_cls: [
    { off: 0, size: 4 }, { off: 4, size: 4 }, { off: 8, size: 4, write: true }, { off: 16, size: 4 }, { off: 16, size: 2 },
    { off: 32, size: 4, write: true }, { off: 44, size: 4, write: true }, { off: 48, size: 4, write: true },
    { off: 56, size: 4, write: true }, { off: 64, size: 4, write: true }, { off: 68, size: 4 }, { off: 152, size: 8, write: true },
  ],
  socket_filter: [
    { off: 0, size: 4 }, { off: 0, size: 1 }, { off: 4, size: 4 }, { off: 8, size: 4 }, { off: 16, size: 4 },
    { off: 48, size: 4, write: true }, { off: 52, size: 4, write: true }, { off: 68, size: 4 },
  ],
  cgroup_skb: [
    { off: 0, size: 4 }, { off: 8, size: 4, write: true }, { off: 16, size: 4 }, { off: 32, size: 4, write: true },
    { off: 44, size: 4 }, { off: 48, size: 4, write: true },
  ],
  kprobe: [
    { off: 0, size: 8 }, { off: 80, size: 8 }, { off: 104, size: 8 }, { off: 112, size: 8 }, { off: 112, size: 4 },
    { off: 160, size: 8 }, { off: 152, size: 2 },
  ],
};

/** Where data / data_end / data_meta live in the context, for types with direct packet access. */
const PKT: Partial<Record<ProgTypeName, { data: number; end: number; meta?: number; write: boolean }>> = {
  xdp: { data: 0, end: 4, meta: 8, write: true },
  sched_cls: { data: 76, end: 80, meta: 140, write: true },
  cgroup_skb: { data: 76, end: 80, write: false },
};

const SIZES = [1, 2, 4, 8] as const;
const U = (n: number): string => `u${n * 8}`;
const ALU_OPS = ['+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=', '<<=', '>>=', 's>>='] as const;
const JMP_OPS = ['==', '!=', '>', '>=', '<', '<=', 's>', 's>=', 's<', 's<=', '&'] as const;

interface MapUse { name: string; decl: string }

class Gen {
  private readonly lines: string[] = [];
  private readonly recipe: string[] = [];
  private readonly maps = new Map<string, MapUse>();
  private label = 0;
  /** Labels to place after the snippet with this index (forward branches over snippets). */
  private readonly due = new Map<number, string[]>();
  private readonly subprogs: string[][] = [];

  constructor(private readonly r: () => number, readonly progType: ProgTypeName, private readonly pErr: number,
    private readonly prec = false) {}

  int(lo: number, hi: number): number { return lo + Math.floor(this.r() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.r() * xs.length)]!; }
  chance(p: number): boolean { return this.r() < p; }
  /** Whether this snippet is broken; records the snippet name. */
  broken(name: string): boolean {
    const b = this.chance(this.pErr);
    this.recipe.push(b ? `!${name}` : name);
    return b;
  }
  emit(...ls: string[]): void { this.lines.push(...ls.map((l) => (l.endsWith(':') ? l : `  ${l}`))); }
  newLabel(): string { return `l${this.label++}`; }

  map(kind: 'hash' | 'array' | 'ringbuf' | 'percpu_array', valueSize: number): string {
    const name = kind === 'ringbuf' ? 'rb' : `${kind[0]}${valueSize}`;
    if (!this.maps.has(name)) {
      const decl = kind === 'ringbuf'
        ? `.map ${name} ringbuf key=0 value=0 max_entries=4096`
        : `.map ${name} ${kind} key=4 value=${valueSize} max_entries=${kind === 'hash' ? 64 : 4}`;
      this.maps.set(name, { name, decl });
    }
    return name;
  }

  // ---- snippets --------------------------------------------------------------------------

  /** Stores and loads on the stack, sometimes out of bounds or misaligned. */
  stack(): void {
    const bad = this.broken('stack');
    const size = this.pick(SIZES);
    let off = -size * this.int(1, Math.floor(64 / size));
    if (bad) off = this.pick([size === 1 ? -513 : off - 1, -512 - size * this.int(1, 4), 0, 8]);
    const src = this.chance(0.5) ? `${this.int(-300, 300)}` : 'r9';
    this.emit(`*(${U(size)} *)(r10 ${off < 0 ? '-' : '+'} ${Math.abs(off)}) = ${src}`);
    if (this.chance(0.7)) {
      const rsz = this.chance(0.7) ? size : this.pick(SIZES);
      const roff = Math.floor(off / rsz) * rsz;
      this.emit(`r8 = *(${U(rsz)} *)(r10 ${roff < 0 ? '-' : '+'} ${Math.abs(roff)})`);
    }
  }

  /** The context pointer spilled and filled back, then used; broken: a partial fill or overwrite. */
  spill(): void {
    const bad = this.broken('spill');
    const slot = 8 * this.int(2, 20);
    this.emit(`*(u64 *)(r10 - ${slot}) = r6`);
    const how = bad ? this.int(0, 2) : 3;
    if (how === 0) this.emit(`*(u32 *)(r10 - ${slot}) = 0`);
    if (how === 1) this.emit(`r7 = *(u32 *)(r10 - ${slot})`);
    else this.emit(`r7 = *(u64 *)(r10 - ${slot})`);
    const f = this.pick(CTX[this.progType] ?? [{ off: 0, size: 4 }]);
    if (how === 2) this.emit('r7 += 4');
    this.emit(`r8 = *(${U(f.size)} *)(r7 + ${f.off})`);
  }

  /** A context read or write: a valid field, or an invalid offset, size or write. */
  ctx(): void {
    const bad = this.broken('ctx');
    const fields = CTX[this.progType] ?? [{ off: 0, size: 4 }];
    const f = this.pick(fields);
    if (!bad) {
      if (f.write && this.chance(0.4)) this.emit(this.chance(0.5) ? `*(${U(f.size)} *)(r6 + ${f.off}) = r9` : `*(${U(f.size)} *)(r6 + ${f.off}) = 7`);
      else this.emit(`r8 = *(${U(f.size)} *)(r6 + ${f.off})`);
      return;
    }
    switch (this.int(0, 3)) {
      case 0: this.emit(`r8 = *(${U(this.pick(SIZES))} *)(r6 + ${this.int(0, 60) * 4 + this.pick([0, 0, 1, 2])})`); break;
      case 1: this.emit(`*(${U(f.size)} *)(r6 + ${f.off}) = r9`); break;
      case 2: this.emit(`r8 = *(u64 *)(r6 + ${f.off})`); break;
      default: this.emit(`r7 = r6`, `r7 += ${this.pick([4, 8, 16])}`, `r8 = *(u32 *)(r7 + 0)`);
    }
  }

  /** A map lookup and accesses into the value. */
  mapLookup(): void {
    const bad = this.broken('map');
    const kind = this.pick(['hash', 'hash', 'array', 'percpu_array'] as const);
    const vs = this.pick([8, 16, 24, 32, 64]);
    const name = this.map(kind, vs);
    const keyOff = this.pick([4, 8, 16]);
    const flaw = bad ? this.int(0, 7) : -1;
    // The key: a constant (arrays with a constant key are never NULL), r9, or nothing (flaw 0).
    if (flaw !== 0) this.emit(this.chance(0.5) ? `*(u32 *)(r10 - ${keyOff}) = ${this.int(0, 5)}` : `*(u32 *)(r10 - ${keyOff}) = r9`);
    this.emit('r2 = r10', `r2 += -${flaw === 1 ? 2 : keyOff}`, `r1 = ${name} ll`);
    if (flaw === 2) this.emit('r2 = 0');
    this.emit('call bpf_map_lookup_elem', 'r7 = r0');
    const skip = this.newLabel();
    const check = flaw === 3 ? 'none' : flaw === 4 ? 'inverted' : this.pick(['r7', 'r0', 'r7']);
    if (check === 'inverted') this.emit(`if r7 != 0 goto ${skip}`);
    else if (check !== 'none') this.emit(`if ${check} == 0 goto ${skip}`);
    const n = this.int(1, 3);
    for (let i = 0; i < n; i++) {
      const size = this.pick(SIZES);
      let off = size * this.int(0, vs / size - 1);
      if (flaw === 5 && i === 0) off = this.pick([vs - size + this.pick([1, size]), -size, vs]);
      if (flaw === 6 && i === 0) {
        // A variable index: too wide a mask, no mask, or a signed range.
        this.emit('r8 = r9', this.pick([`r8 &= ${vs * 2 - 1}`, 'r8 s>>= 1', `r8 &= ${vs - 1}`]), 'r7 += r8');
        this.emit(`r1 = *(${U(size)} *)(r7 + 0)`);
        continue;
      }
      if (flaw === 7 && i === 0) { this.emit('r7 += 8'); off = vs - 8; if (off < 0) off = 0; }
      if (i === 0 && !bad && this.chance(0.3)) {
        // A variable index done right: masked so index + size stays inside the value.
        const mask = (1 << Math.floor(Math.log2(Math.max(1, vs - size + 1)))) - 1;
        this.emit('r8 = r9', `r8 &= ${mask}`, 'r7 += r8', `r1 = *(${U(size)} *)(r7 + 0)`);
        break;
      }
      const op = this.int(0, 3);
      if (op === 0) this.emit(`r1 = *(${U(size)} *)(r7 + ${off})`);
      else if (op === 1) this.emit(`*(${U(size)} *)(r7 + ${off}) = r9`);
      else if (op === 2 && size >= 4) {
        const w = size === 8 ? 8 : 4;
        this.emit(w === 8 ? 'r1 = 1' : 'w1 = 1', `lock *(${U(w)} *)(r7 + ${Math.floor(off / w) * w}) += ${w === 8 ? 'r1' : 'w1'}`);
      } else this.emit(`*(${U(size)} *)(r7 + ${off}) = ${this.int(0, 100)}`);
    }
    this.emit(`${skip}:`);
  }

  /** bpf_map_update_elem with stack key and value; broken: short value buffer, NULL value, no flags. */
  mapUpdate(): void {
    const bad = this.broken('update');
    const vs = this.pick([8, 16, 32]);
    const name = this.map('hash', vs);
    const flaw = bad ? this.int(0, 2) : -1;
    this.emit('*(u32 *)(r10 - 4) = r9');
    for (let o = 8; o <= vs + 8 - (flaw === 0 ? 8 : 0); o += 8) this.emit(`*(u64 *)(r10 - ${o + 8}) = ${o}`);
    this.emit(`r1 = ${name} ll`, 'r2 = r10', 'r2 += -4', 'r3 = r10', `r3 += -${flaw === 0 ? vs : vs + 8}`);
    if (flaw === 1) this.emit('r3 = 0');
    if (flaw !== 2) this.emit(`r4 = ${this.int(0, 2)}`);
    this.emit('call bpf_map_update_elem');
  }

  /** Packet bounds check in one of its forms, then accesses. */
  packet(): void {
    const pk = PKT[this.progType];
    if (!pk) { this.ldAbs(); return; }
    const bad = this.broken('pkt');
    const flaw = bad ? this.int(0, 6) : -1;
    const n = this.pick([1, 2, 4, 8, 14, 20, 34, 42, 54]);
    const skip = this.newLabel();
    const useMeta = pk.meta !== undefined && this.chance(0.15);
    this.emit(`r2 = *(u32 *)(r6 + ${useMeta ? pk.meta : pk.data})`, `r3 = *(u32 *)(r6 + ${useMeta ? pk.data : pk.end})`);
    if (flaw !== 0) {
      this.emit('r4 = r2', `r4 += ${n}`);
      const form = flaw === 1 ? this.pick(['==', 'w>', 'wrong']) : this.pick(['>', '<', '<=', '>=', '>=strict']);
      switch (form) {
        case '>': this.emit(`if r4 > r3 goto ${skip}`); break;
        case '<': this.emit(`if r3 < r4 goto ${skip}`); break;
        case '>=strict': this.emit(`if r4 >= r3 goto ${skip}`); break;
        case '<=': { const ok = this.newLabel(); this.emit(`if r4 <= r3 goto ${ok}`, `goto ${skip}`, `${ok}:`); break; }
        case '>=': { const ok = this.newLabel(); this.emit(`if r3 >= r4 goto ${ok}`, `goto ${skip}`, `${ok}:`); break; }
        case '==': this.emit(`if r4 == r3 goto ${skip}`); break;
        case 'w>': this.emit(`if w4 > w3 goto ${skip}`); break;
        default: this.emit(`if r4 <= r3 goto ${skip}`);
      }
    }
    if (flaw === 2) {
      // A variable offset after the check, without a second check.
      this.emit('r5 = r9', 'r5 &= 15', 'r2 += r5');
    } else if (!bad && this.chance(0.25) && n >= 20) {
      // A variable offset done right: re-checked against data_end.
      const again = this.newLabel();
      this.emit('r5 = *(u8 *)(r2 + 0)', 'r5 &= 15', 'r5 <<= 2', 'r2 += r5', 'r4 = r2', 'r4 += 4', `if r4 > r3 goto ${again}`,
        'r1 = *(u32 *)(r2 + 0)', `${again}:`);
      this.emit(`${skip}:`);
      return;
    }
    const accesses = this.int(1, 3);
    for (let i = 0; i < accesses; i++) {
      const size = this.pick(SIZES.filter((s) => s <= n));
      let off = this.int(0, n - size);
      if (flaw === 3 && i === 0) off = n - size + this.int(1, size);
      if (flaw === 4 && i === 0) off = -this.int(1, 4);
      const write = (flaw === 5 && i === 0) || (pk.write && this.chance(0.3));
      if (flaw === 6 && i === 0) { this.emit('r1 = 1', `lock *(u${size === 8 ? 64 : 32} *)(r2 + 0) += r1`); continue; }
      if (write) this.emit(`*(${U(size)} *)(r2 + ${off}) = r9`);
      else this.emit(`r1 = *(${U(size)} *)(r2 + ${off})`);
    }
    this.emit(`${skip}:`);
  }

  /** LD_ABS/LD_IND for socket filters (the only packet access they have). */
  ldAbs(): void {
    const bad = this.broken('ldabs');
    if (this.progType !== 'socket_filter' && this.progType !== 'sched_cls') { this.helper(); return; }
    if (bad) this.emit('r6 = r10');
    this.emit(this.chance(0.5) ? `r0 = *(${U(this.pick([1, 2, 4]))} *)skb[${this.int(0, 64)}]` : `r0 = *(u16 *)skb[r9 + ${this.int(0, 30)}]`);
    if (bad) this.emit('r6 = *(u64 *)(r10 - 8)');
    this.emit('r9 = r0');
  }

  /** A helper call whose result becomes the shared scalar r9; broken: reads a clobbered register. */
  helper(): void {
    const bad = this.broken('helper');
    const h = this.pick(['bpf_get_prandom_u32', 'bpf_ktime_get_ns', 'bpf_get_smp_processor_id', 'bpf_get_prandom_u32']);
    this.emit('r1 = r6', `call ${h}`);
    if (bad) this.emit(`r8 = r${this.int(1, 5)}`);
    const shape = this.int(0, 4);
    if (shape === 0) this.emit('r9 = r0');
    else if (shape === 1) this.emit('r9 = r0', `r9 &= ${this.pick([7, 15, 63, 255, 4095])}`);
    else if (shape === 2) this.emit('w9 = w0');
    else if (shape === 3) this.emit('r9 = r0', `r9 s>>= ${this.int(32, 60)}`);
    else this.emit('r9 = r0', `r9 %= ${this.int(1, 100)}`);
  }

  /** A forward branch on the shared scalar (or r0) over the next one to three snippets. */
  branch(index: number): void {
    this.recipe.push('branch');
    const target = this.newLabel();
    const at = index + this.int(1, 3);
    this.due.set(at, [...(this.due.get(at) ?? []), target]);
    const reg = this.chance(0.8) ? 'r9' : 'r8';
    const w = this.chance(0.25);
    const op = this.pick(JMP_OPS);
    const rhs = this.chance(0.8) ? `${this.pick([0, 1, 7, 8, 16, 56, 64, 255, -1, 1000])}` : (w ? 'w8' : 'r8');
    this.emit(`if ${w ? reg.replace('r', 'w') : reg} ${op} ${rhs} goto ${target}`);
  }

  /** Scalar ALU on r8/r9; broken: division by zero, a bad shift, a pointer operand. */
  alu(): void {
    const bad = this.broken('alu');
    const n = this.int(1, 4);
    for (let i = 0; i < n; i++) {
      const w = this.chance(0.3);
      const d = w ? 'w8' : 'r8';
      const op = this.pick(ALU_OPS);
      let imm = this.pick([0, 1, 2, 3, 7, 8, 31, 32, 63, 255, -1, -8, 4096]);
      if ((op === '/=' || op === '%=') && imm === 0) imm = 3;
      if (op.includes('>') || op.includes('<')) imm = ((imm % (w ? 32 : 64)) + (w ? 32 : 64)) % (w ? 32 : 64);
      if (i === 0) this.emit(this.chance(0.5) ? 'r8 = r9' : `r8 = ${this.int(-100, 100)}`);
      this.emit(this.chance(0.7) ? `${d} ${op} ${imm}` : `${d} ${op} ${w ? 'w9' : 'r9'}`);
    }
    if (bad) {
      switch (this.int(0, 3)) {
        case 0: this.emit(`r8 ${this.pick(['/=', '%='])} 0`); break;
        case 1: this.emit(this.chance(0.5) ? 'r8 <<= 64' : 'w8 >>= 32'); break;
        case 2: this.emit('r8 = r10', `r8 ${this.pick(['*=', '|=', '&=', '<<=', '/='])} 2`); break;
        default: this.emit('r8 = r10', 'w8 += -8', 'r1 = *(u8 *)(r8 + 0)');
      }
    }
  }

  /** A stack pointer made by arithmetic and written through; broken: subtraction, too far, masks. */
  ptr(): void {
    const bad = this.broken('ptr');
    const off = 8 * this.int(1, 64);
    this.emit('r8 = r10');
    if (!bad) {
      this.emit(`r8 += -${off}`);
      if (this.chance(0.3)) this.emit('r1 = r9', 'r1 &= 7', 'r1 <<= 3', 'r1 = -r1', 'r8 += r1', 'r8 += -8');
      this.emit(`*(u64 *)(r8 + 0) = r9`, 'r1 = *(u64 *)(r8 + 0)');
      return;
    }
    switch (this.int(0, 4)) {
      case 0: this.emit(`r8 -= ${off}`); break;
      case 1: this.emit(`r8 += -${512 + off}`); break;
      case 2: this.emit(`r8 += -${off}`, 'r1 = r9', 'r1 &= 1023', 'r8 -= r1'); break;
      case 3: this.emit(`r8 += -${off}`, 'r8 += r9'); break;
      default: this.emit('r1 = r10', 'r8 += r1');
    }
    this.emit('*(u64 *)(r8 + 0) = 1');
  }

  /** Atomic operations on the stack; broken: on the context or misaligned. */
  atomic(): void {
    const bad = this.broken('atomic');
    const slot = 8 * this.int(1, 30);
    if (this.chance(0.7)) this.emit(`*(u64 *)(r10 - ${slot}) = 0`);
    this.emit('r1 = r9');
    const form = this.int(0, 4);
    const base = bad ? this.pick(['r6', 'r10']) : 'r10';
    const off = bad && base === 'r10' ? -slot + 4 : base === 'r6' ? 8 : -slot;
    const at = `(${base} ${off < 0 ? '-' : '+'} ${Math.abs(off)})`;
    if (form === 0) this.emit(`lock *(u64 *)${at} += r1`);
    else if (form === 1) this.emit(`r1 = atomic_fetch_add((u64 *)${at}, r1)`);
    else if (form === 2) this.emit(`r1 = atomic_xchg((u64 *)${at}, r1)`);
    else if (form === 3) this.emit('r0 = 0', `r0 = atomic_cmpxchg((u64 *)${at}, r0, r1)`);
    else this.emit(`lock *(u32 *)${at} |= w1`);
  }

  /** Ring buffer reserve / submit (kprobe only); broken: leak, no check, write past the record. */
  ringbuf(): void {
    if (this.progType !== 'kprobe') { this.mapLookup(); return; }
    const bad = this.broken('ringbuf');
    const flaw = bad ? this.int(0, 4) : -1;
    const size = this.pick([8, 16, 32]);
    const out = this.newLabel();
    this.emit(`r1 = ${this.map('ringbuf', 0)} ll`, `r2 = ${size}`, 'r3 = 0', 'call bpf_ringbuf_reserve');
    if (flaw !== 0) this.emit(`if r0 == 0 goto ${out}`);
    this.emit(`*(u64 *)(r0 + ${flaw === 1 ? size : size - 8}) = r9`);
    if (flaw === 2) { this.emit(`${out}:`); return; }
    this.emit('r1 = r0', flaw === 3 ? 'r1 += 8' : 'r2 = 0', 'r2 = 0', this.chance(0.5) ? 'call bpf_ringbuf_submit' : 'call bpf_ringbuf_discard');
    if (flaw === 4) this.emit('r0 = *(u64 *)(r1 + 0)');
    this.emit(`${out}:`);
  }

  /** bpf_probe_read_kernel into a stack buffer (kprobe); broken: buffer too small, unbounded size. */
  probeRead(): void {
    if (this.progType !== 'kprobe') { this.stack(); return; }
    const bad = this.broken('probe_read');
    const buf = this.pick([8, 16, 32]);
    this.emit('r1 = r10', `r1 += -${buf}`);
    const flaw = bad ? this.int(0, 2) : -1;
    if (flaw === 0) this.emit(`r2 = ${buf + 8}`);
    else if (flaw === 1) this.emit('r2 = r9');
    else if (flaw === 2) this.emit('r2 = r9', 'r2 -= 4');
    else if (this.chance(0.5)) this.emit(`r2 = ${buf}`);
    else this.emit('r2 = r9', `r2 &= ${buf - 1}`);
    this.emit('r3 = *(u64 *)(r6 + 112)', 'call bpf_probe_read_kernel');
  }

  /**
   * A scalar derived from r9 by a few ALU ops, narrowed by one or two conditional jumps (signed or
   * unsigned, 32- or 64-bit), then used as a map value offset or a helper's size: whether the
   * bounds suffice is for the verifier to work out (no intended verdict).
   */
  bounds(): void {
    this.recipe.push('bounds');
    const skip = this.newLabel();
    const useSize = this.progType === 'kprobe' || this.progType === 'sched_cls' || this.progType === 'socket_filter'
      ? this.chance(0.4) : false;
    const vs = this.pick([16, 32, 64]);
    if (!useSize) {
      this.emit(`*(u32 *)(r10 - 8) = 0`, 'r2 = r10', 'r2 += -8', `r1 = ${this.map('array', vs)} ll`, 'call bpf_map_lookup_elem', 'r7 = r0');
    }
    this.emit(this.pick(['r8 = r9', 'w8 = w9', 'r8 = r9', 'r8 = (s32)r9', 'r8 = (s16)r9']));
    for (let i = this.int(0, 2); i > 0; i--) {
      this.emit(this.pick(['r8 &= 63', 'r8 &= 255', 'r8 >>= 2', 'r8 += 4', 'r8 -= 8', 'w8 *= 3', 'r8 <<= 1', 'r8 |= 1', 'w8 += 16', 'r8 s>>= 1']));
    }
    const ops = ['>', '>=', '<', '<=', 's>', 's>=', 's<', 's<='] as const;
    for (let i = this.int(1, 2); i > 0; i--) {
      const w = this.chance(0.3);
      const op = this.pick(ops);
      const k = this.pick([0, 1, 7, 8, 15, 16, 31, 32, 48, 56, 60, 63, 64, 100, -1]);
      // Jump away on the side that is out of range (usually), so the fall-through is the checked one.
      this.emit(`if ${w ? 'w8' : 'r8'} ${op} ${k} goto ${skip}`);
    }
    if (useSize) {
      const buf = this.pick([16, 32, 64]);
      if (this.progType === 'kprobe') this.emit('r1 = r10', `r1 += -${buf}`, 'r2 = r8', 'r3 = *(u64 *)(r6 + 112)', 'call bpf_probe_read_kernel');
      else this.emit('r1 = r6', 'r2 = 0', 'r3 = r10', `r3 += -${buf}`, 'r4 = r8', 'call bpf_skb_load_bytes');
    } else {
      const size = this.pick(SIZES);
      this.emit('r7 += r8', this.chance(0.7) ? `r1 = *(${U(size)} *)(r7 + 0)` : `*(${U(size)} *)(r7 + 0) = r9`);
    }
    this.emit(`${skip}:`);
  }

  /** bpf_xdp_adjust_head/tail: packet pointers from before the call are invalid after it. */
  adjust(): void {
    if (this.progType !== 'xdp') { this.packet(); return; }
    const bad = this.broken('adjust');
    const skip = this.newLabel();
    this.emit('r8 = *(u32 *)(r6 + 0)', 'r1 = r6', `r2 = ${this.pick([-8, -4, 0, 4, 8, 14])}`,
      `call ${this.pick(['bpf_xdp_adjust_head', 'bpf_xdp_adjust_tail', 'bpf_xdp_adjust_meta'])}`,
      `if r0 != 0 goto ${skip}`);
    if (bad) this.emit('r2 = r8'); else this.emit('r2 = *(u32 *)(r6 + 0)');
    this.emit('r3 = *(u32 *)(r6 + 4)', 'r4 = r2', 'r4 += 8', `if r4 > r3 goto ${skip}`, 'r1 = *(u64 *)(r2 + 0)', `${skip}:`);
  }

  /** Sign-extending loads and moves, byte swaps: scalars with odd ranges used as an offset. */
  signext(): void {
    this.recipe.push('signext');
    const skip = this.newLabel();
    const slot = 8 * this.int(2, 8);
    this.emit(`*(u64 *)(r10 - ${slot}) = r9`);
    this.emit(this.pick([`r8 = *(s8 *)(r10 - ${slot})`, `r8 = *(s16 *)(r10 - ${slot})`, `r8 = *(s32 *)(r10 - ${slot})`,
      'r8 = (s8)r9', 'r8 = (s16)r9', 'w8 = (s8)w9', `r8 = *(u8 *)(r10 - ${slot})`]));
    if (this.chance(0.3)) this.emit(this.pick(['r8 = be16 r8', 'r8 = le32 r8', 'r8 = bswap16 r8', 'r8 = be64 r8']));
    const vs = this.pick([64, 256]);
    this.emit(`if r8 ${this.pick(['>', 's>', '>='])} ${vs - 8} goto ${skip}`);
    if (this.chance(0.7)) this.emit(`if r8 ${this.pick(['s<', '<'])} 0 goto ${skip}`);
    this.emit('*(u32 *)(r10 - 4) = 0', 'r2 = r10', 'r2 += -4', `r1 = ${this.map('hash', vs)} ll`, 'call bpf_map_lookup_elem',
      `if r0 == 0 goto ${skip}`, 'r0 += r8', 'r1 = *(u64 *)(r0 + 0)', `${skip}:`);
  }

  /** A bounded scalar spilled (64 or 32 bits), refined, filled back and used as a stack offset. */
  spillScalar(): void {
    this.recipe.push('spill_scalar');
    const skip = this.newLabel();
    const slot = 8 * this.int(2, 8);
    const w = this.chance(0.4);
    this.emit('r8 = r9', `r8 &= ${this.pick([7, 15, 31, 63, 255])}`, `*(${w ? 'u32' : 'u64'} *)(r10 - ${slot}) = r8`);
    if (this.chance(0.5)) this.emit(`if r8 > ${this.pick([7, 24, 40])} goto ${skip}`);
    this.emit(`r1 = *(${w ? 'u32' : 'u64'} *)(r10 - ${slot})`, 'r1 = -r1', 'r2 = r10', 'r2 += -128', 'r2 += r1',
      this.chance(0.5) ? 'r3 = *(u8 *)(r2 + 0)' : '*(u8 *)(r2 + 0) = 1', `${skip}:`);
  }

  /** Variable-offset stack access: inside the stack, or reaching past either end. */
  stackVar(): void {
    const bad = this.broken('stack_var');
    const base = this.pick([64, 128, 256]);
    const mask = bad ? this.pick([base * 2 - 1, 1023]) : base / 2 - 1;
    this.emit('r1 = r9', `r1 &= ${mask}`, 'r2 = r10', `r2 += -${base}`, 'r2 += r1',
      this.chance(0.5) ? '*(u8 *)(r2 + 0) = 7' : 'r3 = *(u8 *)(r2 + 0)');
  }

  /** A pointer straight into an array map's value (ld_imm64 BPF_PSEUDO_MAP_VALUE). */
  directValue(): void {
    const bad = this.broken('direct_value');
    const vs = this.pick([16, 32]);
    // Direct value access needs an array with a single element.
    const name = `d${vs}`;
    if (!this.maps.has(name)) this.maps.set(name, { name, decl: `.map ${name} array key=4 value=${vs} max_entries=1` });
    const idx = [...this.maps.keys()].indexOf(name);
    const off = bad ? this.pick([vs, vs - 4]) : 8 * this.int(0, vs / 8 - 1);
    this.emit(`r1 = map[idx:${idx}]+${off}`, bad ? 'r2 = *(u64 *)(r1 + 0)' : 'r2 = *(u32 *)(r1 + 4)');
  }

  /** bpf_tail_call with a prog_array (empty: execution continues); broken: wrong arguments. */
  tailCall(): void {
    const bad = this.broken('tail_call');
    if (!this.maps.has('progs')) this.maps.set('progs', { name: 'progs', decl: '.map progs prog_array key=4 value=4 max_entries=4' });
    this.emit(bad ? this.pick(['r1 = r10', 'r1 = 0']) : 'r1 = r6', 'r2 = progs ll', this.chance(0.5) ? 'r3 = r9' : `r3 = ${this.int(0, 5)}`,
      'call bpf_tail_call');
  }

  /**
   * A small bounded loop: a counter summing into r8. (No may_goto loops here: followed by map
   * lookups they can make the 6.18 kernel give up only after minutes of work, see
   * tests/verifier/corpus/loop-may-goto*.s for may_goto.)
   */
  loop(): void {
    this.recipe.push('loop');
    const head = this.newLabel();
    const k = this.int(2, 12);
    this.emit('r1 = 0', 'r8 = 0', `${head}:`, 'r8 += r1', 'r1 += 1', `if r1 < ${k} goto ${head}`);
  }

  /** A call to a subprogram that touches a stack buffer passed by the caller. */
  call(): void {
    const bad = this.broken('call');
    const name = `f${this.subprogs.length}`;
    const buf = 8 * this.int(1, 4);
    this.emit('r1 = r10', `r1 += -${buf}`, bad ? 'r3 = r9' : 'r2 = r9', `call ${name}`, 'r9 = r0');
    const body = [`${name}:`, '  *(u64 *)(r1 + 0) = r2', `  r0 = *(u64 *)(r1 + ${bad && this.chance(0.5) ? buf : 0})`];
    if (bad) body.push(this.pick(['  r0 = r10', '  r0 += r2', '  *(u64 *)(r10 - 520) = 0']));
    body.push('  exit');
    this.subprogs.push(body);
  }

  /**
   * Two paths leave different constants in r7, which then becomes a stack offset: the pointer
   * arithmetic makes r7 precise and backtracking walks into both paths. Broken: one constant
   * points the store outside the stack.
   */
  precOffset(): void {
    const bad = this.broken('prec_offset');
    const join = this.newLabel();
    const a = 8 * this.int(1, 4);
    const b = bad ? this.pick([72, 80]) : 8 * this.int(1, 4);
    this.emit(`r7 = ${a}`, `if r9 > ${this.int(0, 60)} goto ${join}`, `r7 = ${b}`, `${join}:`, 'r1 = r10', 'r1 += -64', 'r1 += r7',
      '*(u64 *)(r1 - 8) = r9');
  }

  /**
   * The same, with the offset passed to a static subprogram as r1: backtracking leaves the callee
   * at its entry and continues in the caller.
   */
  argOffset(): void {
    const bad = this.broken('arg_offset');
    const name = `g${this.subprogs.length}`;
    const join = this.newLabel();
    const a = 8 * this.int(1, 4);
    const b = bad ? this.pick([72, 80]) : 8 * this.int(1, 4);
    this.emit(`r1 = ${a}`, `if r9 > ${this.int(0, 60)} goto ${join}`, `r1 = ${b}`, `${join}:`, `call ${name}`);
    this.subprogs.push([`${name}:`, '  r2 = r10', '  r2 += -64', '  r2 += r1', '  *(u64 *)(r2 - 8) = 0', '  r0 = 0', '  exit']);
  }

  /** bpf_loop with a callback whose return value comes from its index; broken: out of [0, 1]. */
  bpfLoop(): void {
    const bad = this.broken('bpf_loop');
    const name = `cb${this.subprogs.length}`;
    this.emit(`r1 = ${this.int(1, 6)}`, `r2 = ${name} ll`, 'r3 = 0', 'r4 = 0', 'call bpf_loop');
    this.subprogs.push([`${name}:`, '  r0 = r1', `  r0 &= ${bad ? 3 : 1}`, '  exit']);
  }

  build(): GenProgram {
    this.emit('r6 = r1', 'call bpf_get_prandom_u32', 'r9 = r0');
    if (this.chance(0.6)) this.emit(`r9 &= ${this.pick([7, 63, 255, 0xffff])}`);
    const snippets = this.int(2, 7);
    const kinds: [number, (i: number) => void][] = [
      [3, () => this.stack()], [2, () => this.spill()], [3, () => this.ctx()], [5, () => this.mapLookup()],
      [1, () => this.mapUpdate()], [5, () => this.packet()], [2, () => this.helper()], [3, (i) => this.branch(i)],
      [2, () => this.alu()], [2, () => this.ptr()], [1, () => this.atomic()], [2, () => this.ringbuf()],
      [1, () => this.probeRead()], [1, () => this.loop()], [1, () => this.call()], [4, () => this.bounds()],
      [1, () => this.adjust()], [2, () => this.signext()], [2, () => this.spillScalar()], [1, () => this.stackVar()],
      [1, () => this.directValue()], [1, () => this.tailCall()],
    ];
    if (this.prec) kinds.push([4, () => this.precOffset()], [3, () => this.argOffset()], [2, () => this.bpfLoop()]);
    const total = kinds.reduce((s, [w]) => s + w, 0);
    for (let i = 0; i < snippets; i++) {
      let x = this.r() * total;
      const k = kinds.find(([w]) => (x -= w) < 0) ?? kinds[0]!;
      k[1](i);
      for (const l of this.due.get(i) ?? []) this.emit(`${l}:`);
      this.due.delete(i);
    }
    for (const ls of this.due.values()) for (const l of ls) this.emit(`${l}:`);
    // The return value: in range for cgroup_skb unless broken.
    const badRet = this.broken('return');
    if (this.progType === 'cgroup_skb') this.emit(badRet ? 'r0 = r9' : 'r0 = 1');
    else if (!badRet || this.chance(0.5)) this.emit(`r0 = ${this.pick([0, 1, 2, 3])}`);
    this.emit('exit');
    for (const s of this.subprogs) this.lines.push(...s);
    const header = [`.prog ${this.progType}`, ...[...this.maps.values()].map((m) => m.decl)];
    return { progType: this.progType, source: [...header, ...this.lines].join('\n') + '\n', recipe: this.recipe };
  }
}

/** One random program. */
export function generate(rand: () => number, opts: GenOptions = {}): GenProgram {
  const types = opts.progTypes ?? DEFAULT_TYPES;
  const progType = types[Math.floor(rand() * types.length)]!;
  return new Gen(rand, progType, opts.pErr ?? 0.09, opts.prec).build();
}

/** A raw field mutation of one slot, as a `; patch:` line, or null (lddw slots are left alone). */
export function noisePatch(rand: () => number, insns: readonly { code: number; dst: number; src: number; off: number; imm: number }[]): string | null {
  const slot = Math.floor(rand() * insns.length);
  const i = insns[slot]!;
  if (i.code === 0x18 || (slot > 0 && insns[slot - 1]!.code === 0x18)) return null;
  const field = ['dst', 'src', 'off', 'imm', 'off', 'imm'][Math.floor(rand() * 6)]!;
  const cur = (i as Record<string, number>)[field]!;
  let value = field === 'dst' || field === 'src' ? Math.floor(rand() * 11)
    : cur + [-8, -4, -1, 1, 4, 8, 16, 64][Math.floor(rand() * 8)]!;
  // Keep jumps forward: a backward jump makes a loop, and an unbounded one costs the kernel a
  // million instructions (seconds) to give up on.
  const cls = i.code & 7;
  if (field === 'off' && (cls === 5 || cls === 6) && value < 0) value = -value;
  return `; patch: ${slot} ${field}=${value}`;
}

/**
 * Instruction soup: 4 to 16 random instructions from the instruction table with random (mostly
 * plausible) registers, offsets and immediates, forward jumps only, ending in exit. Nearly all are
 * rejected; they reach the early checks (reserved fields, CFG, register numbers, pointer rules)
 * and odd corners that the snippet programs do not.
 */
const SOUP_TYPES: readonly ProgTypeName[] = [
  'xdp', 'sched_cls', 'socket_filter', 'kprobe', 'cgroup_skb', 'tracepoint', 'raw_tracepoint', 'perf_event', 'sched_act',
];

export function soup(rand: () => number, progTypes: readonly ProgTypeName[] = SOUP_TYPES): { progType: ProgTypeName; insns: Insn[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const progType = pick(progTypes);
  const rows = OPS.filter((r) => r.kind !== 'call_kfunc' && r.kind !== 'call_local' && (r.kind !== 'lddw' || r.pseudo === 0 || r.pseudo === 1));
  const n = int(4, 16);
  const insns: Insn[] = [];
  const reg = (): number => (rand() < 0.9 ? int(0, 10) : int(0, 15));
  const base = (): number => pick([10, 10, 10, 1, 1, 0, 2, 6, reg()]);
  while (insns.length < n) {
    const r = pick(rows);
    const left = n - insns.length; // slots before the final exit
    const i: Insn = { code: r.code, dst: reg(), src: r.useSrcReg ? reg() : 0, off: 0, imm: 0 };
    if (r.disc) i[r.disc.field] = r.disc.value;
    switch (r.kind) {
      case 'alu': case 'neg': case 'mov': case 'movsx':
        if (!r.useSrcReg) i.imm = pick([0, 1, 2, 4, 7, 8, 16, 31, 32, 63, 64, 255, -1, -8, 0x7fffffff, int(-1000, 1000)]);
        if (r.kind === 'neg') i.imm = 0;
        break;
      case 'end': case 'bswap': break;
      case 'ja': i.dst = 0; i.off = int(0, left - 1); break;
      case 'gotol': i.dst = 0; i.imm = int(0, left - 1); break;
      case 'jcond':
        i.off = int(0, left - 1);
        if (!r.useSrcReg) i.imm = pick([0, 1, 4, 8, 14, 255, -1, int(-100, 100)]);
        break;
      case 'may_goto': i.dst = 0; i.off = int(0, left - 1); break;
      case 'call': i.dst = 0; i.imm = rand() < 0.8 ? pick([1, 2, 3, 5, 6, 7, 8, 12, 14, 16, 23, 26, 44, 51, 130, 131, 132]) : int(0, 220); break;
      case 'exit': i.dst = 0; break;
      case 'lddw': {
        if (left < 2) continue;
        const value = r.pseudo === 1 ? 0n : BigInt(pick([0, 1, -1, 0x100000000, int(-5000, 5000)]));
        insns.push(...lddwSlots(r.code, i.dst, r.pseudo ?? 0, value));
        continue;
      }
      case 'ldx': case 'ldxsx': case 'load_acq':
        i.src = base();
        i.off = pick([0, 2, 4, 8, 12, 16, 20, 24, 36, 44, 48, 68, 72, 76, 80, 112, 140, 152, 168, 176, -8, -16, -4, -512, int(-600, 200)]);
        break;
      case 'st': case 'stx': case 'atomic': case 'store_rel':
        i.dst = base(); i.off = pick([0, 8, -8, -16, -4, -2, -512, int(-600, 200)]);
        if (r.kind === 'st') i.imm = int(-10, 10);
        break;
      case 'ld_abs': i.dst = 0; i.imm = int(0, 64); break;
      case 'ld_ind': i.dst = 0; i.imm = int(0, 64); break;
    }
    insns.push(i);
  }
  insns.push({ code: 0x95, dst: 0, src: 0, off: 0, imm: 0 });
  // A prologue giving most registers a value (a number, a stack pointer or the context) and
  // zeroing some stack, so that programs get past `R%d !read_ok` to the checks behind it.
  const pro: Insn[] = [];
  for (const r of [0, 2, 3, 4, 5, 6, 7, 8, 9]) {
    if (rand() < 0.15) continue;
    const what = rand();
    if (what < 0.5) pro.push({ code: 0xb7, dst: r, src: 0, off: 0, imm: pick([0, 1, 2, 8, 64, -1, int(-100, 100)]) });
    else if (what < 0.8) pro.push({ code: 0xbf, dst: r, src: 10, off: 0, imm: 0 }, { code: 0x07, dst: r, src: 0, off: 0, imm: -8 * int(1, 8) });
    else pro.push({ code: 0xbf, dst: r, src: 1, off: 0, imm: 0 });
  }
  for (let k = int(0, 4); k > 0; k--) pro.push({ code: 0x7a, dst: 10, src: 0, off: -8 * int(1, 8), imm: 0 });
  return { progType, insns: [...pro, ...insns] };
}

/**
 * Helper-call soup: one call to a random helper (any id up to 211) with each argument register
 * drawn from a palette of values a helper might want or refuse: the context, stack buffers of
 * two sizes (initialised), a map pointer of some type, a checked map value, small and unknown
 * scalars, NULL. Exercises the helper prototypes: which helpers a program type may call, and
 * every argument check (types, NULL, sizes, map types, constant arguments).
 */
export function callSoup(rand: () => number, progTypes: readonly ProgTypeName[] = SOUP_TYPES): { progType: ProgTypeName; source: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const progType = pick(progTypes);
  const mapKinds = [
    ['h', 'hash key=4 value=16 max_entries=8'], ['a', 'array key=4 value=16 max_entries=4'],
    ['rb', 'ringbuf key=0 value=0 max_entries=4096'], ['pa', 'prog_array key=4 value=4 max_entries=4'],
    ['pe', 'perf_event_array key=4 value=4 max_entries=4'], ['q', 'queue key=0 value=16 max_entries=8'],
    ['st', 'stack_trace key=4 value=1016 max_entries=16'],
  ] as const;
  const [mname, mdecl] = pick(mapKinds);
  const lines = [
    'r6 = r1', 'call bpf_get_prandom_u32', 'r9 = r0',
    ...Array.from({ length: 8 }, (_, k) => `*(u64 *)(r10 - ${8 * (k + 1)}) = 0`),
    'r2 = r10', 'r2 += -8', 'r1 = a ll', 'call bpf_map_lookup_elem', 'r7 = r0',
  ];
  const palette = [
    'r6', 'r10 - 8', 'r10 - 64', `${mname} ll`, 'r7', '0', '1', '4', '8', '16', '64', '-1', 'r9', 'r9 & 15',
  ];
  for (let r = 1; r <= 5; r++) {
    const v = pick(palette);
    if (v.startsWith('r10')) lines.push(`r${r} = r10`, `r${r} += -${v.split('- ')[1]}`);
    else if (v === 'r9 & 15') lines.push(`r${r} = r9`, `r${r} &= 15`);
    else lines.push(`r${r} = ${v}`);
  }
  const id = rand() < 0.9 ? 1 + Math.floor(rand() * 211) : pick([1, 2, 3, 12, 25, 26, 51, 130, 131, 132, 113, 112, 14, 16]);
  lines.push(`call ${id}`, 'r0 = 0', 'exit');
  const maps = [`.map a array key=4 value=16 max_entries=4`, ...(mname === 'a' ? [] : [`.map ${mname} ${mdecl}`])];
  return { progType, source: `.prog ${progType}\n${maps.join('\n')}\n${lines.map((l) => `  ${l}`).join('\n')}\n` };
}
