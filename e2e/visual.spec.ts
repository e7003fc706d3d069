// The visual verifier, as a user meets it: pick a path the verifier explored and see it in the
// editor and the Registers pane, step along it, read why the verifier learned what it knows after
// a comparison, open a register in the value explorer, and use the control-flow graph.
import { expect, test } from './fixtures/visual.js';

// No two paths meet again, so no path can be pruned: the tree is the same however clever pruning is.
const LOOKUP = `.prog xdp
.map counts hash key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r2 = r10
r2 += -4
r1 = counts ll
call bpf_map_lookup_elem
if r0 == 0 goto null
r1 = *(u64 *)(r0 + 0)
if r1 > 10 goto big
r1 += 4
r0 = 2
exit
big:
r0 = 1
exit
null:
r0 = 0
exit
`;

const LOOP = `.prog xdp
r0 = 0
r1 = 0
loop:
r0 += r1
r1 += 1
if r1 < 4 goto loop
r0 = 2
exit
`;

const REJECTED = `.prog xdp
.map counts hash key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r2 = r10
r2 += -4
r1 = counts ll
call bpf_map_lookup_elem
r1 = *(u64 *)(r0 + 0)
r0 = 2
exit
`;

// Both sides of the first branch meet at the second one, where r2 and r4 are dead: pruned.
const PRUNED = `.prog xdp
r0 = 0
r2 = *(u32 *)(r1 + 0)
r3 = *(u32 *)(r1 + 4)
if r2 > 5 goto l1
r4 = 1
l1:
if r3 > 7 goto l2
r0 = 1
l2:
exit
`;

