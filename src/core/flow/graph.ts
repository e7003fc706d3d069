// The program's control-flow graph for the visual verifier: basic blocks (maximal runs of
// instructions entered only at the top and left only at the bottom) and the edges between them
// (fall-through, taken branch, unconditional jump, bpf-to-bpf call), with back edges marked so a
// drawing can show loops. Derived from the instruction table (lookupOp), never from text; pure data.
// It does not check the program (the verifier's cfg.ts does): jumps out of range simply get no edge.

import { isLddw, lookupOp, type Insn } from '../isa/insn.js';

export type EdgeKind = 'fall' | 'taken' | 'jump' | 'call';

export interface Block {
  readonly id: number;
  /** First and last instruction slot of the block (an ld_imm64 ends at its first slot). */
  readonly start: number;
  readonly end: number;
  /** Instruction slots in the block, in order (ld_imm64's second slot left out). */
  readonly pcs: readonly number[];
  /** The subprogram the block belongs to (0: the main program), in order of first instruction. */
  readonly subprog: number;
  /** How the block ends: falls or jumps on, returns from its function (exit), or runs off the end. */
  readonly exit: boolean;
}

export interface FlowEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: EdgeKind;
  /** A back edge of the depth-first walk from the entries: the edge closes a loop. */
  readonly back: boolean;
}

export interface FlowGraph {
  readonly blocks: readonly Block[];
  readonly edges: readonly FlowEdge[];
  /** Block of each instruction slot (-1 for ld_imm64's second slot). */
  readonly blockOfPc: Int32Array;
  /** First instruction of each subprogram (0 first). */
  readonly subprogStarts: readonly number[];
}

interface Succ { to: number; kind: EdgeKind }

/** Where control can go after `pc`, by the instruction table's kind of the instruction. */
function successorsOf(insns: readonly Insn[], pc: number): { succ: Succ[]; exit: boolean; callee: number | null } {
  const i = insns[pc]!;
  const op = lookupOp(i);
  const next = pc + (isLddw(i) ? 2 : 1);
  const kind = op?.kind;
  switch (kind) {
    case 'exit': return { succ: [], exit: true, callee: null };
    case 'ja': return { succ: [{ to: pc + i.off + 1, kind: 'jump' }], exit: false, callee: null };
    case 'gotol': return { succ: [{ to: pc + i.imm + 1, kind: 'jump' }], exit: false, callee: null };
    case 'jcond':
    case 'may_goto':
      return { succ: [{ to: next, kind: 'fall' }, { to: pc + i.off + 1, kind: 'taken' }], exit: false, callee: null };
    case 'call_local': return { succ: [{ to: next, kind: 'fall' }], exit: false, callee: pc + i.imm + 1 };
    default: return { succ: [{ to: next, kind: 'fall' }], exit: false, callee: null };
  }
}

/** Basic blocks and edges of `insns`. */
export function buildFlowGraph(insns: readonly Insn[]): FlowGraph {
  const n = insns.length;
  const inRange = (pc: number): boolean => pc >= 0 && pc < n;
  const second = new Uint8Array(n);
  for (let pc = 0; pc < n; pc++) if (isLddw(insns[pc]!) && pc + 1 < n) { second[pc + 1] = 1; pc++; }
  const leader = new Uint8Array(n);
  const subStarts = new Set<number>([0]);
  if (n) leader[0] = 1;
  const info: ReturnType<typeof successorsOf>[] = [];
  for (let pc = 0; pc < n; pc++) {
    if (second[pc]) continue;
    const s = successorsOf(insns, pc);
    info[pc] = s;
    const ends = s.exit || s.succ.length !== 1 || s.succ[0]!.kind !== 'fall' || s.callee !== null;
    for (const e of s.succ) if (inRange(e.to) && !second[e.to] && (e.kind !== 'fall' || ends)) leader[e.to] = 1;
    if (ends) { const nx = s.succ.find((e) => e.kind === 'fall')?.to ?? pc + (isLddw(insns[pc]!) ? 2 : 1); if (inRange(nx)) leader[nx] = 1; }
    if (s.callee !== null && inRange(s.callee)) { leader[s.callee] = 1; subStarts.add(s.callee); }
    // ld_imm64 of a function (callbacks: bpf_loop): its target starts a subprogram too.
    const i = insns[pc]!;
    if (isLddw(i) && i.src === 4) { const t = pc + i.imm + 1; if (inRange(t)) { leader[t] = 1; subStarts.add(t); } }
  }
  const subprogStarts = [...subStarts].sort((a, b) => a - b);
  const blocks: Block[] = [];
  const blockOfPc = new Int32Array(n).fill(-1);
  let cur: number[] = [];
  const flush = (): void => {
    if (!cur.length) return;
    const start = cur[0]!;
    const last = cur[cur.length - 1]!;
    let sp = 0;
    while (sp + 1 < subprogStarts.length && subprogStarts[sp + 1]! <= start) sp++;
    blocks.push({ id: blocks.length, start, end: last, pcs: cur, subprog: sp, exit: info[last]?.exit ?? false });
    cur = [];
  };
  for (let pc = 0; pc < n; pc++) {
    if (second[pc]) continue;
    if (leader[pc]) flush();
    blockOfPc[pc] = blocks.length;
    cur.push(pc);
  }
  flush();
  const edges: { from: number; to: number; kind: EdgeKind; back: boolean }[] = [];
  for (const b of blocks) {
    const s = info[b.end]!;
    for (const e of s.succ) {
      if (!inRange(e.to) || second[e.to]) continue;
      edges.push({ from: b.id, to: blockOfPc[e.to]!, kind: e.kind, back: false });
    }
    if (s.callee !== null && inRange(s.callee)) edges.push({ from: b.id, to: blockOfPc[s.callee]!, kind: 'call', back: false });
  }
  markBackEdges(blocks.length, edges, subprogStarts.map((pc) => blockOfPc[pc]!).filter((b) => b >= 0));
  return { blocks, edges, blockOfPc, subprogStarts };
}

/** Iterative depth-first walk from each entry: an edge to a block still on the walk's stack is a back edge. */
function markBackEdges(count: number, edges: { from: number; to: number; back: boolean; kind: EdgeKind }[], entries: number[]): void {
  const out: number[][] = Array.from({ length: count }, () => []);
  edges.forEach((e, k) => { if (e.kind !== 'call') out[e.from]!.push(k); });
  const state = new Uint8Array(count); // 0 new, 1 on stack, 2 done
  for (const entry of entries) {
    if (state[entry]) continue;
    const stack: { b: number; i: number }[] = [{ b: entry, i: 0 }];
    state[entry] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const k = out[top.b]![top.i++];
      if (k === undefined) { state[top.b] = 2; stack.pop(); continue; }
      const e = edges[k]!;
      if (state[e.to] === 1) e.back = true;
      else if (state[e.to] === 0) { state[e.to] = 1; stack.push({ b: e.to, i: 0 }); }
    }
  }
}
