//! Slugs: the ids and topic names that become URL path segments, so they are limited to `a-z`,
//! `0-9` and single hyphens. Used by the loader (which refuses other ids), by `griffie new` and
//! the heading anchors (which make one from a title).

/// `true` when `text` is a valid id or topic slug: `a-z`, `0-9`, single hyphens inside.
pub(crate) fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A slug as words, for a topic without a configured title: "jeugdzorg" → "Jeugdzorg",
/// "passend-onderwijs" → "Passend onderwijs".
pub(crate) fn as_words(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A slug suggestion for an invalid id: lower case, accents dropped, other characters hyphens.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("motie-2024-07-11"));
        assert!(!is_slug("Motie 2024"));
        assert!(!is_slug("a--b"));
        assert_eq!(slugify("Motie: De juiste basis (2024)"), "motie-de-juiste-basis-2024");
        assert_eq!(slugify("Inkoop Jeugdhulp één"), "inkoop-jeugdhulp-een");
    }
}
