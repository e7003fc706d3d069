// The debugger journeys: verify as you type, see the kernel's error and jump to it, fix it, run,
// step forwards and back while registers, stack and maps follow, edit a map value and run again,
// a runaway loop stopped by the step limit, the timeline and the keyboard shortcuts.
import { expect, test } from './fixtures/debugger.js';

const COUNTER = `; read counts[0], add one, store it, return the old value
.prog xdp
.map counts array key=4 value=8 max_entries=4
r1 = 0
*(u32 *)(r10 - 4) = r1
r1 = counts ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem
if r0 == 0 goto out
r6 = *(u64 *)(r0 + 0)
r7 = r6
r7 += 1
*(u64 *)(r0 + 0) = r7
r0 = r6
exit
out:
r0 = 0
exit
`;

const NULL_DEREF = `.prog xdp
.map counts hash key=4 value=8 max_entries=16
*(u32 *)(r10 - 4) = 6
r1 = counts ll
r2 = r10
r2 += -4
call bpf_map_lookup_elem
r1 = *(u64 *)(r0 + 0)
r0 = 2
exit
`;

test('verifies the program as it is typed and shows the verdict', async ({ dbg }) => {
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText('Accepted');
  await dbg.setSource(NULL_DEREF);
  await expect(dbg.verdict).toContainText('Rejected');
  await expect(dbg.verdict).toContainText("R0 invalid mem access 'map_value_or_null'");
});

test('a rejected program leads to its line, and the fix is accepted', async ({ dbg, page }) => {
  await dbg.setSource(NULL_DEREF);
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText('at instruction 6');
  await dbg.goToStart();
  await page.getByRole('button', { name: 'Go to line 8' }).click();
  await expect(dbg.cursorPosition).toHaveText(/^Ln 8, /);
  // The fix: a NULL check right after the call (the cursor is on the faulting line).
  await page.keyboard.press('Home');
  await page.keyboard.insertText('if r0 == 0 goto out\n');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('out:\nr0 = 1\nexit\n');
  await expect(dbg.verdict).toContainText('Accepted');
});

test('the verifier log selects an instruction and shows its abstract state', async ({ dbg, page }) => {
  await dbg.setSource(NULL_DEREF);
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText('Rejected');
  await dbg.verifierLog.getByRole('button', { name: /^5: \(85\) call bpf_map_lookup_elem/ }).click();
  const states = page.getByRole('table', { name: 'Register states' });
  await expect(states.locator('tr[data-reg="r0"]')).toContainText('map_value_or_null');
  await expect(states.locator('tr[data-reg="r0"]')).toContainText('or NULL');
  await expect(page.getByRole('table', { name: 'Stack slot types' })).toContainText('fp-8mmmm????');
  await page.getByRole('button', { name: 'Show run' }).first().click();
  await expect(dbg.registers).toBeVisible();
});

test('runs the example and shows r0 with its meaning', async ({ dbg }) => {
  await dbg.press('Run');
  await dbg.tab('Output');
  await expect(dbg.runVerdict).toContainText('r0 = 2 XDP_PASS');
  await expect(dbg.runVerdict).toContainText('exited after');
});

test('steps forwards and back; registers, stack and maps follow', async ({ dbg }) => {
  await dbg.setSource(COUNTER);
  await expect(dbg.summary).toContainText('insns');
  await dbg.press('Step');
  await dbg.waitForSteps(1);
  expect((await dbg.reg(1))[1]).toBe('0');
  await expect(dbg.regRow(1)).toHaveClass(/changed/);
  await dbg.press('Step');
  await dbg.waitForSteps(2);
  await expect(dbg.stackSlot(-8)).toHaveClass(/changed/);
  await dbg.press('Step', 3);
  await dbg.waitForSteps(5);
  expect((await dbg.reg(2))[2]).toBe('fp-4');
  await dbg.press('Step');                      // the lookup
  await dbg.waitForSteps(6);
  expect((await dbg.reg(0))[2]).toBe('map_value(counts)+0');
  await dbg.press('Step', 5);                   // through the store of the incremented value
  await dbg.waitForSteps(11);
  const live = dbg.mapTable('counts', true);
  await expect(live.locator('tr[data-key="00000000"]')).toHaveClass(/changed/);
  await expect(live.locator('tr[data-key="00000000"] [data-testid="map-int"]')).toHaveText('1');
  await dbg.press('Step back');
  await dbg.waitForSteps(10);
  await expect(live.locator('tr[data-key="00000000"] [data-testid="map-int"]')).toHaveText('0');
  await expect(dbg.regRow(7)).toHaveClass(/changed/);     // the step now last taken: r7 += 1
  await dbg.press('Step back', 4);
  await dbg.waitForSteps(6);
  expect((await dbg.reg(0))[2]).toBe('map_value(counts)+0');
  await dbg.press('Step back');
  await dbg.waitForSteps(5);
  expect((await dbg.reg(0))[1]).toBe('0');
});

