//! "Did you mean …?" suggestions for mistyped keys and words.

/// The candidate closest to `input`, if it is close enough to be what the author meant.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&input, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_words_only() {
        let fields = ["name", "services", "vision", "mission"];
        assert_eq!(did_you_mean("servces", fields), Some("services"));
        assert_eq!(did_you_mean("Vison", fields), Some("vision"));
        assert_eq!(did_you_mean("telephone", fields), None);
    }
}
