// The fast engine: each program is compiled once into a JavaScript function (new Function) that
// keeps r0..r10 in local int32 pairs and dispatches with one `switch (pc)` whose cases are the
// program's slots, falling through from one instruction to the next. Common instructions (ALU,
// jumps, loads and stores that hit the last region used at that site) are inlined; everything
// else (calls, exits, atomics, packet loads, first or odd memory accesses) is handed to the
// reference interpreter for that one step, so the rare and subtle semantics exist only once.
// With `record`, every step also writes its undo entries (see machine.ts) inline.
// Why generated code: on bench/suites/vm.ts it runs 7-9x faster than the int32 switch
// interpreter (switch.ts) and three orders of magnitude faster than bigint arithmetic.

import { MAX_CALL_FRAMES } from '../isa/constants.js';
import type { OpSpec } from '../isa/table.js';
import type { Insn } from '../isa/insn.js';
import { validTarget, type Decoded } from './decode.js';
import { BREAK, EXITED, FAULTED, STEPOUT, SWITCH_PROG as SWITCH } from './codes.js';
import { OUT, sdiv64, smod64, udiv64, umod64 } from './int64.js';
import { JCHUNK, MAX_WORDS_PER_STEP, T_MEM, T_REG, type Machine } from './machine.js';
import { refStep } from './ref.js';


export interface CompileOptions {
  record: boolean;
  /** Slots where execution stops before running the instruction (unless it is the first step). */
  breakpoints: ReadonlySet<number>;
  strictAlignment: boolean;
}

export type Compiled = (m: Machine) => number;

const H = { refStep, udiv64, umod64, sdiv64, smod64, O: OUT };

// ---------------------------------------------------------------------------------------------
// Code generation

const SYNC = Array.from({ length: 11 }, (_, r) => `R[${2 * r}]=r${r}l;R[${2 * r + 1}]=r${r}h;`).join('');
const LOAD = Array.from({ length: 11 }, (_, r) => `r${r}l=R[${2 * r}];r${r}h=R[${2 * r + 1}];`).join('');

// Registers a call or return saves or restores (r6..r10).
const SYNC_CALLEE = Array.from({ length: 5 }, (_, k) => `R[${2 * (k + 6)}]=r${k + 6}l;R[${2 * (k + 6) + 1}]=r${k + 6}h;`).join('');
const LOAD_CALLEE = Array.from({ length: 5 }, (_, k) => `r${k + 6}l=R[${2 * (k + 6)}];r${k + 6}h=R[${2 * (k + 6) + 1}];`).join('');

const i32 = (v: number): string => ((v | 0) < 0 ? `(${v | 0})` : String(v | 0));

function bswap32(x: string): string {
  return `(((${x} & 0xff) << 24) | ((${x} & 0xff00) << 8) | ((${x} >>> 8) & 0xff00) | (${x} >>> 24))`;
}

class Gen {
  private out: string[] = [];
  private sites: string[] = [];
  constructor(private readonly d: Decoded, private readonly o: CompileOptions, private readonly progRef: number) {}

  emit(s: string): void {
    this.out.push(s);
  }

  /** Hand this one instruction to the reference interpreter. `undoCount` undoes the inline step start. */
  slow(pc: number, undoCount: boolean, exitCheck: boolean): string {
    const rec = this.o.record;
    return `${undoCount ? 'n--;' : ''}${SYNC}S.pc=${pc};S.steps=n;${rec ? 'S.j=j;' : ''}` +
      `st=H.refStep(S);${LOAD}n=S.steps;` +
      (rec ? 'j=S.j;J=S.J;jb=S.jbase;SP=S.SP;SJ=S.SJ;cap=SP.length-1;' : '') +
      `if(st!==0){pc=S.pc;stop=st;break outer;}` +
      (exitCheck ? `if(S.depth<S.stopDepth){pc=S.pc;stop=${STEPOUT};break outer;}` : '') +
      `if(S.progIndex!==${this.progRef}){pc=S.pc;stop=${SWITCH};break outer;}` +
      `pc=S.pc;continue outer;`;
  }

  /** Journal the old value of register r (record mode). */
  logReg(r: number): string {
    return this.o.record ? `J[j]=${T_REG | (r << 8)};J[j+1]=r${r}l;J[j+2]=r${r}h;j+=3;` : '';
  }

