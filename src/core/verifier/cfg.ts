// The checks the kernel runs over the whole program before walking it, in its order (bpf_check):
// subprogram discovery (add_subprog_and_kfunc, `func#N @S` at log level 2), check_subprogs (jumps
// stay inside their subprogram, no falling off its end), the no-BTF rules for subprograms,
// resolve_pseudo_ldimm64 (reserved LDX fields, ld_imm64 forms and map references, unknown
// opcodes), check_cfg (the depth-first search: jump targets, unreachable instructions, prune and
// jump points), the postorder, strongly connected components and live registers (printed at
// level 2 as "Live regs before insn:").

import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_DW, BPF_EXIT, BPF_FETCH, BPF_IMM, BPF_IND, BPF_JA,
  BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_MOV, BPF_END, BPF_PSEUDO_BTF_ID,
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX,
  BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_ST, BPF_STORE_REL, BPF_STX, bpfClass, bpfMode, bpfOp, bpfSize, bpfSrc,
} from '../isa/constants.js';
import { hex2, isLddw, type Insn } from '../isa/insn.js';
import { isKnownOpcode } from '../isa/table.js';
import { BPF_MAX_VAR_OFF, E2BIG, EINVAL, ENOTSUPP, EPROTO, type Env, type Ret } from './env.js';
import { callNumParams, isSyncCallbackHelper, isAsyncCallbackHelper } from './helper-proto.js';
import { insnText } from './insn-text.js';

const BPF_MAX_SUBPROGS = 256;
const BPF_FUNC_tail_call = 12;

const isPseudoFunc = (i: Insn): boolean => i.code === (BPF_LD | BPF_IMM | BPF_DW) && i.src === BPF_PSEUDO_FUNC;
const isPseudoCall = (i: Insn): boolean => i.code === (BPF_JMP | BPF_CALL) && i.src === BPF_PSEUDO_CALL;
const isKfuncCall = (i: Insn): boolean => i.code === (BPF_JMP | BPF_CALL) && i.src === BPF_PSEUDO_KFUNC_CALL;
const isHelperCall = (i: Insn): boolean => i.code === (BPF_JMP | BPF_CALL) && i.src === 0;

/** bpf_jmp_offset: gotol keeps its offset in imm. */
export const jmpOffset = (i: Insn): number => (i.code === (BPF_JMP32 | BPF_JA) ? i.imm : i.off);

/** bpf_insn_successors. */
export function successors(insns: readonly Insn[], idx: number): number[] {
  const i = insns[idx]!;
  const cls = bpfClass(i.code);
  const op = bpfOp(i.code);
  let canJump = false;
  let canFall = true;
  if (cls === BPF_JMP || cls === BPF_JMP32) {
    if (op === BPF_EXIT) canFall = false;
    else if (op === BPF_JA) { canJump = true; canFall = false; }
    else if (op !== BPF_CALL && (op <= 0xd0 || op === BPF_JCOND)) canJump = true;
  }
  const out: number[] = [];
  if (canFall) out.push(idx + (isLddw(i) ? 2 : 1));
  if (canJump) out.push(idx + jmpOffset(i) + 1);
  return out;
}

function addSubprog(env: Env, off: number): number {
  if (off >= env.insns.length || off < 0) {
    env.err('call to invalid destination');
    return EINVAL;
  }
  const found = env.findSubprog(off);
  if (found >= 0) return found;
  if (env.subprogs.length >= BPF_MAX_SUBPROGS) {
    env.err('too many subprograms');
    return E2BIG;
  }
  env.subprogs.push({ start: off, stackDepth: 0, hasTailCall: false, hasLdAbs: false, isCb: false, postorderStart: 0 });
  env.subprogs.sort((a, b) => a.start - b.start);
  return env.subprogs.findIndex((s) => s.start === off);
}

/** add_subprog_and_kfunc. */
function addSubprogs(env: Env): Ret {
  let ret = addSubprog(env, 0);
  if (ret < 0) return ret;
  for (let i = 0; i < env.insns.length; i++) {
    const insn = env.insns[i]!;
    if (!isPseudoFunc(insn) && !isPseudoCall(insn) && !isKfuncCall(insn)) continue;
    if (isPseudoFunc(insn) || isPseudoCall(insn)) {
      ret = addSubprog(env, i + insn.imm + 1);
    } else {
      ret = addKfuncCall(env, insn);
    }
    if (ret < 0) return ret;
  }
  if (env.level2) env.subprogs.forEach((s, i) => env.verbose(`func#${i} @${s.start}\n`));
  return 0;
}

