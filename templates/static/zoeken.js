// The search page (/zoeken/): answers the form from the Pagefind indexes that griffie builds
// (pagefind/<year>/pagefind.js, Pagefind's JavaScript API), in the browser, so search works on
// any static host.
//
// - There is one index per year (a commit makes only its year's index again). The newest is
//   loaded first and the others are merged into it (Pagefind's mergeIndex): a search looks in
//   all of them, its results ordered by score. A search by filters alone lists the newest
//   first: it asks year by year, newest year first, each year sorted by date.
//
// - The query and filters live in the address (?q=…&soort=…&jaar=…&status=…&dossier=…&vergadering=…&fractie=…): the
//   search form in every page's header sends ?q= here, and a search can be bookmarked or shared.
// - Results are built with DOM methods and textContent only. Pagefind's excerpt is text with
//   <mark> around the words found (and < > in the text escaped); only those marks become
//   elements, everything else stays text.
// - The result count is announced through the page's status region (role="status").
// - Every word it writes comes from the page (data-texts: JSON made by griffie from its catalog
//   in the site's language), so the script has no language of its own.
// - Without JavaScript the form stays hidden and the page's <noscript> text says where else to
//   look; if the index cannot be loaded, the status region says so.
const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 300;

const app = document.getElementById('zoeken__app');
const TEXTS = app ? JSON.parse(app.dataset.texts || '{}') : {};
if (app) start(app);

/// A text of the page's language with each %{name} filled in.
function say(key, values = {}) {
  return (TEXTS[key] || '').replace(/%\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function start(app) {
  const form = document.getElementById('zoeken__formulier');
  const field = document.getElementById('zoeken__vraag');
  const selects = [...form.querySelectorAll('select[data-filter]')];
  const status = document.getElementById('zoeken__melding');
  const list = document.getElementById('zoeken__lijst');
  const more = document.getElementById('zoeken__meer');

  fromAddress(field, selects);
  form.hidden = false;

  const bundles = JSON.parse(app.dataset.bundles || '[]');
  const ready = loadPagefind(bundles, app.dataset.base);
  let generation = 0;
  let results = [];
  let shown = 0;
  let timer = null;

  async function search() {
    clearTimeout(timer);
    const query = field.value.trim();
    const filters = chosenFilters(selects);
    toAddress(query, selects);
    const mine = ++generation;
    if (!query && Object.keys(filters).length === 0) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    let found;
    try {
      const pagefind = await ready;
      if (!pagefind) found = { results: [] };
      else if (query) found = await pagefind.search(query, { filters });
      else found = await newestFirst(pagefind, filters, bundles);
    } catch (error) {
      if (mine === generation) unavailable(status, list, more);
      return;
    }
    if (mine !== generation || !found) return; // a newer search has started (or this one was dropped)
    results = found.results;
    shown = 0;
    list.replaceChildren();
    await showMore(false, mine);
    if (mine === generation) status.textContent = summary(results.length, query, filters);
  }

  // Adds the next page of results; `focus`: move the keyboard focus to the first new one.
  async function showMore(focus, mine = generation) {
    const next = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) return;
    const items = data.map(resultItem);
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= results.length;
    if (focus && items.length) items[0].querySelector('a').focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  });
  for (const select of selects) select.addEventListener('change', search);
  more.addEventListener('click', () => showMore(true));
  window.addEventListener('popstate', () => {
    fromAddress(field, selects);
    search();
  });

  if (field.value.trim() || Object.keys(chosenFilters(selects)).length) search();
  ready.catch(() => unavailable(status, list, more));
}

/// Pagefind's API, loaded once from the first (newest) index, with the other years' indexes
/// merged into it; result addresses get the site's base path. A site without documents has no
/// index: every search finds nothing.
async function loadPagefind(bundles, base) {
  if (bundles.length === 0) return null;
  const options = { baseUrl: base, excerptLength: 30 };
  const pagefind = await import(`${bundles[0]}pagefind.js`);
  await pagefind.options(options);
  await pagefind.init();
  await Promise.all(bundles.slice(1).map((bundle) => pagefind.mergeIndex(bundle, options)));
  return pagefind;
}

