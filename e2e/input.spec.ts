// The Input pane's packet field, whose parser loads on demand: a packet spec or hex turns into the
// bytes the run gets (counted and dumped as they are typed), and a bad one says where it is wrong.
import { expect, test } from './fixtures/playground.js';
import { openExample } from './fixtures/editor.js';
import { packetFromText } from '../src/core/packet/input.js';

test('a packet spec typed in the Input pane is built into bytes, shown as a hex dump, and a bad one is located', async ({ playground, page }) => {
  await expect(playground.summary).toHaveText(/insns/);
  await openExample(page, 'Packets per protocol (hash map)');
  await page.getByRole('tab', { name: 'Input' }).click();
  const status = page.getByTestId('packet-status');
  const field = page.getByRole('textbox', { name: 'Packet' });

  const spec = 'eth/ipv4/udp(dport=53)';
  const built = packetFromText(spec);
  if (!built.ok) throw new Error('the test packet spec should build');
  await field.fill(spec);
  await expect(status).toContainText(`${built.bytes.length} bytes from the packet spec`);
  const firstRow = Array.from(built.bytes.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  await expect(page.getByLabel('Packet bytes')).toContainText(`0000  ${firstRow}`);

  await status.getByRole('button', { name: 'Edit as hex' }).click();
  await expect(field).toHaveValue(Array.from(built.bytes, (b) => b.toString(16).padStart(2, '0')).join(' '));
  await expect(status).toContainText(`${built.bytes.length} bytes from hex`);

  const bad = 'eth/ipv4/udp(dport=99999)';
  const refused = packetFromText(bad);
  if (refused.ok) throw new Error('the bad packet spec should be refused');
  await field.fill(bad);
  await expect(status).toContainText(`column ${refused.errors[0]!.col}: ${refused.errors[0]!.message}`);
  await expect(field).toHaveClass(/invalid/);

  await field.fill('');
  await expect(status).toHaveText('No packet given: a 14-byte zero Ethernet header is used.');
});
