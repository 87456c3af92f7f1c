//! "Did you mean …?" for misspelt field names, ids and types.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["title", "type", "topics", "date"];
        assert_eq!(did_you_mean("tittle", fields), Some("title"));
        assert_eq!(did_you_mean("topic", fields), Some("topics"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }
}
