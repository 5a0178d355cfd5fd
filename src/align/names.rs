//! Spelling variants of names.
//!
//! Outlets transliterate Arabic and Persian names differently: "Mekdad" / "Mikdad",
//! "Vlayati" / "Velayati", "Seyyed" / "Sayyed". The variants differ mostly in vowels, so two
//! names are taken as the same when their *consonant skeletons* (letters without vowels, doubled
//! letters collapsed) are equal and the edit distance is small for their length. The skeleton is
//! also a cheap key for an index, so variants are found without comparing every pair of words.

/// Shortest word (in characters) treated as a possible name variant. Short words differ by one
/// letter far too often ("Iran" / "Iraq").
pub const MIN_NAME_LEN: usize = 5;

/// The consonant skeleton of a normalised word: the first letter, then the letters that are not
/// vowels, with doubled letters collapsed (`"velayati"` → `"vlyt"`, `"mekdad"` →
/// `"mkdd"`).
pub fn skeleton(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    let mut last = None;
    for (i, c) in norm.chars().enumerate() {
        if i > 0 && matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') {
            // A vowel separates two equal consonants: "mekdad" keeps both d's.
            last = None;
            continue;
        }
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Levenshtein distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether two *different* normalised words are spelling variants of one name: both at least
/// [`MIN_NAME_LEN`] characters, the same consonant skeleton, and at most one edit per four
/// characters (two at most).
pub fn is_variant(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < MIN_NAME_LEN || !a.chars().all(char::is_alphabetic) {
        return false;
    }
    if skeleton(a) != skeleton(b) {
        return false;
    }
    let d = levenshtein(a, b);
    d <= 2 && d * 4 <= la.max(lb)
}

/// Whether the original word starts with an upper-case letter (a name, or a sentence start).
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_drop_vowels_and_doubles() {
        assert_eq!(skeleton("velayati"), "vlyt");
        assert_eq!(skeleton("vlayati"), "vlyt");
        assert_eq!(skeleton("mekdad"), "mkdd");
        assert_eq!(skeleton("seyyed"), "syd");
        assert_eq!(skeleton("ali"), "al");
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("mekdad", "mikdad"), 1);
        assert_eq!(levenshtein("vlayati", "velayati"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }

    #[test]
    fn variants_of_transliterated_names() {
        assert!(is_variant("mekdad", "mikdad"));
        assert!(is_variant("vlayati", "velayati"));
        assert!(is_variant("seyyed", "sayyed"));
        assert!(!is_variant("iran", "iraq"));
        assert!(!is_variant("austria", "australia"));
        assert!(!is_variant("tehran", "tehran"));
        assert!(!is_variant("syria", "russia"));
    }
}