  /** Jump to `t`, or a fault through the slow path when t is not an instruction. */
  goto(pc: number, t: number): string {
    return validTarget(this.d, t) ? `pc=${t};continue outer;` : this.slow(pc, true, false);
  }

  compile(): string {
    const d = this.d;
    const rec = this.o.record;
    this.emit('outer:for(;;){switch(pc){');
    for (let pc = 0; pc < d.len; pc++) {
      if (d.isStart[pc] !== 1) continue;
      this.emit(`case ${pc}:`);
      this.emit(`if(n>=lim){pc=${pc};break outer;}`);
      if (this.o.breakpoints.has(pc)) this.emit(`if(n!==n0){pc=${pc};stop=${BREAK};break outer;}`);
      const row = d.rows[pc];
      const body = row ? this.insn(pc, d.insns[pc]!, row) : null;
      if (body === null) {
        this.emit(this.slow(pc, false, row?.kind === 'exit'));
        continue;
      }
      if (rec) {
        this.emit('if(n>=cap||j>=jcap){S.j=j;S.steps=n;S.grow();J=S.J;j=S.j;jb=S.jbase;SP=S.SP;SJ=S.SJ;cap=SP.length-1;}');
        this.emit(`SP[n]=${pc};SJ[n]=jb+j;`);
      }
      this.emit('n++;');
      this.emit(body);
    }
    this.emit(`default:${this.slow(-1, false, false).replace('S.pc=-1;', 'S.pc=pc;')}}}`);
    const regs = Array.from({ length: 11 }, (_, r) => `r${r}l=R[${2 * r}],r${r}h=R[${2 * r + 1}]`).join(',');
    const head = [
      'const R=S.R;',
      `let ${regs};`,
      'let pc=S.pc,n=S.steps,stop=0,st=0,t=0,u=0,al=0,ah=0,bl=0,bh=0,o=0,m=null,a0=0,a1=0,b0=0,b1=0,m1=0,m2=0;',
      'const lim=S.limit,n0=n,FB=S.frameBudget;',
      rec ? 'let J=S.J,SP=S.SP,SJ=S.SJ,j=S.j,jb=S.jbase,cap=SP.length-1;const jcap=JCAP;' : '',
      this.sites.length ? `let ${this.sites.map((s) => `${s}=null`).join(',')};` : '',
    ].join('\n');
    const tail = `${SYNC}S.pc=pc;S.steps=n;${rec ? 'S.j=j;' : ''}return stop;`;
    return `${head}\n${this.out.join('\n')}\n${tail}`;
  }

