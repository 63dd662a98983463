//! Diffs of small edits to the test register, in both languages.

use std::collections::BTreeSet;

use entity::enums::{AgreementStatus, LegalBasisCode, TransferSafeguard};
use sea_orm::Iterable;
use serde_json::json;

use super::wording::words;
use super::*;
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::fixture::{localized, snapshot};

fn webshop(snapshot: &mut RegisterSnapshot) -> &mut ActivitySnapshot {
    &mut snapshot.activities[0]
}

fn changes(old: &RegisterSnapshot, new: &RegisterSnapshot, language: Language) -> Vec<String> {
    diff(old, new, "", "", language, (1, 2))
        .semantic
        .into_iter()
        .map(|c| c.description)
        .collect()
}

fn dutch(edit: impl FnOnce(&mut RegisterSnapshot)) -> Vec<String> {
    let old = snapshot();
    let mut new = old.clone();
    edit(&mut new);
    changes(&old, &new, Language::Nl)
}

/// Every text renders in both languages by the wording's own tests; here:
/// every kind of change has one.
#[test]
fn every_change_kind_has_a_text() {
    for language in Language::ALL {
        let keys: BTreeSet<&str> = words(language).keys().collect();
        for kind in ChangeKind::iter() {
            let key = kind.key();
            assert!(
                keys.iter()
                    .any(|k| *k == key || k.starts_with(&format!("{key}."))),
                "{language:?} has a text for {key}"
            );
        }
    }
}

#[test]
fn the_text_diff_names_the_versions_in_the_language() {
    let old = snapshot();
    let dutch = diff(&old, &old, "a\n", "b\n", Language::Nl, (1, 2));
    assert!(
        dutch.text.starts_with("--- versie 1\n+++ versie 2\n"),
        "{}",
        dutch.text
    );
    let english = diff(&old, &old, "a\n", "b\n", Language::En, (3, 4));
    assert!(english.text.starts_with("--- version 3\n+++ version 4\n"));
    assert_eq!(dutch.semantic[0].kind, ChangeKind::WordingChanged);
}

#[test]
fn organization_fields_are_named_and_simple_ones_told_from_what_to_what() {
    let old = snapshot();
    let mut new = old.clone();
    new.organization.legal_name = "Acme Retail B.V.".into();
    new.organization.registration_number = Some("12345678".into());
    new.organization.contact_email = None;
    new.organization.address = Some(entity::values::Address {
        street: "Straat 1".into(),
        postal_code: "1234 AB".into(),
        city: "Utrecht".into(),
        country: "NL".into(),
    });
    new.organization.websites.0.push("https://acme.test".into());
    new.organization.revision = 2;
    assert_eq!(
        changes(&old, &new, Language::Nl),
        [
            "Gegevens van de organisatie: naam gewijzigd van ‘Acme B.V.’ naar ‘Acme Retail B.V.’",
            "Gegevens van de organisatie: registratienummer toegevoegd: ‘12345678’",
            "Gegevens van de organisatie gewijzigd: adres en websites",
        ]
    );
    assert_eq!(
        changes(&old, &new, Language::En)[2],
        "Organization details changed: address and websites"
    );
}

#[test]
fn rights_policy_periods_are_told_in_words() {
    let changed = dutch(|s| {
        let policy = s.rights_policy.as_mut().expect("the fixture has a policy");
        policy.response_period = "P1M".into();
        policy.opt_out_working_days = Some(5);
        policy.unsubscribe = localized(&[("nl", "Klik op afmelden.")]);
    });
    assert_eq!(
        changed,
        [
            "Beleid voor uw rechten en communicatie: reactietermijn gewijzigd van vier weken naar een maand",
            "Beleid voor uw rechten en communicatie: verwerkingstijd van een afmelding toegevoegd: vijf werkdagen",
            "Beleid voor uw rechten en communicatie gewijzigd: afmelden",
        ]
    );
    let first = dutch(|s| s.rights_policy = None);
    assert_eq!(
        first,
        ["Beleid voor uw rechten en communicatie: reactietermijn verwijderd (was vier weken)"]
    );
}

