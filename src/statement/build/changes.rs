//! Changes (section 9): that the statement may change, when it last did,
//! where its earlier versions are, and how material changes are announced
//! ahead (the version history and the Atom feed beside it).

use minijinja::context;

use super::{non_blank, sentences, BuildContext, Builder, CHANGES};
use crate::statement::document::{Paragraph, Section};

impl Builder<'_> {
    pub(super) fn changes(&self, context: &BuildContext) -> Option<Section> {
        // The words that link to the version history, and where it is.
        let history =
            non_blank(&context.history_url).map(|url| (self.t.get("changes.history_link"), url));
        let text = sentences([
            context
                .last_changed
                .map(|date| {
                    self.t.render(
                        "changes.last_changed",
                        context! { date => self.t.date(date) },
                    )
                })
                .unwrap_or_default(),
            history
                .as_ref()
                .map(|(link, _)| self.t.render("changes.history", context! { link }))
                .unwrap_or_default(),
            history
                .as_ref()
                .map(|_| {
                    let feed = self.t.get("changes.feed_link");
                    self.t.render("changes.announce", context! { feed })
                })
                .unwrap_or_default(),
        ]);
        // A published statement says that it may change, and where it is.
        let paragraphs = if text.is_empty() {
            Vec::new()
        } else {
            let mut paragraph = Paragraph::plain(text, vec![self.organization_ref()]);
            if let Some((link, url)) = history {
                paragraph = paragraph
                    .with_link(link, url)
                    .with_link(self.t.get("changes.feed_link"), feed_url(url));
            }
            vec![
                Paragraph::plain(
                    self.t.get("changes.reservation"),
                    vec![self.organization_ref()],
                ),
                paragraph,
            ]
        };
        self.top_section(CHANGES, paragraphs, Vec::new())
    }
}

/// The Atom feed sits beside the version history:
/// `/statements/{org}/{lang}/versions` -> `/statements/{org}/{lang}/feed.atom`.
fn feed_url(history_url: &str) -> String {
    match history_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/feed.atom"),
        None => "feed.atom".to_string(),
    }
}