  /** Inline code for one instruction (after the step was counted), or null to use the slow path. */
  private insn(pc: number, i: Insn, row: OpSpec): string | null {
    const d = this.d;
    const next = row.kind === 'lddw' ? pc + 2 : pc + 1;
    const fallsOff = !validTarget(d, next);
    const D = `r${i.dst}`;
    const Dl = `${D}l`;
    const Dh = `${D}h`;
    // Operand: register pair or the immediate (sign-extended for 64-bit use).
    const BL = row.useSrcReg ? `r${i.src}l` : i32(i.imm);
    const BH = row.useSrcReg ? `r${i.src}h` : i32(i.imm >> 31);
    const w64 = row.width === 64;
    const set = (code: string): string => (fallsOff ? '' : this.logReg(i.dst) + code);

    switch (row.kind) {
      case 'alu':
        if (fallsOff) return null;
        return set(w64 ? alu64(row.alu!, Dl, Dh, BL, BH, row.useSrcReg, i.imm) : alu32(row.alu!, Dl, Dh, BL));
      case 'neg':
        if (fallsOff) return null;
        return set(w64 ? `t=${Dl};${Dl}=(-t)|0;${Dh}=(t===0?-${Dh}:~${Dh})|0;` : `${Dl}=(-${Dl})|0;${Dh}=0;`);
      case 'mov':
        if (fallsOff) return null;
        return set(w64 ? `${Dl}=${BL};${Dh}=${BH};` : `${Dl}=${BL};${Dh}=0;`);
      case 'movsx': {
        if (fallsOff) return null;
        const S = `r${i.src}l`;
        const ext = row.extWidth!;
        const lo = ext === 32 ? S : `((${S}<<${32 - ext})>>${32 - ext})`;
        return set(w64 ? `${Dl}=${lo};${Dh}=${Dl}>>31;` : `${Dl}=${lo};${Dh}=0;`);
      }
      case 'end':
      case 'bswap': {
        if (fallsOff) return null;
        const swap = row.kind === 'bswap' || (i.code & 0x08) !== 0;
        switch (row.extWidth) {
          case 16: return set(swap ? `${Dl}=((${Dl}&0xff)<<8)|((${Dl}>>>8)&0xff);${Dh}=0;` : `${Dl}&=0xffff;${Dh}=0;`);
          case 32: return set(swap ? `${Dl}=${bswap32(Dl)};${Dh}=0;` : `${Dh}=0;`);
          default: return swap ? set(`t=${bswap32(Dl)};${Dl}=${bswap32(Dh)};${Dh}=t;`) : '';
        }
      }
      case 'ja':
        return this.goto(pc, pc + 1 + i.off);
      case 'gotol':
        return this.goto(pc, pc + 1 + i.imm);
      case 'jcond': {
        const t = pc + 1 + i.off;
        if (!validTarget(d, t) || fallsOff) return null;
        return `if(${cond(row.jmp!, w64, Dl, Dh, BL, BH)}){pc=${t};continue outer;}`;
      }
      case 'may_goto': {
        const t = pc + 1 + i.off;
        if (this.o.record || !validTarget(d, t) || fallsOff) return null;
        return `t=FB[S.depth];if(t===0){pc=${t};continue outer;}FB[S.depth]=t-1;`;
      }
      case 'call_local': {
        // The call and its return site must be instructions and a frame must be free; otherwise
        // the slow path reports the fault.
        const t = pc + 1 + i.imm;
        if (!validTarget(d, t) || fallsOff) return null;
        const rec = this.o.record;
        return `if(S.depth+1>=${MAX_CALL_FRAMES}){${this.slow(pc, true, false)}}` +
          `${SYNC_CALLEE}${rec ? 'S.j=j;S.steps=n;' : ''}S.pushFrame(${pc},${next});` +
          `r10l=R[20];r10h=R[21];${rec ? 'j=S.j;J=S.J;jb=S.jbase;' : ''}pc=${t};continue outer;`;
      }
      case 'exit': {
        const rec = this.o.record;
        // The exit of a helper's callback returns to the helper: the slow path does that.
        return `if(S.depth===0){S.exited=true;pc=${pc};stop=${EXITED};break outer;}` +
          `if(S.frameCont[S.depth]!==null){${this.slow(pc, true, true)}}` +
          `${SYNC_CALLEE}${rec ? 'S.j=j;S.steps=n;' : ''}t=S.popFrame();${LOAD_CALLEE}` +
          `${rec ? 'j=S.j;J=S.J;jb=S.jbase;' : ''}` +
          `if(S.depth<S.stopDepth){pc=t;stop=${STEPOUT};break outer;}pc=t;continue outer;`;
      }
      case 'lddw': {
        if (row.pseudo !== 0 || fallsOff) return null;
        const hi = d.insns[pc + 1]!;
        return set(`${Dl}=${i32(i.imm)};${Dh}=${i32(hi.imm)};`);
      }
      case 'ldx':
      case 'ldxsx':
      case 'load_acq':
        if (fallsOff) return null;
        return this.load(pc, i, row);
      case 'st':
      case 'stx':
      case 'store_rel':
        if (fallsOff) return null;
        return this.store(pc, i, row);
      default:
        return null;
    }
  }

  private address(base: number, off: number): string {
    const b = `r${base}`;
    return `al=(${b}l+${i32(off)})|0;ah=(${b}h+${i32(off >> 31)}+((al>>>0)<(${b}l>>>0)?1:0))|0;`;
  }

  private site(): string {
    const s = `c${this.sites.length}`;
    this.sites.push(s);
    return s;
  }

  private fastCheck(c: string, size: number, field: 'rlen' | 'wlen'): string {
    const align = this.o.strictAlignment && size > 1 ? `&&(al&${size - 1})===0` : '';
    return `m=${c};if(m!==null&&ah===m.hi&&(o=(al-m.lo)>>>0)+${size}<=m.${field}${align})`;
  }

