//! Who we are (section 1): the controller, how to reach it, its data protection
//! officer and representative.

use minijinja::context;

use super::{non_blank, sentences, Builder};
use crate::statement::document::{Paragraph, Section};

impl Builder<'_> {
    pub(super) fn who_we_are(&self) -> Option<Section> {
        let org = &self.snapshot.organization;
        let refs = || vec![self.organization_ref()];
        let country_code = self.home_country().unwrap_or_default();
        let trade_names: Vec<&str> = org
            .trade_names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty() && *n != org.legal_name.trim())
            .collect();
        let mut paragraphs = vec![Paragraph::plain(
            sentences([
                self.t.render(
                    "who.controller",
                    context! { legal_name => org.legal_name, trade_names },
                ),
                org.address
                    .as_ref()
                    .map(|a| {
                        self.t
                            .render("who.address", context! { address => self.address(a) })
                    })
                    .unwrap_or_default(),
                non_blank(&org.registration_number)
                    .map(|number| {
                        self.t
                            .render("who.registration", context! { number, country_code })
                    })
                    .unwrap_or_default(),
            ]),
            refs(),
        )];

        let websites: Vec<&str> = org
            .websites
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        let contact = sentences([
            self.reach(non_blank(&org.contact_email), non_blank(&org.phone))
                .map(|reach| self.t.render("who.contact", context! { reach }))
                .unwrap_or_default(),
            if websites.is_empty() {
                String::new()
            } else {
                self.t.render("who.websites", context! { websites })
            },
        ]);
        if !contact.is_empty() {
            paragraphs.push(Paragraph::plain(contact, refs()));
        }
        for (key, person) in [
            ("who.dpo", &org.dpo),
            ("who.representative", &org.representative),
        ] {
            let Some(person) = person else { continue };
            let name = person.name.trim();
            if name.is_empty() {
                continue;
            }
            let reach = self.reach(non_blank(&person.email), non_blank(&person.phone));
            paragraphs.push(Paragraph::plain(
                self.t.render(key, context! { name, reach }),
                refs(),
            ));
        }
        self.top_section("who_we_are", paragraphs, Vec::new())
    }
}
