// The `ebpf` language for Monaco: a Monarch tokenizer for the three dialects the assembler reads —
// kernel pseudo-C (`r0 = 1`, `if r1 > r2 goto out`, `*(u32 *)(r10 - 4) = r1`), pasted verifier
// logs (`12: (bf) r1 = r6 ; R1_w=ctx()`, `from 3 to 5: ...`, `call bpf_map_lookup_elem#1`) and
// uBPF mnemonics (`add32 r1, 2`) — plus directives, labels, helper names and map references. It
// only colours text: the assembler is the one judge of what is valid, so nothing here rejects
// input. Mnemonics come from the instruction table and helper names from the helper table, never
// listed twice.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import { HELPER_NAMES } from '../../core/helpers/ids.js';
import { OPS } from '../../core/isa/table.js';

export const EBPF_LANGUAGE_ID = 'ebpf';

/** uBPF-style mnemonics: table row names without their `_imm`/`_reg` operand-kind suffix. */
export function ebpfMnemonics(): string[] {
  const names = new Set<string>();
  for (const op of OPS) names.add(op.name.replace(/_(imm|reg)$/, ''));
  // `lddw_map_fd` and friends are table keys, not something a user types.
  for (const n of [...names]) if (n.startsWith('lddw_')) names.delete(n);
  return [...names].sort();
}

/** Words with fixed meaning in the pseudo-C syntax. */
export const EBPF_KEYWORDS = ['goto', 'gotol', 'call', 'exit', 'if', 'lock', 'll', 'may_goto', 'callx'] as const;
export const EBPF_TYPES = ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'be16', 'be32', 'be64', 'le16', 'le32', 'le64', 'bswap16', 'bswap32', 'bswap64'] as const;
export const EBPF_DIRECTIVES = ['.prog', '.map'] as const;

/** Helper names (`bpf_map_lookup_elem`), from the running kernel's list. */
export function ebpfHelperNames(): string[] {
  return HELPER_NAMES.filter((n) => n !== '');
}

/** Verifier log lines that are not instructions (the assembler skips them too). */
const LOG_CHATTER = /^(?:func#\d+ @\d+|processed \d+ insns|mark_precise:|last_idx \d+|regs=|parent (?:didn't|already|is)|propagating |verification time |stack depth |Validating |caller:|callee:|returning from callee|to caller at |Live regs before insn).*$/;

export function ebpfMonarch(): MonacoNs.languages.IMonarchLanguage {
  return {
    defaultToken: '',
    ignoreCase: false,
    keywords: [...EBPF_KEYWORDS],
    typeKeywords: [...EBPF_TYPES],
    mnemonics: ebpfMnemonics(),
    directives: [...EBPF_DIRECTIVES],
    helpers: ebpfHelperNames(),
    tokenizer: {
      root: [
        // Verifier log: lines of chatter, `from 3 to 5:` branch headers, `12: (bf)` prefixes.
        [LOG_CHATTER, 'comment.log'],
        [/^(\s*)(from \d+ to \d+:)(?=.*\S)/, ['white', { token: 'comment.log', next: '@state' }]],
        [/^\s*from \d+ to \d+:\s*$/, 'comment.log'],
        [/^(\s*)(\d+:)(\s*)(\([0-9a-fA-F]{2}\))/, ['white', 'number.pc', 'white', 'number.opcode']],
        // `5: R0=... R10=fp0`: a state line of a level-2 log.
        [/^(\s*)(\d+:)(?=\s*(?:R\d+|fp-?\d+|frame\d+))/, ['white', { token: 'number.pc', next: '@state' }]],
        [/\s+/, 'white'],
        // `; R0=map_value(...)`: the state the verifier printed after an instruction.
        [/;(?=\s*(?:R\d+(?:_[rw]+)?=|fp-\d+(?:_[rw]+)?=|frame\d+:))/, { token: 'comment.state', next: '@state' }],
        [/(;|\/\/|#(?!\d)).*$/, 'comment'],
        [/\/\*/, 'comment', '@blockComment'],
        // A label definition at the start of a statement: `out:`.
        [/^(\s*)([A-Za-z_.$][\w.$]*)(:)/, ['white', 'type.identifier.label', 'delimiter']],
        // `.map NAME TYPE ...`: the declared name is a map.
        [/(\.map)(\s+)([A-Za-z_][\w.]*)/, ['keyword.directive', 'white', 'variable.map']],
        [/\.[A-Za-z_]\w*/, { cases: { '@directives': 'keyword.directive', '@default': 'keyword.directive.unknown' } }],
        // A map reference in a 64-bit load: `r1 = counts ll`.
        [/[A-Za-z_]\w*(?=\s+ll\b)/, 'variable.map'],
        // `call bpf_map_lookup_elem#1`, as the kernel prints helper calls.
        [/([A-Za-z_]\w*)(#\d+)/, ['support.function.helper', 'number.helperid']],
        [/\b[rw](?:10|[0-9])\b/, 'variable.register'],
        [/-?0[xX][0-9a-fA-F_]+\b/, 'number.hex'],
        [/-?0[bB][01_]+\b/, 'number.binary'],
        [/-?\d[\d_]*\b/, 'number'],
        // Signed operators (`s>`, `s>>=`, `s/=`) before identifiers, or `s` would be read as a name.
        [/s(?:>>=|<=|>=|<|>|\/=|%=)/, 'operator'],
        [/[A-Za-z_][\w]*/, {
          cases: {
            '@keywords': 'keyword',
            '@typeKeywords': 'type',
            '@mnemonics': 'keyword.mnemonic',
            '@helpers': 'support.function.helper',
            '@default': 'identifier',
          },
        }],
        [/(?:<<|>>|[-+*/%&|^<>!=])=?|=/, 'operator'],
        [/[()[\],*+:-]/, 'delimiter'],
      ],
      // The rest of a verifier state line: `R0=map_value(ks=4,vs=8) R10=fp0 fp-8=mmmm????`.
      state: [
        // Every rule that reaches the end of the line pops, so the next line starts afresh.
        [/\b(?:R\d+(?:_[rw]+)?|fp-?\d+(?:_[rw]+)?|frame\d+)(?==|:)/, 'comment.state.key'],
        [/[^Rf]*$/, 'comment.state', '@pop'],
        [/[^Rf]+/, 'comment.state'],
        [/.$/, 'comment.state', '@pop'],
        [/./, 'comment.state'],
      ],
      blockComment: [
        [/[^*/]+/, 'comment'],
        [/\*\//, 'comment', '@pop'],
        [/[*/]/, 'comment'],
      ],
    },
  };
}

export function ebpfLanguageConfiguration(): MonacoNs.languages.LanguageConfiguration {
  return {
    comments: { lineComment: ';', blockComment: ['/*', '*/'] },
    brackets: [['(', ')'], ['[', ']']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }],
    surroundingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }],
    wordPattern: /-?0[xX][0-9a-fA-F]+|-?\d+|[A-Za-z_.$][\w.$]*/,
  };
}

export function registerEbpfLanguage(monaco: typeof MonacoNs): void {
  if (monaco.languages.getLanguages().some((l) => l.id === EBPF_LANGUAGE_ID)) return;
  monaco.languages.register({ id: EBPF_LANGUAGE_ID, extensions: ['.bpf.s', '.ebpf'], aliases: ['eBPF assembly', 'ebpf'] });
  monaco.languages.setMonarchTokensProvider(EBPF_LANGUAGE_ID, ebpfMonarch());
  monaco.languages.setLanguageConfiguration(EBPF_LANGUAGE_ID, ebpfLanguageConfiguration());
}
