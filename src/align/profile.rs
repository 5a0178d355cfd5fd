//! Sentence profiles: the word signal of the similarity.
//!
//! A sentence is reduced to the set of its *content terms*: Snowball stems of the words that are
//! not stop words, with spelling variants of names folded onto one term (see [`super::names`]).
//! Terms are weighted by a smoothed inverse document frequency over the sentences of *both*
//! reports, `ln(1 + N / df)`: a word shared by two sentences says more about their
//! correspondence when few other sentences use it ("Damascus") than when every sentence does
//! ("resistance", "said"). The word signal is the weighted Dice coefficient of the two term sets,
//! which is 1 for identical sets and degrades gracefully under paraphrase, where most content
//! words survive and a few are swapped. (Short sentences, once handled here with a trigram
//! fallback, are now covered by the character-gram signal.)

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::segment::{words, Sentence};
use crate::text::normalize;

use super::names;

/// Sentences must share this many content terms (or all the terms of the shorter one) for the
/// Dice score to count, by default: one shared word is often chance ("Staff" in two bylines).
pub const MIN_SHARED: usize = 2;

/// The content terms of one sentence (or of a run of consecutive sentences).
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Term ids, ascending, unique.
    pub terms: Vec<u32>,
    /// Sum of the weights of `terms`.
    pub weight: f64,
}

/// Term vocabulary and weights of one pair of documents, and the profiles of their sentences.
#[derive(Debug)]
pub struct Profiles {
    pub a: Vec<Profile>,
    pub b: Vec<Profile>,
    /// Normalised text of every sentence, for exact matches and the character grams.
    pub norm_a: Vec<String>,
    pub norm_b: Vec<String>,
    /// Weight of each term id.
    pub weights: Vec<f64>,
}

struct Vocab {
    ids: HashMap<String, u32>,
    /// For each id: whether the word was ever seen capitalised (a possible name).
    capitalised: Vec<bool>,
    stems: Vec<String>,
}

impl Vocab {
    fn id(&mut self, stem: &str, capitalised: bool) -> u32 {
        let id = match self.ids.get(stem) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.ids.insert(stem.to_string(), id);
                self.stems.push(stem.to_string());
                self.capitalised.push(false);
                id
            }
        };
        if capitalised {
            self.capitalised[id as usize] = true;
        }
        id
    }
}

fn raw_terms(s: &Sentence, vocab: &mut Vocab) -> Vec<u32> {
    let mut t: Vec<u32> = words(&s.text, 0)
        .into_iter()
        .filter(|w| !w.stop && !w.stem.is_empty())
        .map(|w| {
            let cap = s
                .text
                .get(w.start..w.end)
                .is_some_and(names::is_capitalised);
            vocab.id(&w.stem, cap)
        })
        .collect();
    t.sort_unstable();
    t.dedup();
    t
}

/// Map every term id to a canonical id, folding capitalised spelling variants together.
/// Candidates share a skeleton (a BTreeMap key), and each group's smallest id becomes the
/// representative, so the result does not depend on any hash order.
fn fold_variants(vocab: &Vocab) -> Vec<u32> {
    let mut canon: Vec<u32> = (0..vocab.stems.len() as u32).collect();
    let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, stem) in vocab.stems.iter().enumerate() {
        if vocab.capitalised[id] && stem.chars().count() >= names::MIN_NAME_LEN {
            groups
                .entry(names::skeleton(stem))
                .or_default()
                .push(id as u32);
        }
    }
    for ids in groups.values() {
        // Groups are tiny (a name and its variants); quadratic is fine.
        for (k, &x) in ids.iter().enumerate() {
            for &y in &ids[..k] {
                if canon[y as usize] == y
                    && names::is_variant(&vocab.stems[x as usize], &vocab.stems[y as usize])
                {
                    canon[x as usize] = y;
                    break;
                }
            }
        }
    }
    canon
}

