// Where the verifier gets its helper prototypes: an adapter over the shared helper table
// (src/core/helpers/table.ts). Until that table lands this answers "unavailable" for every id.

import type { ProgTypeName } from '../asm/types.js';
import type { HelperProto } from './helper-proto.js';

export function lookupHelper(id: number, progType: ProgTypeName): HelperProto | undefined {
  void id;
  void progType;
  return undefined;
}
