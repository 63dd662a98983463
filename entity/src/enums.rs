//! Closed sets of the domain. Each enum is stored as its name in capitals (a
//! string column, portable across SQLite and PostgreSQL); the GraphQL API
//! mirrors each one under the same names.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

macro_rules! domain_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum,
                 Serialize, Deserialize)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(40))")]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $(#[sea_orm(string_value = $value)] $variant),+
        }

        impl $name {
            /// The stored name, also the GraphQL one, e.g. `LEGITIMATE_INTERESTS`.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $value),+ }
            }
        }
    };
}

domain_enum!(
    /// A language the register and the statement are written in.
    Language { Nl = "NL", En = "EN" }
);

impl Language {
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// The lowercase code used in paths and localized values (`nl`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

domain_enum!(ActivityStatus { Draft = "DRAFT", Active = "ACTIVE", Retired = "RETIRED" });

domain_enum!(
    /// GDPR Art. 6(1)(a)-(f).
    LegalBasisCode {
        Consent = "CONSENT",
        Contract = "CONTRACT",
        LegalObligation = "LEGAL_OBLIGATION",
        VitalInterests = "VITAL_INTERESTS",
        PublicTask = "PUBLIC_TASK",
        LegitimateInterests = "LEGITIMATE_INTERESTS",
    }
);

domain_enum!(
    /// GDPR Art. 9(2)(a)-(j).
    SpecialCategoryCondition {
        ExplicitConsent = "EXPLICIT_CONSENT",
        EmploymentSocialSecurity = "EMPLOYMENT_SOCIAL_SECURITY",
        VitalInterests = "VITAL_INTERESTS",
        NotForProfit = "NOT_FOR_PROFIT",
        MadePublic = "MADE_PUBLIC",
        LegalClaims = "LEGAL_CLAIMS",
        SubstantialPublicInterest = "SUBSTANTIAL_PUBLIC_INTEREST",
        HealthCare = "HEALTH_CARE",
        PublicHealth = "PUBLIC_HEALTH",
        ArchivingResearch = "ARCHIVING_RESEARCH",
    }
);

domain_enum!(ProcessorRole {
    Processor = "PROCESSOR",
    SubProcessor = "SUB_PROCESSOR",
    IndependentController = "INDEPENDENT_CONTROLLER",
    JointController = "JOINT_CONTROLLER",
});

domain_enum!(AgreementStatus {
    Draft = "DRAFT",
    Signed = "SIGNED",
    Expired = "EXPIRED",
    Terminated = "TERMINATED",
});

domain_enum!(
    /// GDPR Art. 28(3)(a)-(h).
    Art28Clause {
        Instructions = "INSTRUCTIONS",
        Confidentiality = "CONFIDENTIALITY",
        Security = "SECURITY",
        SubProcessors = "SUB_PROCESSORS",
        DataSubjectRights = "DATA_SUBJECT_RIGHTS",
        Assistance = "ASSISTANCE",
        DeletionOrReturn = "DELETION_OR_RETURN",
        Audits = "AUDITS",
    }
);

domain_enum!(
    /// How a processor may engage sub-processors (Art. 28(2)).
    SubProcessorAuthorisation { General = "GENERAL", Specific = "SPECIFIC" }
);

domain_enum!(TransferSafeguard {
    AdequacyDecision = "ADEQUACY_DECISION",
    StandardContractualClauses = "STANDARD_CONTRACTUAL_CLAUSES",
    BindingCorporateRules = "BINDING_CORPORATE_RULES",
    DerogationArt49 = "DEROGATION_ART49",
    None = "NONE",
});

domain_enum!(DataSourceKind {
    DataSubject = "DATA_SUBJECT",
    ThirdParty = "THIRD_PARTY",
    PublicSource = "PUBLIC_SOURCE",
    SocialMedia = "SOCIAL_MEDIA",
    Other = "OTHER",
});

domain_enum!(
    /// The rights of GDPR Art. 15-22 and 7(3), 77.
    DataSubjectRight {
        Access = "ACCESS",
        Rectification = "RECTIFICATION",
        Erasure = "ERASURE",
        Restriction = "RESTRICTION",
        Portability = "PORTABILITY",
        Objection = "OBJECTION",
        ObjectionDirectMarketing = "OBJECTION_DIRECT_MARKETING",
        AutomatedDecisions = "AUTOMATED_DECISIONS",
        WithdrawConsent = "WITHDRAW_CONSENT",
        Complaint = "COMPLAINT",
    }
);

domain_enum!(
    /// What kind of GDPR ground a `legal_basis` row is.
    LegalBasisKind { Art6 = "ART6", Art9 = "ART9" }
);

domain_enum!(
    /// What a cookie or similar technology is for (Telecommunicatiewet
    /// art. 11.7a, ePrivacy Directive art. 5(3)).
    TrackerCategory {
        StrictlyNecessary = "STRICTLY_NECESSARY",
        Functional = "FUNCTIONAL",
        Analytics = "ANALYTICS",
        Marketing = "MARKETING",
        SocialMedia = "SOCIAL_MEDIA",
    }
);
