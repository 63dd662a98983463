//! How the data is protected (section 5): the activities' security measures,
//! each said once.

use super::{source, Builder, ACTIVITY};
use crate::statement::document::{Paragraph, Section, SourceRef};

impl Builder<'_> {
    pub(super) fn security(&self) -> Option<Section> {
        let mut measures: Vec<(&str, Vec<SourceRef>)> = Vec::new();
        for a in &self.snapshot.activities {
            let Some(text) = self.pick(&a.activity.security_measures) else {
                continue;
            };
            let r = source(ACTIVITY, a.activity.id);
            match measures.iter_mut().find(|(t, _)| *t == text) {
                Some((_, refs)) => refs.push(r),
                None => measures.push((text, vec![r])),
            }
        }
        let paragraphs = measures
            .into_iter()
            .map(|(text, refs)| Paragraph::plain(text, refs))
            .collect();
        self.top_section("security", paragraphs, Vec::new())
    }
}