test.describe('visual verifier', () => {
  test.beforeEach(async ({ vis }) => {
    await vis.openTab('Verifier');
    await vis.setSource(LOOKUP);
    await expect(vis.verdict).toContainText('Accepted');
    await vis.openTab('Paths');
  });

  test('lists the explored paths; picking one tints its lines and shows its state', async ({ vis }) => {
    await expect(vis.pathsCount).toHaveText('3 paths: 3 exit, 0 pruned, 0 error');
    await expect(vis.path(2)).toContainText('from 7 → 15');
    await vis.path(2).click();
    await expect(vis.path(2)).toHaveAttribute('aria-selected', 'true');
    // Path 2 is the NULL branch: it runs `r0 = 0; exit` only.
    await expect(vis.pathLines()).toHaveCount(2);
    await expect(vis.verifyChip).toContainText('path #2 step 1/2');
    await expect(vis.registerState(0)).toContainText('the number 0');
    // How the branch into it refined r0.
    await expect(vis.diffWhy.first()).toHaveText('on this path r0 = 0, so map_value_or_null became the scalar 0 (NULL)');
    // Path 0 walks everything but the ld_imm64's second slot: 12 lines.
    await vis.path(0).click();
    await expect(vis.pathLines()).toHaveCount(12);
    // The keyboard moves through the list.
    await vis.pathTree.press('ArrowDown');
    await expect(vis.path(1)).toHaveAttribute('aria-selected', 'true');
    await expect(vis.verifyChip).toContainText('path #1 step 1/2');
  });

  test('steps along a path: registers, editor line and step counter follow', async ({ vis }) => {
    await vis.path(0).click();
    await expect(vis.stepPosition).toHaveText('step 1/12 · insn 0');
    await vis.button('Next ▶').click();
    await vis.button('Next ▶').click();
    await expect(vis.stepPosition).toHaveText('step 3/12 · insn 2');
    await expect(vis.registerState(2)).toContainText('fp0');
    await expect(vis.selectedLine()).toHaveCount(1);
    await expect.poll(() => vis.selectedLineNumber()).toBe(5); // r2 = r10
    await vis.button('◀ Prev').click();
    await expect(vis.stepPosition).toHaveText('step 2/12 · insn 1');
    await expect(vis.registerState(2)).toContainText('not initialised');
  });

  test('the state diff says why the verifier learned a bound after a comparison', async ({ vis }) => {
    await vis.path(0).click();
    await vis.stepTo(8); // insn 9: if r1 > 10
    await expect(vis.diffSummary).toHaveText('9: after `if r1 > 10`, on the fall-through path: r1 ≤ 10');
    await expect(vis.diffWhy.first()).toHaveText('after `if r1 > 10`, on the fall-through path r1 ≤ 10');
    await vis.stepTo(6); // insn 7: the null check
    await expect(vis.diffWhy.first()).toHaveText('on this path r0 ≠ 0, so map_value_or_null became map_value');
  });

  test('the value explorer shows a register\'s bits and ranges', async ({ vis }) => {
    await vis.path(0).click();
    await vis.stepTo(8);
    await vis.registerState(1).click();
    await expect(vis.valueExplorer).toBeVisible();
    const bits = vis.valueExplorer.getByTestId('value-bits');
    await expect(bits).toHaveAttribute('aria-label', `64 bits, bit 63 first: ${'0'.repeat(60)}xxxx`);
    await expect(vis.valueExplorer.getByTestId('value-range-u64')).toContainText('0 .. 10');
    await expect(vis.valueExplorer.getByTestId('value-range-s32')).toContainText('0 .. 10');
    await expect(vis.valueExplorer).toContainText('60 of 64 bits known');
    // Stepping on keeps the register open, now with its new value.
    await vis.button('Next ▶').click();
    await expect(vis.valueExplorer.getByTestId('value-range-u64')).toContainText('4 .. 14');
  });

  test('the control-flow graph: blocks by visits, a click goes to the code, zoom works', async ({ vis }) => {
    await vis.path(2).click(); // the NULL branch: block 0, then the block at 15
    await vis.openTab('CFG');
    await expect(vis.cfgSummary).toHaveText('5 blocks · 4 edges');
    await expect(vis.cfg.locator('.block.on-path')).toHaveCount(2);
    await expect(vis.block(15)).toHaveClass(/on-path/);
    await expect(vis.cfg.locator('.edge-on-path')).toHaveCount(1);
    await expect(vis.block(8)).toHaveAttribute('data-visits', '1');
    await expect(vis.block(15)).toHaveAttribute('data-visits', '1');
    await vis.block(8).click();
    await expect(vis.cursorPosition).toHaveText('Ln 10, Col 1');
    const layer = vis.cfg.locator('> g');
    const before = await layer.getAttribute('transform');
    await vis.page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(layer).not.toHaveAttribute('transform', before!);
    // Collapsing a block hides its instructions.
    await expect(vis.block(0)).toContainText('r2 = r10');
    await vis.page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(vis.block(0)).not.toContainText('r2 = r10');
  });

  test('the control-flow graph shows a loop as a back edge', async ({ vis }) => {
    await vis.openTab('Verifier');
    await vis.setSource(LOOP);
    await expect(vis.verdict).toContainText('Accepted');
    await vis.openTab('CFG');
    await expect(vis.cfgSummary).toContainText('1 loop');
    const back = vis.cfg.locator('[data-testid="cfg-edge"][data-back="true"]');
    await expect(back).toHaveCount(1);
    await expect(back).toContainText('loop');
    // The loop body ran once per iteration.
    await expect(vis.block(2)).toHaveAttribute('data-visits', '4');
  });

  test('the error path ends in the kernel\'s message, with the state that led there', async ({ vis }) => {
    await vis.openTab('Verifier');
    await vis.setSource(REJECTED);
    await expect(vis.verdict).toContainText('Rejected');
    await vis.openTab('Paths');
    await vis.page.getByRole('button', { name: /^Errors 1$/ }).click();
    await expect(vis.pathTree.getByTestId('path-row')).toHaveCount(1);
    await vis.path(0).click();
    await expect(vis.page.getByTestId('path-end')).toHaveText("Rejected at instruction 7: R0 invalid mem access 'map_value_or_null'");
    // The lines it walked, and the one it failed on: lines 3-9.
    await expect(vis.pathLines()).toHaveCount(7);
    await vis.button('Last step').click();
    await expect(vis.stepPosition).toHaveText('step 6/6 · insn 6');
    await expect(vis.registerState(0)).toContainText('map_value_or_null');
  });

  test('pruned paths: the filter lists them and the graph marks where pruning cut', async ({ vis }) => {
    await vis.openTab('Verifier');
    await vis.setSource(PRUNED);
    await expect(vis.verdict).toContainText('Accepted');
    await vis.openTab('Paths');
    const count = Number(/(\d+) pruned/.exec((await vis.pathsCount.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await vis.page.getByRole('button', { name: `Pruned ${count}`, exact: true }).click();
    const rows = vis.pathTree.getByTestId('path-row');
    await expect(rows).toHaveCount(count);
    for (const end of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-end')))) expect(end).toBe('pruned');
    await vis.openTab('CFG');
    const marks = vis.cfg.getByText(/^✂ pruned \d+$/);
    await expect(marks.first()).toBeVisible();
    const total = (await marks.allTextContents()).reduce((n, t) => n + Number(t.replace(/\D+/g, '')), 0);
    expect(total).toBe(count);
  });
});

// 60,003 steps on one path: more than the worker keeps states for at a time (50,000), so the late
// steps' states come from verifying again with the window moved there.
const LONG_LOOP = `.prog socket_filter
r0 = 0
r1 = 20000
loop:
r0 += 3
r1 += -1
if r1 != 0 goto loop
exit
`;

test.describe('visual verifier on a long walk', () => {
  test('steps to the last steps of a 60,000-step path and back to its start, with their states', async ({ vis }) => {
    await vis.openTab('Verifier');
    await vis.setSource(LONG_LOOP);
    await expect(vis.verdict).toContainText('Accepted');
    await vis.openTab('Paths');
    await expect(vis.pathsCount).toHaveText('1 path: 1 exit, 0 pruned, 0 error');
    await expect(vis.path(0)).toContainText('60003 steps');
    await vis.path(0).click();
    await expect(vis.stepPosition).toHaveText('step 1/60003 · insn 0');
    await vis.button('Last step').click();
    await expect(vis.stepPosition).toHaveText('step 60003/60003 · insn 5');
    await expect(vis.registerState(0)).toContainText('the number 60000');
    await expect(vis.registerState(1)).toContainText('the number 0');
    await vis.button('◀ Prev').click();
    await vis.button('◀ Prev').click();
    await expect(vis.stepPosition).toHaveText('step 60001/60003 · insn 3');
    await expect(vis.registerState(0)).toContainText('the number 60000');
    await expect(vis.registerState(1)).toContainText('the number 0');
    await vis.button('◀ Prev').click();
    await expect(vis.stepPosition).toHaveText('step 60000/60003 · insn 2');
    await expect(vis.registerState(1)).toContainText('the number 1');
    await vis.button('First step').click();
    await expect(vis.stepPosition).toHaveText('step 1/60003 · insn 0');
    await expect(vis.registerState(0)).toContainText('the number 0');
    await expect(vis.registerState(1)).toContainText("pointer to the program's context");
  });
});
