// What a visitor does on the site, step by step as a person would: follow a motion to the letter
// that answers it and back; search and open a result. Found through the site's open data
// (api/documents.json) and the pages' own headings and link texts, never through fixed addresses,
// so they work on any corpus.
'use strict';
const { axeProblems } = require('./axe');

// The Dutch headings of the templates that these journeys read.
const MOTION_REGIONS = ['Afhandeling', 'Samenhang met andere documenten'];
const RELATIONS_REGION = 'Samenhang met andere documenten';
const ANSWERS_HEADINGS = /^(Antwoord op|Handelt af)$/;
const PREFERRED_MOTION = 'motie-2024-07-11-juiste-basis-jeugdzorg';

class Skip extends Error {}

/// An answered motion (the bundled corpus's own when there) and its first answer.
function answeredMotion(documents) {
  const answered = [...documents.values()].filter((d) => ['motie', 'amendement'].includes(d.type)
    && d.state !== 'withdrawn' && (d.responded_by || []).some((id) => documents.has(id)));
  const motion = answered.find((d) => d.id === PREFERRED_MOTION) || answered[0];
  if (!motion) throw new Skip('SKIPPED: no answered motion in this site');
  return { motion, answer: documents.get(motion.responded_by.find((id) => documents.has(id))) };
}

async function heading1(page) {
  return (await page.locator('h1').first().innerText()).replace(/\s+/g, ' ').trim();
}

/// Motion page → (click) its answer → the answer says it answers the motion → (click) back.
async function motionAnswerProblems(page, site, url) {
  const { motion, answer } = answeredMotion(site.documents);
  await page.goto(url(motion.url));
  let link = null;
  for (const name of MOTION_REGIONS) {
    const candidates = page.getByRole('region', { name, exact: true }).getByRole('link', { name: answer.title, exact: true });
    if (await candidates.count()) {
      link = candidates.first();
      break;
    }
  }
  if (!link) return [`${motion.url}: no link “${answer.title}” to its answer in the sections ${MOTION_REGIONS.join(', ')}`];
  await Promise.all([page.waitForURL(url(answer.url)), link.click()]);
  const problems = [];
  if ((await heading1(page)) !== answer.title) problems.push(`${answer.url}: heading is “${await heading1(page)}”, not “${answer.title}”`);

  const relations = page.getByRole('region', { name: RELATIONS_REGION, exact: true });
  const headings = relations.getByRole('heading', { level: 3, name: ANSWERS_HEADINGS });
  let back = null;
  for (let i = 0; i < (await headings.count()); i++) {
    const list = headings.nth(i).locator('xpath=following-sibling::*[1]');
    const candidates = list.getByRole('link', { name: motion.title, exact: true });
    if (await candidates.count()) {
      back = candidates.first();
      break;
    }
  }
  if (!back) {
    problems.push(`${answer.url}: “${RELATIONS_REGION}” does not say that it answers “${motion.title}” (no link under ${ANSWERS_HEADINGS})`);
    return problems;
  }
  await Promise.all([page.waitForURL(url(motion.url)), back.click()]);
  if ((await heading1(page)) !== motion.title) problems.push(`back at ${motion.url}: heading is “${await heading1(page)}”, not “${motion.title}”`);
  return { problems, note: `${motion.id} → ${answer.id} → back` };
}

/// A word to search for: the longest word in the title of the first published document.
function searchWord(documents) {
  const doc = [...documents.values()].find((d) => d.state !== 'withdrawn' && d.title);
  if (!doc) throw new Skip('SKIPPED: no published document to search for');
  return doc.title.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
}

/// /zoeken/: type a word into the search box, wait for results, open the first one.
async function searchProblems(page, site, url) {
  if (!site.hasSearch) throw new Skip('SKIPPED: no search page (zoeken/index.html) in this site');
  const query = searchWord(site.documents);
  await page.goto(url('/zoeken/'));
  // A search box made by a script (e.g. Pagefind's UI: a text input in a form with role search)
  // appears after the page has loaded.
  const box = page.getByRole('searchbox')
    .or(page.getByRole('search').getByRole('textbox'))
    .first();
  try {
    await box.waitFor({ state: 'visible', timeout: 10000 });
  } catch {
    return ['/zoeken/: no search box (a searchbox, or a text box in a search landmark)'];
  }
  await box.click();
  await box.pressSequentially(query, { delay: 30 });
  await box.press('Enter');
  const results = page.locator('main a[href*="/documenten/"]');
  try {
    await results.first().waitFor({ state: 'visible', timeout: 15000 });
  } catch {
    return [`/zoeken/: no result links to documents after searching for “${query}”`];
  }
  const problems = (await axeProblems(page)).map((p) => `/zoeken/ with results for “${query}”: ${p}`);
  const href = await results.first().getAttribute('href');
  const target = new URL(href, page.url());
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === target.pathname && r.request().resourceType() === 'document'),
    results.first().click(),
  ]);
  await page.waitForLoadState('load');
  if (response.status() !== 200) return [...problems, `the first result leads to ${target.pathname}: HTTP ${response.status()}`];
  const text = (await page.locator('main').innerText()).toLowerCase();
  if (!text.includes(query.toLowerCase())) problems.push(`result ${target.pathname} does not contain “${query}”`);
  return { problems, note: `“${query}” → ${target.pathname}` };
}

module.exports = { motionAnswerProblems, searchProblems, Skip };