/// A search by filters alone: every matching document, newest first. Merged results are
/// ordered by score across the years' indexes, so each year is asked on its own (sorted by
/// date within it) and the years are put one after the other, newest first.
async function newestFirst(pagefind, filters, bundles) {
  const years = bundles.map((bundle) => bundle.replace(/\/$/, '').split('/').pop());
  const asked = filters.year ? [filters.year] : years;
  const perYear = await Promise.all(
    asked.map((year) => pagefind.search(null, { filters: { ...filters, year }, sort: { date: 'desc' } })),
  );
  return { results: perYear.flatMap((found) => (found ? found.results : [])) };
}

function unavailable(status, list, more) {
  list.replaceChildren();
  more.hidden = true;
  status.textContent = say('unavailable');
}

/// The filters chosen in the form, as Pagefind expects them: { type: "Motie", year: "2024" }.
function chosenFilters(selects) {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

function fromAddress(field, selects) {
  const params = new URLSearchParams(window.location.search);
  field.value = params.get('q') || '';
  for (const select of selects) {
    const wanted = params.get(select.name) || '';
    select.value = [...select.options].some((option) => option.value === wanted) ? wanted : '';
  }
}

function toAddress(query, selects) {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const select of selects) {
    if (select.value) params.set(select.name, select.value);
  }
  const text = params.toString();
  const address = `${window.location.pathname}${text ? `?${text}` : ''}`;
  if (address !== `${window.location.pathname}${window.location.search}`) {
    window.history.replaceState(null, '', address);
  }
}

/// "3 documenten gevonden voor “jeugdzorg” (Motie, 2024)."
function summary(count, query, filters) {
  const what = count === 1 ? say('one') : say('many', { count: count.toLocaleString(TEXTS.locale) });
  const chosen = Object.values(filters);
  const within = chosen.length ? ` (${chosen.join(', ')})` : '';
  if (!query) {
    return count === 0 ? say('none_filters', { within }) : say('listed', { what, within });
  }
  if (count === 0) {
    return say('none_found', { query, within, fewer: chosen.length ? say('fewer_filters') : '' });
  }
  return say('found', { what, query, within });
}

function element(name, className) {
  const el = document.createElement(name);
  if (className) el.className = className;
  return el;
}

/// One result: its title as a link to the document page, its type, date and status, and the
/// passage where the words were found.
function resultItem(data) {
  const item = element('li', 'search-result');
  const heading = element('h2', 'search-result__title');
  const link = element('a');
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);

  const facts = element('p', 'search-result__meta');
  const parts = [];
  const type = data.meta.type || first(data.filters.type);
  if (type) parts.push(document.createTextNode(type));
  if (data.meta.date) {
    const time = element('time');
    time.dateTime = data.meta.date;
    time.textContent = localDate(data.meta.date);
    parts.push(time);
  }
  const status = first(data.filters.status);
  if (status) {
    const slug = (TEXTS.statuses || {})[status] || status.toLowerCase();
    const badge = element('span', `status status--${slug}`);
    badge.textContent = status;
    parts.push(badge);
  }
  parts.forEach((part, i) => {
    if (i > 0) facts.append(' · ');
    facts.append(part);
  });

  const excerpt = element('p', 'search-result__excerpt');
  appendExcerpt(excerpt, data.excerpt || '');
  item.append(heading, facts, excerpt);
  return item;
}

function first(values) {
  return Array.isArray(values) && values.length ? values[0] : '';
}

/// Pagefind's excerpt into `parent`: <mark> and </mark> become a mark element, the rest text.
function appendExcerpt(parent, excerpt) {
  let mark = null;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') {
      mark = element('mark');
      parent.append(mark);
    } else if (piece === '</mark>') {
      mark = null;
    } else if (piece) {
      (mark || parent).append(piece.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    }
  }
}

/// "2024-07-11" → "11 juli 2024" (English: "11 July 2024"), "2024-07" → "juli 2024", "2024" → "2024".
function localDate(iso) {
  const [year, month, day] = iso.split('-');
  const name = (TEXTS.months || [])[Number(month) - 1];
  if (day && name) return `${Number(day)} ${name} ${year}`;
  if (name) return `${name} ${year}`;
  return year;
}
