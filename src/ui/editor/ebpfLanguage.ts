// The `ebpf` language for Monaco: a Monarch tokenizer for bpfiddle's assembly (kernel pseudo-C such
// as `r0 = 1`, `if r1 > r2 goto out`, `*(u32 *)(r10 - 4) = r1`, and uBPF mnemonics such as
// `add32 r1, 2`). It only colours text: the assembler is the one judge of what is valid, so
// nothing here rejects input. Mnemonics are derived from the instruction table, never listed twice.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
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

export function ebpfMonarch(): MonacoNs.languages.IMonarchLanguage {
  return {
    defaultToken: '',
    ignoreCase: false,
    keywords: [...EBPF_KEYWORDS],
    typeKeywords: [...EBPF_TYPES],
    mnemonics: ebpfMnemonics(),
    directives: [...EBPF_DIRECTIVES],
    tokenizer: {
      root: [
        [/\s+/, 'white'],
        [/(;|\/\/|#).*$/, 'comment'],
        [/\/\*/, 'comment', '@blockComment'],
        // A label definition at the start of a statement: `out:`.
        [/^(\s*)([A-Za-z_.$][\w.$]*)(:)/, ['white', 'type.identifier.label', 'delimiter']],
        [/\.[A-Za-z_]\w*/, { cases: { '@directives': 'keyword.directive', '@default': 'keyword.directive.unknown' } }],
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
            '@default': 'identifier',
          },
        }],
        [/(?:<<|>>|[-+*/%&|^<>!=])=?|=/, 'operator'],
        [/[()[\],*+:-]/, 'delimiter'],
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
