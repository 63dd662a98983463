//! The catalogue a new organization starts with: common data categories and
//! data subject categories, in Dutch and English. The organization may
//! change or archive every entry.

use entity::values::Localized;
use entity::{data_category, data_subject_category};
use sea_orm::Set;

use crate::db::Tx;
use crate::error::AppResult;
use crate::register::versioned;
use crate::register::vocabulary::Vocabulary;

/// `(key, Dutch name, English name, special category)`.
const DATA_CATEGORIES: &[(&str, &str, &str, bool)] = &[
    ("identity.name", "naam", "name", false),
    (
        "identity.birth_date",
        "geboortedatum",
        "date of birth",
        false,
    ),
    ("contact.address", "adres", "postal address", false),
    ("contact.email", "e-mailadres", "e-mail address", false),
    ("contact.phone", "telefoonnummer", "telephone number", false),
    ("professional.job_title", "functie", "job title", false),
    (
        "professional.employer",
        "organisatie waar u werkt",
        "employing organisation",
        false,
    ),
    (
        "account.credentials",
        "inloggegevens",
        "login details",
        false,
    ),
    (
        "account.subscription",
        "abonnementsgegevens",
        "subscription details",
        false,
    ),
    (
        "financial.payment",
        "betaalgegevens",
        "payment details",
        false,
    ),
    (
        "commerce.orders",
        "bestel- en aankoopgegevens",
        "order and purchase details",
        false,
    ),
    (
        "online.click_behaviour",
        "klikgedrag",
        "click behaviour",
        false,
    ),
    (
        "online.device",
        "IP-adres en apparaatgegevens",
        "IP address and device details",
        false,
    ),
    (
        "marketing.preferences",
        "voorkeuren en interesses",
        "preferences and interests",
        false,
    ),
    (
        "communication.messages",
        "inhoud van berichten en vragen",
        "content of messages and questions",
        false,
    ),
    (
        "social.profile",
        "openbare profielgegevens op sociale media",
        "public social media profile",
        false,
    ),
    (
        "research.answers",
        "antwoorden op onderzoeksvragen",
        "survey answers",
        false,
    ),
    ("special.health", "gezondheidsgegevens", "health data", true),
];

/// `(key, Dutch name, English name)`.
const DATA_SUBJECT_CATEGORIES: &[(&str, &str, &str)] = &[
    ("customers", "klanten", "customers"),
    ("prospects", "geïnteresseerden", "prospective customers"),
    (
        "newsletter_subscribers",
        "nieuwsbriefabonnees",
        "newsletter subscribers",
    ),
    ("website_visitors", "websitebezoekers", "website visitors"),
    ("account_holders", "accounthouders", "account holders"),
    (
        "contest_participants",
        "deelnemers aan acties en prijsvragen",
        "contest participants",
    ),
    (
        "research_participants",
        "deelnemers aan marktonderzoek",
        "market research participants",
    ),
    (
        "social_media_followers",
        "volgers op sociale media",
        "social media followers",
    ),
    ("employees", "medewerkers", "employees"),
    ("job_applicants", "sollicitanten", "job applicants"),
];

/// An entry of the catalogue, named in Dutch and English, without a
/// description.
fn entry(key: &str, nl: &str, en: &str) -> Vocabulary {
    let name = Localized(
        [
            ("nl".to_string(), nl.to_string()),
            ("en".to_string(), en.to_string()),
        ]
        .into(),
    );
    Vocabulary {
        key: key.to_string(),
        name,
        description: Localized::default(),
    }
}

/// Adds the default catalogue to a new organization, with audit events.
pub async fn install(tx: &Tx<'_>) -> AppResult<()> {
    for &(key, nl, en, special) in DATA_CATEGORIES {
        let mut model: data_category::ActiveModel = entry(key, nl, en).into();
        model.special_category = Set(special);
        model.criminal_data = Set(false);
        versioned::insert::<data_category::Entity, _>(tx, model).await?;
    }
    for &(key, nl, en) in DATA_SUBJECT_CATEGORIES {
        let model: data_subject_category::ActiveModel = entry(key, nl, en).into();
        versioned::insert::<data_subject_category::Entity, _>(tx, model).await?;
    }
    Ok(())
}
