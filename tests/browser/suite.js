#!/usr/bin/env node
// The browser checks of a built griffie site, in Debian's Chromium through playwright-core:
// axe-core (WCAG 2.1 A and AA) and keyboard use on one page of every kind at 1280 and 375 px,
// and the visitor journeys (motion → answer → back; meeting → motion → party → back; search from the header, filter, open a
// result; the search page without JavaScript). Usually run by `tests/browser/run`.
//
// Usage: node suite.js SITE_DIR      (Chromium: $CHROMIUM, default /usr/bin/chromium)
// Prints one line per check and ends with "browser: N passed, N failed, N skipped"; exit code 1
// when a check failed, 2 when the suite itself could not run.
'use strict';
const { chromium } = require('playwright-core');
const { describe } = require('./lib/site');
const { serve } = require('./lib/server');
const { axeProblems } = require('./lib/axe');
const { keyboardProblems, skipLinkProblems } = require('./lib/keyboard');
const { meetingVoteProblems, motionAnswerProblems, searchProblems, filterOnlyProblems, searchWithoutScriptProblems, Skip } = require('./lib/journeys');

// Chromium's flags on these machines: headless as root, and no background connections (the
// closed network refuses them, many at a time).
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORTS = [{ width: 1280, height: 900 }, { width: 375, height: 800 }];

const counts = { passed: 0, failed: 0, skipped: 0 };

/// Runs one check: `check` returns its problems (none: pass), or { problems, note } to say what
/// it saw, or throws Skip.
async function test(name, check) {
  let problems;
  let note = '';
  try {
    const result = await check();
    ({ problems, note = '' } = Array.isArray(result) ? { problems: result } : result);
  } catch (error) {
    if (error instanceof Skip) {
      counts.skipped++;
      console.log(`skip ${name}: ${error.message}`);
      return;
    }
    problems = [`the check itself failed: ${error.message.split('\n')[0]}`];
  }
  if (problems.length === 0) {
    counts.passed++;
    console.log(`ok   ${name}${note ? ` (${note})` : ''}`);
    return;
  }
  counts.failed++;
  console.log(`FAIL ${name}: ${problems.length} problem(s)`);
  for (const problem of problems) console.log(`       ${problem}`);
}

/// Opens `address` in a new tab of `context`; the tab and the requests that failed (status ≥ 400
/// or no answer) on the way.
async function open(context, address) {
  const page = await context.newPage();
  const failed = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`${request.failure().errorText} ${request.url()}`));
  await page.goto(address, { waitUntil: 'load' });
  return { page, failed };
}

async function main() {
  const siteDir = process.argv[2];
  if (!siteDir) {
    console.error('usage: node suite.js SITE_DIR');
    process.exit(2);
  }
  const site = describe(siteDir);
  if (site.pages.length === 0) throw new Error(`no HTML pages in ${siteDir}`);
  const server = await serve(siteDir, site.basePath);
  console.log(`serving ${siteDir} at ${server.url('/')}; one page of each kind:`);
  for (const { kind, path } of site.pages) console.log(`  ${kind.padEnd(34)} ${path}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport });
      for (const { kind, path } of site.pages) {
        const where = `${kind === path ? path : `${kind} ${path}`} @${viewport.width}px`;
        await test(`axe ${where}`, async () => {
          const { page, failed } = await open(context, server.url(path));
          const problems = [...failed.map((f) => `request failed: ${f}`), ...(await axeProblems(page))];
          await page.close();
          return problems;
        });
        await test(`keyboard ${where}`, async () => {
          const { page } = await open(context, server.url(path));
          const result = await keyboardProblems(page);
          await page.close();
          return result;
        });
        await test(`skip link ${where}`, async () => {
          const { page } = await open(context, server.url(path));
          const problems = await skipLinkProblems(page);
          await page.close();
          return problems;
        });
      }
      await context.close();
    }
    const context = await browser.newContext({ viewport: VIEWPORTS[0] });
    const page = await context.newPage();
    await test('journey: a motion, the letter that answers it, and back', () => motionAnswerProblems(page, site, server.url));
    await test('journey: a meeting, a motion on its agenda, a party that voted, and back', () => meetingVoteProblems(page, site, server.url));
    await test('journey: search from the header, filter, open a result', () => searchProblems(page, site, server.url));
    await test('journey: a type filter alone lists every year, newest first', () => filterOnlyProblems(page, site, server.url));
    await context.close();
    await test('journey: the search page without JavaScript', () => searchWithoutScriptProblems(browser, site, server.url));
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(counts.failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`browser suite could not run: ${error.stack || error}`);
  process.exit(2);
});