/**
 * add_kfunc_call. bpfiddle has no kernel BTF, so it cannot resolve kfunc ids; the kernel accepts
 * only ids that name kernel functions, which a hand-written program rarely hits.
 */
function addKfuncCall(env: Env, insn: Insn): Ret {
  if (!insn.imm && !insn.off) return 0;
  if (insn.off) {
    if (insn.off < 0) {
      env.err('negative offset disallowed for kernel module function call');
      env.err('failed to find BTF for kernel function');
      return EINVAL;
    }
    if (!env.maps.length) {
      env.err('kfunc offset > 0 without fd_array is invalid');
      env.err('failed to find BTF for kernel function');
      return EPROTO;
    }
  }
  env.err(`kernel btf_id ${insn.imm >>> 0} is not a function`);
  return EINVAL;
}

/** check_subprogs: jumps stay in their subprogram; each subprogram ends in exit or goto. */
function checkSubprogs(env: Env): Ret {
  const { insns, subprogs } = env;
  let cur = 0;
  let start = subprogs[0]!.start;
  let end = subprogs[1]?.start ?? insns.length;
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i]!;
    const code = insn.code;
    const cls = bpfClass(code);
    if (code === (BPF_JMP | BPF_CALL) && insn.src === 0 && insn.imm === BPF_FUNC_tail_call) subprogs[cur]!.hasTailCall = true;
    if (cls === BPF_LD && (bpfMode(code) === BPF_ABS || bpfMode(code) === BPF_IND)) subprogs[cur]!.hasLdAbs = true;
    if ((cls === BPF_JMP || cls === BPF_JMP32) && bpfOp(code) !== BPF_EXIT && bpfOp(code) !== BPF_CALL) {
      const off = i + jmpOffset(insn) + 1;
      if (off < start || off >= end) {
        env.err(`jump out of range from insn ${i} to ${off}`);
        return EINVAL;
      }
    }
    if (i === end - 1) {
      if (code !== (BPF_JMP | BPF_EXIT) && code !== (BPF_JMP32 | BPF_JA) && code !== (BPF_JMP | BPF_JA)) {
        env.err('last insn is not an exit or jmp');
        return EINVAL;
      }
      start = end;
      cur++;
      if (cur < subprogs.length) end = subprogs[cur + 1]?.start ?? insns.length;
    }
  }
  return 0;
}

/** check_abnormal_return: without BTF func info, subprograms may not use LD_ABS or tail calls. */
function checkAbnormalReturn(env: Env): Ret {
  for (let i = 1; i < env.subprogs.length; i++) {
    if (env.subprogs[i]!.hasLdAbs) {
      env.err('LD_ABS is not allowed in subprogs without BTF');
      return EINVAL;
    }
    if (env.subprogs[i]!.hasTailCall) {
      env.err('tail_call is not allowed in subprogs without BTF');
      return EINVAL;
    }
  }
  return 0;
}

