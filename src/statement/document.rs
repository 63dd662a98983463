//! The structured privacy statement: sections of paragraphs, each paragraph
//! naming the register entries it was written from (its provenance). The
//! renderers turn it into Markdown and HTML; it is stored with every
//! published version as JSON.

use async_graphql::SimpleObject;
use entity::enums::Language;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct StatementDocument {
    pub language: Language,
    pub title: String,
    /// Paragraphs before the first section.
    pub intro: Vec<Paragraph>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Stable anchor, e.g. `who-we-are` or `purpose-<activity id>`.
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
    pub subsections: Vec<Section>,
}

/// A paragraph of plain text, optionally followed by a bulleted list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, SimpleObject)]
#[serde(rename_all = "camelCase")]
pub struct Paragraph {
    pub text: String,
    pub items: Vec<String>,
    /// The register entries this paragraph says something about.
    pub sources: Vec<SourceRef>,
}

/// A register entry a paragraph came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, SimpleObject)]
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
            sources,
        }
    }

    pub fn list(text: impl Into<String>, items: Vec<String>, sources: Vec<SourceRef>) -> Self {
        Paragraph {
            text: text.into(),
            items,
            sources,
        }
    }
}
