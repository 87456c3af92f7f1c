// What a built site holds, read from its files: its base path, its open data, and one page of
// every kind, so that the checks cover each template without a list of corpus paths.
'use strict';
const fs = require('fs');
const path = require('path');

function readJson(siteDir, file, fallback) {
  const full = path.join(siteDir, file);
  return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) : fallback;
}

/// The path the site lives under ("/" or e.g. "/raad/"): that of the home page's canonical
/// address, which griffie takes from `base_url`.
function basePath(siteDir) {
  const home = path.join(siteDir, 'index.html');
  const html = fs.existsSync(home) ? fs.readFileSync(home, 'utf8') : '';
  const match = html.match(/<link rel="canonical" href="([^"]+)"/);
  if (!match) return '/';
  const pathname = new URL(match[1], 'http://site.invalid/').pathname;
  return pathname.endsWith('/') ? pathname : pathname + '/';
}

/// Every HTML file under `dir`, as site paths ("/", "/moties/", "/404.html"), sorted.
function htmlPages(siteDir) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = path.relative(siteDir, full).split(path.sep).join('/');
        const sitePath = '/' + (entry.name === 'index.html' ? rel.slice(0, -'index.html'.length) : rel);
        pages.push({ path: sitePath, bytes: fs.statSync(full).size });
      }
    }
  };
  walk(siteDir);
  return pages.sort((a, b) => a.path.localeCompare(b.path));
}

/// The kind of page at `sitePath`: the template and the state it shows. Pages of one kind differ
/// only in their data; a path that matches no known shape is a kind of its own, so that a new
/// kind of page (e.g. search) is covered without changing this file.
function kindOf(sitePath, documents, deleted) {
  if (sitePath === '/') return 'home';
  let m = sitePath.match(/^\/documenten\/([^/]+)\/$/);
  if (m) {
    const doc = documents.get(m[1]);
    if (deleted.has(m[1])) return 'document: deleted (tombstone)';
    if (!doc) return 'document: unknown';
    if (doc.state === 'withdrawn') return 'document: withdrawn (tombstone)';
    if (doc.draft) return `document: ${doc.type}, draft`;
    return `document: ${doc.type}`;
  }
  m = sitePath.match(/^\/documenten\/[^/]+\/v(\d+)\/$/);
  if (m) return Number(m[1]) === 1 ? 'version 1' : 'version ≥ 2 (with diff)';
  if (/^\/dossiers\/[^/]+\/$/.test(sitePath)) return 'dossier';
  m = sitePath.match(/^(\/.*\/)pagina\/\d+\/$/);
  if (m) return `${kindOf(m[1], documents, deleted)}, page ≥ 2`;
  if (/^\/zoeken\//.test(sitePath)) return `search: ${sitePath}`;
  return sitePath;
}

/// The site's open data and one page of each kind (the largest, which shows the most).
function describe(siteDir) {
  const documentList = readJson(siteDir, 'api/documents.json', []);
  const documents = new Map(documentList.map((d) => [d.id, d]));
  const deleted = new Set(readJson(siteDir, 'api/deleted.json', []).map((d) => d.id));
  const kinds = new Map();
  for (const page of htmlPages(siteDir)) {
    const kind = kindOf(page.path, documents, deleted);
    const best = kinds.get(kind);
    if (!best || page.bytes > best.bytes) kinds.set(kind, page);
  }
  const pages = [...kinds.entries()]
    .map(([kind, page]) => ({ kind, path: page.path }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  return {
    basePath: basePath(siteDir),
    documents,
    parties: readJson(siteDir, 'api/parties.json', []),
    pages,
    hasSearch: fs.existsSync(path.join(siteDir, 'zoeken', 'index.html')),
  };
}

module.exports = { describe, basePath };