/** resolve_pseudo_ldimm64: the per-slot checks of the first pass over all instructions. */
function resolvePseudoLdimm64(env: Env): Ret {
  const { insns } = env;
  for (let i = 0; i < insns.length; i++) {
    const insn = insns[i]!;
    if (bpfClass(insn.code) === BPF_LDX &&
      ((bpfMode(insn.code) !== BPF_MEM && bpfMode(insn.code) !== BPF_MEMSX) || insn.imm !== 0)) {
      env.err('BPF_LDX uses reserved fields');
      return EINVAL;
    }
    if (isLddw(insn)) {
      const next = insns[i + 1];
      if (i === insns.length - 1 || !next || next.code !== 0 || next.dst !== 0 || next.src !== 0 || next.off !== 0) {
        env.err('invalid bpf_ld_imm64 insn');
        return EINVAL;
      }
      const src = insn.src;
      if (src === 0 || src === BPF_PSEUDO_FUNC) { i++; continue; }
      if (src === BPF_PSEUDO_BTF_ID) {
        const r = checkPseudoBtfId(env, insn, next);
        if (r < 0) return r;
        i++;
        continue;
      }
      const mapFd = src === BPF_PSEUDO_MAP_FD || src === BPF_PSEUDO_MAP_IDX;
      const mapValue = src === BPF_PSEUDO_MAP_VALUE || src === BPF_PSEUDO_MAP_IDX_VALUE;
      if (!(mapValue || (mapFd && next.imm === 0))) {
        env.err('unrecognized bpf_ld_imm64 insn');
        return EINVAL;
      }
      if ((src === BPF_PSEUDO_MAP_IDX || src === BPF_PSEUDO_MAP_IDX_VALUE) && !env.maps.length) {
        env.err('fd_idx without fd_array is invalid');
        return EPROTO;
      }
      const idx = insn.imm;
      const map = idx >= 0 && idx < env.maps.length ? env.maps[idx] : undefined;
      if (!map) {
        env.err(`fd ${idx} is not pointing to valid bpf_map`);
        return -9; // EBADF
      }
      env.aux[i]!.mapIndex = idx;
      if (mapValue) {
        const off = next.imm >>> 0;
        if (off >= BPF_MAX_VAR_OFF) {
          env.err(`direct value offset of ${off} is not allowed`);
          return EINVAL;
        }
        if (map.type !== 'array') {
          env.err('no direct value access support for this map type');
          return EINVAL;
        }
        if (map.maxEntries !== 1 || off >= map.valueSize) {
          env.err(`invalid access to map value pointer, value_size=${map.valueSize} off=${off}`);
          return map.maxEntries !== 1 ? ENOTSUPP : EINVAL;
        }
        env.aux[i]!.mapOff = off;
      }
      i++;
      continue;
    }
    if (!isKnownOpcode(insn.code)) {
      env.err(`unknown opcode ${hex2(insn.code)}`);
      return EINVAL;
    }
  }
  return 0;
}

/**
 * check_pseudo_btf_id without kernel BTF: bpfiddle cannot look up kernel variables, so it reports
 * the id the way the kernel does for an id that is not a variable or function.
 */
function checkPseudoBtfId(env: Env, insn: Insn, next: Insn): Ret {
  if (next.imm) {
    env.err('invalid module BTF object FD specified.');
    return EINVAL;
  }
  env.err(`pseudo btf_id ${insn.imm >>> 0} in ldimm64 isn't KIND_VAR or KIND_FUNC`);
  return EINVAL;
}

const DISCOVERED = 0x10;
const EXPLORED = 0x20;
const FALLTHROUGH = 1;
const BRANCH = 2;
const DONE = 0;
const KEEP = 1;

