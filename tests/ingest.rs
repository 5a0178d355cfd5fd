//! Library-level tests of the ingest stage on the seed fixtures and on extra scraped inputs
//! with other chrome styles. Each fixture's dropped blocks are listed in full, so a rule
//! that starts dropping body prose (or stops dropping chrome) fails here.

use framediff::ingest::{from_bytes, read_document, Document, IngestOptions, Mode};

fn read(path: &str) -> Document {
    read_document(path, &IngestOptions::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn kept(doc: &Document) -> Vec<&str> {
    doc.paragraphs
        .iter()
        .map(|p| &doc.text[p.start..p.end])
        .collect()
}

/// Compares the dropped blocks with `(reason, text prefix)` pairs, in order.
fn expect_dropped(doc: &Document, expected: &[(&str, &str)]) {
    let got: Vec<(&str, &str)> = doc
        .dropped
        .iter()
        .map(|d| (d.reason.as_str(), d.text.as_str()))
        .collect();
    let ok = got.len() == expected.len()
        && got
            .iter()
            .zip(expected)
            .all(|((r, t), (er, et))| r == er && t.starts_with(et));
    assert!(
        ok,
        "dropped blocks of {}:\n got {got:#?}\n want {expected:#?}",
        doc.path
    );
}

/// Spans are in bounds, trimmed, in order, and dropped blocks carry their exact text.
fn check_spans(doc: &Document) {
    let mut last = 0;
    for p in &doc.paragraphs {
        assert!(p.start >= last && p.start < p.end && p.end <= doc.text.len());
        let t = &doc.text[p.start..p.end];
        assert_eq!(t, t.trim(), "untrimmed paragraph in {}", doc.path);
        last = p.end;
    }
    for d in &doc.dropped {
        assert_eq!(&doc.text[d.start..d.end], d.text);
        assert!(!doc
            .paragraphs
            .iter()
            .any(|p| p.start < d.end && d.start < p.end));
    }
}

fn assert_none_contains(doc: &Document, needles: &[&str]) {
    for p in kept(doc) {
        for n in needles {
            assert!(!p.contains(n), "{}: kept {p:?} contains {n:?}", doc.path);
        }
    }
}

#[test]
fn iran_front_page() {
    let doc = read("fixtures/velayati-mekdad-2022/iran-front-page.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Advisor to Iran Leader: Foreign forces must leave region")
    );
    assert_eq!(doc.date, None);
    assert_none_contains(&doc, &["Recent Posts", "hours ago", "IFP Editorial Staff"]);
    let k = kept(&doc);
    assert!(k.contains(&"He said Syria takes it upon itself to obey the Iranian Leader."));
    assert_eq!(k.len(), 13, "headline + 12 body paragraphs: {k:#?}");
    let mut expected = vec![
        ("kicker", "IFP Exclusive"),
        ("about box after the article", "IFP Editorial Staff"),
        (
            "about box after the article",
            "The IFP Editorial Staff is composed of",
        ),
        ("section header", "Recent Posts"),
    ];
    let list = [
        ("link list", "Official says Qatar"),
        ("truncated teaser", "Doha could close"),
        ("relative timestamp", "9 hours ago"),
        ("link list", "Israel weighing sharing power"),
        ("truncated teaser", "Tel Aviv could offer"),
        ("relative timestamp", "10 hours ago"),
        ("link list", "Iran FM urges Egypt"),
        (
            "truncated teaser",
            "The Iranian foreign minister has called",
        ),
        ("relative timestamp", "10 hours ago"),
        ("link list", "OIC conference kicks off in Gambia"),
        (
            "after the article",
            "The Organization of Islamic Cooperation",
        ),
        ("relative timestamp", "11 hours ago"),
        ("link list", "Devotees mourn Imam Sadiq"),
        ("truncated teaser", "A group of mourners took"),
        ("relative timestamp", "13 hours ago"),
        ("link list", "WHO warns Israel"),
        ("truncated teaser", "An Israeli military incursion"),
        ("relative timestamp", "13 hours ago"),
    ];
    expected.extend(list);
    expect_dropped(&doc, &expected);
}

#[test]
fn al_ahed() {
    let doc = read("fixtures/velayati-mekdad-2022/al-ahed.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Imam Khamenei’s Advisor: Axis of Resistance States Must Join Forces to Expel US from Region")
    );
    assert_none_contains(
        &doc,
        &[
            "Please Wait",
            "Add to favorites",
            "access_time",
            "folder_open",
            "By Staff",
        ],
    );
    expect_dropped(
        &doc,
        &[
            ("site chrome", "No Script"),
            ("site chrome", "Please Wait..."),
            ("kicker", "Al-Ahed Telegram"),
            ("repeated headline", "Imam Khamenei’s Advisor"),
            ("relative timestamp", "folder_openAsia-Pacific"),
            ("icon-font residue", "starAdd to favorites"),
            ("byline", "By Staff, Agencies"),
        ],
    );
    // The headline is kept once, then the body.
    assert_eq!(kept(&doc).len(), 14, "headline once + 13 body paragraphs");
}