impl Profiles {
    /// Build the profiles of both documents' sentences.
    pub fn new(a: &[Sentence], b: &[Sentence]) -> Profiles {
        let mut vocab = Vocab {
            ids: HashMap::new(),
            capitalised: Vec::new(),
            stems: Vec::new(),
        };
        let raw_a: Vec<Vec<u32>> = a.iter().map(|s| raw_terms(s, &mut vocab)).collect();
        let raw_b: Vec<Vec<u32>> = b.iter().map(|s| raw_terms(s, &mut vocab)).collect();
        let canon = fold_variants(&vocab);
        let fold = |t: Vec<u32>| -> Vec<u32> {
            let mut t: Vec<u32> = t.into_iter().map(|x| canon[x as usize]).collect();
            t.sort_unstable();
            t.dedup();
            t
        };
        let ta: Vec<Vec<u32>> = raw_a.into_iter().map(fold).collect();
        let tb: Vec<Vec<u32>> = raw_b.into_iter().map(fold).collect();
        let mut df = vec![0u32; vocab.stems.len()];
        for t in ta.iter().chain(tb.iter()) {
            for &x in t {
                df[x as usize] += 1;
            }
        }
        let n = (a.len() + b.len()).max(1) as f64;
        let weights: Vec<f64> = df
            .iter()
            .map(|&d| {
                if d == 0 {
                    0.0
                } else {
                    (1.0 + n / f64::from(d)).ln()
                }
            })
            .collect();
        let profile = |terms: Vec<u32>| Profile {
            weight: terms.iter().map(|&x| weights[x as usize]).sum(),
            terms,
        };
        Profiles {
            a: ta.into_iter().map(profile).collect(),
            b: tb.into_iter().map(profile).collect(),
            norm_a: a.iter().map(|s| normalize(&s.text)).collect(),
            norm_b: b.iter().map(|s| normalize(&s.text)).collect(),
            weights,
        }
    }

    /// The profile of consecutive sentences `range` of one side (the union of their terms).
    pub fn group(&self, side: &[Profile], range: std::ops::Range<usize>) -> Profile {
        if range.len() == 1 {
            return side[range.start].clone();
        }
        let set: BTreeSet<u32> = side[range]
            .iter()
            .flat_map(|p| p.terms.iter().copied())
            .collect();
        let terms: Vec<u32> = set.into_iter().collect();
        Profile {
            weight: terms.iter().map(|&x| self.weights[x as usize]).sum(),
            terms,
        }
    }

    /// Weighted Dice similarity of two profiles, 0 unless they share `min_shared` terms (or all
    /// the terms of the one with fewer). Identical term sets score exactly 1.
    pub fn dice(&self, x: &Profile, y: &Profile, min_shared: usize) -> f64 {
        if x.terms.is_empty() || y.terms.is_empty() {
            return 0.0;
        }
        if x.terms == y.terms {
            return 1.0;
        }
        let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0usize);
        while i < x.terms.len() && j < y.terms.len() {
            match x.terms[i].cmp(&y.terms[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weights[x.terms[i] as usize];
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let needed = min_shared.min(x.terms.len()).min(y.terms.len());
        let total = x.weight + y.weight;
        if total <= 0.0 || count < needed {
            0.0
        } else {
            (2.0 * shared / total).min(1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(t: &str) -> Sentence {
        Sentence::from_text(t)
    }

    #[test]
    fn identical_sentences_score_one() {
        let a = [sent("The minister met his counterpart in Tehran.")];
        let p = Profiles::new(&a, &a);
        assert_eq!(p.dice(&p.a[0], &p.b[0], MIN_SHARED), 1.0);
    }

    #[test]
    fn one_shared_word_is_not_enough() {
        let a = [sent("Staff writers reported from Beirut.")];
        let b = [sent("Staff members left Damascus yesterday.")];
        let p = Profiles::new(&a, &b);
        assert_eq!(p.dice(&p.a[0], &p.b[0], MIN_SHARED), 0.0);
        assert!(p.dice(&p.a[0], &p.b[0], 1) > 0.0);
    }

    #[test]
    fn name_variants_share_a_term() {
        let a = [sent("Mekdad arrived in Damascus.")];
        let b = [sent("Mikdad arrived in Damascus.")];
        let p = Profiles::new(&a, &b);
        assert_eq!(p.a[0].terms, p.b[0].terms);
    }

    #[test]
    fn rare_shared_words_count_more() {
        let a = [
            sent("Ministers discussed pipelines."),
            sent("Ministers discussed trade."),
            sent("Ministers discussed security."),
        ];
        let b = [sent("Ministers discussed pipelines and tariffs.")];
        let p = Profiles::new(&a, &b);
        let rare = p.dice(&p.a[0], &p.b[0], MIN_SHARED);
        let common = p.dice(&p.a[1], &p.b[0], MIN_SHARED);
        assert!(rare > common, "{rare} vs {common}");
    }
}
