// The editor around the text: the pc column, breakpoints in the margin, hovers, completion and the
// verifier's inline hints.
import { helperSpec } from '../src/core/helpers/index.js';
import { expect, test } from './fixtures/playground.js';
import { breakpointLines, clickBreakpointMargin, editorText, hoverText, pcColumn, typeSource } from './fixtures/editor.js';

const LDDW = ['.prog xdp', 'r1 = 1', 'r2 = 0x1122334455667788 ll', 'r0 = 2', 'exit'];

test('the pc column counts ld_imm64 as two slots: 0, 1, 3', async ({ playground, page }) => {
  await typeSource(page, LDDW);
  await expect(playground.summary).toHaveText(/4 insns · 40 bytes/);
  await expect.poll(async () => [...(await pcColumn(page))]).toEqual([[1, ''], [2, '0'], [3, '1'], [4, '3'], [5, '4']]);
});

test('clicking the margin toggles a breakpoint, and it moves with its line', async ({ playground, page }) => {
  await typeSource(page, LDDW);
  await expect(playground.summary).toHaveText(/4 insns · 40 bytes/);
  await clickBreakpointMargin(page, 4);
  await expect.poll(() => breakpointLines(page)).toEqual([4]);
  // A new line above it: the breakpoint stays on `r0 = 2`, now line 5.
  await playground.goToStart();
  await page.keyboard.press('Enter');
  await expect.poll(() => breakpointLines(page)).toEqual([5]);
  expect((await editorText(page)).split('\n')[4]).toBe('r0 = 2');
  await clickBreakpointMargin(page, 5);
  await expect.poll(() => breakpointLines(page)).toEqual([]);
  // F9 toggles it at the cursor.
  await playground.goToStart();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('F9');
  await expect.poll(() => breakpointLines(page)).toEqual([3]);
});

test("hovering a helper shows its signature and doc from the helper table", async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', 'call bpf_ktime_get_ns', 'r0 = 2', 'exit']);
  await expect(playground.summary).toHaveText(/3 insns/);
  const text = await hoverText(page, 2, 'bpf_ktime_get_ns');
  const spec = helperSpec('bpf_ktime_get_ns')!;
  expect(text).toContain(spec.signature);
  if (spec.doc) expect(text).toContain(spec.doc.split('\n')[0]!.slice(0, 40));
  expect(text).toContain('helper #5');
  expect(text).toContain('available to xdp programs');
});

test('hovering a context load names the field: r1 + 4 on XDP is xdp_md.data_end', async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', 'r2 = *(u32 *)(r1 + 4)', 'r0 = 2', 'exit']);
  await expect(playground.summary).toHaveText(/3 insns/);
  const text = await hoverText(page, 2, 'u32');
  expect(text).toContain('(61) r2 = *(u32 *)(r1 +4)');
  expect(text).toContain('xdp_md.data_end');
});

test('completion offers declared maps and helpers with signatures', async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', '.map counts hash key=4 value=8 max_entries=16', 'r1 = co']);
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest.locator('.monaco-list-row', { hasText: 'counts' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await editorText(page)).split('\n')[2]).toBe('r1 = counts ll');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('call bpf_map_look');
  await page.keyboard.press('Control+Space');
  await expect(suggest.locator('.monaco-list-row', { hasText: 'bpf_map_lookup_elem' }).first()).toBeVisible();
  await expect(suggest).toContainText(helperSpec('bpf_map_lookup_elem')!.signature.slice(0, 30));
  await expect(playground.summary).toBeVisible();
});

test("the verifier's state shows after each instruction, and the toggle hides it", async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', 'r0 = 2', 'exit']);
  await expect(playground.summary).toHaveText(/2 insns/);
  const hints = page.locator('.monaco-editor .bpf-hint');
  await expect(hints.first()).toHaveText(/;\sR0=2$/);
  const toggle = page.getByRole('button', { name: 'Verifier hints' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(hints).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  // Remembered across reloads.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Verifier hints' })).toHaveAttribute('aria-pressed', 'false');
});

test("the verifier's error is a squiggle on the rejected instruction", async ({ playground, page }) => {
  await typeSource(page, ['.prog xdp', 'r0 = r2', 'exit']);
  await expect(playground.summary).toHaveText(/2 insns/);
  await expect(playground.squiggles.first()).toBeVisible();
  const text = await hoverText(page, 2, 'r2');
  expect(text).toContain('R2 !read_ok');
});
