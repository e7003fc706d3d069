// The first page: the example assembles and is listed; errors show with their location, as
// squiggles, and lead back to the source; nothing is fetched from elsewhere.
import { expect, test } from './fixtures/playground.js';

test('opens with the example program assembled and disassembled kernel-style', async ({ playground }) => {
  await expect(playground.listing).toBeVisible();
  const rows = await playground.listingRows();
  expect(rows.length).toBeGreaterThan(5);
  // The first instruction of the example: r2 = ctx->data_end.
  expect(rows[0]).toEqual(['0', '61 12 04 00 00 00 00 00', '(61) r2 = *(u32 *)(r1 +4)']);
  expect(rows.at(-1)![2]).toContain('(95) exit');
  await expect(playground.programType).toHaveValue('xdp');
  await expect(playground.errors).toHaveCount(0);
  await expect(playground.squiggles).toHaveCount(0);
});

test('an invalid line shows its error with line and column, and a squiggle under it', async ({ playground }) => {
  await playground.goToEnd();
  await playground.type('frobnicate r1, 2');
  await expect(playground.errors).toBeVisible();
  await expect(playground.listing).toHaveCount(0);
  const errors = await playground.errorList();
  expect(errors.length).toBeGreaterThanOrEqual(1);
  expect(errors[0]!.line).toBe(17);
  expect(errors[0]!.col).toBeGreaterThanOrEqual(1);
  expect(errors[0]!.text).toMatch(/frobnicate/);
  await expect(playground.squiggles.first()).toBeVisible();
  await expect(playground.summary).toHaveText(/\d+ errors?/);
});

test('fixing the line brings the disassembly back and clears the squiggles', async ({ playground }) => {
  await playground.goToEnd();
  await playground.type('frobnicate r1, 2');
  await expect(playground.errors).toBeVisible();
  await playground.deleteCurrentLineText();
  await expect(playground.listing).toBeVisible();
  await expect(playground.errors).toHaveCount(0);
  await expect(playground.squiggles).toHaveCount(0);
  expect((await playground.listingRows())[0]![2]).toBe('(61) r2 = *(u32 *)(r1 +4)');
});

test('clicking an error puts the editor cursor on it', async ({ playground }) => {
  await playground.goToEnd();
  await playground.type('    r0 = r11');
  await expect(playground.errors).toBeVisible();
  const [first] = await playground.errorList();
  await playground.goToStart();
  await expect(playground.cursorPosition).toHaveText('Ln 1, Col 1');
  await playground.errorItems.first().click();
  await expect(playground.cursorPosition).toHaveText(`Ln ${first!.line}, Col ${first!.col}`);
  expect(first!.line).toBe(17);
  // The editor has the focus: typing goes into the source at the error.
  await expect(playground.editorInput).toBeFocused();
});

test('clicking an instruction pc takes the editor to its source line', async ({ playground }) => {
  await playground.goToStart();
  await playground.listing.getByRole('button', { name: /^Instruction 2:/ }).click();
  await expect(playground.cursorPosition).toHaveText(/^Ln 6, Col \d+$/);
});

test('makes no request outside its own origin', async ({ playground, page }) => {
  await playground.goToEnd();
  await playground.type('r0 = 0');
  await page.waitForLoadState('networkidle');
  expect(playground.foreignRequests).toEqual([]);
});

test('is dark by default and remembers the light theme across reloads', async ({ playground, page }) => {
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(playground.editor).toHaveClass(/vs(?!-dark)/);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Switch to dark theme' })).toBeVisible();
});

test('every control has an accessible name and every pane a heading', async ({ page, playground }) => {
  // Monaco's own widgets are its business; the editor's text input is ours to name.
  const unnamed = await page.locator('button, [role="button"], input, select, textarea').evaluateAll((els) =>
    els.filter((e) => !e.closest('.monaco-editor'))
      .filter((e) => (e.getAttribute('aria-label') ?? e.getAttribute('title') ?? (e.textContent ?? '').trim()) === '')
      .map((e) => e.outerHTML.slice(0, 120)));
  expect(unnamed).toEqual([]);
  await expect(playground.editorInput).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'bpfiddle' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Source' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Assembled program' })).toBeVisible();
});
