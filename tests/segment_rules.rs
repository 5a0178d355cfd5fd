//! The English Golden Rules of pragmatic_segmenter (Kevin S. Dias, MIT licence), the standard
//! hard cases for rule-based sentence boundary disambiguation (also the test set of pySBD), plus
//! news-specific cases. Each rule is checked on the one-line text of the sentences (inner
//! whitespace collapsed, as `framediff segment` prints them); the test reports every failure
//! and requires all 52.

use framediff::segment::segment_text;

/// (rule number, input, expected sentences)
const GOLDEN: &[(u32, &str, &[&str])] = &[
    (1, "Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
    (2, "What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
    (3, "There it is! I found it.", &["There it is!", "I found it."]),
    (4, "My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
    (5, "Please turn to p. 55.", &["Please turn to p. 55."]),
    (6, "Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
    (7, "They closed the deal with Pitt, Briggs & Co. at noon.",
        &["They closed the deal with Pitt, Briggs & Co. at noon."]),
    (8, "Let's ask Jane and co. They should know.",
        &["Let's ask Jane and co.", "They should know."]),
    (9, "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
        &["They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."]),
    (10, "I can see Mt. Fuji from here.", &["I can see Mt. Fuji from here."]),
    (11, "St. Michael's Church is on 5th st. near the light.",
        &["St. Michael's Church is on 5th st. near the light."]),
    (12, "That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
    (13, "I visited the U.S.A. last year.", &["I visited the U.S.A. last year."]),
    (14, "I live in the E.U. How about you?", &["I live in the E.U.", "How about you?"]),
    (15, "I live in the U.S. How about you?", &["I live in the U.S.", "How about you?"]),
    (16, "I work for the U.S. Government in Virginia.",
        &["I work for the U.S. Government in Virginia."]),
    (17, "I have lived in the U.S. for 20 years.", &["I have lived in the U.S. for 20 years."]),
    (18, "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        &["At 5 a.m. Mr. Smith went to the bank.", "He left the bank at 6 P.M.",
          "Mr. Smith then went to the store."]),
    (19, "She has $100.00 in her bag.", &["She has $100.00 in her bag."]),
    (20, "She has $100.00. It is in her bag.", &["She has $100.00.", "It is in her bag."]),
    (21, "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
        &["He teaches science (He previously worked for 5 years as an engineer.) at the local University."]),
    (22, "Her email is Jane.Doe@example.com. I sent her an email.",
        &["Her email is Jane.Doe@example.com.", "I sent her an email."]),
    (23, "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
        &["The site is: https://www.example.50.com/new-site/awesome_content.html.",
          "Please check it out."]),
    (24, "She turned to him, 'This is great.' she said.",
        &["She turned to him, 'This is great.' she said."]),
    (25, "She turned to him, \"This is great.\" she said.",
        &["She turned to him, \"This is great.\" she said."]),
    (26, "She turned to him, \"This is great.\" She held the book out to show him.",
        &["She turned to him, \"This is great.\"", "She held the book out to show him."]),
    (27, "Hello!! Long time no see.", &["Hello!!", "Long time no see."]),
    (28, "Hello?? Who is there?", &["Hello??", "Who is there?"]),
    (29, "Hello!? Is that you?", &["Hello!?", "Is that you?"]),
    (30, "Hello?! Is that you?", &["Hello?!", "Is that you?"]),
    (31, "1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"]),
    (32, "1.) The first item. 2.) The second item.",
        &["1.) The first item.", "2.) The second item."]),
    (33, "1) The first item 2) The second item", &["1) The first item", "2) The second item"]),
    (34, "1) The first item. 2) The second item.", &["1) The first item.", "2) The second item."]),
    (35, "1. The first item 2. The second item", &["1. The first item", "2. The second item"]),
    (36, "1. The first item. 2. The second item.", &["1. The first item.", "2. The second item."]),
    (37, "• 9. The first item • 10. The second item",
        &["• 9. The first item", "• 10. The second item"]),
    (38, "⁃9. The first item ⁃10. The second item", &["⁃9. The first item", "⁃10. The second item"]),
    (39, "a. The first item b. The second item c. The third list item",
        &["a. The first item", "b. The second item", "c. The third list item"]),
    (40, "This is a sentence\ncut off in the middle because pdf.",
        &["This is a sentence\ncut off in the middle because pdf."]),
    (41, "It was a cold \nnight in the city.", &["It was a cold night in the city."]),
    (42, "features\ncontact manager\nevents, activities\n",
        &["features", "contact manager", "events, activities"]),
    (43, "You can find it at N°. 1026.253.553. That is where the treasure is.",
        &["You can find it at N°. 1026.253.553.", "That is where the treasure is."]),
    (44, "She works at Yahoo! in the accounting department.",
        &["She works at Yahoo! in the accounting department."]),
    (45, "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        &["We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"]),
    (46, "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
        &["Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"]),
    (47, "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
        &["\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."]),
    (48, "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.",
        &["If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .",
          "Next sentence."]),
    (49, "I never meant that.... She left the store.", &["I never meant that....", "She left the store."]),
    (50, "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        &["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."]),
    (51, "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
        &["One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.",
          ". . . The practice was not abandoned. . . ."]),
    (52, "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
        &["Hello world.", "Today is Tuesday.", "Mr. Smith went to the store and bought 1,000.",
          "That is a lot."]),
];

/// News cases beyond the golden rules: wire-copy abbreviations, quotes, lists and headlines.
const NEWS: &[(u32, &str, &[&str])] = &[
    (101, "Lt. Gen. Herzi Halevi and Col. Avi Cohen met Sgt. Maj. Ron Levi on Jan. 5. The talks were brief.",
        &["Lt. Gen. Herzi Halevi and Col. Avi Cohen met Sgt. Maj. Ron Levi on Jan. 5.",
          "The talks were brief."]),
    (102, "The U.N. Security Council met in New York. U.S. Ambassador Linda Thomas-Greenfield spoke.",
        &["The U.N. Security Council met in New York.",
          "U.S. Ambassador Linda Thomas-Greenfield spoke."]),
    (103, "“This is a dangerous escalation for the whole region,” he said. “We will respond.”",
        &["“This is a dangerous escalation for the whole region,” he said.", "“We will respond.”"]),
    (104, "Officials called the strikes “the heaviest so far.” Hospitals were overwhelmed.",
        &["Officials called the strikes “the heaviest so far.”", "Hospitals were overwhelmed."]),
    (105, "Oil rose 3.5% to $82.10 a barrel, and Brent gained 1,000.50 points. Markets fell.",
        &["Oil rose 3.5% to $82.10 a barrel, and Brent gained 1,000.50 points.", "Markets fell."]),
    (106, "Iran Vows Response After Strike\nTEHRAN (Reuters) - Iran said on Saturday it would respond.",
        &["Iran Vows Response After Strike", "TEHRAN (Reuters) - Iran said on Saturday it would respond."]),
    (107, "The demands were:\n- a ceasefire\n- the release of hostages",
        &["The demands were:", "- a ceasefire", "- the release of hostages"]),
    (108, "Apple Inc. reported results on Tuesday. Microsoft Corp. did too, as did Alphabet Ltd. and others.",
        &["Apple Inc. reported results on Tuesday.",
          "Microsoft Corp. did too, as did Alphabet Ltd. and others."]),
    (109, "Prof. J. R. R. Tolkien taught at Oxford. George W. Bush did not.",
        &["Prof. J. R. R. Tolkien taught at Oxford.", "George W. Bush did not."]),
    (110, "The vote was 52 vs. 48, i.e. a narrow win, e.g. in Ohio. It passed at 11 p.m. Thursday.",
        &["The vote was 52 vs. 48, i.e. a narrow win, e.g. in Ohio.",
          "It passed at 11 p.m. Thursday."]),
];

/// One space between words, none at the ends: the rules compare text, not layout.
fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(cases: &[(u32, &str, &[&str])]) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    for &(n, input, want) in cases {
        let got: Vec<String> = segment_text(input)
            .into_iter()
            .map(|(a, b)| collapse_whitespace(&input[a..b]))
            .collect();
        let want: Vec<String> = want.iter().map(|s| collapse_whitespace(s)).collect();
        if got != want {
            failures.push(format!("rule {n}: got {got:?}\n          want {want:?}"));
        }
    }
    (cases.len() - failures.len(), failures)
}

/// Every one of the 52 rules: a threshold would let a rule or two break unnoticed.
#[test]
fn english_golden_rules_all_pass() {
    let (pass, failures) = run(GOLDEN);
    let total = GOLDEN.len();
    assert_eq!(total, 52, "the English Golden Rules are 52");
    assert!(
        failures.is_empty(),
        "{pass}/{total} golden rules pass:\n{}",
        failures.join("\n")
    );
}

#[test]
fn news_cases_all_pass() {
    let (pass, failures) = run(NEWS);
    assert!(
        failures.is_empty(),
        "{pass}/{} news cases:\n{}",
        NEWS.len(),
        failures.join("\n")
    );
}

mod never_panics {
    use framediff::ingest::{Document, Mode, Span};
    use framediff::segment::{segment, segment_text, words};
    use proptest::prelude::*;

    /// Text rich in the characters the splitter looks at, plus RTL letters, emoji, zero-width
    /// and combining marks.
    fn tricky() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            "([a-zA-Z0-9 .!?,;:\"'“”‘’„«»…()\\[\\]\n\t•⁃*-]|\u{200B}|\u{200D}|\u{0301}|\u{00A0}|[\u{05D0}-\u{05EA}]|[\u{0627}-\u{064A}]|[😀-😊]|。|！|؟|‼|Mr\\.|U\\.S\\.|\\. \\. \\.|1\\.\\)|a\\.){0,120}",
        )
        .expect("valid regex")
    }

    fn check_spans(text: &str, spans: &[(usize, usize)]) -> Result<(), TestCaseError> {
        let mut prev = 0;
        for &(a, b) in spans {
            prop_assert!(a < b, "empty span {a}..{b}");
            prop_assert!(a >= prev, "overlap or disorder at {a}");
            prop_assert!(b <= text.len());
            prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            prop_assert_eq!(text[a..b].trim(), &text[a..b]);
            prev = b;
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn segment_text_spans_are_sane(s in tricky()) {
            check_spans(&s, &segment_text(&s))?;
        }

        #[test]
        fn arbitrary_unicode_spans_are_sane(s in any::<String>()) {
            check_spans(&s, &segment_text(&s))?;
        }

        #[test]
        fn document_sentences_and_quotes_are_sane(s in tricky(), cut in 0usize..200) {
            let mut c = cut.min(s.len());
            while !s.is_char_boundary(c) {
                c -= 1;
            }
            let paragraphs = vec![Span { start: 0, end: c }, Span { start: c, end: s.len() }];
            let doc = Document {
                path: "p".into(),
                label: "p".into(),
                title: None,
                date: None,
                text: s.clone(),
                paragraphs,
                dropped: Vec::new(),
                warnings: Vec::new(),
                mode: Mode::Prose,
            };
            let sents = segment(&doc);
            let spans: Vec<(usize, usize)> = sents.iter().map(|x| (x.start, x.end)).collect();
            check_spans(&s, &spans)?;
            for x in &sents {
                prop_assert!(!x.text.is_empty());
                for q in &x.quoted {
                    prop_assert!(x.start <= q[0] && q[0] < q[1] && q[1] <= x.end);
                    prop_assert!(s.is_char_boundary(q[0]) && s.is_char_boundary(q[1]));
                }
                for w in words(&x.text, 0) {
                    prop_assert!(x.text.is_char_boundary(w.start) && x.text.is_char_boundary(w.end));
                }
            }
        }
    }
}
