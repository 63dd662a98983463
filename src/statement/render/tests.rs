//! Both renderers on a small document: escaping, anchors and links.

use entity::enums::Language;

use super::markdown::{markdown_line, markdown_text};
use super::*;
use crate::statement::document::{Paragraph, Section, SourceRef, StatementDocument};

const NASTY: &str = "<script>alert(1)</script> **bold** [x](y)";

fn document(language: Language, text: &str) -> StatementDocument {
    StatementDocument {
        language,
        title: format!("Statement {text}"),
        intro: vec![Paragraph::plain(text, vec![])],
        summary: None,
        sections: vec![
            Section {
                id: "who-we-are".into(),
                title: format!("Who {text}"),
                paragraphs: vec![
                    Paragraph::plain(
                        "Mail privacy@acme.example or see https://acme.example/privacy.",
                        vec![SourceRef {
                            entity_type: "Organization".into(),
                            entity_id: "1".into(),
                        }],
                    ),
                    Paragraph::list(text, vec![text.to_string(), "plain item".into()], vec![]),
                ],
                subsections: vec![Section {
                    id: "purpose-1".into(),
                    title: "Webshop".into(),
                    paragraphs: vec![Paragraph::plain("Orders.", vec![])],
                    subsections: vec![],
                }],
            },
            Section {
                id: "rights".into(),
                title: "Your rights".into(),
                paragraphs: vec![],
                subsections: vec![],
            },
        ],
    }
}

/// `text` holds `part`.
fn has(text: &str, part: impl AsRef<str>) {
    let part = part.as_ref();
    assert!(text.contains(part), "`{part}` is not in: {text}");
}

#[test]
fn html_escapes_every_register_text() {
    let html = html(&document(Language::En, NASTY));
    assert!(!html.contains("<script>"), "{html}");
    has(
        &html,
        "&lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](y)",
    );
    // In the title, the table of contents, the heading, the list.
    assert_eq!(html.matches("&lt;script&gt;").count(), 6, "{html}");
    assert!(!html.contains("<strong>"));
}

#[test]
fn html_escapes_attribute_breakers_in_section_ids() {
    let mut doc = document(Language::En, "x");
    doc.sections[0].id = "a\" onclick=\"alert(1)".into();
    let html = html(&doc);
    assert!(!html.contains("onclick=\""), "{html}");
    has(&html, "<section id=\"a--onclick--alert-1-\">");
    has(&html, "<a href=\"#a--onclick--alert-1-\">");
}

#[test]
fn html_has_contents_linking_to_section_anchors() {
    let html = html(&document(Language::Nl, "x"));
    has(&html, "<h2 id=\"toc-heading\">Inhoud</h2>");
    has(&html, "<a href=\"#who-we-are\">Who x</a>");
    has(&html, "<a href=\"#purpose-1\">Webshop</a>");
    has(&html, "<section id=\"who-we-are\">\n<h2>Who x</h2>");
    has(&html, "<section id=\"purpose-1\">\n<h3>Webshop</h3>");
    has(&html, "<li>plain item</li>");
    assert!(
        html.starts_with("<article class=\"statement\" lang=\"nl\">"),
        "{html}"
    );
    assert!(!html.contains("Contents"));
    assert_eq!(
        html,
        super::html(&document(Language::Nl, "x")),
        "deterministic"
    );
}

#[test]
fn html_links_addresses_and_urls_after_escaping() {
    let html = html(&document(Language::En, "x"));
    has(&html, "Mail <a href=\"mailto:privacy@acme.example\">privacy@acme.example</a> or see <a href=\"https://acme.example/privacy\">https://acme.example/privacy</a>.");
}

#[test]
fn linkify_escapes_around_and_inside_links() {
    assert_eq!(
        linkify("<b>https://x.example/?a=1&b=\"2\"</b>"),
        "&lt;b&gt;<a href=\"https://x.example/?a=1&amp;b=\">https://x.example/?a=1&amp;b=</a>&quot;2&quot;&lt;/b&gt;"
    );
    assert_eq!(
        linkify("(see https://x.example/a_(b)) and http://y.example."),
        "(see <a href=\"https://x.example/a_(b)\">https://x.example/a_(b)</a>) and <a href=\"http://y.example\">http://y.example</a>."
    );
    assert_eq!(linkify("javascript:alert(1)"), "javascript:alert(1)");
    assert_eq!(linkify("xhttps://no.example"), "xhttps://no.example");
    assert_eq!(linkify("just https:// here"), "just https:// here");
    assert_eq!(
        linkify("a@b, x@y.z, @home, user@host"),
        "a@b, x@y.z, @home, user@host"
    );
    assert_eq!(
        linkify("Write to j.doe+gdpr@mail.acme.nl."),
        "Write to <a href=\"mailto:j.doe+gdpr@mail.acme.nl\">j.doe+gdpr@mail.acme.nl</a>."
    );
    assert_eq!(
        linkify("https://x.example/u@v.example"),
        "<a href=\"https://x.example/u@v.example\">https://x.example/u@v.example</a>"
    );
    assert_eq!(
        linkify("ünï https://x.example/ü <a@b.cd>"),
        "ünï <a href=\"https://x.example/ü\">https://x.example/ü</a> &lt;<a href=\"mailto:a@b.cd\">a@b.cd</a>&gt;"
    );
}

