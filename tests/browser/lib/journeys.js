// What a visitor does on the site, step by step as a person would: follow a motion to the letter
// that answers it and back; from a meeting's agenda to a motion, its vote to a party's page,
// and back; search from the header, filter, and open a result; find the way
// without JavaScript. Found through the site's open data
// (api/documents.json) and the pages' own headings and link texts, never through fixed addresses,
// so they work on any corpus.
'use strict';
const { axeProblems } = require('./axe');
const { keyboardProblems } = require('./keyboard');

// The Dutch headings of the templates that these journeys read.
const MOTION_REGIONS = ['Afhandeling', 'Samenhang met andere documenten'];
const RELATIONS_REGION = 'Samenhang met andere documenten';
const ANSWERS_HEADINGS = /^(Antwoord op|Handelt af)$/;
const PREFERRED_MOTION = 'motie-2024-07-11-juiste-basis-jeugdzorg';

const AGENDA_REGION = 'Agenda';
const VOTE_REGION = 'Stemming';
const DECIDED_IN = 'Besloten in';
const PARTY_HEADING = (name) => `Fractie ${name}`;
const NEXT_PAGE = /^Volgende/;

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

/// What to search for, and the document it must find. On a site with a document about
/// "jeugdzorg" (the bundled corpus) a form that only Dutch stemming matches: "jeugdzorgen";
/// elsewhere the longest word of a published document's title, as it is.
function searchPlan(documents) {
  const published = [...documents.values()].filter((d) => d.state !== 'withdrawn' && d.title);
  if (!published.length) throw new Skip('SKIPPED: no published document to search for');
  const youthCare = published.find((d) => /(^|[^\p{L}])jeugdzorg([^\p{L}]|$)/iu.test(d.title));
  if (youthCare) return { query: 'jeugdzorgen', word: 'jeugdzorg', doc: youthCare };
  const doc = published[0];
  const word = doc.title.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
  return { query: word, word, doc };
}

/// The Dutch label of a document type as the site shows it: "motie" → "Motie".
const typeLabel = (type) => type.charAt(0).toUpperCase() + type.slice(1);

/// The result links on the search page, and the text of the status region.
const resultLinks = (page) => page.locator('main ol li h2 a');
const searchStatus = (page) => page.getByRole('main').getByRole('status');

/// Waits until the status region announces a count and returns its text.
async function waitForCount(page, what) {
  try {
    await searchStatus(page).filter({ hasText: /gevonden|documenten?\b/ }).waitFor({ timeout: 15000 });
  } catch {
    throw new Error(`${what}: the status region announced no result count`);
  }
  return (await searchStatus(page).innerText()).trim();
}

