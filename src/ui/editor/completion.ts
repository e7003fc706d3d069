// Completion for the editor, as plain data: what fits where the cursor is. After `.prog` the
// program types, after `.map NAME` the map types; after `call` the helpers the program type may
// call (with their C signatures) and the local functions; after `goto` and jumps the labels; in
// a 64-bit load the declared maps (with their ` ll`); elsewhere registers, mnemonics, maps,
// labels and keywords (and helpers once the word starts with `bpf`). Maps and labels are read from the text itself, so completion works while the
// program does not assemble. Pure: providers.ts turns it into Monaco items.
import { MAP_TYPE_NAMES, PROG_TYPE_NAMES, type ProgTypeName } from '../../core/asm/types.js';
import { HELPERS } from '../../core/helpers/table.js';
import { OPS } from '../../core/isa/table.js';
import { progTypeSpec } from '../../core/progtypes/index.js';
import { ebpfMnemonics, EBPF_DIRECTIVES } from './ebpfLanguage.js';

export type CompletionKind = 'keyword' | 'register' | 'helper' | 'map' | 'mnemonic' | 'directive' | 'label' | 'type' | 'snippet';

export interface CompletionData {
  label: string;
  kind: CompletionKind;
  /** One line shown next to the label (a helper's signature, a map's shape). */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  insertText: string;
  /** insertText uses snippet placeholders (`${1:...}`). */
  snippet?: boolean;
  /** Orders items: lower first. */
  sortText?: string;
}

export interface CompletionResult {
  /** 1-based column where the word being completed starts (it is replaced). */
  startCol: number;
  items: CompletionData[];
}

export interface DeclaredMap { name: string; type: string; detail: string }

/** `.map` declarations in the text, whatever else is wrong with it. */
export function declaredMaps(source: string): DeclaredMap[] {
  const out: DeclaredMap[] = [];
  for (const m of source.matchAll(/^[ \t]*\.map[ \t]+([A-Za-z_][\w.]*)[ \t]*([A-Za-z_]\w*)?([^\n;]*)/gm)) {
    out.push({ name: m[1]!, type: m[2] ?? '', detail: `${m[2] ?? 'map'}${m[3] ? ` ${m[3].trim()}` : ''}` });
  }
  return out;
}

/** Label definitions in the text (`out:`), not the `12:` of pasted logs. */
export function declaredLabels(source: string): string[] {
  return [...new Set([...source.matchAll(/^[ \t]*([A-Za-z_.$][\w.$]*)[ \t]*:/gm)].map((m) => m[1]!).filter((n) => !n.startsWith('.')))];
}

const REGISTERS = Array.from({ length: 11 }, (_, i) => `r${i}`);
const KEYWORDS = ['if', 'goto', 'call', 'exit', 'lock', 'may_goto'];
const mnemonicDoc = new Map<string, string>();
for (const op of OPS) {
  const n = op.name.replace(/_(imm|reg)$/, '');
  if (!mnemonicDoc.has(n)) mnemonicDoc.set(n, op.doc);
}

function helperItems(progType: ProgTypeName | null): CompletionData[] {
  const items: CompletionData[] = [];
  for (const h of HELPERS) {
    if (!h) continue;
    const allowed = !progType || h.progTypes.includes(progType);
    items.push({
      label: h.name,
      kind: 'helper',
      detail: h.signature,
      documentation: `${h.doc}${allowed ? '' : `\n\n**Not available to ${progType} programs.**`}`,
      insertText: h.name,
      // Helpers this program type may call first, then the rest.
      sortText: `${allowed ? '1' : '8'}${h.name}`,
    });
  }
  return items;
}

const mapItems = (maps: readonly DeclaredMap[], suffix: string): CompletionData[] =>
  maps.map((m) => ({ label: m.name, kind: 'map', detail: m.detail, documentation: `map declared with ${'`'}.map ${m.name} ${m.detail}${'`'}`, insertText: `${m.name}${suffix}`, sortText: `0${m.name}` }));

const labelItems = (labels: readonly string[]): CompletionData[] =>
  labels.map((l) => ({ label: l, kind: 'label', insertText: l, sortText: `0${l}` }));

