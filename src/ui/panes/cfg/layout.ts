// Lays the control-flow graph out with ELK's layered algorithm (top to bottom, in program order),
// in a worker of its own so a big graph never freezes the page. Block sizes come from their text
// (monospace), collapsed blocks shrink to their header line. Returns plain positions for the SVG.
import ELK from 'elkjs/lib/elk-api.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { FlowGraphView } from '../../../worker/protocol.js';

export const CHAR_W = 7.3;
export const LINE_H = 16;
const PRUNE_H = 14;
export const HEAD_H = 20;
export const PAD_X = 8;
/** Instruction text is cut at this many characters (the editor has the full line). */
export const MAX_CHARS = 44;

export interface NodeBox { id: number; x: number; y: number; w: number; h: number }
export interface EdgeLine { key: string; from: number; to: number; kind: string; back: boolean; points: { x: number; y: number }[] }
export interface Laid { nodes: NodeBox[]; edges: EdgeLine[]; width: number; height: number }

let elk: InstanceType<typeof ELK> | null = null;
const engine = (): InstanceType<typeof ELK> => {
  elk ??= new ELK({ workerFactory: () => new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module', name: 'bpfiddle-elk' }) });
  return elk;
};

export const blockTitle = (b: FlowGraphView['blocks'][number]): string =>
  `B${b.id} · ${b.start === b.end ? `insn ${b.start}` : `insns ${b.start}–${b.end}`}`;

export function blockSize(b: FlowGraphView['blocks'][number], collapsed: boolean): { w: number; h: number } {
  const head = blockTitle(b).length + 14;
  const chars = collapsed ? head : Math.max(head, ...b.text.map((t, i) => Math.min(MAX_CHARS, t.length) + String(b.pcs[i]).length + 2));
  // A block where paths were pruned gets a line of its own for the mark, below its instructions.
  const mark = b.pruned > 0 ? PRUNE_H : 0;
  return { w: Math.ceil(chars * CHAR_W + PAD_X * 2), h: HEAD_H + (collapsed ? 0 : b.text.length * LINE_H + 6) + mark };
}

export async function layoutGraph(g: FlowGraphView, collapsed: ReadonlySet<number>): Promise<Laid> {
  const children: ElkNode[] = g.blocks.map((b) => ({ id: `b${b.id}`, ...(({ w, h }) => ({ width: w, height: h }))(blockSize(b, collapsed.has(b.id))) }));
  const edges: ElkExtendedEdge[] = g.edges.map((e, i) => ({ id: `e${i}`, sources: [`b${e.from}`], targets: [`b${e.to}`] }));
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '30',
      'elk.spacing.nodeNode': '24',
      'elk.spacing.edgeNode': '14',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children,
    edges,
  };
  const out: ElkNode = await engine().layout(root);
  const nodes: NodeBox[] = (out.children ?? []).map((n) => ({ id: Number(n.id.slice(1)), x: n.x ?? 0, y: n.y ?? 0, w: n.width ?? 0, h: n.height ?? 0 }));
  const lines: EdgeLine[] = (out.edges ?? []).map((e, i) => {
    const src = g.edges[i]!;
    const s = (e as ElkExtendedEdge).sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : [];
    return { key: e.id, from: src.from, to: src.to, kind: src.kind, back: src.back, points };
  });
  return { nodes, edges: lines, width: out.width ?? 0, height: out.height ?? 0 };
}
