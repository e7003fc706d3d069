// Share links and autosave, end to end: a link reopens the exact session in a fresh browser; a
// tampered or oversized link is refused with a message and the user's work is kept; nothing from a
// link is rendered as HTML.
import { expect, test } from './fixtures/playground.js';
import { breakpointLines, clickBreakpointMargin, editorText, openExample, shareLink, shareNotice, typeSource } from './fixtures/editor.js';

test('a shared link reopens the identical session in a new browser', async ({ playground, page, browser, baseURL }) => {
  await openExample(page, 'Packets per protocol (hash map)');
  await expect(playground.summary).toHaveText(/29 insns/);
  await clickBreakpointMargin(page, 13);
  await clickBreakpointMargin(page, 15);
  await page.getByRole('tab', { name: 'Input' }).click();
  await page.getByRole('textbox', { name: 'Packet' }).fill('eth/ipv4/udp(dport=53)');
  await page.getByRole('textbox', { name: 'counts value 0 (integer)' }).fill('99');
  const before = {
    source: await editorText(page),
    type: await playground.programType.inputValue(),
    breakpoints: await breakpointLines(page),
    key: await page.getByRole('textbox', { name: 'counts key 0 (hex)' }).inputValue(),
    value: await page.getByRole('textbox', { name: 'counts value 0 (hex)' }).inputValue(),
  };
  expect(before.breakpoints).toEqual([13, 15]);
  const link = await shareLink(page);
  expect(link.startsWith(`${baseURL}/#s=`)).toBe(true);

  // A fresh browser context: no autosave, nothing shared with the first page but the link.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('.monaco-editor .view-lines')).toContainText('counts');
  await expect.poll(() => editorText(other)).toBe(before.source);
  await expect(other.getByTestId('prog-type')).toHaveValue(before.type);
  await expect.poll(() => breakpointLines(other)).toEqual(before.breakpoints);
  await expect(other.getByRole('textbox', { name: 'counts key 0 (hex)' })).toHaveValue(before.key);
  await expect(other.getByRole('textbox', { name: 'counts value 0 (hex)' })).toHaveValue(before.value);
  await other.getByRole('tab', { name: 'Input' }).click();
  await expect(other.getByRole('textbox', { name: 'Packet' })).toHaveValue('eth/ipv4/udp(dport=53)');
  await expect(shareNotice(other)).toContainText('Opened the shared session');
  // The link has done its job: the address bar no longer carries it, and a reload keeps the session.
  await expect(other).toHaveURL(`${baseURL}/`);
  await other.reload();
  await expect.poll(() => editorText(other)).toBe(before.source);
  await context.close();
});

test('a link made while paused at a step reopens paused at that step', async ({ playground, page, browser }) => {
  await openExample(page, 'Bounded loop');
  await expect(playground.summary).toHaveText(/insns/);
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^step 5\b/);
  const link = await shareLink(page);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('step-counter')).toHaveText(/^step 5\b/);
  await expect(other.locator('.monaco-editor .bpf-current-line')).toHaveCount(1);
  await context.close();
});

test('a tampered link shows a clear message and keeps the current work', async ({ playground, page, baseURL }) => {
  await typeSource(page, ['; my work in progress', '.prog xdp', 'r0 = 1', 'exit']);
  await expect(playground.summary).toHaveText(/2 insns/);
  const mine = await editorText(page);
  const link = await shareLink(page);
  const payload = link.split('#s=')[1]!;
  const tampered = `${payload.slice(0, 30)}${payload[30] === 'A' ? 'B' : 'A'}${payload.slice(31)}`;
  // Let the autosave catch up, then open the bad link in the same browser.
  await page.waitForTimeout(800);
  await page.goto(`${baseURL}/#s=${tampered}`);
  await expect(shareNotice(page)).toBeVisible();
  await expect(shareNotice(page)).toHaveAttribute('role', 'alert');
  await expect(shareNotice(page)).toContainText('This share link could not be opened: the link is damaged');
  await expect(shareNotice(page)).toContainText('Your current work was kept.');
  await expect.poll(() => editorText(page)).toBe(mine);
  // The bad link did not overwrite the autosave: without it, the work is still there.
  await page.goto(`${baseURL}/`);
  await expect.poll(() => editorText(page)).toBe(mine);
  await expect(playground.summary).toHaveText(/2 insns/);
});

test('a link beyond the size cap is refused with a message', async ({ page, baseURL }) => {
  await page.goto(`${baseURL}/#s=${'A'.repeat(150_000)}`);
  await expect(shareNotice(page)).toContainText('This share link is too large to open');
  await expect(shareNotice(page)).toContainText('at most 100 KB');
  await expect.poll(() => editorText(page)).toContain('XDP');
});

test('nothing from a link is rendered as HTML', async ({ playground, page, browser }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  await typeSource(page, [`; ${evil}`, '.prog xdp', 'r0 = 2', 'exit']);
  await expect(playground.summary).toHaveText(/2 insns/);
  await page.getByRole('tab', { name: 'Input' }).click();
  await page.getByRole('textbox', { name: 'Packet' }).fill(`<b>${evil}</b>`);
  const link = await shareLink(page);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(() => editorText(other)).toContain(evil);
  await other.getByRole('tab', { name: 'Input' }).click();
  await expect(other.getByRole('textbox', { name: 'Packet' })).toHaveValue(`<b>${evil}</b>`);
  expect(await other.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(other.locator('img[src="x"]')).toHaveCount(0);
  await expect(other.locator('b', { hasText: 'onerror' })).toHaveCount(0);
  // A damaged link's message quotes what it found, as text.
  await other.goto(`${link.split('#')[0]}#s=${encodeURIComponent(evil)}`);
  await expect(shareNotice(other)).toContainText('could not be opened');
  await expect(other.locator('img[src="x"]')).toHaveCount(0);
  await context.close();
});
