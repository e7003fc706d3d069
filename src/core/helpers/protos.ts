// The kernel's helper prototypes and which program types may call each helper (placeholder until
// the measurement of the running kernel lands).
import type { ProgTypeName } from '../asm/types.js';

export interface HelperProto {
  /** enum bpf_return_type with its flags, as the kernel spells it: 'RET_PTR_TO_MAP_VALUE_OR_NULL'. */
  ret: string;
  /** One entry per argument (trailing ARG_DONTCARE omitted), e.g. 'ARG_PTR_TO_MEM | MEM_RDONLY'. */
  args: readonly string[];
  gplOnly: boolean;
}

export interface ProtoRow extends HelperProto {
  progTypes: readonly ProgTypeName[];
  variants?: Readonly<Partial<Record<ProgTypeName, HelperProto>>>;
}

export const PROTOS: readonly (ProtoRow | undefined)[] = [];
