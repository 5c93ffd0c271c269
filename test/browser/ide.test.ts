import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, Browser } from 'playwright-core';
import { startTestGraph, TestGraph } from '../support/graph';

/**
 * The GraphQL IDE in a real (headless) Chromium: it loads offline from the
 * gateway (every request the page makes stays on the gateway's origin), a demo
 * account signs in, and a query runs. `npm run test:browser` (Debian's
 * chromium at /usr/bin/chromium or CHROMIUM_PATH).
 */
describe('GraphQL IDE (GraphiQL) in headless Chromium', () => {
  let g: TestGraph;
  let browser: Browser;
  beforeAll(async () => {
    g = await startTestGraph('sqlite');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  it('opens offline, signs in with a demo account and runs a query', async () => {
    const page = await browser.newPage();
    const origin = new URL(g.gatewayUrl).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/ide`);
    await page.getByText('executive@example.com').first().click();
    await page.click('#login');
    await page.waitForSelector('text=Signed in as executive@example.com');
    await page.waitForSelector('.graphiql-execute-button');
    await page.click('.graphiql-execute-button');
    const result = page.locator('.graphiql-response');
    await result.getByText('"totalCount"').waitFor({ timeout: 20_000 });
    const text = await result.innerText();
    expect(text).toContain('executive@example.com');
    expect(text).toContain('GROUP_EXECUTIVE');
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'gg-ide.png') });
  }, 60_000);
});