#[test]
fn almasirah() {
    let doc = read("fixtures/khamenei-assad-2024/almasirah.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Ayatollah Khamenei Receives Assad, Hails Syria's Resistance")
    );
    let k = kept(&doc);
    assert!(k.contains(&"'Strategic relationship'"), "subheading kept");
    assert!(k
        .iter()
        .any(|p| p.starts_with("'Cost of resistance lower than compromise'")));
    assert_none_contains(
        &doc,
        &[
            "Contact Us",
            "This page is the English version",
            "#Iran",
            "copyright",
        ],
    );
    expect_dropped(
        &doc,
        &[
            ("site chrome", "Contact Us"),
            ("site chrome", "About Us"),
            ("site chrome", "This page is the English version"),
            ("source credit", "Source: Press TV"),
            ("hashtags", "#Iran #Syria"),
            ("site chrome", "who are we"),
            ("repeated paragraph", "This page is the English version"),
            ("copyright", "copyright by Almasirah"),
            ("site chrome", "Close gallery"),
        ],
    );
}

#[test]
fn sana() {
    let doc = read("fixtures/velayati-mikdad-2017/sana.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Mikdad and Iranian officials share convergent views on latest developments")
    );
    assert_none_contains(&doc, &["Check Also", "Master Chef", "English Bulletin"]);
    expect_dropped(
        &doc,
        &[
            ("site chrome", "English Bulletin"),
            ("section header", "Check Also"),
            ("site chrome", "Syrian Chef Wins"),
            ("truncated teaser", "Kuala Lumpur, SANA- Syrian expatriate"),
        ],
    );
    assert!(kept(&doc)
        .last()
        .is_some_and(|p| p.starts_with("For his part, Larijani said")));
}

#[test]
fn iran_project_single_newline_paragraphs() {
    let doc = read("fixtures/shamkhani-patrushev-2018/iran-project.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some(
            "Illegal foreign presence in Syria serves to revive terrorism front: Iranian official"
        )
    );
    assert_eq!(doc.date.as_deref(), Some("24 Nov 2024"));
    let k = kept(&doc);
    assert!(k.contains(&"Russia backs Iran deal"));
    // The three paragraphs separated by single newlines are three paragraphs.
    assert!(k
        .iter()
        .any(|p| p.starts_with("Through their illegitimate military presence")));
    assert!(k.iter().all(|p| !p.contains('\n')), "{k:#?}");
    expect_dropped(
        &doc,
        &[
            ("date line", "24 Nov 2024"),
            ("url", "https://theiranproject.com/"),
            ("form label", "Your Name"),
            ("form label", "Your Email Address"),
        ],
    );
}

#[test]
fn share_buttons_related_list_cookie_banner() {
    let doc = read("tests/data/share-related.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Neighbours sign river water deal after decade of talks")
    );
    assert_eq!(doc.date.as_deref(), Some("12 March 2023"));
    let k = kept(&doc);
    assert_eq!(k.len(), 9, "{k:#?}");
    assert!(k.contains(&"A long road"), "in-body subheading kept");
    assert!(k.contains(&"The commission will hold its first meeting next month."));
    assert_none_contains(
        &doc,
        &[
            "Advertisement",
            "Read more",
            "Facebook",
            "cookies",
            "©",
            "Related",
            "Published",
        ],
    );
}