/** check_cfg's depth-first search. */
function checkCfg(env: Env): Ret {
  const { insns, aux } = env;
  const n = insns.length;
  const state = new Int32Array(n);
  const stack: number[] = [0];
  state[0] = DISCOVERED;

  const pushInsn = (t: number, w: number, e: number): number => {
    if (e === FALLTHROUGH && state[t]! >= (DISCOVERED | FALLTHROUGH)) return DONE;
    if (e === BRANCH && state[t]! >= (DISCOVERED | BRANCH)) return DONE;
    if (w < 0 || w >= n) {
      env.err(`jump out of range from insn ${t} to ${w}`);
      return EINVAL;
    }
    if (e === BRANCH) {
      aux[w]!.prunePoint = true;
      aux[w]!.jmpPoint = true;
    }
    if (state[w] === 0) {
      state[t] = DISCOVERED | e;
      state[w] = DISCOVERED;
      stack.push(w);
      return KEEP;
    }
    if ((state[w]! & 0xf0) === DISCOVERED) return DONE; // back-edge: fine with CAP_BPF
    state[t] = DISCOVERED | e;
    return DONE;
  };

  const visitCall = (t: number, visitCallee: boolean): number => {
    const sz = isLddw(insns[t]!) ? 2 : 1;
    let ret = pushInsn(t, t + sz, FALLTHROUGH);
    if (ret) return ret;
    if (t + sz < n) {
      aux[t + sz]!.prunePoint = true;
      aux[t + sz]!.jmpPoint = true;
    }
    if (visitCallee) {
      const w = t + insns[t]!.imm + 1;
      aux[t]!.prunePoint = true;
      ret = pushInsn(t, w, BRANCH);
    }
    return ret;
  };

  const visit = (t: number): number => {
    const insn = insns[t]!;
    if (isPseudoFunc(insn)) return visitCall(t, true);
    const cls = bpfClass(insn.code);
    if (cls !== BPF_JMP && cls !== BPF_JMP32) return pushInsn(t, t + (isLddw(insn) ? 2 : 1), FALLTHROUGH);
    switch (bpfOp(insn.code)) {
      case BPF_EXIT:
        return DONE;
      case BPF_CALL:
        if (isHelperCall(insn) && isAsyncCallbackHelper(insn.imm)) aux[t]!.prunePoint = true;
        if (isHelperCall(insn) && isSyncCallbackHelper(insn.imm)) {
          aux[t]!.callsCallback = true;
          aux[t]!.forceCheckpoint = true;
          aux[t]!.prunePoint = true;
          aux[t]!.jmpPoint = true;
        }
        return visitCall(t, insn.src === BPF_PSEUDO_CALL);
      case BPF_JA: {
        if (bpfSrc(insn.code) !== BPF_K) return EINVAL;
        const w = t + jmpOffset(insn) + 1;
        const ret = pushInsn(t, w, FALLTHROUGH);
        if (ret) return ret;
        aux[w]!.prunePoint = true;
        aux[w]!.jmpPoint = true;
        return ret;
      }
      default: {
        aux[t]!.prunePoint = true;
        if (insn.code === (BPF_JMP | BPF_JCOND)) aux[t]!.forceCheckpoint = true;
        const ret = pushInsn(t, t + 1, FALLTHROUGH);
        if (ret) return ret;
        return pushInsn(t, t + insn.off + 1, BRANCH);
      }
    }
  };

  while (stack.length) {
    const t = stack[stack.length - 1]!;
    const ret = visit(t);
    if (ret === DONE) {
      state[t] = EXPLORED;
      stack.pop();
    } else if (ret !== KEEP) {
      return ret;
    }
  }
  for (let i = 0; i < n; i++) {
    if (state[i] !== EXPLORED) {
      env.err(`unreachable insn ${i}`);
      return EINVAL;
    }
    if (isLddw(insns[i]!)) {
      if (state[i + 1] !== 0) {
        env.err(`jump into the middle of ldimm64 insn ${i}`);
        return EINVAL;
      }
      i++;
    }
  }
  return 0;
}

/** compute_postorder: per subprogram, the instructions in DFS postorder. */
function computePostorder(env: Env): number[] {
  const n = env.insns.length;
  const state = new Uint8Array(n);
  const post: number[] = [];
  env.subprogs.forEach((sp) => {
    sp.postorderStart = post.length;
    const stack = [sp.start];
    do {
      const top = stack[stack.length - 1]!;
      state[top]! |= DISCOVERED;
      if (state[top]! & EXPLORED) {
        post.push(top);
        stack.pop();
        continue;
      }
      for (const s of successors(env.insns, top)) {
        if (!state[s]) {
          stack.push(s);
          state[s]! |= DISCOVERED;
        }
      }
      state[top]! |= EXPLORED;
    } while (stack.length);
  });
  return post;
}

/** compute_scc: Tarjan's algorithm as the kernel runs it (ids in its order). */
function computeScc(env: Env): void {
  const n = env.insns.length;
  const NOT_ON_STACK = 0xffffffff;
  const pre = new Uint32Array(n);
  const low = new Uint32Array(n);
  const stack: number[] = [];
  let nextPre = 1;
  let nextScc = 1;
  for (let i = 0; i < n; i++) {
    if (pre[i]) continue;
    const dfs = [i];
    outer: while (dfs.length) {
      const w = dfs[dfs.length - 1]!;
      if (pre[w] === 0) {
        low[w] = nextPre;
        pre[w] = nextPre;
        nextPre++;
        stack.push(w);
      }
      const succ = successors(env.insns, w).filter((s) => s < n);
      for (const s of succ) {
        if (pre[s]) {
          low[w] = Math.min(low[w]!, low[s]!);
        } else {
          dfs.push(s);
          continue outer;
        }
      }
      if (low[w]! < pre[w]!) {
        dfs.pop();
        continue;
      }
      let assign = stack[stack.length - 1] !== w;
      if (succ.includes(w)) assign = true;
      let t: number;
      do {
        t = stack.pop()!;
        low[t] = NOT_ON_STACK;
        if (assign) env.aux[t]!.scc = nextScc;
      } while (t !== w);
      if (assign) nextScc++;
      dfs.pop();
    }
  }
}

const GENMASK = (h: number, l: number): number => (h < l ? 0 : ((1 << (h + 1)) - 1) & ~((1 << l) - 1));