#[test]
fn an_edit_of_another_language_is_no_change() {
    let old = snapshot();
    let mut new = old.clone();
    webshop(&mut new).activity.purpose = localized(&[
        ("nl", "Bestellingen leveren."),
        ("en", "Delivering and returning orders."),
    ]);
    new.data_categories[0].name = localized(&[("nl", "naam"), ("en", "full name")]);
    assert_eq!(changes(&old, &new, Language::Nl), Vec::<String>::new());
    assert_eq!(
        changes(&old, &new, Language::En),
        [
            "Description of the purpose Web shop changed",
            "Data renamed from ‘name’ to ‘full name’",
        ]
    );
}

#[test]
fn a_text_missing_in_the_language_falls_back_as_in_the_statement() {
    let mut old = snapshot();
    webshop(&mut old).activity.name = localized(&[("en", "Shop")]);
    let mut new = old.clone();
    webshop(&mut new).activity.name = localized(&[("en", "Online shop")]);
    assert_eq!(
        changes(&old, &new, Language::Nl),
        ["Doel hernoemd van Shop naar Online shop"]
    );
}

#[test]
fn legal_bases_are_named_as_in_the_statement() {
    let changed = dutch(|s| webshop(s).legal_bases[0].code = LegalBasisCode::Consent);
    assert_eq!(
        changed,
        ["Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar toestemming"]
    );
    // Without its row, a basis has the name the statement falls back to.
    let changed = dutch(|s| {
        webshop(s).legal_bases[0].code = LegalBasisCode::LegitimateInterests;
    });
    assert_eq!(
        changed,
        ["Grondslag van Webshop gewijzigd van uitvoering van een overeenkomst naar gerechtvaardigd belang"]
    );
}

#[test]
fn retention_is_told_from_what_to_what() {
    let changed = dutch(|s| {
        let retention = webshop(s).activity.retention.as_mut().expect("fixture");
        retention.period = Some("P7Y".into());
        retention.trigger = None;
    });
    assert_eq!(
        changed,
        ["Bewaartermijn bij Webshop gewijzigd van ‘twee jaar na uw laatste aankoop of het einde van uw abonnement’ naar ‘zeven jaar’"]
    );
    // The event a period counts from is told as the statement tells it.
    let counted = dutch(|s| {
        let retention = webshop(s).activity.retention.as_mut().expect("fixture");
        retention.trigger = Some("CONTRACT_END".into());
    });
    assert_eq!(
        counted,
        ["Bewaartermijn bij Webshop gewijzigd van ‘twee jaar na uw laatste aankoop of het einde van uw abonnement’ naar ‘twee jaar na het einde van de overeenkomst’"]
    );
    let explained = dutch(|s| {
        let retention = webshop(s).activity.retention.as_mut().expect("fixture");
        retention.description = localized(&[("nl", "Daarna anoniem.")]);
    });
    assert_eq!(
        explained,
        ["Toelichting op de bewaartermijn bij Webshop toegevoegd: ‘Daarna anoniem.’"]
    );
    let dropped = dutch(|s| webshop(s).activity.retention = None);
    assert_eq!(
        dropped,
        ["Bewaartermijn bij Webshop verwijderd (was ‘twee jaar na uw laatste aankoop of het einde van uw abonnement’)"]
    );
}

#[test]
fn categories_the_statement_names_are_compared() {
    let changed = dutch(|s| {
        s.data_categories[0].name = localized(&[("nl", "volledige naam"), ("en", "name")]);
        s.data_categories[0].special_category = true;
        s.data_categories[0].description = localized(&[("nl", "Voor- en achternaam.")]);
        s.data_subject_categories[0].name = localized(&[("nl", "kopers")]);
    });
    assert_eq!(
        changed,
        [
            "Gegevens hernoemd van ‘naam’ naar ‘volledige naam’",
            "Gegevens ‘volledige naam’ gelden nu als bijzondere persoonsgegevens",
            "Gegevens ‘volledige naam’ gewijzigd: omschrijving",
            "Betrokkenen hernoemd van ‘klanten’ naar ‘kopers’",
        ]
    );
    // A category no activity links to is not in the statement.
    let unlinked = dutch(|s| {
        webshop(s).data_category_ids.clear();
        s.data_categories[0].name = localized(&[("nl", "volledige naam")]);
    });
    assert_eq!(unlinked, ["Webshop verwerkt niet langer: naam"]);
}

