//! The statement document and the differences between versions as the
//! GraphQL API shows them, converted from `crate::statement`'s types.

use async_graphql::SimpleObject;

use crate::api::all;
use crate::api::enums::Language;
use crate::statement::diff as statement_diff;
use crate::statement::document;

#[derive(SimpleObject)]
pub struct StatementDocument {
    pub language: Language,
    pub title: String,
    /// Paragraphs before the first section.
    pub intro: Vec<Paragraph>,
    /// The first layer of the statement (WP260): a table with a row per
    /// purpose, before the sections. Null when the register has no
    /// purposes, and in versions published before statements had it.
    pub summary: Option<StatementSummary>,
    pub sections: Vec<Section>,
}

impl From<document::StatementDocument> for StatementDocument {
    fn from(document: document::StatementDocument) -> Self {
        StatementDocument {
            language: document.language.into(),
            title: document.title,
            intro: all(document.intro),
            summary: document.summary.map(Into::into),
            sections: all(document.sections),
        }
    }
}

/// The statement in short: per purpose its data, legal bases, how long it
/// is kept and who receives it, each row leading to the purpose's section.
#[derive(SimpleObject)]
pub struct StatementSummary {
    pub title: String,
    /// The column headings, the purpose's first.
    pub columns: Vec<String>,
    pub rows: Vec<StatementSummaryRow>,
    /// The register entries the table was written from.
    pub sources: Vec<SourceRef>,
}

impl From<document::Summary> for StatementSummary {
    fn from(summary: document::Summary) -> Self {
        StatementSummary {
            title: summary.title,
            columns: summary.columns,
            rows: all(summary.rows),
            sources: all(summary.sources),
        }
    }
}

/// One purpose in the summary.
#[derive(SimpleObject)]
pub struct StatementSummaryRow {
    /// The `id` of the purpose's section, e.g. `purpose-<activity id>`.
    pub section_id: String,
    /// One text per column, the purpose's name first.
    pub cells: Vec<String>,
}

impl From<document::SummaryRow> for StatementSummaryRow {
    fn from(row: document::SummaryRow) -> Self {
        StatementSummaryRow {
            section_id: row.section_id,
            cells: row.cells,
        }
    }
}

#[derive(SimpleObject)]
pub struct Section {
    /// Stable anchor, e.g. `who-we-are` or `purpose-<activity id>`.
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub subsections: Vec<Section>,
}

impl From<document::Section> for Section {
    fn from(section: document::Section) -> Self {
        Section {
            id: section.id,
            title: section.title,
            paragraphs: all(section.paragraphs),
            subsections: all(section.subsections),
        }
    }
}

/// A paragraph of plain text, optionally followed by a bulleted list.
#[derive(SimpleObject)]
pub struct Paragraph {
    pub text: String,
    pub items: Vec<String>,
    /// Words of `text` that link somewhere, e.g. to the version history.
    pub links: Vec<TextLink>,
    /// The register entries this paragraph says something about.
    pub sources: Vec<SourceRef>,
}

impl From<document::Paragraph> for Paragraph {
    fn from(paragraph: document::Paragraph) -> Self {
        Paragraph {
            text: paragraph.text,
            items: paragraph.items,
            links: all(paragraph.links),
            sources: all(paragraph.sources),
        }
    }
}

/// A link in a paragraph: the first occurrence of `text` in the paragraph's
/// text (within one line) links to `href`.
#[derive(SimpleObject)]
pub struct TextLink {
    /// The linked words, as the paragraph's text has them.
    pub text: String,
    /// A site-relative path (`/statements/...`), a fragment (`#rights`), an
    /// `http(s)` URL or a `mailto:` address; the renderers leave any other
    /// kind of link out and show the words only.
    pub href: String,
}

impl From<document::TextLink> for TextLink {
    fn from(link: document::TextLink) -> Self {
        TextLink {
            text: link.text,
            href: link.href,
        }
    }
}

/// A register entry a paragraph came from.
#[derive(SimpleObject)]
pub struct SourceRef {
    /// The GraphQL type name, e.g. `ProcessingActivity`.
    pub entity_type: String,
    pub entity_id: String,
}

impl From<document::SourceRef> for SourceRef {
    fn from(source: document::SourceRef) -> Self {
        SourceRef {
            entity_type: source.entity_type,
            entity_id: source.entity_id,
        }
    }
}

#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "statement_diff::ChangeKind")]
pub enum ChangeKind {
    OrganizationChanged,
    ActivityAdded,
    ActivityRemoved,
    ActivityRenamed,
    PurposeChanged,
    LegalBasisChanged,
    LegitimateInterestChanged,
    DataCategoryAdded,
    DataCategoryRemoved,
    /// A data category the statement names is called differently.
    DataCategoryRenamed,
    /// Another detail of a data category the statement names changed.
    DataCategoryChanged,
    /// A data category now is, or no longer is, special (GDPR Art. 9).
    SpecialCategoryChanged,
    DataSubjectAdded,
    DataSubjectRemoved,
    /// A data subject category the statement names is called differently.
    DataSubjectRenamed,
    RecipientAdded,
    RecipientRemoved,
    RetentionChanged,
    TransferAdded,
    TransferRemoved,
    ActivityDetailsChanged,
    ProcessorAdded,
    ProcessorRemoved,
    ProcessorChanged,
    AgreementChanged,
    RightsPolicyChanged,
    /// A cookie or similar technology.
    TrackerAdded,
    TrackerRemoved,
    /// What the statement says of a tracker changed.
    TrackerChanged,
    WordingChanged,
}

/// One change, described in the statement's language.
#[derive(SimpleObject)]
pub struct SemanticChange {
    pub kind: ChangeKind,
    /// The register entry that changed, e.g. `ProcessingActivity`.
    pub entity_type: String,
    pub entity_id: String,
    pub description: String,
}

impl From<statement_diff::SemanticChange> for SemanticChange {
    fn from(change: statement_diff::SemanticChange) -> Self {
        SemanticChange {
            kind: change.kind.into(),
            entity_type: change.entity_type,
            entity_id: change.entity_id,
            description: change.description,
        }
    }
}

#[derive(SimpleObject)]
pub struct StatementDiff {
    pub semantic: Vec<SemanticChange>,
    /// A unified line diff of the Markdown.
    pub text: String,
}

impl From<statement_diff::StatementDiff> for StatementDiff {
    fn from(diff: statement_diff::StatementDiff) -> Self {
        StatementDiff {
            semantic: all(diff.semantic),
            text: diff.text,
        }
    }
}
