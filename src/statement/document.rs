//! The structured privacy statement: sections of paragraphs, each paragraph
//! naming the register entries it was written from (its provenance). The
//! renderers turn it into Markdown and HTML; it is stored with every
//! published version as JSON.

use entity::enums::Language;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementDocument {
    pub language: Language,
    pub title: String,
    /// Paragraphs before the first section.
    pub intro: Vec<Paragraph>,
    /// The first layer: a row per purpose, before the details. Versions
    /// published before it existed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    pub sections: Vec<Section>,
}

/// The statement in short (WP260 §35-38): per purpose its data, legal
/// basis, retention and recipients, each row leading to its section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub title: String,
    /// The column headings, the purpose's first.
    pub columns: Vec<String>,
    pub rows: Vec<SummaryRow>,
    pub sources: Vec<SourceRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryRow {
    /// The section of the purpose, e.g. `purpose-<activity id>`.
    pub section_id: String,
    /// One text per column, the purpose's name first.
    pub cells: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Stable anchor, e.g. `who-we-are` or `purpose-<activity id>`.
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub subsections: Vec<Section>,
}

/// A paragraph of plain text, optionally followed by a bulleted list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paragraph {
    pub text: String,
    pub items: Vec<String>,
    /// Words of `text` that link somewhere, e.g. to the version history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<TextLink>,
    /// The register entries this paragraph says something about.
    pub sources: Vec<SourceRef>,
}

/// A link in a paragraph: the first occurrence of `text` in the paragraph's
/// text (within one line) links to `href`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextLink {
    /// The linked words, as the paragraph's text has them.
    pub text: String,
    /// A site-relative path (`/statements/...`), a fragment (`#rights`), an
    /// `http(s)` URL or a `mailto:` address; the renderers leave any other
    /// kind of link out and show the words only.
    pub href: String,
}

/// A register entry a paragraph came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRef {
    /// The GraphQL type name, e.g. `ProcessingActivity`.
    pub entity_type: String,
    pub entity_id: String,
}

impl SourceRef {
    pub fn new(entity_type: &str, entity_id: Uuid) -> Self {
        SourceRef {
            entity_type: entity_type.to_string(),
            entity_id: entity_id.to_string(),
        }
    }
}

impl Paragraph {
    pub fn plain(text: impl Into<String>, sources: Vec<SourceRef>) -> Self {
        Paragraph {
            text: text.into(),
            items: Vec::new(),
            links: Vec::new(),
            sources,
        }
    }

    pub fn list(text: impl Into<String>, items: Vec<String>, sources: Vec<SourceRef>) -> Self {
        Paragraph {
            text: text.into(),
            items,
            links: Vec::new(),
            sources,
        }
    }

    /// The paragraph with the words `text` of its text linking to `href`.
    pub fn with_link(mut self, text: impl Into<String>, href: impl Into<String>) -> Self {
        self.links.push(TextLink {
            text: text.into(),
            href: href.into(),
        });
        self
    }
}