/** compute_insn_live_regs: registers an instruction reads (use) and writes (def). */
function insnUseDef(env: Env, insn: Insn): { use: number; def: number } {
  const cls = bpfClass(insn.code);
  const code = bpfOp(insn.code);
  const mode = bpfMode(insn.code);
  const src = 1 << insn.src;
  const dst = 1 << insn.dst;
  let def = 0;
  let use = 0xffff;
  switch (cls) {
    case BPF_LD:
      if (mode === BPF_IMM && bpfSize(insn.code) === BPF_DW) { def = dst; use = 0; }
      break;
    case BPF_LDX:
      if (mode === BPF_MEM || mode === BPF_MEMSX) { def = dst; use = src; }
      break;
    case BPF_ST:
      if (mode === BPF_MEM) { def = 0; use = dst; }
      break;
    case BPF_STX:
      if (mode === BPF_MEM) { def = 0; use = dst | src; }
      else if (mode === BPF_ATOMIC) {
        if (insn.imm === BPF_CMPXCHG) { use = 1 | dst | src; def = 1; }
        else if (insn.imm === BPF_LOAD_ACQ) { def = dst; use = src; }
        else if (insn.imm === BPF_STORE_REL) { def = 0; use = dst | src; }
        else { use = dst | src; def = insn.imm & BPF_FETCH ? src : 0; }
      }
      break;
    case BPF_ALU:
    case BPF_ALU64:
      if (code === BPF_END) { use = dst; def = dst; }
      else if (code === BPF_MOV) { def = dst; use = bpfSrc(insn.code) === BPF_K ? 0 : src; }
      else { def = dst; use = bpfSrc(insn.code) === BPF_K ? dst : dst | src; }
      break;
    case BPF_JMP:
    case BPF_JMP32:
      if (code === BPF_JA || code === BPF_JCOND) { def = 0; use = 0; }
      else if (code === BPF_EXIT) { def = 0; use = 1; }
      else if (code === BPF_CALL) {
        def = 0x3f;
        use = def & ~1;
        const params = callNumParams(env, insn);
        if (params !== null) use = GENMASK(params, 1);
      } else { def = 0; use = bpfSrc(insn.code) === BPF_K ? dst : dst | src; }
      break;
  }
  return { use, def };
}

/** compute_live_registers, and its level-2 listing. */
function computeLiveRegisters(env: Env, postorder: readonly number[]): void {
  const { insns, aux } = env;
  const n = insns.length;
  const use = new Uint16Array(n);
  const def = new Uint16Array(n);
  const live = new Uint16Array(n);
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const ud = insnUseDef(env, insns[i]!);
    use[i] = ud.use;
    def[i] = ud.def;
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const idx of postorder) {
      let newOut = 0;
      for (const s of successors(insns, idx)) newOut |= live[s] ?? 0;
      const newIn = (newOut & ~def[idx]!) | use[idx]!;
      if (newOut !== out[idx] || newIn !== live[idx]) {
        live[idx] = newIn;
        out[idx] = newOut;
        changed = true;
      }
    }
  }
  for (let i = 0; i < n; i++) aux[i]!.liveRegsBefore = live[i]!;
  if (!env.level2) return;
  env.verbose('Live regs before insn:\n');
  for (let i = 0; i < n; i++) {
    let line = aux[i]!.scc ? `${String(aux[i]!.scc).padStart(3)} ` : '    ';
    line += `${String(i).padStart(3)}: `;
    for (let j = 0; j < 10; j++) line += live[i]! & (1 << j) ? String(j) : '.';
    env.verbose(`${line} ${insnText(env, i)}\n`);
    if (isLddw(insns[i]!)) i++;
  }
}

/** Everything bpf_check does before do_check_main, in its order. */
export function checkProgram(env: Env): Ret {
  let ret = addSubprogs(env);
  if (ret < 0) return ret;
  ret = checkSubprogs(env);
  if (ret < 0) return ret;
  ret = checkAbnormalReturn(env);
  if (ret < 0) return ret;
  ret = resolvePseudoLdimm64(env);
  if (ret < 0) return ret;
  ret = checkCfg(env);
  if (ret < 0) return ret;
  const postorder = computePostorder(env);
  env.postorder = postorder;
  computeScc(env);
  computeLiveRegisters(env, postorder);
  return 0;
}

