//! The catalogue is complete in both languages, and values read as the
//! statement writes them.

use chrono::NaiveDate;
use entity::enums::{
    Art28Clause, DataSourceKind, DataSubjectRight, Language, LegalBasisCode, ProcessorRole,
    TransferSafeguard,
};
use minijinja::{context, Value};

use super::*;

/// A value for every variable any text of the catalogue uses.
fn sample() -> Value {
    context! {
        organization => "Voorbeeld B.V.",
        legal_name => "Voorbeeld B.V.",
        trade_names => vec!["Voorbeeld"],
        street => "Straat 1",
        postal_code => "1234 AB",
        city => "Utrecht",
        country_code => "NL",
        country => "Nederland",
        address => "Straat 1, 1234 AB Utrecht",
        number => "12345678",
        email => "privacy@example.org",
        phone => "030 1234567",
        reach => "per e-mail",
        websites => vec!["https://example.org"],
        name => "Naam",
        names => vec!["a", "b", "c"],
        count => 2,
        n => "twee",
        bases => vec!["toestemming", "gerechtvaardigd belang"],
        subjects => vec!["klanten"],
        description => "Omschrijving.",
        special => true,
        criminal => true,
        article => "6(1)(a)",
        explanation => "Uitleg.",
        interest => "Belang.",
        part => "het voorkomen van fraude",
        party => "Netwerk B.V. (Ierland) – Onze bedrijfspagina.",
        arrangement => "Ieder beantwoordt vragen over de eigen gegevens.",
        detail => "Toelichting.",
        item => "een onderdeel",
        national => "030 1234567",
        international => "+31 30 1234567",
        city_first => false,
        section => "‘Bewaren’",
        kind => "sociale media",
        text => "Tekst.",
        purposes => "de doelen ‘a’ en ‘b’",
        period => "twee jaar",
        trigger => "uw laatste aankoop",
        event => "einde contract",
        paragraph => "1",
        point => "b",
        until => "tot u uw toestemming intrekt",
        days => "twintig werkdagen",
        all => false,
        parent => "Moeder B.V.",
        service => "Hosting.",
        recipient => "Ontvanger",
        safeguard => "met waarborgen",
        authority => "Autoriteit Persoonsgegevens",
        contact => "Contact en klachten",
        url => "https://example.org/versions",
        link => "versiegeschiedenis",
        date => "2 februari 2026",
        day => 2,
        month => "februari",
        year => 2026,
        items => vec!["a", "b"],
        version => 3,
        subject => "Klanten",
        activity => "‘Webshop’",
        field => "naam",
        from => "a",
        to => "b",
        change => "gewijzigd van a naar b",
        code => "US",
        processor => "‘Mailer’",
        activities => "‘Webshop’ en ‘Nieuwsbrief’",
        categories => "‘Gezondheid’",
        clauses => "geheimhouding (b)",
        language => "Engelse",
        feed => "Atom-feed",
        placed_by => "geplaatst door Mailer",
        kept => "blijft een jaar bewaard",
        purpose => "Bezoek tellen.",
        provider => "Mailer",
        duration => "een jaar",
        tracker => "‘_ga’",
    }
}

#[test]
fn both_languages_have_the_same_keys() {
    let nl: Vec<&str> = keys(Language::Nl).collect();
    let en: Vec<&str> = keys(Language::En).collect();
    let only_nl: Vec<&&str> = nl.iter().filter(|k| !en.contains(k)).collect();
    let only_en: Vec<&&str> = en.iter().filter(|k| !nl.contains(k)).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only in nl: {only_nl:?}; only in en: {only_en:?}"
    );
}

#[test]
fn every_key_renders_in_both_languages() {
    let sample = sample();
    for language in Language::ALL {
        let wording = wording(language);
        for key in keys(language) {
            let text = wording.render(key, &sample);
            assert!(
                !text.is_empty(),
                "{}: `{key}` renders empty",
                language.code()
            );
            assert!(
                !text.contains("  "),
                "{}: `{key}` has a double space: {text:?}",
                language.code()
            );
        }
    }
}

#[test]
fn every_enum_value_has_a_text() {
    for language in Language::ALL {
        let w = wording(language);
        use sea_orm::Iterable;
        let texts = ProcessorRole::iter()
            .map(|v| w.role(v))
            .chain(TransferSafeguard::iter().map(|v| w.safeguard(v)))
            .chain(DataSourceKind::iter().map(|v| w.source_kind(v)))
            .chain(Art28Clause::iter().map(|v| w.clause(v)))
            .chain(LegalBasisCode::iter().map(|v| w.legal_basis(v)))
            .chain(DataSubjectRight::iter().map(|v| w.right(v)))
            .chain(DataSubjectRight::iter().map(|v| w.right_explanation(v, None)));
        for text in texts {
            assert!(!text.is_empty());
        }
    }
}

#[test]
fn lists_are_joined_per_language() {
    let nl = wording(Language::Nl);
    let en = wording(Language::En);
    assert_eq!(nl.and_list(&["a", "b", "c"]), "a, b en c");
    assert_eq!(en.and_list(&["a", "b", "c"]), "a, b and c");
    assert_eq!(nl.and_list(&["a", "b"]), "a en b");
    assert_eq!(en.and_list(&["a"]), "a");
    assert_eq!(en.and_list::<&str>(&[]), "");
}