/// Where the linkify crate judges otherwise than the hand-written finder
/// it replaced, its judgement stands: the whole RFC 5322 local part, an
/// internationalized address, a top-level domain with a digit; no link for
/// a malformed local part or host, for an IPv6 host, or past a `|`.
#[test]
fn links_are_found_as_the_linkify_crate_finds_them() {
    let mail = |address: &str| format!("<a href=\"mailto:{address}\">{address}</a>");
    for (text, html) in [
        ("o'brien@x.nl", mail("o&#39;brien@x.nl")),
        ("a!b@x.nl", mail("a!b@x.nl")),
        ("naïve@x.nl", mail("naïve@x.nl")),
        ("a@ünï.nl", mail("a@ünï.nl")),
        ("a@x.nl1", mail("a@x.nl1")),
        ("a..b@x.nl", format!("a..{}", mail("b@x.nl"))),
        ("a.@x.nl", "a.@x.nl".into()),
        (
            "éhttps://x.example",
            "é<a href=\"https://x.example\">https://x.example</a>".into(),
        ),
        (
            "https://x.example/'a'",
            "<a href=\"https://x.example/&#39;a&#39;\">https://x.example/&#39;a&#39;</a>".into(),
        ),
        (
            "https://x.example/a|b",
            "<a href=\"https://x.example/a\">https://x.example/a</a>|b".into(),
        ),
        ("https://-x.example", "https://-x.example".into()),
        ("https://x_y.example/", "https://x_y.example/".into()),
        ("http://[::1]/x", "http://[::1]/x".into()),
        // Only web pages are linked, whatever else linkify finds.
        ("ftp://files.example/x", "ftp://files.example/x".into()),
    ] {
        assert_eq!(linkify(text), html, "{text}");
    }
}

fn linked(text: &str, links: &[(&str, &str)]) -> Paragraph {
    links
        .iter()
        .fold(Paragraph::plain(text, vec![]), |p, (words, href)| {
            p.with_link(*words, *href)
        })
}

#[test]
fn paragraph_links_are_links_in_html_and_markdown() {
    let mut doc = document(Language::Nl, "x");
    doc.sections[1].paragraphs = vec![linked(
        "Zie de *versiegeschiedenis* of mail privacy@acme.example.",
        &[("versiegeschiedenis", "/statements/acme/nl/versions")],
    )];
    let html = html(&doc);
    has(
        &html,
        "<p>Zie de *<a href=\"/statements/acme/nl/versions\">versiegeschiedenis</a>* of mail \
             <a href=\"mailto:privacy@acme.example\">privacy@acme.example</a>.</p>",
    );
    let md = markdown(&doc);
    has(&md, "\nZie de \\*[versiegeschiedenis](/statements/acme/nl/versions)\\* of mail privacy@acme.example.\n");
}

#[test]
fn paragraph_links_are_escaped_and_only_safe_ones_are_made() {
    let paragraph = linked(
        "- a <b> [c] d e",
        &[
            ("<b>", "/a/(x)?q=\"1\"&y"),
            ("a", "/with space"),
            ("a", "javascript:alert(1)"),
            ("c", "//elsewhere.example"),
            ("d", "https://ok.example/x"),
            ("missing", "/nowhere"),
            ("e", "#rights"),
        ],
    );
    assert_eq!(
        linkify_with(&paragraph.text, &paragraph.links),
        "- a <a href=\"/a/(x)?q=&quot;1&quot;&amp;y\">&lt;b&gt;</a> [c] \
         <a href=\"https://ok.example/x\">d</a> <a href=\"#rights\">e</a>"
    );
    assert_eq!(
        markdown_text(&paragraph.text, &paragraph.links),
        r#"\- a [\<b\>](/a/%28x%29?q="1"&y) \[c\] [d](https://ok.example/x) [e](#rights)"#
    );
    // The first occurrence that is free, each link once.
    let twice = linked("a b a", &[("a", "/1"), ("a", "/2"), ("a", "/3")]);
    assert_eq!(
        linkify_with(&twice.text, &twice.links),
        "<a href=\"/1\">a</a> b <a href=\"/2\">a</a>"
    );
    assert_eq!(
        markdown_text(&twice.text, &twice.links),
        "[a](/1) b [a](/2)"
    );
}