test('an edited initial map value is what the next run reads', async ({ dbg, page }) => {
  await dbg.setSource(COUNTER);
  const initial = dbg.mapTable('counts', false);
  await expect(initial).toBeVisible();
  await page.getByRole('button', { name: 'Add element to counts' }).click();
  await page.getByRole('textbox', { name: 'counts value 0 (integer)' }).fill('41');
  await dbg.press('Run');
  await dbg.tab('Output');
  await expect(dbg.runVerdict).toContainText('r0 = 41');
  await expect(dbg.mapTable('counts', true).locator('tr[data-key="00000000"] [data-testid="map-int"]')).toHaveText('42');
  // Back to the initial contents: edit again and re-run.
  await page.getByRole('button', { name: 'Edit initial contents' }).click();
  await page.getByRole('textbox', { name: 'counts value 0 (integer)' }).fill('7');
  await dbg.press('Run');
  await expect(dbg.runVerdict).toContainText('r0 = 7');
});

test('an endless loop is stopped by the step limit and the page stays responsive', async ({ dbg }) => {
  await dbg.setSource('.prog xdp\nr0 = 0\nloop:\nr0 += 1\ngoto loop\nexit\n');
  await dbg.tab('Output');
  await dbg.press('Run');
  await expect(dbg.runVerdict).toContainText('Stopped by the step limit after 1,000,000 instructions', { timeout: 20_000 });
  await dbg.waitForSteps(1_000_000);
  // The timeline scrubs the whole run.
  await dbg.timeline.fill('500000');
  await dbg.waitForSteps(500_000);
  expect((await dbg.reg(0))[1]).toBe('250000');
  await dbg.tab('Verifier');
  await expect(dbg.verdict).toContainText('Rejected');
});

test('keyboard shortcuts step, step back and continue', async ({ dbg, page }) => {
  await dbg.goToStart();
  await page.keyboard.press('F11');
  await dbg.waitForSteps(1);
  await page.keyboard.press('F11');
  await dbg.waitForSteps(2);
  await page.keyboard.press('Shift+F10');
  await dbg.waitForSteps(1);
  await page.keyboard.press('F5');
  await dbg.tab('Output');
  await expect(dbg.runVerdict).toContainText('XDP_PASS');
  await expect(dbg.button('Step')).toHaveAttribute('title', /\(F11\)/);
  await expect(dbg.button('Step back')).toHaveAttribute('title', /\(Shift\+F10\)/);
});

test('every debugger control is reachable by its label', async ({ dbg }) => {
  for (const name of ['Verify', 'Run', 'Step back', 'Step', 'Step over', 'Step out', 'Continue', 'Run to cursor', 'Reset']) {
    await expect(dbg.button(name)).toHaveCount(1);
  }
  for (const heading of ['Registers', 'Stack', 'Maps', 'Source']) {
    await expect(dbg.page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  await expect(dbg.page.getByRole('combobox', { name: 'Program type' })).toHaveValue('xdp');
});

test('the program type selector rewrites the .prog line', async ({ dbg, page }) => {
  await page.getByRole('combobox', { name: 'Program type' }).selectOption('sched_cls');
  await expect(dbg.programType).toHaveValue('sched_cls');
  await dbg.tab('Input');
  await expect(page.getByRole('region', { name: 'Input' })).toContainText('sched_cls');
});
