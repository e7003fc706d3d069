// The visual verifier's pure logic: the control-flow graph (blocks, edges, loops), the per-step
// state diff with its reasons, and the value explorer's data. No DOM; the worker and tests use it.
export { buildFlowGraph, type Block, type EdgeKind, type FlowEdge, type FlowGraph } from './graph.js';
export { branchSide, conditionText, diffStep, type BranchSide, type FieldChange, type RegChange, type SlotChange, type StepDiff } from './why.js';
export { tnumBits, valueView, type BitCell, type RangeView, type ValueView } from './value.js';
