// Playwright e2e against the production build, in Debian's Chromium (never a downloaded browser).
// The web server builds with Vite and serves dist/ with `vite preview` on a fixed port
// (BPFIDDLE_E2E_PORT overrides it; scripts/e2e.mjs picks a free one).
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.BPFIDDLE_E2E_PORT ?? 4317);
const chromium = process.env.BPFIDDLE_CHROMIUM ?? '/usr/bin/chromium';
// Where the build goes: several people running e2e in one checkout each set their own directory.
const dist = process.env.BPFIDDLE_E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: process.env.BPFIDDLE_E2E_RESULTS ?? 'test-results',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 760 },
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite build --logLevel warn --outDir ${dist} --emptyOutDir && npx vite preview --outDir ${dist} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