#[test]
fn dates_are_written_out() {
    let date = NaiveDate::from_ymd_opt(2026, 2, 2).unwrap();
    assert_eq!(wording(Language::Nl).date(date), "2 februari 2026");
    assert_eq!(wording(Language::En).date(date), "2 February 2026");
}

#[test]
fn durations_are_written_out() {
    let nl = wording(Language::Nl);
    let en = wording(Language::En);
    assert_eq!(nl.duration("P4W"), "vier weken");
    assert_eq!(en.duration("P4W"), "four weeks");
    assert_eq!(nl.duration("P2Y"), "twee jaar");
    assert_eq!(en.duration("P2Y"), "two years");
    assert_eq!(nl.duration("P1M"), "een maand");
    assert_eq!(en.duration("P1M"), "one month");
    assert_eq!(nl.duration("P1Y6M"), "een jaar en zes maanden");
    assert_eq!(en.duration("P30D"), "30 days");
    assert_eq!(en.duration("PT48H"), "48 hours");
    assert_eq!(en.duration("P0Y1D"), "one day");
    // Weeks beside other units, which the `iso8601` crate does not read.
    assert_eq!(en.duration("P1Y2W"), "one year and two weeks");
    assert_eq!(nl.duration("P1Y2W"), "een jaar en twee weken");
    // Not a duration: kept as written.
    assert_eq!(en.duration("two years"), "two years");
    assert_eq!(en.duration("P2"), "P2");
    assert_eq!(en.duration("P"), "P");
    assert_eq!(en.duration("PT"), "PT");
    assert_eq!(en.duration("P2D1Y"), "P2D1Y");
    assert_eq!(nl.working_days(20), "twintig werkdagen");
    assert_eq!(en.working_days(1), "one working day");
    assert_eq!(en.working_days(21), "21 working days");
}

#[test]
fn countries_fall_back_to_their_code() {
    assert_eq!(wording(Language::Nl).country("us"), "Verenigde Staten");
    assert_eq!(wording(Language::En).country("CH"), "Switzerland");
    assert_eq!(wording(Language::En).country("XK"), "XK");
}

#[test]
fn nothing_is_escaped() {
    let text =
        wording(Language::En).render("purposes.requirement", context! { text => "<b>&</b>" });
    assert!(text.ends_with("<b>&</b>"), "{text}");
}

#[test]
fn articles_are_cited_per_language() {
    let (nl, en) = (wording(Language::Nl), wording(Language::En));
    assert_eq!(nl.article("6(1)(b)"), "artikel 6 lid 1 onder b AVG");
    assert_eq!(en.article("6(1)(b)"), "Article 6(1)(b) GDPR");
    assert_eq!(nl.article("9(2)(a)"), "artikel 9 lid 2 onder a AVG");
    assert_eq!(nl.article("49"), "artikel 49 AVG");
}

#[test]
fn names_get_their_definite_article_once() {
    let (nl, en) = (wording(Language::Nl), wording(Language::En));
    assert_eq!(
        en.definite("Information Commissioner's Office"),
        "the Information Commissioner's Office"
    );
    assert_eq!(en.definite("The Office"), "The Office");
    assert_eq!(
        nl.definite("Autoriteit Persoonsgegevens"),
        "de Autoriteit Persoonsgegevens"
    );
    assert_eq!(nl.definite("het College"), "het College");
}

#[test]
fn common_nouns_are_lower_cased_and_proper_names_kept() {
    assert_eq!(common_noun("Learners"), "learners");
    assert_eq!(
        common_noun("Newsletter subscribers"),
        "newsletter subscribers"
    );
    assert_eq!(common_noun("customers"), "customers");
    assert_eq!(
        common_noun("Information Commissioner's Office"),
        "Information Commissioner's Office"
    );
    assert_eq!(common_noun("ICT staff"), "ICT staff");
    assert_eq!(common_noun("iOS users"), "iOS users");
}

#[test]
fn a_name_ending_in_a_full_stop_ends_the_sentence_once() {
    let en = wording(Language::En);
    let sentence = en.render(
        "purposes.recipients",
        context! { names => vec!["Cloudline Inc."] },
    );
    assert_eq!(sentence, "For this we engage Cloudline Inc.");
    let wait = format::single_full_stops("Wait... and see.. now".to_string());
    assert_eq!(wait, "Wait... and see. now");
}

#[test]
fn english_gives_phone_numbers_their_calling_code() {
    let (nl, en) = (wording(Language::Nl), wording(Language::En));
    assert_eq!(nl.phone("085 9024886", "NL"), "085 9024886");
    assert_eq!(en.phone("085 9024886", "NL"), "+31 85 9024886");
    assert_eq!(en.phone("020-1234567", "nl"), "+31 20-1234567");
    assert_eq!(en.phone("0044 117 496 0000", "GB"), "+44 117 496 0000");
    assert_eq!(en.phone("+32 2 123 45 67", "NL"), "+32 2 123 45 67");
    // No calling code known: as the register has it.
    assert_eq!(en.phone("0800 123", "ZZ"), "0800 123");
}

#[test]
fn the_dutch_authority_has_its_english_name_in_english() {
    let (nl, en) = (wording(Language::Nl), wording(Language::En));
    assert_eq!(
        nl.authority("Autoriteit Persoonsgegevens"),
        "de Autoriteit Persoonsgegevens"
    );
    assert_eq!(
        en.authority(" autoriteit persoonsgegevens "),
        "the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)"
    );
    assert_eq!(
        en.authority("Information Commissioner's Office"),
        "the Information Commissioner's Office"
    );
}
