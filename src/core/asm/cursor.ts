// A cursor over one line's tokens for the dialect parsers. Parse functions return undefined on
// failure after recording one located error here, so that a line stops at its first problem
// without exceptions; the assembler carries on with the next line.

import { parseNumber, type Tok } from './lex.js';
import type { Dialect, Imm, Mem, Reg, Size, Target } from './stmt.js';
import type { AsmError, Span } from './types.js';

export class Cursor {
  i = 0;
  error: AsmError | undefined;

  constructor(
    readonly toks: readonly Tok[],
    readonly line: number,
    /** Column just past the instruction's last character (for "expected ... at end of line"). */
    readonly endCol: number,
    readonly dialect: Dialect,
  ) {}

  peek(k = 0): Tok | undefined { return this.toks[this.i + k]; }
  next(): Tok | undefined { return this.toks[this.i++]; }
  atEnd(): boolean { return this.i >= this.toks.length; }
  isOp(text: string, k = 0): boolean { const t = this.peek(k); return t?.kind === 'op' && t.text === text; }
  isWord(text: string, k = 0): boolean { const t = this.peek(k); return t?.kind === 'word' && t.text === text; }

  span(t: Tok): Span { return { line: this.line, col: t.col, endCol: t.endCol }; }
  spanFrom(a: Span, b: Span): Span { return { line: this.line, col: a.col, endCol: Math.max(a.endCol, b.endCol) }; }
  /** The next token's span, or a one-column span at the end of the line. */
  here(): Span {
    const t = this.peek();
    return t ? this.span(t) : { line: this.line, col: this.endCol, endCol: this.endCol + 1 };
  }
  /** The span of the last consumed token. */
  prev(): Span {
    const t = this.toks[this.i - 1];
    return t ? this.span(t) : this.here();
  }

  fail(span: Span, message: string, hint?: string): undefined {
    if (!this.error) this.error = hint === undefined ? { ...span, message } : { ...span, message, hint };
    return undefined;
  }

  /** Fails at the next token with "expected X" (naming what was found). */
  expected(what: string, hint?: string): undefined {
    const t = this.peek();
    if (t?.kind === 'bad') return this.fail(this.span(t), `unexpected character '${t.text}'`, hint);
    return this.fail(this.here(), t ? `expected ${what}, found '${t.text}'` : `expected ${what} at end of line`, hint);
  }

  expectOp(text: string, what = `'${text}'`): boolean {
    if (this.isOp(text)) { this.i++; return true; }
    this.expected(what);
    return false;
  }

  expectEnd(): boolean {
    if (this.atEnd()) return true;
    const t = this.peek()!;
    if (t.kind === 'bad') this.fail(this.span(t), `unexpected character '${t.text}'`);
    else this.fail(this.spanFrom(this.span(t), this.span(this.toks[this.toks.length - 1]!)), `unexpected '${t.text}' after the instruction`);
    return false;
  }

  /** A register token at `k`, without consuming it. */
  regAt(k = 0): Reg | undefined {
    const t = this.peek(k);
    if (t?.kind !== 'word') return undefined;
    return parseReg(t.text, this.span(t), this.dialect);
  }

  reg(what = 'a register'): Reg | undefined {
    const r = this.regAt();
    if (!r) return this.expected(what);
    this.i++;
    return r;
  }

  /** An optionally signed number: `5`, `-8`, `+0x10`. */
  imm(what = 'a number'): Imm | undefined {
    let neg = false;
    let start: Span | undefined;
    if (this.isOp('-') || this.isOp('+')) {
      neg = this.peek()!.text === '-';
      start = this.here();
      this.i++;
    }
    const t = this.peek();
    if (t?.kind !== 'num') return this.expected(what);
    this.i++;
    const n = parseNumber(t.text);
    if (!n.ok) return this.fail(this.span(t), n.message);
    const span = start ? this.spanFrom(start, this.span(t)) : this.span(t);
    return { value: neg ? -n.value : n.value, hex: n.hex, span };
  }

  startsImm(k = 0): boolean {
    const t = this.peek(k);
    if (t?.kind === 'num') return true;
    return t?.kind === 'op' && (t.text === '-' || t.text === '+') && this.peek(k + 1)?.kind === 'num';
  }

  /** `rN`, `rN + 4`, `rN - 8`, `rN +0`, `rN + -4` up to (not including) the closing bracket. */
  baseOffset(open: Span): Mem | undefined {
    const base = this.reg('a base register');
    if (!base) return undefined;
    let off: Imm = { value: 0n, hex: false, span: base.span };
    if (this.isOp('+') || this.isOp('-')) {
      const sign = this.next()!;
      const signSpan = this.span(sign);
      const v = this.imm('an offset');
      if (!v) return undefined;
      off = { value: sign.text === '-' ? -v.value : v.value, hex: v.hex, span: this.spanFrom(signSpan, v.span) };
    } else if (this.peek()?.kind === 'num') {
      return this.expected("'+' or '-' before the offset");
    }
    return { base, off, span: this.spanFrom(open, this.here()) };
  }

  /** A memory size word: u8..u64, s8..s32. */
  sizeWord(): { size: Size; signed: boolean } | undefined {
    const t = this.peek();
    const m = t?.kind === 'word' ? /^([us])(8|16|32|64)$/.exec(t.text) : null;
    if (!m) return this.expected('a size (u8, u16, u32, u64, s8, s16, s32)');
    this.i++;
    return { size: (Number(m[2]) / 8) as Size, signed: m[1] === 's' };
  }

  /** `+3`, `-2`, `3`, `pc+3`, `pc-2`, or a label name. */
  target(): Target | undefined {
    const t = this.peek();
    if (!t) return this.expected('a jump target (a label, +N or pc+N)');
    if (t.kind === 'word' && t.text === 'pc' && (this.isOp('+', 1) || this.isOp('-', 1))) {
      this.i++;
      const sign = this.next()!;
      const v = this.imm('an offset');
      if (!v) return undefined;
      return { kind: 'rel', off: sign.text === '-' ? -v.value : v.value, span: this.spanFrom(this.span(t), v.span) };
    }
    if (this.startsImm()) {
      const v = this.imm();
      if (!v) return undefined;
      return { kind: 'rel', off: v.value, span: v.span };
    }
    if (t.kind === 'word' && !this.regAt()) {
      this.i++;
      return { kind: 'label', name: t.text, span: this.span(t) };
    }
    return this.expected('a jump target (a label, +N or pc+N)');
  }
}

/** `r1`, `w1`, `%r1` → register (its number unchecked); anything else → undefined. */
export function parseReg(text: string, span: Span, dialect: Dialect): Reg | undefined {
  const m = /^(%r|r|w)([0-9]{1,3})$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  const width = m[1] === 'w' ? 32 : dialect === 'pseudo' ? 64 : undefined;
  return width === undefined ? { n, text, span } : { n, width, text, span };
}
