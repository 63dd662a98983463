//! The GraphQL enums: each mirrors a closed set of `entity::enums` under the
//! same GraphQL names; the derive converts with `From` both ways.

/// A language the register and the statement are written in.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Language")]
pub enum Language {
    #[graphql(name = "NL")]
    Nl,
    #[graphql(name = "EN")]
    En,
}

#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ActivityStatus")]
pub enum ActivityStatus {
    #[graphql(name = "DRAFT")]
    Draft,
    #[graphql(name = "ACTIVE")]
    Active,
    #[graphql(name = "RETIRED")]
    Retired,
}

/// GDPR Art. 6(1)(a)-(f).
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::LegalBasisCode")]
pub enum LegalBasisCode {
    #[graphql(name = "CONSENT")]
    Consent,
    #[graphql(name = "CONTRACT")]
    Contract,
    #[graphql(name = "LEGAL_OBLIGATION")]
    LegalObligation,
    #[graphql(name = "VITAL_INTERESTS")]
    VitalInterests,
    #[graphql(name = "PUBLIC_TASK")]
    PublicTask,
    #[graphql(name = "LEGITIMATE_INTERESTS")]
    LegitimateInterests,
}

/// GDPR Art. 9(2)(a)-(j).
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::SpecialCategoryCondition")]
pub enum SpecialCategoryCondition {
    #[graphql(name = "EXPLICIT_CONSENT")]
    ExplicitConsent,
    #[graphql(name = "EMPLOYMENT_SOCIAL_SECURITY")]
    EmploymentSocialSecurity,
    #[graphql(name = "VITAL_INTERESTS")]
    VitalInterests,
    #[graphql(name = "NOT_FOR_PROFIT")]
    NotForProfit,
    #[graphql(name = "MADE_PUBLIC")]
    MadePublic,
    #[graphql(name = "LEGAL_CLAIMS")]
    LegalClaims,
    #[graphql(name = "SUBSTANTIAL_PUBLIC_INTEREST")]
    SubstantialPublicInterest,
    #[graphql(name = "HEALTH_CARE")]
    HealthCare,
    #[graphql(name = "PUBLIC_HEALTH")]
    PublicHealth,
    #[graphql(name = "ARCHIVING_RESEARCH")]
    ArchivingResearch,
}

#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::ProcessorRole")]
pub enum ProcessorRole {
    #[graphql(name = "PROCESSOR")]
    Processor,
    #[graphql(name = "SUB_PROCESSOR")]
    SubProcessor,
    #[graphql(name = "INDEPENDENT_CONTROLLER")]
    IndependentController,
    #[graphql(name = "JOINT_CONTROLLER")]
    JointController,
}

#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::AgreementStatus")]
pub enum AgreementStatus {
    #[graphql(name = "DRAFT")]
    Draft,
    #[graphql(name = "SIGNED")]
    Signed,
    #[graphql(name = "EXPIRED")]
    Expired,
    #[graphql(name = "TERMINATED")]
    Terminated,
}

/// GDPR Art. 28(3)(a)-(h).
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::Art28Clause")]
pub enum Art28Clause {
    #[graphql(name = "INSTRUCTIONS")]
    Instructions,
    #[graphql(name = "CONFIDENTIALITY")]
    Confidentiality,
    #[graphql(name = "SECURITY")]
    Security,
    #[graphql(name = "SUB_PROCESSORS")]
    SubProcessors,
    #[graphql(name = "DATA_SUBJECT_RIGHTS")]
    DataSubjectRights,
    #[graphql(name = "ASSISTANCE")]
    Assistance,
    #[graphql(name = "DELETION_OR_RETURN")]
    DeletionOrReturn,
    #[graphql(name = "AUDITS")]
    Audits,
}

/// How a processor may engage sub-processors (Art. 28(2)).
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::SubProcessorAuthorisation")]
pub enum SubProcessorAuthorisation {
    #[graphql(name = "GENERAL")]
    General,
    #[graphql(name = "SPECIFIC")]
    Specific,
}

#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::TransferSafeguard")]
pub enum TransferSafeguard {
    #[graphql(name = "ADEQUACY_DECISION")]
    AdequacyDecision,
    #[graphql(name = "STANDARD_CONTRACTUAL_CLAUSES")]
    StandardContractualClauses,
    #[graphql(name = "BINDING_CORPORATE_RULES")]
    BindingCorporateRules,
    #[graphql(name = "DEROGATION_ART49")]
    DerogationArt49,
    #[graphql(name = "NONE")]
    None,
}

#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DataSourceKind")]
pub enum DataSourceKind {
    #[graphql(name = "DATA_SUBJECT")]
    DataSubject,
    #[graphql(name = "THIRD_PARTY")]
    ThirdParty,
    #[graphql(name = "PUBLIC_SOURCE")]
    PublicSource,
    #[graphql(name = "SOCIAL_MEDIA")]
    SocialMedia,
    #[graphql(name = "OTHER")]
    Other,
}

/// The rights of GDPR Art. 15-22 and 7(3), 77.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::DataSubjectRight")]
pub enum DataSubjectRight {
    #[graphql(name = "ACCESS")]
    Access,
    #[graphql(name = "RECTIFICATION")]
    Rectification,
    #[graphql(name = "ERASURE")]
    Erasure,
    #[graphql(name = "RESTRICTION")]
    Restriction,
    #[graphql(name = "PORTABILITY")]
    Portability,
    #[graphql(name = "OBJECTION")]
    Objection,
    #[graphql(name = "OBJECTION_DIRECT_MARKETING")]
    ObjectionDirectMarketing,
    #[graphql(name = "AUTOMATED_DECISIONS")]
    AutomatedDecisions,
    #[graphql(name = "WITHDRAW_CONSENT")]
    WithdrawConsent,
    #[graphql(name = "COMPLAINT")]
    Complaint,
}

/// What kind of GDPR ground a `legal_basis` row is.
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::LegalBasisKind")]
pub enum LegalBasisKind {
    #[graphql(name = "ART6")]
    Art6,
    #[graphql(name = "ART9")]
    Art9,
}

/// What a cookie or similar technology is for (Telecommunicatiewet
/// art. 11.7a, ePrivacy art. 5(3)).
#[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "entity::enums::TrackerCategory")]
pub enum TrackerCategory {
    /// Needed for the service the visitor asked for; no consent.
    #[graphql(name = "STRICTLY_NECESSARY")]
    StrictlyNecessary,
    /// Remembers preferences; consent.
    #[graphql(name = "FUNCTIONAL")]
    Functional,
    /// Measures use of the website; no consent when read by the
    /// organization itself or its processor.
    #[graphql(name = "ANALYTICS")]
    Analytics,
    #[graphql(name = "MARKETING")]
    Marketing,
    #[graphql(name = "SOCIAL_MEDIA")]
    SocialMedia,
}
