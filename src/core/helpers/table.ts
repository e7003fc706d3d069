// THE helper table: for every helper id of Linux 6.18, its name, the kernel's bpf_func_proto
// (return and argument types, gpl_only), the program types that may call it, a C signature and a
// paragraph of documentation, and whether bpfiddle's VM runs it. The VM (host.ts), the verifier's
// argument checks and the editor's hover and completion all read it from here.
//
// The prototypes and program types are measurements of the running kernel (see protos.ts for how
// they were taken); signatures and docs are in docs.ts.

import type { ProgTypeName } from '../asm/types.js';
import { DOCS } from './docs.js';
import { HELPER_NAMES, helperIdByName } from './ids.js';
import { implemented } from './implemented.js';
import { PROTOS, type HelperProto } from './protos.js';

export type { HelperProto } from './protos.js';

export interface HelperSpec extends HelperProto {
  id: number;
  /** The kernel's name of the main prototype ('bpf_map_lookup_elem_proto'). */
  proto: string;
  /** `bpf_map_lookup_elem` */
  name: string;
  /** Program types (of PROG_TYPE_NAMES) whose programs may call it, as measured on Linux 6.18. */
  progTypes: readonly ProgTypeName[];
  /** Program types that get a different prototype than the main one (bpf_perf_event_output's
   * skb and XDP variants, bpf_get_stackid's perf_event one, ...). */
  variants: Readonly<Partial<Record<ProgTypeName, HelperProto>>>;
  /** `long bpf_map_update_elem(struct bpf_map *map, const void *key, const void *value, u64 flags)` */
  signature: string;
  /** What it does, its arguments and return value, in a paragraph. */
  doc: string;
  /** Whether bpfiddle's VM can run it. */
  implemented: boolean;
}

function build(): readonly (HelperSpec | undefined)[] {
  return HELPER_NAMES.map((name, id) => {
    if (!name) return undefined;
    const p = PROTOS[id];
    const d = DOCS[name];
    return {
      id,
      name,
      ret: p?.ret ?? 'RET_INTEGER',
      args: p?.args ?? [],
      gplOnly: p?.gplOnly ?? false,
      ...(p?.btf ? { btf: p.btf } : {}),
      proto: p?.proto ?? '',
      progTypes: p?.progTypes ?? [],
      variants: p?.variants ?? {},
      signature: d?.signature ?? `long ${name}(...)`,
      doc: d?.doc ?? '',
      implemented: implemented(id),
    };
  });
}

/** Indexed by helper id (index 0, BPF_FUNC_unspec, is undefined). */
export const HELPERS: readonly (HelperSpec | undefined)[] = build();

/** A helper by id or name (`bpf_map_lookup_elem` or `map_lookup_elem`). */
export function helperSpec(idOrName: number | string): HelperSpec | undefined {
  const id = typeof idOrName === 'number' ? idOrName : helperIdByName(idOrName);
  return id === undefined ? undefined : HELPERS[id];
}

/** Whether a program of type `progType` may call helper `id` (the kernel's func_proto answer). */
export function helperAllowed(id: number, progType: ProgTypeName): boolean {
  const h = HELPERS[id];
  return !!h && h.progTypes.includes(progType);
}

/** The prototype the verifier checks a call against for `progType` (variants included). */
export function helperProto(id: number, progType: ProgTypeName): HelperProto | undefined {
  const h = HELPERS[id];
  if (!h) return undefined;
  return h.variants[progType] ?? h;
}

/** Helpers a program type may call, for completion. */
export function helpersFor(progType: ProgTypeName): HelperSpec[] {
  return HELPERS.filter((h): h is HelperSpec => !!h && h.progTypes.includes(progType));
}
