#!/usr/bin/env node
// Runs axe-core (WCAG 2.1 A + AA) on every page kind of a built griffie site.
// Usage: node axe-check.js [baseUrl]   (default http://127.0.0.1:8123)
// Serve the output first, e.g.:
//   python3 -m http.server 8123 --bind 127.0.0.1 --directory output
// Needs: npm i axe-core playwright-core; Chromium at $CHROMIUM (default /usr/bin/chromium).
// Exit code 1 when any page has a violation (or fails to load).
'use strict';
const fs = require('fs');
const { chromium } = require('playwright-core');

const base = (process.argv[2] || 'http://127.0.0.1:8123').replace(/\/$/, '');
const pages = [
  '/',
  '/raadsbrieven/',
  '/documenten/plan-2018-09-27-twents-transformatieplan/',
  '/documenten/raadsbrief-2025-07-15-motie-juiste-basis/',
  '/documenten/motie-2024-07-11-juiste-basis-jeugdzorg/',
  '/documenten/raadsbrief-2024-11-plan-de-campagne/',
  '/dossiers/jeugdzorg/',
  '/dossiers/',
  '/motievolglijst/',
  '/404.html',
];
const viewports = [{ width: 1280, height: 900 }, { width: 375, height: 800 }];
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failed = 0;
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport });
    for (const path of pages) {
      const page = await context.newPage();
      const label = `${path} @${viewport.width}px`;
      const response = await page.goto(base + path, { waitUntil: 'load' });
      if (!response || response.status() !== 200) {
        console.log(`FAIL ${label}: HTTP ${response && response.status()}`);
        failed++;
        await page.close();
        continue;
      }
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
      const v = result.violations;
      const incomplete = result.incomplete.map((i) => `${i.id}(${i.nodes.length})`).join(', ');
      console.log(`${v.length ? 'FAIL' : 'ok  '} ${label}: ${v.length} violations, ${result.passes.length} passes${incomplete ? `; needs review: ${incomplete}` : ''}`);
      for (const violation of v) {
        failed++;
        console.log(`  [${violation.impact}] ${violation.id}: ${violation.help}`);
        for (const node of violation.nodes.slice(0, 5)) {
          console.log(`    ${node.target.join(' ')} :: ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
      }
      await page.close();
    }
    await context.close();
  }
  await browser.close();
  console.log(failed ? `${failed} violation(s)` : 'no axe violations');
  process.exit(failed ? 1 : 0);
})().catch((err) => { console.error(err); process.exit(2); });
