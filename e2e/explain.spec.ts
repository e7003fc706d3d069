// Explanations of verifier errors: hovering the error marker in the editor says what the error
// means and how to fix it; the Verifier tab ties it to the program (line, register, path) and
// opens a fixed example that the verifier accepts.
import { openExample, hoverText, pasteSource } from './fixtures/editor.js';
import { expect, test } from './fixtures/debugger.js';
import { ExplanationPanel } from './fixtures/lessons.js';
import { ImportLog } from './fixtures/import-log.js';
import { readFixture } from '../tests/kernel-log/capture.js';

test('hovering the verifier error in the editor explains it and suggests the fix', async ({ dbg, page }) => {
  await openExample(page, 'Rejected: missing NULL check');
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText("R0 invalid mem access 'map_value_or_null'");
  const text = await hoverText(page, 14, 'r0');
  expect(text).toContain('Using a pointer that may be NULL');
  expect(text).toContain('Fix: Compare the pointer with 0');
  expect(text).toContain("R0 invalid mem access 'map_value_or_null'");
});

test('the verifier pane explains the error in terms of the program and loads a fixed example', async ({ dbg, page }) => {
  await openExample(page, 'Rejected: missing NULL check');
  await dbg.tab('Verifier');
  const ex = new ExplanationPanel(page);
  await expect(ex.root.getByRole('heading', { name: 'Using a pointer that may be NULL' })).toBeVisible();
  await expect(ex.cause).toContainText('line 14');
  await expect(ex.cause).toContainText('R0 = map_value_or_null(id=1,map=counts,ks=4,vs=8)');
  await expect(ex.fix).toContainText('if r0 == 0 goto out');
  await ex.showState();
  await expect(dbg.cursorPosition).toHaveText(/^Ln 14, /);
  await expect(page.getByRole('table', { name: 'Register states' }).locator('tr[data-reg="r0"]')).toContainText('map_value_or_null(id=1,map=counts,ks=4,vs=8)');
  await ex.openFixedExample();
  await expect(dbg.verdict).toContainText('Accepted');
  await expect(ex.root).toHaveCount(0);
});

test('the explanation follows the path to the error in a program larger than 4,096 instructions', async ({ dbg, page }) => {
  const pad = 4100;
  const source = [
    '.prog xdp', '.map counts hash key=4 value=8 max_entries=4',
    'call bpf_get_prandom_u32', 'r7 = r0', 'r1 = 0', '*(u32 *)(r10 - 4) = r1', 'r1 = counts ll', 'r2 = r10', 'r2 += -4',
    'call bpf_map_lookup_elem', ...Array.from({ length: pad }, () => 'r3 = 1'),
    'if r7 > 10 goto skip', 'r3 = 2', 'skip:', 'r1 = *(u64 *)(r0 + 0)', 'r0 = 2', 'exit', '',
  ].join('\n');
  await pasteSource(page, source);
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText("R0 invalid mem access 'map_value_or_null'");
  const ex = new ExplanationPanel(page);
  await expect(ex.cause).toContainText(`line ${pad + 14}`);
  await expect(ex.cause).toContainText('R0 = map_value_or_null(id=2,map=counts,ks=4,vs=8)');
  const branches = ex.root.getByRole('list', { name: 'Branches on the path to the error' });
  await expect(branches).toContainText(`line ${pad + 11}`);
  await expect(branches).toContainText('if r7 > 0xa goto pc+1 not taken');
  await ex.showState();
  await expect(dbg.cursorPosition).toHaveText(new RegExp(`^Ln ${pad + 14}, `));
  await expect(page.getByRole('table', { name: 'Register states' }).locator('tr[data-reg="r0"]')).toContainText('map_value_or_null(id=2,map=counts,ks=4,vs=8)');
});

test('an error imported from a kernel log is explained on the rebuilt program', async ({ dbg, page }) => {
  const imp = new ImportLog(page);
  await dbg.tab('Verifier');
  await imp.importLog(readFixture('map-value-oob-const.s', 2));
  await expect(imp.importedMark).toHaveText('imported');
  const ex = new ExplanationPanel(page);
  await expect(ex.root.getByRole('heading', { name: 'Access outside the map value' })).toBeVisible();
  await expect(ex.cause).toContainText('Instruction 7 (line 10)');
  await expect(ex.cause).toContainText('R0 = map_value(ks=4,vs=8)');
  const branches = ex.root.getByRole('list', { name: 'Branches on the path to the error' });
  await expect(branches).toContainText('line 9');
  await expect(branches).toContainText('if r0 == 0x0 goto pc+1 not taken');
});