#[test]
fn comment_form_tags_breadcrumbs() {
    let doc = read("tests/data/comments-form.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Parliament approves budget after marathon session")
    );
    let k = kept(&doc);
    assert!(
        k[1].starts_with("Lawmakers voted 312 to 280"),
        "standfirst kept: {k:#?}"
    );
    assert!(
        k.contains(&"What happens next"),
        "closing section kept: {k:#?}"
    );
    assert!(k
        .last()
        .is_some_and(|p| p.ends_with("priced in the result.")));
    assert_none_contains(
        &doc,
        &[
            "cookies",
            "min read",
            "Photo:",
            "Tags:",
            "Comments",
            "Reply",
            "Email",
            "You may also like",
        ],
    );
}

#[test]
fn hard_wrapped_newsletter() {
    let doc = read("tests/data/wrapped-newsletter.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Port workers end strike as pay deal is reached")
    );
    assert_eq!(doc.date.as_deref(), Some("4 April 2023"));
    let k = kept(&doc);
    // Headline plus four hard-wrapped paragraphs, each kept whole.
    assert_eq!(k.len(), 5, "{k:#?}");
    assert!(k[1].starts_with("Dock workers") && k[1].ends_with("across the region."));
    assert_none_contains(
        &doc,
        &[
            "Unsubscribe",
            "MORNING BRIEF",
            "Follow us",
            "receiving this email",
            "Copyright",
        ],
    );
}

#[test]
fn html_article() {
    let doc = read("fixtures/html/article.html");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Envoys agree on prisoner exchange")
    );
    assert_eq!(doc.date.as_deref(), Some("2023-05-17"));
    let k = kept(&doc);
    assert_eq!(k[0], "Envoys agree on prisoner exchange");
    assert!(k.contains(&"Families wait for news"));
    assert!(
        k.iter()
            .any(|p| p.contains("both sides & will be carried out")),
        "entities decoded: {k:#?}"
    );
    assert!(
        k.iter().any(|p| p.contains("<for safety>")),
        "escaped text stays text"
    );
    assert_none_contains(
        &doc,
        &[
            "alert",
            "onerror",
            "dataLayer",
            "font-family",
            "Contact Us",
            "Privacy",
            "Border talks resume",
        ],
    );
    assert!(!doc.text.contains("alert(1)"));
}

#[test]
fn keep_boilerplate_keeps_everything() {
    let opts = IngestOptions {
        keep_boilerplate: true,
        ..Default::default()
    };
    let doc = read_document("fixtures/velayati-mekdad-2022/al-ahed.txt", &opts).unwrap();
    assert!(doc.dropped.is_empty());
    assert_eq!(kept(&doc)[0], "No Script");
    assert!(doc.title.is_some());
}

#[test]
fn segmented_mode_one_paragraph_per_line() {
    let opts = IngestOptions {
        segmented: true,
        ..Default::default()
    };
    let doc = from_bytes(
        b"First sentence here\n\n  Second one  \nthird\n",
        "s.txt",
        &opts,
    )
    .unwrap();
    assert_eq!(doc.mode, Mode::Segmented);
    assert_eq!(
        kept(&doc),
        vec!["First sentence here", "Second one", "third"]
    );
    assert!(doc.dropped.is_empty());
}

#[test]
fn label_from_option_or_stem() {
    let doc = from_bytes(
        b"Some text here.",
        "dir/outlet-a.txt",
        &IngestOptions::default(),
    )
    .unwrap();
    assert_eq!(doc.label, "outlet-a");
    let opts = IngestOptions {
        label: Some("Outlet A".into()),
        ..Default::default()
    };
    assert_eq!(
        from_bytes(b"Some text.", "x.txt", &opts).unwrap().label,
        "Outlet A"
    );
}