  private load(pc: number, i: Insn, row: OpSpec): string {
    const c = this.site();
    const size = row.memSize!;
    const D = `r${i.dst}`;
    const sx = row.kind === 'ldxsx';
    let read: string;
    switch (size) {
      case 1: read = sx ? `${D}l=m.dv.getInt8(o);${D}h=${D}l>>31;` : `${D}l=m.dv.getUint8(o);${D}h=0;`; break;
      case 2: read = sx ? `${D}l=m.dv.getInt16(o,true);${D}h=${D}l>>31;` : `${D}l=m.dv.getUint16(o,true);${D}h=0;`; break;
      case 4: read = sx ? `${D}l=m.dv.getInt32(o,true);${D}h=${D}l>>31;` : `${D}l=m.dv.getInt32(o,true);${D}h=0;`; break;
      default: read = `t=m.dv.getInt32(o,true);${D}h=m.dv.getInt32(o+4,true);${D}l=t;`; break;
    }
    return this.address(i.src, i.off) + this.fastCheck(c, size, 'rlen') +
      `{${this.logReg(i.dst)}${read}}else{${this.slow(pc, true, false).replace('st=H.refStep(S);', `st=H.refStep(S);${c}=S.cache;`)}}`;
  }

  private store(pc: number, i: Insn, row: OpSpec): string {
    const c = this.site();
    const size = row.memSize!;
    const VL = row.kind === 'st' ? i32(i.imm) : `r${i.src}l`;
    const VH = row.kind === 'st' ? i32(i.imm >> 31) : `r${i.src}h`;
    let write: string;
    let old: string;
    switch (size) {
      case 1: write = `m.dv.setUint8(o,${VL}&0xff);`; old = 'J[j+3]=m.dv.getUint8(o);J[j+4]=0;'; break;
      case 2: write = `m.dv.setUint16(o,${VL}&0xffff,true);`; old = 'J[j+3]=m.dv.getUint16(o,true);J[j+4]=0;'; break;
      case 4: write = `m.dv.setInt32(o,${VL},true);`; old = 'J[j+3]=m.dv.getInt32(o,true);J[j+4]=0;'; break;
      default: write = `m.dv.setInt32(o,${VL},true);m.dv.setInt32(o+4,${VH},true);`; old = 'J[j+3]=m.dv.getInt32(o,true);J[j+4]=m.dv.getInt32(o+4,true);'; break;
    }
    const log = this.o.record ? `J[j]=${T_MEM | (size << 8)};J[j+1]=m.id;J[j+2]=o;${old}j+=5;` : '';
    return this.address(i.dst, i.off) + this.fastCheck(c, size, 'wlen') +
      `{${log}${write}}else{${this.slow(pc, true, false).replace('st=H.refStep(S);', `st=H.refStep(S);${c}=S.cache;`)}}`;
  }
}

function alu64(op: string, Dl: string, Dh: string, BL: string, BH: string, reg: boolean, imm: number): string {
  switch (op) {
    case 'add': return `t=(${Dl}+${BL})|0;${Dh}=(${Dh}+${BH}+((t>>>0)<(${Dl}>>>0)?1:0))|0;${Dl}=t;`;
    case 'sub': return `t=(${Dl}-${BL})|0;${Dh}=(${Dh}-${BH}-((${Dl}>>>0)<(${BL}>>>0)?1:0))|0;${Dl}=t;`;
    case 'mul': {
      const split = reg
        ? `b0=${BL}&0xffff;b1=${BL}>>>16;`
        : `b0=${(imm & 0xffff)};b1=${(imm >>> 16)};`;
      return `al=${Dl};ah=${Dh};bl=${BL};bh=${BH};${split}a0=al&0xffff;a1=al>>>16;` +
        't=a0*b0;m1=a1*b0+(t>>>16);m2=a0*b1+(m1&0xffff);' +
        `${Dh}=(a1*b1+(m1>>>16)+(m2>>>16)+Math.imul(al,bh)+Math.imul(ah,bl))|0;${Dl}=Math.imul(al,bl);`;
    }
    case 'div': return `H.udiv64(${Dl},${Dh},${BL},${BH});${Dl}=H.O[0];${Dh}=H.O[1];`;
    case 'sdiv': return `H.sdiv64(${Dl},${Dh},${BL},${BH});${Dl}=H.O[0];${Dh}=H.O[1];`;
    case 'mod': return `H.umod64(${Dl},${Dh},${BL},${BH});${Dl}=H.O[0];${Dh}=H.O[1];`;
    case 'smod': return `H.smod64(${Dl},${Dh},${BL},${BH});${Dl}=H.O[0];${Dh}=H.O[1];`;
    case 'or': return `${Dl}|=${BL};${Dh}|=${BH};`;
    case 'and': return `${Dl}&=${BL};${Dh}&=${BH};`;
    case 'xor': return `${Dl}^=${BL};${Dh}^=${BH};`;
    case 'lsh': case 'rsh': case 'arsh': {
      if (!reg) return shift64(op, Dl, Dh, imm & 63);
      return `u=${BL}&63;if(u!==0){if(u<32){${shiftVar(op, Dl, Dh, true)}}else{${shiftVar(op, Dl, Dh, false)}}}`;
    }
  }
  throw new Error(`no 64-bit template for ${op}`);
}

