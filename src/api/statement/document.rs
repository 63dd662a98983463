//! The statement document and the differences between versions as the
//! GraphQL API shows them, converted from `crate::statement`'s types.

use crate::api::enums::Language;
use crate::statement::diff as statement_diff;
use crate::statement::document;

mirror_output! {
    pub struct StatementDocument <= document::StatementDocument {
        language: Language,
        title: String,
        /// Paragraphs before the first section.
        intro: Vec<Paragraph>,
        /// The first layer of the statement (WP260): a table with a row per
        /// purpose, before the sections. Null when the register has no
        /// purposes, and in versions published before statements had it.
        summary: Option<StatementSummary>,
        sections: Vec<Section>,
    }
}

mirror_output! {
    /// The statement in short: per purpose its data, legal bases, how long it
    /// is kept and who receives it, each row leading to the purpose's section.
    pub struct StatementSummary <= document::Summary {
        title: String,
        /// The column headings, the purpose's first.
        columns: Vec<String>,
        rows: Vec<StatementSummaryRow>,
        /// The register entries the table was written from.
        sources: Vec<SourceRef>,
    }
}

mirror_output! {
    /// One purpose in the summary.
    pub struct StatementSummaryRow <= document::SummaryRow {
        /// The `id` of the purpose's section, e.g. `purpose-<activity id>`.
        section_id: String,
        /// One text per column, the purpose's name first.
        cells: Vec<String>,
    }
}

mirror_output! {
    pub struct Section <= document::Section {
        /// Stable anchor, e.g. `who-we-are` or `purpose-<activity id>`.
        id: String,
        title: String,
        paragraphs: Vec<Paragraph>,
        subsections: Vec<Section>,
    }
}

mirror_output! {
    /// A paragraph of plain text, optionally followed by a bulleted list.
    pub struct Paragraph <= document::Paragraph {
        text: String,
        items: Vec<String>,
        /// Words of `text` that link somewhere, e.g. to the version history.
        links: Vec<TextLink>,
        /// The register entries this paragraph says something about.
        sources: Vec<SourceRef>,
    }
}

mirror_output! {
    /// A link in a paragraph: the first occurrence of `text` in the paragraph's
    /// text (within one line) links to `href`.
    pub struct TextLink <= document::TextLink {
        /// The linked words, as the paragraph's text has them.
        text: String,
        /// A site-relative path (`/statements/...`), a fragment (`#rights`), an
        /// `http(s)` URL or a `mailto:` address; the renderers leave any other
        /// kind of link out and show the words only.
        href: String,
    }
}

mirror_output! {
    /// A register entry a paragraph came from.
    pub struct SourceRef <= document::SourceRef {
        /// The GraphQL type name, e.g. `ProcessingActivity`.
        entity_type: String,
        entity_id: String,
    }
}

statement_diff::change_kinds! {
    #[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
    #[graphql(remote = "statement_diff::ChangeKind")]
    pub enum ChangeKind
}

shown!(ChangeKind => statement_diff::ChangeKind);

mirror_output! {
    /// One change, described in the statement's language.
    pub struct SemanticChange <= statement_diff::SemanticChange {
        kind: ChangeKind,
        /// The register entry that changed, e.g. `ProcessingActivity`.
        entity_type: String,
        entity_id: String,
        description: String,
    }
}

mirror_output! {
    pub struct StatementDiff <= statement_diff::StatementDiff {
        semantic: Vec<SemanticChange>,
        /// A unified line diff of the Markdown.
        text: String,
    }
}