/// The header's search box on the home page → /zoeken/?q=… with results → a type filter → the
/// same search from its address (reload), checked with axe at both widths and with the
/// keyboard → the expected document among the results → its page.
async function searchProblems(page, site, url) {
  if (!site.hasSearch) throw new Skip('SKIPPED: no search page (zoeken/index.html) in this site');
  const { query, word, doc } = searchPlan(site.documents);
  const label = typeLabel(doc.type);
  const problems = [];

  await page.goto(url('/'));
  const headerBox = page.getByRole('banner').getByRole('search').getByRole('searchbox');
  if (!(await headerBox.count())) return ['/: no search box in the header (a searchbox in a search landmark)'];
  await headerBox.pressSequentially(query, { delay: 30 });
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/zoeken/') && u.searchParams.get('q') === query), headerBox.press('Enter')]);
  const box = page.getByRole('main').getByRole('searchbox');
  if ((await box.inputValue()) !== query) problems.push(`/zoeken/: the search box holds “${await box.inputValue()}”, not the query “${query}” from the address`);
  const unfiltered = await waitForCount(page, `“${query}”`);
  if (!(await resultLinks(page).count())) return [...problems, `/zoeken/: no results for “${query}” (${unfiltered})`];

  await page.getByRole('main').getByLabel('Soort document').selectOption({ label });
  await page.waitForURL((u) => u.searchParams.get('soort') === label);
  await searchStatus(page).filter({ hasText: `(${label})` }).waitFor({ timeout: 15000 });
  const filtered = (await searchStatus(page).innerText()).trim();

  // The address alone brings the same search back (a bookmark, a shared link).
  await page.reload();
  await searchStatus(page).filter({ hasText: `(${label})` }).waitFor({ timeout: 15000 });
  const links = resultLinks(page);
  const titles = (await links.allInnerTexts()).map((t) => t.trim());
  if (!titles.includes(doc.title)) problems.push(`“${query}” with type ${label}: “${doc.title}” is not among the results ${JSON.stringify(titles)}`);
  for (const meta of await page.locator('main ol li .search-result__meta').allInnerTexts()) {
    if (!meta.startsWith(label)) problems.push(`filtered on ${label}, a result says “${meta}”`);
  }
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    problems.push(...(await axeProblems(page)).map((p) => `/zoeken/ with results @${width}px: ${p}`));
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  const keyboard = await keyboardProblems(page);
  problems.push(...keyboard.problems.map((p) => `/zoeken/ with results, keyboard: ${p}`));

  const link = links.filter({ hasText: doc.title }).first();
  if (!(await link.count())) return problems;
  const target = new URL(await link.getAttribute('href'), page.url());
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === target.pathname && r.request().resourceType() === 'document'),
    link.click(),
  ]);
  await page.waitForLoadState('load');
  if (response.status() !== 200) return [...problems, `the result “${doc.title}” leads to ${target.pathname}: HTTP ${response.status()}`];
  if ((await heading1(page)) !== doc.title) problems.push(`${target.pathname}: heading is “${await heading1(page)}”, not “${doc.title}”`);
  const text = (await page.locator('main').innerText()).toLowerCase();
  if (!text.includes(word.toLowerCase())) problems.push(`result ${target.pathname} does not contain “${word}”`);
  return { problems, note: `“${query}”: ${unfiltered} → ${label}: ${filtered} → ${target.pathname}` };
}

/// /zoeken/?soort=… without a query: every document of the type with documents in the most
/// years, from all the years' indexes (pagefind/<year>/, merged in the browser), newest first.
async function filterOnlyProblems(page, site, url) {
  if (!site.hasSearch) throw new Skip('SKIPPED: no search page (zoeken/index.html) in this site');
  const byType = new Map();
  for (const doc of site.documents.values()) {
    if (!byType.has(doc.type)) byType.set(doc.type, []);
    byType.get(doc.type).push(doc);
  }
  const years = (docs) => new Set(docs.map((d) => String(d.date).slice(0, 4))).size;
  const [type, docs] = [...byType.entries()].sort((a, b) => years(b[1]) - years(a[1]))[0] || [];
  if (!type || years(docs) < 2) throw new Skip('SKIPPED: no type with documents in two years');
  const label = typeLabel(type);
  await page.goto(url(`/zoeken/?soort=${encodeURIComponent(label)}`));
  const status = await waitForCount(page, label);
  const more = page.locator('#zoeken__meer');
  for (let i = 0; i < 1000 && (await more.isVisible()); i++) {
    const before = await resultLinks(page).count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('main ol li h2 a').length > n, before);
  }
  const dates = await page.locator('main ol li .search-result__meta time').evaluateAll((times) => times.map((t) => t.dateTime));
  const problems = [];
  if (dates.length !== docs.length) problems.push(`${label}: ${dates.length} results listed, ${docs.length} documents of that type (${status})`);
  const shown = new Set(dates.map((d) => d.slice(0, 4))).size;
  if (shown !== years(docs)) problems.push(`${label}: results from ${shown} years, documents from ${years(docs)}`);
  dates.forEach((date, i) => {
    if (i > 0 && date > dates[i - 1]) problems.push(`${label}: result ${i + 1} (${date}) is newer than the one before it (${dates[i - 1]})`);
  });
  return { problems, note: `${label}: ${dates.length} results from ${shown} years, newest first` };
}

