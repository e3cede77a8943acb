//! Untranslated and empty targets. A target equal to its source is allowed
//! when the text is names only (every word capitalised, an acronym or a
//! number): "NATO", "Albin Kurti", "KFOR 2024".

use super::Hit;

pub fn check(source: &str, target: &str, enabled: &dyn Fn(&str) -> bool, hits: &mut Vec<Hit>) {
    let (s, t) = (source.trim(), target.trim());
    if t.is_empty() {
        if !s.is_empty() && enabled("empty-target") {
            hits.push(Hit::new(
                "empty-target",
                "the target is empty: translate the source".to_string(),
            ));
        }
        return;
    }
    if s == t && enabled("untranslated") && !names_only(s) {
        hits.push(Hit::new(
            "untranslated",
            "the target is the source text, untranslated: translate it (names alone may stay)"
                .to_string(),
        ));
    }
}

/// True if no word of `s` starts with a lower-case letter (names, acronyms,
/// numbers), or it has no letters at all.
pub fn names_only(s: &str) -> bool {
    crate::text::words(s)
        .iter()
        .all(|w| !w.chars().next().is_some_and(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, t: &str) -> Vec<&'static str> {
        let mut h = Vec::new();
        check(s, t, &|_| true, &mut h);
        h.into_iter().map(|h| h.check).collect()
    }

    #[test]
    fn names_may_stay() {
        assert!(run("Albin Kurti", "Albin Kurti").is_empty());
        assert!(run("NATO, 2024.", "NATO, 2024.").is_empty());
        assert_eq!(run("The army left.", "The army left."), ["untranslated"]);
        assert_eq!(run("The army left.", "  "), ["empty-target"]);
    }
}
