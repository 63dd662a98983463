//! The GDPR grounds every register refers to, with the names and the
//! explanations the privacy statement uses, in Dutch and English.

use sea_orm_migration::prelude::*;
use serde_json::json;

#[derive(DeriveIden)]
enum LegalBasis {
    Table,
    Code,
    Kind,
    Article,
    Name,
    Explanation,
    Position,
}

struct Ground {
    code: &'static str,
    kind: &'static str,
    article: &'static str,
    name: [&'static str; 2],
    explanation: [&'static str; 2],
}

/// `[Dutch, English]` for every text.
const GROUNDS: &[Ground] = &[
    Ground {
        code: "CONSENT",
        kind: "ART6",
        article: "6(1)(a)",
        name: ["toestemming", "consent"],
        explanation: [
            "U hebt ons toestemming gegeven voor deze verwerking. U kunt die toestemming op ieder moment intrekken.",
            "You have given us your consent for this processing. You may withdraw that consent at any time.",
        ],
    },
    Ground {
        code: "CONTRACT",
        kind: "ART6",
        article: "6(1)(b)",
        name: ["uitvoering van een overeenkomst", "performance of a contract"],
        explanation: [
            "De verwerking is noodzakelijk om een overeenkomst met u te sluiten of uit te voeren.",
            "The processing is necessary to enter into or perform a contract with you.",
        ],
    },
    Ground {
        code: "LEGAL_OBLIGATION",
        kind: "ART6",
        article: "6(1)(c)",
        name: ["wettelijke verplichting", "legal obligation"],
        explanation: [
            "De wet verplicht ons tot deze verwerking.",
            "The law obliges us to carry out this processing.",
        ],
    },
    Ground {
        code: "VITAL_INTERESTS",
        kind: "ART6",
        article: "6(1)(d)",
        name: ["vitaal belang", "vital interests"],
        explanation: [
            "De verwerking is noodzakelijk om uw leven of gezondheid, of die van een ander, te beschermen.",
            "The processing is necessary to protect your life or health, or that of someone else.",
        ],
    },
    Ground {
        code: "PUBLIC_TASK",
        kind: "ART6",
        article: "6(1)(e)",
        name: ["taak van algemeen belang", "public task"],
        explanation: [
            "De verwerking is noodzakelijk voor een taak van algemeen belang of de uitoefening van openbaar gezag.",
            "The processing is necessary for a task in the public interest or in the exercise of official authority.",
        ],
    },
    Ground {
        code: "LEGITIMATE_INTERESTS",
        kind: "ART6",
        article: "6(1)(f)",
        name: ["gerechtvaardigd belang", "legitimate interests"],
        explanation: [
            "De verwerking is noodzakelijk voor een gerechtvaardigd belang van ons, en uw belangen, rechten en vrijheden wegen daar niet zwaarder. U kunt bezwaar maken tegen deze verwerking.",
            "The processing is necessary for our legitimate interests, and your interests, rights and freedoms do not override them. You may object to this processing.",
        ],
    },
    Ground {
        code: "EXPLICIT_CONSENT",
        kind: "ART9",
        article: "9(2)(a)",
        name: ["uitdrukkelijke toestemming", "explicit consent"],
        explanation: [
            "U hebt uitdrukkelijk toestemming gegeven voor de verwerking van deze bijzondere persoonsgegevens.",
            "You have given explicit consent to the processing of this special category data.",
        ],
    },
    Ground {
        code: "EMPLOYMENT_SOCIAL_SECURITY",
        kind: "ART9",
        article: "9(2)(b)",
        name: ["arbeidsrecht en sociale zekerheid", "employment and social security"],
        explanation: [
            "De verwerking is noodzakelijk om verplichtingen uit het arbeidsrecht of de sociale zekerheid na te komen.",
            "The processing is necessary to meet obligations under employment or social security law.",
        ],
    },
    Ground {
        code: "VITAL_INTERESTS",
        kind: "ART9",
        article: "9(2)(c)",
        name: ["vitaal belang", "vital interests"],
        explanation: [
            "De verwerking is noodzakelijk om uw vitale belangen te beschermen terwijl u geen toestemming kunt geven.",
            "The processing is necessary to protect your vital interests while you cannot give consent.",
        ],
    },
    Ground {
        code: "NOT_FOR_PROFIT",
        kind: "ART9",
        article: "9(2)(d)",
        name: ["stichting of vereniging zonder winstoogmerk", "not-for-profit body"],
        explanation: [
            "De verwerking gebeurt door een organisatie zonder winstoogmerk, alleen over haar leden en vaste contacten.",
            "The processing is carried out by a not-for-profit body, only about its members and regular contacts.",
        ],
    },
    Ground {
        code: "MADE_PUBLIC",
        kind: "ART9",
        article: "9(2)(e)",
        name: ["door u openbaar gemaakt", "made public by you"],
        explanation: [
            "U hebt deze gegevens zelf kennelijk openbaar gemaakt.",
            "You have manifestly made this data public yourself.",
        ],
    },
    Ground {
        code: "LEGAL_CLAIMS",
        kind: "ART9",
        article: "9(2)(f)",
        name: ["rechtsvorderingen", "legal claims"],
        explanation: [
            "De verwerking is noodzakelijk om een rechtsvordering in te stellen, uit te oefenen of te onderbouwen.",
            "The processing is necessary to establish, exercise or defend legal claims.",
        ],
    },
    Ground {
        code: "SUBSTANTIAL_PUBLIC_INTEREST",
        kind: "ART9",
        article: "9(2)(g)",
        name: ["zwaarwegend algemeen belang", "substantial public interest"],
        explanation: [
            "De verwerking is noodzakelijk om redenen van zwaarwegend algemeen belang op grond van de wet.",
            "The processing is necessary for reasons of substantial public interest on the basis of law.",
        ],
    },
    Ground {
        code: "HEALTH_CARE",
        kind: "ART9",
        article: "9(2)(h)",
        name: ["gezondheidszorg", "health or social care"],
        explanation: [
            "De verwerking is noodzakelijk voor preventieve of arbeidsgeneeskunde, medische diagnose of zorg.",
            "The processing is necessary for preventive or occupational medicine, medical diagnosis or care.",
        ],
    },
    Ground {
        code: "PUBLIC_HEALTH",
        kind: "ART9",
        article: "9(2)(i)",
        name: ["volksgezondheid", "public health"],
        explanation: [
            "De verwerking is noodzakelijk om redenen van algemeen belang op het gebied van de volksgezondheid.",
            "The processing is necessary for reasons of public interest in the area of public health.",
        ],
    },
    Ground {
        code: "ARCHIVING_RESEARCH",
        kind: "ART9",
        article: "9(2)(j)",
        name: ["archivering en onderzoek", "archiving and research"],
        explanation: [
            "De verwerking is noodzakelijk voor archivering in het algemeen belang, wetenschappelijk of historisch onderzoek of statistiek.",
            "The processing is necessary for archiving in the public interest, scientific or historical research or statistics.",
        ],
    },
];

pub async fn insert(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut insert = Query::insert();
    insert.into_table(LegalBasis::Table).columns([
        LegalBasis::Code,
        LegalBasis::Kind,
        LegalBasis::Article,
        LegalBasis::Name,
        LegalBasis::Explanation,
        LegalBasis::Position,
    ]);
    for (position, ground) in GROUNDS.iter().enumerate() {
        insert.values_panic([
            stored_code(ground).into(),
            ground.kind.into(),
            ground.article.into(),
            localized(ground.name).into(),
            localized(ground.explanation).into(),
            (position as i32).into(),
        ]);
    }
    manager.exec_stmt(insert).await
}

/// Every ground's explanation as [`GROUNDS`] words it now, for databases
/// seeded with an earlier wording.
pub async fn update_explanations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for ground in GROUNDS {
        let update = Query::update()
            .table(LegalBasis::Table)
            .value(LegalBasis::Explanation, localized(ground.explanation))
            .and_where(Expr::col(LegalBasis::Code).eq(stored_code(ground)))
            .to_owned();
        manager.exec_stmt(update).await?;
    }
    Ok(())
}

/// Art. 6 and Art. 9 share the name `VITAL_INTERESTS`; the Art. 9 rows are
/// stored with an `ART9_` prefix so the code stays a unique key.
fn stored_code(ground: &Ground) -> String {
    match ground.kind {
        "ART9" => format!("ART9_{}", ground.code),
        _ => ground.code.to_string(),
    }
}

fn localized([nl, en]: [&str; 2]) -> serde_json::Value {
    json!({ "nl": nl, "en": en })
}
