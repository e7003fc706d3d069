// Tokens of one assembly line, with 1-based columns. The lexer knows no dialect: it only splits a
// line into words (`r1`, `%r1`, `lock`, `skb`, `.map`), numbers, and operator symbols (longest
// match, so `s>>=` is one token). It never fails: a character it does not know becomes a `bad`
// token that the parser reports where it stands.

export type TokKind = 'word' | 'num' | 'op' | 'bad';

export interface Tok {
  kind: TokKind;
  text: string;
  /** 1-based column of the first character. */
  col: number;
  /** 1-based column just past the last character. */
  endCol: number;
}

// Longest first, so that `<<=` wins over `<<` wins over `<`.
const OPS = [
  's>>=', '<<=', '>>=', 's/=', 's%=', 's>=', 's<=',
  's>', 's<', '+=', '-=', '*=', '/=', '|=', '&=', '%=', '^=', '==', '!=', '>=', '<=',
  '>', '<', '=', '+', '-', '&', '*', '(', ')', '[', ']', ',', ':', '#',
] as const;
const S_OPS = OPS.filter((o) => o.startsWith('s'));

const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordStart = (c: number): boolean => isLetter(c) || c === 0x5f /* _ */ || c === 0x2e /* . */ || c === 0x24 /* $ */;
const isWordChar = (c: number): boolean => isWordStart(c) || isDigit(c);

/** Splits `code` (a line with comments already blanked out) into tokens. */
export function lex(code: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) { i++; continue; }
    const start = i;
    // `s>`, `s/=`, ...: the signed operators start with a letter, so try them before words.
    if (c === 0x73 /* s */) {
      const op = S_OPS.find((o) => code.startsWith(o, i));
      if (op) {
        toks.push({ kind: 'op', text: op, col: start + 1, endCol: start + 1 + op.length });
        i += op.length;
        continue;
      }
    }
    if (isWordStart(c) || (c === 0x25 /* % */ && isLetter(code.charCodeAt(i + 1)))) {
      i++;
      while (i < code.length && isWordChar(code.charCodeAt(i))) i++;
    } else if (isDigit(c)) {
      // Greedy over letters too, so `0x1g` or `4abc` is one (bad) number the parser can point at.
      while (i < code.length && (isLetter(code.charCodeAt(i)) || isDigit(code.charCodeAt(i)) || code.charCodeAt(i) === 0x5f)) i++;
      toks.push({ kind: 'num', text: code.slice(start, i), col: start + 1, endCol: i + 1 });
      continue;
    } else {
      const op = OPS.find((o) => code.startsWith(o, i));
      if (op) {
        i += op.length;
        toks.push({ kind: 'op', text: op, col: start + 1, endCol: i + 1 });
      } else {
        // One whole code point, so that an emoji is one bad token with a sensible width.
        const cp = code.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        toks.push({ kind: 'bad', text: code.slice(start, i), col: start + 1, endCol: i + 1 });
      }
      continue;
    }
    toks.push({ kind: 'word', text: code.slice(start, i), col: start + 1, endCol: i + 1 });
  }
  return toks;
}

/** A literal's value, or an error message. Decimal, `0x` hex and `0b` binary, no sign (the parser
 * reads signs). A leading zero is refused: LLVM reads it as octal, bpf_conformance as decimal. */
export function parseNumber(text: string): { ok: true; value: bigint; hex: boolean } | { ok: false; message: string } {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return { ok: true, value: BigInt(text.toLowerCase()), hex: true };
  if (/^0[bB][01]+$/.test(text)) return { ok: true, value: BigInt(text.toLowerCase()), hex: true };
  if (/^(0|[1-9][0-9]*)$/.test(text)) return { ok: true, value: BigInt(text), hex: false };
  if (/^0[0-9]+$/.test(text)) {
    return { ok: false, message: `ambiguous number ${text}: a leading 0 means octal to LLVM but decimal to other assemblers; drop the 0 or write it in hex` };
  }
  return { ok: false, message: `bad number ${text}` };
}
