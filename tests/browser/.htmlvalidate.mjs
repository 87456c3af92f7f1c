// html-validate's configuration for a built griffie site (used by tests/browser/run).
// A JavaScript module rather than .htmlvalidate.json, so that every relaxed rule says why.
export default {
  root: true,
  extends: ["html-validate:recommended", "html-validate:a11y", "html-validate:document"],
  rules: {
    // Subresource integrity protects against a third-party host serving altered files. The site
    // loads only its own stylesheet, from its own origin, where a hash would add nothing; any
    // cross-origin script or stylesheet still needs one.
    "require-sri": ["error", { target: "crossorigin" }],
    // A page's <title> is the document's official title and the site name. The 70-character
    // limit is a search-engine snippet heuristic, not validity or accessibility (WCAG 2.4.2 asks
    // for a descriptive title, not a short one), and an official title cannot be shortened.
    "long-title": "off",
    // The Markdown renderer writes a table column's alignment (`| ---: |`) as
    // style="text-align: …" on its cells, as CommonMark renderers do; that one property is
    // allowed. Any other inline style is still an error.
    "no-inline-style": ["error", { allowedProperties: ["display", "text-align"] }],
  },
};
