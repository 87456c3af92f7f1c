// axe-core's WCAG 2.1 A and AA rules on the page as the browser shows it.
'use strict';
const fs = require('fs');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// The violations on `page`, one line per rule and element: "rule [impact] help — target: why".
async function axeProblems(page) {
  await page.addScriptTag({ content: source });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const problems = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const why = (node.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300);
      problems.push(`${violation.id} [${violation.impact}] ${violation.help} — ${node.target.join(' ')}: ${why}`);
    }
  }
  return problems;
}

module.exports = { axeProblems, TAGS };