#[test]
fn paragraphs_stored_without_links_still_read() {
    let stored = r#"{"text":"t","items":[],"sources":[]}"#;
    let paragraph: Paragraph = serde_json::from_str(stored).unwrap();
    assert!(paragraph.links.is_empty());
    assert_eq!(serde_json::to_string(&paragraph).unwrap(), stored);
}

#[test]
fn markdown_escapes_control_characters() {
    let md = markdown(&document(Language::En, NASTY));
    let escaped = r"\<script\>alert(1)\</script\> \*\*bold\*\* \[x\](y)";
    has(&md, format!("\n{escaped}\n"));
    has(&md, format!("\n- {escaped}\n"));
    has(&md, format!("# Statement {escaped}\n"));
    has(&md, "\n## Who ");
    has(&md, "\n### Webshop\n");
    assert!(!md.contains("<script>"));
}

#[test]
fn markdown_escapes_block_markers_at_line_start() {
    assert_eq!(escape_markdown_line("# title"), r"\# title");
    assert_eq!(escape_markdown_line("- item"), r"\- item");
    assert_eq!(escape_markdown_line("+ item"), r"\+ item");
    assert_eq!(escape_markdown_line("12. item"), r"12\. item");
    assert_eq!(escape_markdown_line("1) item"), r"1\) item");
    assert_eq!(escape_markdown_line("a - b + c 1. d"), "a - b + c 1. d");
    assert_eq!(escape_markdown_line("| a | b |"), r"\| a \| b \|");
    assert_eq!(
        escape_markdown_line("`code` _em_ ~s~ \\"),
        r"\`code\` \_em\_ \~s\~ \\"
    );
    assert_eq!(escape_markdown_line("![i](x) &amp;"), r"!\[i\](x) \&amp;");
    assert_eq!(
        escape_markdown_line("R&D & co &#60; &x"),
        r"R&D & co \&\#60; &x"
    );
    let md = markdown_text("first\n   - second\n\n    1. third", &[]);
    assert_eq!(md, "first\n\\- second\n1\\. third");
    assert_eq!(markdown_line("a\n# b"), r"a \# b");
}

#[test]
fn escaping_keeps_characters_of_several_bytes_around_escaped_ones() {
    assert_eq!(escape_html("é<ü>&\"ß'€"), "é&lt;ü&gt;&amp;&quot;ß&#39;€");
    assert_eq!(escape_html("Øresund"), "Øresund");
    assert_eq!(escape_markdown_line("*é*_€_ ß"), r"\*é\*\_€\_ ß");
    assert_eq!(escape_markdown_line("ö"), "ö");
}

#[test]
fn markdown_is_plain_and_deterministic() {
    let md = markdown(&document(Language::Nl, "x"));
    assert_eq!(md, markdown(&document(Language::Nl, "x")));
    assert!(md.starts_with("# Statement x\n\nx\n\n## Who x\n"), "{md}");
    has(&md, "\n- plain item\n");
    has(&md, "## Your rights\n");
}

fn with_summary(text: &str) -> StatementDocument {
    let mut document = document(Language::En, "x");
    document.summary = Some(crate::statement::document::Summary {
        title: "At a glance".into(),
        columns: ["Purpose", "Data"].map(String::from).to_vec(),
        rows: vec![crate::statement::document::SummaryRow {
            section_id: "purpose-1".into(),
            cells: vec!["Webshop".into(), text.into()],
        }],
        sources: vec![],
    });
    document
}

#[test]
fn the_summary_is_a_table_whose_rows_lead_to_their_sections() {
    let html = html(&with_summary(NASTY));
    assert!(!html.contains("<script>"), "{html}");
    has(&html, "<td data-label=\"Data\">&lt;script&gt;");
    has(
        &html,
        "<th scope=\"row\" data-label=\"Purpose\"><a href=\"#purpose-1\">Webshop</a></th>",
    );
    // The summary comes before the table of contents and the details.
    assert!(
        html.find("id=\"summary\"") < html.find("class=\"toc\""),
        "{html}"
    );

    let markdown = markdown(&with_summary("a | b"));
    has(&markdown, "## At a glance\n\n| Purpose | Data |\n| --- | --- |\n| [Webshop](#purpose-1) | a \\| b |\n");
}