#[test]
fn agreements_roles_and_transfers_are_in_words() {
    let changed = dutch(|s| {
        s.agreements[0].status = AgreementStatus::Expired;
        s.processors[0].role = entity::enums::ProcessorRole::JointController;
        s.processors[0].country = "US".into();
        s.processors[0].transfer_safeguard = Some(TransferSafeguard::AdequacyDecision);
        let transfer = json!({
            "country": "us", "recipientId": null,
            "safeguard": "STANDARD_CONTRACTUAL_CLAUSES", "description": {},
        });
        let transfer = serde_json::from_value(transfer).expect("a transfer");
        webshop(s).activity.transfers.0.push(transfer);
    });
    assert_eq!(
        changed,
        [
            "Webshop: nieuwe doorgifte naar Verenigde Staten (US), waarborg: standaardcontractbepalingen",
            "Ontvanger Verzendhuizen: rol gewijzigd van verwerker naar gezamenlijk verwerkingsverantwoordelijke",
            "Ontvanger Verzendhuizen: land gewijzigd van Nederland (NL) naar Verenigde Staten (US)",
            "Ontvanger Verzendhuizen: waarborg bij doorgifte toegevoegd: adequaatheidsbesluit",
            "Verwerkersovereenkomst met Verzendhuizen gewijzigd van getekend naar verlopen",
        ]
    );
    let unknown = dutch(|s| s.processors[0].country = "xx".into());
    assert_eq!(
        unknown,
        ["Ontvanger Verzendhuizen: land gewijzigd van Nederland (NL) naar XX"]
    );
}

#[test]
fn details_name_what_changed() {
    let changed = dutch(|s| {
        webshop(s).activity.security_measures = localized(&[("nl", "Versleuteld.")]);
        webshop(s).activity.requirement = localized(&[("en", "Required.")]);
        s.processors[0].service = localized(&[("nl", "Pakketten bezorgen")]);
    });
    assert_eq!(
        changed,
        [
            "Overige gegevens over Webshop gewijzigd: beveiliging en verplichting om gegevens te verstrekken",
            "Gegevens over ontvanger Verzendhuizen gewijzigd: dienst",
        ]
    );
}

#[test]
fn the_statement_law_fields_are_named_when_they_change() {
    let changed = dutch(|s| {
        webshop(s).activity.profiling = Some(localized(&[("nl", "Wij stemmen aanbiedingen af.")]));
        webshop(s).activity.direct_marketing = true;
        webshop(s).legal_bases[0].applies_to = Some(localized(&[("nl", "de levering")]));
        s.processors[0].joint_arrangement = Some(localized(&[("nl", "Ieder voor zich.")]));
    });
    assert_eq!(
        changed,
        [
            "Overige gegevens over Webshop gewijzigd: profilering, direct marketing en welk deel op \
             welke grondslag steunt",
            "Gegevens over ontvanger Verzendhuizen gewijzigd: regeling tussen gezamenlijk \
             verwerkingsverantwoordelijken",
        ]
    );
}

#[test]
fn links_added_and_removed_are_reported_with_the_activity() {
    let changed = dutch(|s| {
        webshop(s).recipient_ids.clear();
        webshop(s).data_subject_category_ids.clear();
    });
    assert_eq!(
        changed,
        [
            "Webshop betreft niet langer: klanten",
            "Webshop deelt geen gegevens meer met: Verzendhuizen",
        ]
    );
}