/** 64-bit shift by the amount in `u` (1..31 when small, 32..63 otherwise). */
function shiftVar(op: string, Dl: string, Dh: string, small: boolean): string {
  if (small) {
    switch (op) {
      case 'lsh': return `${Dh}=(${Dh}<<u)|(${Dl}>>>(32-u));${Dl}=${Dl}<<u;`;
      case 'rsh': return `${Dl}=(${Dl}>>>u)|(${Dh}<<(32-u));${Dh}=(${Dh}>>>u)|0;`;
      default: return `${Dl}=(${Dl}>>>u)|(${Dh}<<(32-u));${Dh}=${Dh}>>u;`;
    }
  }
  switch (op) {
    case 'lsh': return `${Dh}=${Dl}<<(u-32);${Dl}=0;`;
    case 'rsh': return `${Dl}=(${Dh}>>>(u-32))|0;${Dh}=0;`;
    default: return `${Dl}=${Dh}>>(u-32);${Dh}=${Dh}>>31;`;
  }
}

function shift64(op: string, Dl: string, Dh: string, s: number): string {
  if (s === 0) return '';
  if (s < 32) {
    switch (op) {
      case 'lsh': return `${Dh}=(${Dh}<<${s})|(${Dl}>>>${32 - s});${Dl}=${Dl}<<${s};`;
      case 'rsh': return `${Dl}=(${Dl}>>>${s})|(${Dh}<<${32 - s});${Dh}=(${Dh}>>>${s})|0;`;
      default: return `${Dl}=(${Dl}>>>${s})|(${Dh}<<${32 - s});${Dh}=${Dh}>>${s};`;
    }
  }
  switch (op) {
    case 'lsh': return `${Dh}=${Dl}<<${s - 32};${Dl}=0;`;
    case 'rsh': return `${Dl}=(${Dh}>>>${s - 32})|0;${Dh}=0;`;
    default: return `${Dl}=${Dh}>>${s - 32};${Dh}=${Dh}>>31;`;
  }
}

function alu32(op: string, Dl: string, Dh: string, BL: string): string {
  switch (op) {
    case 'add': return `${Dl}=(${Dl}+${BL})|0;${Dh}=0;`;
    case 'sub': return `${Dl}=(${Dl}-${BL})|0;${Dh}=0;`;
    case 'mul': return `${Dl}=Math.imul(${Dl},${BL});${Dh}=0;`;
    case 'div': return `u=${BL}>>>0;${Dl}=u===0?0:(((${Dl}>>>0)/u)>>>0)|0;${Dh}=0;`;
    case 'sdiv': return `u=${BL}|0;${Dl}=u===0?0:(${Dl}/u)|0;${Dh}=0;`;
    case 'mod': return `u=${BL}>>>0;${Dl}=u===0?${Dl}:((${Dl}>>>0)%u)|0;${Dh}=0;`;
    case 'smod': return `u=${BL}|0;${Dl}=u===0?${Dl}:(${Dl}%u)|0;${Dh}=0;`;
    case 'or': return `${Dl}|=${BL};${Dh}=0;`;
    case 'and': return `${Dl}&=${BL};${Dh}=0;`;
    case 'xor': return `${Dl}^=${BL};${Dh}=0;`;
    case 'lsh': return `${Dl}=${Dl}<<(${BL}&31);${Dh}=0;`;
    case 'rsh': return `${Dl}=(${Dl}>>>(${BL}&31))|0;${Dh}=0;`;
    case 'arsh': return `${Dl}=${Dl}>>(${BL}&31);${Dh}=0;`;
  }
  throw new Error(`no 32-bit template for ${op}`);
}

