//! Contact and complaints (section 8): where to send a request, and the
//! supervisory authority.

use minijinja::context;

use super::{non_blank, source, Builder, RIGHTS_POLICY};
use crate::statement::document::{Paragraph, Section};

impl Builder<'_> {
    pub(super) fn contact(&self) -> Option<Section> {
        let org = &self.snapshot.organization;
        let mut paragraphs = Vec::new();
        let email = non_blank(&org.privacy_email).or(non_blank(&org.contact_email));
        let channels = self
            .snapshot
            .rights_policy
            .as_ref()
            .and_then(|p| self.pick(&p.channels).map(|c| (p, c)));
        // The e-mail address unless the channels already give it.
        if let Some(email) = email.filter(|e| channels.is_none_or(|(_, c)| !c.contains(e))) {
            paragraphs.push(Paragraph::plain(
                self.t.render("contact.privacy_email", context! { email }),
                vec![self.organization_ref()],
            ));
        }
        match (channels, &org.address) {
            (Some((policy, channels)), _) => {
                paragraphs.push(Paragraph::plain(
                    channels,
                    vec![source(RIGHTS_POLICY, policy.id)],
                ));
            }
            (None, Some(address)) => paragraphs.push(Paragraph::plain(
                self.t.render(
                    "contact.address",
                    context! { name => org.legal_name, address => self.address(address) },
                ),
                vec![self.organization_ref()],
            )),
            (None, None) => {}
        }
        if let Some(authority) = &org.supervisory_authority {
            let name = authority.name.trim();
            if !name.is_empty() {
                let url = non_blank(&authority.url);
                paragraphs.push(Paragraph::plain(
                    self.t.render(
                        "contact.authority",
                        context! { name => self.t.authority(name), url },
                    ),
                    vec![self.organization_ref()],
                ));
            }
        }
        self.top_section("contact", paragraphs, Vec::new())
    }
}