const registerItems = (): CompletionData[] =>
  REGISTERS.map((r, i) => ({ label: r, kind: 'register', insertText: r, sortText: `2${String(i).padStart(2, '0')}` }));

export function completionsAt(source: string, line: number, col: number, progType: ProgTypeName | null): CompletionResult {
  const text = (source.split(/\r\n|\r|\n/)[line - 1] ?? '').slice(0, col - 1);
  const word = /[A-Za-z_.$][\w.$]*$/.exec(text);
  const startCol = col - (word ? word[0].length : 0);
  const before = text.slice(0, startCol - 1);
  const maps = declaredMaps(source);
  const labels = declaredLabels(source);

  // Inside a comment: nothing to complete.
  if (/;|\/\/|#(?!\d)/.test(before)) return { startCol, items: [] };

  if (/^\s*\.prog\s+$/.test(before)) {
    return { startCol, items: PROG_TYPE_NAMES.map((t) => ({ label: t, kind: 'type', detail: 'program type', documentation: progTypeSpec(t)?.doc, insertText: t })) };
  }
  if (/^\s*\.map\s+[A-Za-z_][\w.]*\s+$/.test(before)) {
    return {
      startCol,
      items: MAP_TYPE_NAMES.map((t) => ({
        label: t, kind: 'type', detail: 'map type',
        insertText: t === 'ringbuf' ? 'ringbuf key=0 value=0 max_entries=${1:4096}' : `${t} key=\${1:4} value=\${2:8} max_entries=\${3:16}`,
        snippet: true,
      })),
    };
  }
  if (/\bcall\s+$/.test(before)) return { startCol, items: [...labelItems(labels), ...helperItems(progType)] };
  if (/\b(?:goto|gotol|ja|j[a-z]+(?:32)?\s+[^,]*,[^,]*,)\s*$/.test(before) || /\bgoto\s+$/.test(before)) return { startCol, items: labelItems(labels) };
  // `r1 = ` at a word: a map (64-bit load), a register or a number.
  if (/\b[rw](?:10|\d)\s*=\s*$/.test(before)) return { startCol, items: [...mapItems(maps, ' ll'), ...registerItems()] };

  const atStart = /^\s*$/.test(before);
  const items: CompletionData[] = [...registerItems(), ...mapItems(maps, ''), ...labelItems(labels)];
  for (const k of KEYWORDS) items.push({ label: k, kind: 'keyword', insertText: k, sortText: `3${k}` });
  if (atStart) {
    for (const d of EBPF_DIRECTIVES) items.push({ label: d, kind: 'directive', insertText: d, sortText: `1${d}` });
    for (const m of ebpfMnemonics()) items.push({ label: m, kind: 'mnemonic', detail: mnemonicDoc.get(m), insertText: m, sortText: `5${m}` });
    items.push(
      { label: 'if … goto', kind: 'snippet', detail: 'conditional jump', insertText: 'if ${1:r0} ${2:==} ${3:0} goto ${4:label}', snippet: true, sortText: '4if' },
      { label: '*(u32 *)(… + …) = …', kind: 'snippet', detail: 'store', insertText: '*(${1:u32} *)(${2:r10} ${3:-} ${4:4}) = ${5:r1}', snippet: true, sortText: '4store' },
      { label: 'map lookup', kind: 'snippet', detail: 'key on the stack, bpf_map_lookup_elem, NULL check', snippet: true, sortText: '4lookup',
        insertText: '*(u32 *)(r10 - 4) = ${1:0}\nr1 = ${2:' + (maps[0]?.name ?? 'map') + '} ll\nr2 = r10\nr2 += -4\ncall bpf_map_lookup_elem\nif r0 == 0 goto ${3:out}' },
    );
  }
  // Helpers anywhere else only once the word looks like one: `ll` must not fuzzy-match them.
  if (word && /^bpf/i.test(word[0])) items.push(...helperItems(progType).map((h) => ({ ...h, sortText: `6${h.sortText}` })));
  return { startCol, items };
}