#[test]
fn trackers_added_changed_and_dropped_are_named() {
    use crate::register_snapshot::fixture::{tracker, ACTIVITY_ID};
    use entity::enums::TrackerCategory;
    let id = Uuid::from_u128(90);
    let cookie = tracker(id, "_ga", TrackerCategory::Analytics, None, &[ACTIVITY_ID]);
    let added = dutch(|s| s.trackers.push(cookie.clone()));
    assert_eq!(added, ["Nieuwe cookie: ‘_ga’"]);

    let mut old = snapshot();
    old.trackers.push(cookie.clone());
    let mut longer = old.clone();
    longer.trackers[0].duration = Some("P2Y".into());
    assert_eq!(
        changes(&old, &longer, Language::En),
        ["Cookie ‘_ga’: duration changed from one year to two years"]
    );
    // Serving another activity is no change the statement shows.
    let mut relinked = old.clone();
    relinked.trackers[0].activity_ids.0.clear();
    assert!(changes(&old, &relinked, Language::En).is_empty());
    let mut dropped = old.clone();
    dropped.trackers.clear();
    assert_eq!(
        changes(&old, &dropped, Language::Nl),
        ["Cookie vervallen: ‘_ga’"]
    );
}

/// A changed tracker says which of its fields changed, each from what to
/// what, in the version's language.
#[test]
fn a_changed_tracker_says_from_what_to_what() {
    use crate::register_snapshot::fixture::{tracker, ACTIVITY_ID};
    use entity::enums::{ProcessorRole, TrackerCategory};
    let mut old = snapshot();
    let provider = old.processors[0].id;
    let cookie = tracker(
        Uuid::from_u128(90),
        "_ga",
        TrackerCategory::Analytics,
        Some(provider),
        &[ACTIVITY_ID],
    );
    old.trackers.push(cookie);
    let mut new = old.clone();
    let t = &mut new.trackers[0];
    t.name = "_ga4".into();
    t.category = TrackerCategory::Marketing;
    t.purpose = localized(&[("nl", "Advertenties meten"), ("en", "Measuring ads")]);
    t.provider_id = None;
    t.duration = None;
    assert_eq!(
        changes(&old, &new, Language::Nl),
        [
            "Cookie ‘_ga4’: naam gewijzigd van ‘_ga’ naar ‘_ga4’",
            "Cookie ‘_ga4’: soort gewijzigd van analytisch naar marketing",
            "Cookie ‘_ga4’: doel gewijzigd van ‘Bezoek tellen’ naar ‘Advertenties meten’",
            "Cookie ‘_ga4’: aanbieder gewijzigd van ‘Verzendhuizen’ naar onszelf",
            "Cookie ‘_ga4’: bewaartermijn gewijzigd van een jaar naar de duur van het browserbezoek",
            "Cookie ‘_ga4’: toestemming gewijzigd van niet gevraagd naar vooraf gevraagd",
        ]
    );
    assert_eq!(
        changes(&old, &new, Language::En),
        [
            "Cookie ‘_ga4’: name changed from ‘_ga’ to ‘_ga4’",
            "Cookie ‘_ga4’: kind changed from analytics to marketing",
            "Cookie ‘_ga4’: purpose changed from ‘Counting visits’ to ‘Measuring ads’",
            "Cookie ‘_ga4’: provider changed from ‘Verzendhuizen’ to ourselves",
            "Cookie ‘_ga4’: duration changed from one year to the length of the browser session",
            "Cookie ‘_ga4’: consent changed from not asked to asked first",
        ]
    );

    // Analytics by a processor need no consent; by a controller of its
    // own they do: the provider's new role changes what the statement says.
    let mut controller = old.clone();
    controller.processors[0].role = ProcessorRole::IndependentController;
    let tracker_changes: Vec<String> = changes(&old, &controller, Language::En)
        .into_iter()
        .filter(|c| c.starts_with("Cookie"))
        .collect();
    assert_eq!(
        tracker_changes,
        ["Cookie ‘_ga’: consent changed from not asked to asked first"]
    );
}