/// /zoeken/ without JavaScript: no form that cannot work, and a message that says what to do,
/// with links to the lists per type, the dossiers, the motievolglijst and the open data.
async function searchWithoutScriptProblems(browser, site, url) {
  if (!site.hasSearch) throw new Skip('SKIPPED: no search page (zoeken/index.html) in this site');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(url('/zoeken/?q=jeugdzorg'));
    const problems = [];
    const main = page.getByRole('main');
    if (await main.getByRole('searchbox').isVisible()) problems.push('/zoeken/ without JavaScript shows a search box that cannot work');
    // Playwright's text locators skip <noscript>; the rendered text of main does not.
    if (!(await main.innerText()).includes('Zoeken werkt alleen met JavaScript')) {
      problems.push('/zoeken/ without JavaScript does not say that search needs JavaScript');
    }
    for (const name of ['Dossiers', 'Motievolglijst', /^Open data/]) {
      if (!(await main.getByRole('link', { name }).count())) problems.push(`/zoeken/ without JavaScript has no link ${name}`);
    }
    return problems;
  } finally {
    await context.close();
  }
}

/// A meeting, a motion on its agenda with a vote per party, and a party that voted on it.
function meetingVotePlan(site) {
  for (const party of site.parties) {
    for (const vote of party.votes || []) {
      const motion = site.documents.get(vote.document);
      if (!motion || motion.state === 'withdrawn' || !motion.meeting) continue;
      const meeting = site.documents.get(motion.meeting);
      const listed = meeting && (meeting.agenda || []).some((item) => item.documents.includes(motion.id));
      if (listed) return { meeting, motion, party };
    }
  }
  throw new Skip('SKIPPED: no meeting with a motion voted per party in this site');
}

/// The link named `name` inside the region named `region`, or null.
async function linkIn(page, region, name) {
  const links = page.getByRole('region', { name: region, exact: true }).getByRole('link', { name, exact: true });
  return (await links.count()) ? links.first() : null;
}

/// Meeting page → (click) a motion on its agenda → (click) a party in its vote table → the
/// party's pages list the motion → (click) it → (click) "Besloten in" back to the meeting.
async function meetingVoteProblems(page, site, url) {
  const { meeting, motion, party } = meetingVotePlan(site);
  await page.goto(url(meeting.url));
  const toMotion = await linkIn(page, AGENDA_REGION, motion.title);
  if (!toMotion) return [`${meeting.url}: no link “${motion.title}” in the region “${AGENDA_REGION}”`];
  await Promise.all([page.waitForURL(url(motion.url)), toMotion.click()]);
  const problems = [];
  if ((await heading1(page)) !== motion.title) problems.push(`${motion.url}: heading is “${await heading1(page)}”`);

  const toParty = await linkIn(page, VOTE_REGION, party.name);
  if (!toParty) return [...problems, `${motion.url}: no link “${party.name}” in the region “${VOTE_REGION}”`];
  await Promise.all([page.waitForURL(url(party.url)), toParty.click()]);
  if ((await heading1(page)) !== PARTY_HEADING(party.name)) {
    problems.push(`${party.url}: heading is “${await heading1(page)}”, not “${PARTY_HEADING(party.name)}”`);
  }
  // Newest first and paginated: the motion may be on a later page; follow "Volgende".
  let back = null;
  let pages = 1;
  for (; pages <= 50; pages++) {
    const candidates = page.getByRole('main').getByRole('table').getByRole('link', { name: motion.title, exact: true });
    if (await candidates.count()) {
      back = candidates.first();
      break;
    }
    const next = page.getByRole('navigation').getByRole('link', { name: NEXT_PAGE });
    if (!(await next.count())) break;
    await Promise.all([page.waitForLoadState('load'), next.first().click()]);
  }
  if (!back) return [...problems, `${party.url}: the party's pages do not list “${motion.title}”`];
  await Promise.all([page.waitForURL(url(motion.url)), back.click()]);
  const facts = page.locator('dl.facts div').filter({ has: page.getByText(DECIDED_IN, { exact: true }) });
  const toMeeting = facts.getByRole('link', { name: meeting.title, exact: true });
  if (!(await toMeeting.count())) return [...problems, `${motion.url}: “${DECIDED_IN}” does not link “${meeting.title}”`];
  await Promise.all([page.waitForURL(url(meeting.url)), toMeeting.first().click()]);
  if ((await heading1(page)) !== meeting.title) problems.push(`back at ${meeting.url}: heading is “${await heading1(page)}”`);
  return { problems, note: `${meeting.id} → ${motion.id} → ${party.slug} (page ${pages}) → back` };
}

module.exports = { meetingVoteProblems, motionAnswerProblems, searchProblems, filterOnlyProblems, searchWithoutScriptProblems, Skip };