#[test]
fn encodings() {
    let doc = read("tests/data/cp1252.txt");
    assert!(doc.text.contains("café") && doc.text.contains("Jürgen Müller"));
    assert!(doc.text.contains("“We cannot pay more,”"));
    assert!(
        doc.warnings.iter().any(|w| w.contains("windows-1252")),
        "{:?}",
        doc.warnings
    );
    let doc = read("tests/data/invalid-utf8.txt");
    assert!(doc.text.contains("minister’s"));
    assert!(
        doc.warnings.iter().any(|w| w.contains("invalid")),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn bad_inputs_are_one_line_errors() {
    let o = IngestOptions::default();
    let msg = |b: &[u8]| from_bytes(b, "in.txt", &o).unwrap_err().to_string();
    assert_eq!(msg(b""), "in.txt: is empty");
    assert_eq!(msg(b" \n\t\r\n "), "in.txt: is empty");
    assert!(msg(b"text\x00more").contains("looks like a binary file, not text"));
    assert!(msg(b"\x89PNG\r\n\x1a\n\x00\x00").contains("looks like a binary file, not text"));
    assert!(msg(b"%PDF-1.7\n").contains("binary"));
    let e = from_bytes(
        b"<html><body><script>x</script></body></html>",
        "p.html",
        &o,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(e, "p.html: no article text found");
    assert_eq!(
        read_document("no/such/file.txt", &o)
            .unwrap_err()
            .to_string(),
        "no/such/file.txt: no such file"
    );
    assert_eq!(
        read_document("fixtures", &o).unwrap_err().to_string(),
        "fixtures: is a directory, not a file"
    );
}

#[test]
fn scale_long_line_and_many_paragraphs() {
    // A 4 MB single line and 20 000 short paragraphs: linear passes, no quadratic blow-up (at
    // this size a pass comparing every paragraph with every other would take minutes).
    let line = "The minister said the talks would continue next week. ".repeat(75_000);
    let doc = from_bytes(line.as_bytes(), "big.txt", &IngestOptions::default()).unwrap();
    assert_eq!(doc.paragraphs.len(), 1);
    let para = "Officials said the meeting went well and more talks are planned.";
    let many = format!("{para}\n\n").repeat(20_000);
    let doc = from_bytes(many.as_bytes(), "many.txt", &IngestOptions::default()).unwrap();
    // Nothing in it looks like page chrome, so it is an article body as given, however odd:
    // all 20 000 paragraphs are kept (a repeat is not chrome without other evidence).
    assert_eq!(doc.paragraphs.len(), 20_000);
    assert!(doc.dropped.is_empty());
    // The same between a navigation row and a share row: the chrome goes, the text stays (the
    // repeat chains are followed a bounded number of steps, so this stays linear too).
    let page =
        format!("Home | World | Business | Sport\n\n{many}Share this: Facebook Twitter WhatsApp\n");
    let doc = from_bytes(page.as_bytes(), "page.txt", &IngestOptions::default()).unwrap();
    assert_eq!(doc.paragraphs.len(), 20_000);
    assert_eq!(
        doc.dropped.len(),
        2,
        "{:?}",
        &doc.dropped[..doc.dropped.len().min(3)]
    );
}

/// An article of a few complete paragraphs about talks in Vienna (no chrome).
const BODY: &str = "The foreign ministers met in Vienna on Monday to resume talks on the grain \
    corridor, which has been closed since the ports were shelled in July.\n\n\
    Officials from both delegations said the talks had been constructive, and that a deal on \
    the corridor could be signed before the end of the month.";

/// Chrome a scraped page carries around an article: navigation above, a share row and a
/// teaser list below.
const NAV: &str = "Home | World | Business | Sport";
const TAIL: &str = "Share this: Facebook Twitter WhatsApp\n\nRecent Posts\n\n\
    Port Reopens After Storm\n\n9 hours ago\n\nDrought Threatens Harvest\n\n13 hours ago";

fn ingest(text: &str) -> Document {
    let doc = from_bytes(text.as_bytes(), "a.txt", &IngestOptions::default()).unwrap();
    check_spans(&doc);
    doc
}

/// `text` alone loses nothing, and on a page (chrome above and below) keeps exactly the same
/// paragraphs while the chrome goes.
fn keeps_all_of(text: &str) {
    let alone = ingest(text);
    assert!(alone.dropped.is_empty(), "dropped {:#?}", alone.dropped);
    let want: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(kept(&alone), want);
    let page = ingest(&format!("{NAV}\n\n{text}\n\n{TAIL}"));
    assert_eq!(kept(&page), want, "on a page");
    assert_none_contains(
        &page,
        &["Home |", "Share this", "Recent Posts", "9 hours ago"],
    );
}

#[test]
fn truncated_last_paragraph_of_an_excerpt_is_kept() {
    // Issue 13: the whole last paragraph went, complete sentences included.
    for cut in ["…", "...", " […]", " Read more"] {
        keeps_all_of(&format!(
            "{BODY}\n\nThe corridor carried a third of the country's grain exports. \
             Diplomats said the ministers would meet again in Vienna to{cut}"
        ));
    }
}

#[test]
fn short_lead_sentence_is_kept() {
    // Issue 13: the first line of basil-dev e27/nyt.txt ("Joe Biden knew Lloyd Bentsen.").
    keeps_all_of(&format!("Joe Biden knew Lloyd Bentsen.\n\n{BODY}"));
}

#[test]
fn short_closing_sentence_is_kept() {
    // Issue 16: "The regime's forces left." and "Its forces left." went as chrome while "The
    // regime's forces left the area." stayed.
    for close in [
        "The regime's forces left.",
        "Its forces left.",
        "The regime's forces left the area.",
    ] {
        keeps_all_of(&format!("{BODY}\n\n{close}"));
    }
}

#[test]
fn a_sentence_the_article_repeats_is_kept_twice() {
    // Issue 13: basil-dev e36/fox.txt lost its second copy of a sentence (constructed here).
    let again = "Slightly more has been requested for the next fiscal year.";
    keeps_all_of(&format!(
        "{again}\n\n{BODY}\n\n{again}\n\nThe ministers are expected to report to parliament next week."
    ));
    keeps_all_of(&format!(
        "Talks Resume in Vienna\n\n{BODY}\n\n{again}\n\nThe corridor talks continue.\n\n{again}"
    ));
}

#[test]
fn headline_and_a_lone_short_line_of_a_clean_article_are_kept() {
    // No chrome evidence: an isolated short line (basil-dev e38/nyt.txt starts "Site Mobile
    // Navigation") and the headline are the document's text.
    keeps_all_of(&format!("Talks Resume in Vienna\n\n{BODY}"));
    let doc = ingest(&format!(
        "Site Mobile Navigation\n\nTalks Resume in Vienna\n\n{BODY}"
    ));
    assert!(doc.dropped.is_empty(), "{:#?}", doc.dropped);
}

#[test]
fn bom_offsets_are_file_offsets() {
    // Issue 13: offsets indexed the BOM-stripped text (off by three).
    let file = format!("\u{feff}{NAV}\n\nTalks Resume\n\n{BODY}\n");
    let doc = ingest(&file);
    assert!(!doc.paragraphs.is_empty() && !doc.dropped.is_empty());
    let bytes = file.as_bytes();
    for p in &doc.paragraphs {
        assert_eq!(&bytes[p.start..p.end], &doc.text.as_bytes()[p.start..p.end]);
    }
    assert_eq!(
        &bytes[doc.dropped[0].start..doc.dropped[0].end],
        NAV.as_bytes()
    );
    let first = doc.paragraphs[0];
    assert_eq!(&bytes[first.start..first.end], b"Talks Resume");
}

#[test]
fn bare_cr_line_endings_read_like_lf() {
    // Issue 16: with `\r` only, chrome stayed and the kicker merged into the headline.
    for f in [
        "fixtures/velayati-mekdad-2022/iran-front-page.txt",
        "fixtures/velayati-mekdad-2022/al-ahed.txt",
    ] {
        let lf = std::fs::read_to_string(f).unwrap().replace("\r\n", "\n");
        let cr = lf.replace('\n', "\r");
        let (a, b) = (ingest(&lf), ingest(&cr));
        assert_eq!(kept(&a), kept(&b), "{f}");
        let reasons = |d: &Document| {
            d.dropped
                .iter()
                .map(|x| x.reason.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(reasons(&a), reasons(&b), "{f}");
        assert_eq!(a.title, b.title, "{f}");
    }
}

#[test]
fn document_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Document>();
}

#[test]
fn also_read_box_standfirst_and_head_furniture() {
    let doc = read("tests/data/also-read-box.txt");
    check_spans(&doc);
    assert_eq!(
        doc.title.as_deref(),
        Some("Iran and Syria discuss regional security in Tehran talks")
    );
    assert_eq!(doc.date.as_deref(), Some("24 Nov 2024"));
    let k = kept(&doc);
    assert_eq!(k.len(), 6, "{k:#?}");
    assert!(
        k[1].starts_with("The foreign ministers met"),
        "standfirst kept"
    );
    assert!(
        k.iter()
            .any(|p| p.starts_with("The talks came a week after")),
        "prose after the box kept"
    );
    assert_none_contains(
        &doc,
        &[
            "ALSO READ",
            "frank",
            "share",
            "Skip",
            "Reporting by",
            "Source:",
        ],
    );
}
