//! The bounds on everything a source file can make griffie do.
//!
//! Sources are untrusted text: a careless or hostile contributor can commit a front matter of
//! YAML aliases that expands to gigabytes, a Markdown line of ten thousand nested quotes, or a
//! list of fifty thousand identifiers. Each such input is refused with a diagnostic at its file
//! and line, before any stage spends memory or time on it, so every pass over a document stays
//! linear (or `n log n`) in a size that is itself bounded. The numbers are far above any real
//! council document (the largest of Almelo's, a transformation plan, is 60 kB of text with
//! front matter under 1 kB and lists of at most five items) and are listed in the README.

/// Largest source file (`.md`, `.yaml`) read from `content/` or from history: 1 MiB, about
/// 500 printed pages. A council brief of a hundred pages is about 300 kB of text; typst lays out
/// a 1 MB body in a few seconds and under 400 MB.
pub(crate) const MAX_SOURCE_BYTES: u64 = 1024 * 1024;

/// Longest paragraph, heading or table cell of a body, in bytes of its source: 32 KiB, some
/// 5,000 words. typst breaks a paragraph into lines as a whole, and one paragraph of a
/// megabyte costs it over a gigabyte; real paragraphs are a few hundred words.
pub(crate) const MAX_PARAGRAPH_BYTES: usize = 32 * 1024;

/// Largest front matter (the YAML between the `---` lines, or a whole `.yaml` record): 64 KiB.
pub(crate) const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Most YAML nodes (scalars, lists, mappings) a front matter may hold, counted after aliases
/// (`*name`) are expanded, so an alias "bomb" is refused after at most this much work.
pub(crate) const MAX_FRONT_MATTER_NODES: usize = 10_000;

/// Deepest nesting of lists and mappings in a front matter. Real fields nest three deep
/// (`submitters:` → item → `name:`).
pub(crate) const MAX_FRONT_MATTER_DEPTH: usize = 16;

/// Most items in one front-matter list or mapping (`identifiers:`, `references:`, …).
pub(crate) const MAX_LIST_ITEMS: usize = 1_000;

/// Largest `griffie.yaml`: 1 MiB. It is written by whoever maintains the site, but a broken
/// configuration must still be a diagnostic, never a crash.
pub(crate) const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// Most YAML nodes in `griffie.yaml`, after aliases are expanded.
pub(crate) const MAX_CONFIG_NODES: usize = 200_000;

/// Most items in one list or mapping of `griffie.yaml` (topics, letter texts, …).
pub(crate) const MAX_CONFIG_ITEMS: usize = 20_000;

/// Deepest nesting of Markdown elements (quotes, lists and their items, paragraphs, emphasis,
/// links) in a body. The web page and the PDF are made from the same tree, and typst stops at
/// a fixed depth of show rules: 16 nested quotes or 14 nested lists already fail there, 11
/// quotes around a bold, italic link (15) still work. Real documents nest four or five deep
/// (a list in a list: list, item, list, item, paragraph).
pub(crate) const MAX_MARKDOWN_DEPTH: usize = 12;

/// Diagnostics of one kind reported per document before the rest are summed up in one note:
/// a body citing fifty thousand unknown numbers gives a readable report, not fifty thousand
/// warnings.
pub(crate) const MAX_REPEATS_PER_DOCUMENT: usize = 20;