function cond(op: string, w64: boolean, Dl: string, Dh: string, BL: string, BH: string): string {
  if (!w64) {
    switch (op) {
      case 'jeq': return `${Dl}===(${BL}|0)`;
      case 'jne': return `${Dl}!==(${BL}|0)`;
      case 'jgt': return `(${Dl}>>>0)>(${BL}>>>0)`;
      case 'jge': return `(${Dl}>>>0)>=(${BL}>>>0)`;
      case 'jlt': return `(${Dl}>>>0)<(${BL}>>>0)`;
      case 'jle': return `(${Dl}>>>0)<=(${BL}>>>0)`;
      case 'jset': return `(${Dl}&${BL})!==0`;
      case 'jsgt': return `${Dl}>(${BL}|0)`;
      case 'jsge': return `${Dl}>=(${BL}|0)`;
      case 'jslt': return `${Dl}<(${BL}|0)`;
      case 'jsle': return `${Dl}<=(${BL}|0)`;
    }
  }
  const uhi = (rel: string): string => `((${Dh}>>>0)${rel}(${BH}>>>0))`;
  const shi = (rel: string): string => `(${Dh}${rel}${BH})`;
  const ulo = (rel: string): string => `((${Dl}>>>0)${rel}(${BL}>>>0))`;
  switch (op) {
    case 'jeq': return `${Dl}===${BL}&&${Dh}===${BH}`;
    case 'jne': return `${Dl}!==${BL}||${Dh}!==${BH}`;
    case 'jgt': return `${uhi('>')}||(${Dh}===${BH}&&${ulo('>')})`;
    case 'jge': return `${uhi('>')}||(${Dh}===${BH}&&${ulo('>=')})`;
    case 'jlt': return `${uhi('<')}||(${Dh}===${BH}&&${ulo('<')})`;
    case 'jle': return `${uhi('<')}||(${Dh}===${BH}&&${ulo('<=')})`;
    case 'jset': return `(${Dl}&${BL})!==0||(${Dh}&${BH})!==0`;
    case 'jsgt': return `${shi('>')}||(${Dh}===${BH}&&${ulo('>')})`;
    case 'jsge': return `${shi('>')}||(${Dh}===${BH}&&${ulo('>=')})`;
    case 'jslt': return `${shi('<')}||(${Dh}===${BH}&&${ulo('<')})`;
    case 'jsle': return `${shi('<')}||(${Dh}===${BH}&&${ulo('<=')})`;
  }
  throw new Error(`no condition template for ${op}`);
}

// ---------------------------------------------------------------------------------------------
// Compilation cache and capability probe

let evalAllowed: boolean | null = null;

/** Whether this host lets us create functions from source (false under a strict CSP). */
export function canCompile(): boolean {
  if (evalAllowed === null) {
    try {
      evalAllowed = new Function('return 1')() === 1;
    } catch {
      evalAllowed = false;
    }
  }
  return evalAllowed;
}

const cache = new WeakMap<Decoded, Map<string, Compiled>>();

/** The source of the compiled function (for tests and curiosity). */
export function generate(d: Decoded, progIndex: number, o: CompileOptions): string {
  return new Gen(d, o, progIndex).compile();
}

export function compile(m: Machine, o: CompileOptions): Compiled | null {
  if (!canCompile()) return null;
  const d = m.prog;
  let perProg = cache.get(d);
  if (!perProg) { perProg = new Map(); cache.set(d, perProg); }
  const key = `${o.record ? 1 : 0}${o.strictAlignment ? 1 : 0}|${[...o.breakpoints].sort((a, b) => a - b).join(',')}|${m.progIndex}`;
  let f = perProg.get(key);
  if (!f) {
    const src = generate(d, m.progIndex, o);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    f = new Function('H', 'JCAP', `return function bpfRun(S){\n${src}\n};`)(H, JCHUNK - 2 * MAX_WORDS_PER_STEP - 1) as Compiled;
    perProg.set(key, f);
  }
  return f;
}

