// Keyboard-only use of a page: Tab reaches every rendered link, button and other focusable element,
// in reading order, each visible with a focus indicator when focused; the skip link moves to the
// main content.
'use strict';

// What the browser can put in the Tab order (filtered further in the page).
const FOCUSABLE = [
  'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
  'summary', 'iframe', 'audio[controls]', 'video[controls]', '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(', ');

/// In the page: marks every element that Tab should reach (every rendered link, button and form
/// control, and anything else with a tabindex ≥ 0) with `data-kb="<n>"` (reading order) and
/// returns their labels and their look without focus.
function markFocusable(selector) {
  const label = (el) => {
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim();
    const href = el.getAttribute('href');
    return `<${el.tagName.toLowerCase()}> “${text.slice(0, 50)}”${href ? ` ${href}` : ''}`;
  };
  const focusable = [];
  for (const el of document.querySelectorAll(selector)) {
    // A control is expected even with tabindex="-1": a visible link that Tab skips is a problem.
    const control = el.matches('a[href], area[href], button, input, select, textarea, summary');
    if ((el.tabIndex < 0 && !control) || el.disabled || el.closest('[inert]')) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const details = el.tagName === 'SUMMARY' ? el.parentElement : null;
    if (details && details.tagName === 'DETAILS' && details.querySelector(':scope > summary') !== el) continue;
    const style = getComputedStyle(el);
    el.setAttribute('data-kb', String(focusable.length));
    focusable.push({ label: label(el), outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`, boxShadow: style.boxShadow });
  }
  return focusable;
}

/// In the page: the focused element, whether it shows on screen, and its focus indicator.
function focusedElement() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < window.innerHeight && r.left < window.innerWidth;
  const style = getComputedStyle(el);
  const text = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
  return {
    kb: el.getAttribute('data-kb'),
    label: `<${el.tagName.toLowerCase()}> “${text.slice(0, 50)}”${el.getAttribute('href') ? ` ${el.getAttribute('href')}` : ''}`,
    onScreen,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    outlineShown: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    boxShadow: style.boxShadow,
  };
}

/// Tabs through the page from its start: the problems as text (none: keyboard use works) and a
/// note of how many elements Tab reached.
async function keyboardProblems(page) {
  const expected = await page.evaluate(markFocusable, FOCUSABLE);
  const problems = [];
  const reached = new Set();
  let previous = -1;
  for (let step = 0; step < expected.length + 20; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(focusedElement);
    if (!focused) {
      if (step > 0) break; // left the page after its last element
      continue;
    }
    const index = focused.kb === null ? null : Number(focused.kb);
    if (index !== null && reached.has(index)) break; // wrapped around
    if (!focused.onScreen) problems.push(`focused but not visible on screen: ${focused.label}`);
    const before = index === null ? null : expected[index];
    const shadowShown = focused.boxShadow !== 'none' && (!before || focused.boxShadow !== before.boxShadow);
    const outlineShown = focused.outlineShown && (!before || focused.outline !== before.outline);
    if (!shadowShown && !outlineShown) {
      problems.push(`no visible focus indicator (outline ${focused.outline}, box-shadow ${focused.boxShadow}): ${focused.label}`);
    }
    if (index !== null) {
      if (index < previous) problems.push(`focus order differs from reading order: ${expected[previous].label} before ${focused.label}`);
      reached.add(index);
      previous = index;
    }
  }
  expected.forEach((el, i) => {
    if (!reached.has(i)) problems.push(`never reached by Tab: ${el.label}`);
  });
  return { problems, note: `Tab reached ${reached.size} of ${expected.length} elements` };
}

/// The first Tab lands on a visible link to the main content; following it moves there, so that
/// the next Tab continues in the main content.
async function skipLinkProblems(page) {
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const href = el && el.getAttribute('href');
    const main = document.querySelector('main');
    const target = href && href.startsWith('#') ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    const r = el ? el.getBoundingClientRect() : null;
    return {
      href,
      text: el ? el.textContent.trim() : '',
      hasMain: Boolean(main),
      toMain: Boolean(target && main && (target === main || main.contains(target))),
      onScreen: Boolean(r && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight),
    };
  });
  if (!first.hasMain) return ['the page has no <main> element'];
  if (!first.toMain) return [`the first Tab reaches “${first.text}” ${first.href}, not a skip link to the main content`];
  const problems = [];
  if (!first.onScreen) problems.push(`the skip link “${first.text}” is not visible when focused`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => {
    const main = document.querySelector('main');
    const el = document.activeElement;
    const inOrAfter = el && el !== document.body
      && (main.contains(el) || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    return { inOrAfter, hash: location.hash, text: el ? el.textContent.trim().slice(0, 50) : '' };
  });
  if (next.hash !== first.href) problems.push(`following the skip link gives address ${next.hash}, not ${first.href}`);
  if (!next.inOrAfter) problems.push(`after the skip link, Tab goes to “${next.text}”, which is before the main content`);
  return problems;
}

module.exports = { keyboardProblems, skipLinkProblems };
