//! The demo organization `rezulto`: a Dutch supplier of products, services
//! and training to education staff, whose whole privacy statement is held in
//! the register — the organization, its processing activities, the kinds of
//! processors it uses with their agreements, and its rights policy, in Dutch
//! and English. It is loaded through the services, so every row has audit
//! events by the actor `demo`; loading it again leaves the register as it is.

use std::collections::HashMap;

use async_graphql::ID;
use chrono::NaiveDate;
use entity::audit_event;
use entity::enums::{
    ActivityStatus, AgreementStatus, Art28Clause, DataSourceKind, DataSubjectRight, Language,
    LegalBasisCode, ProcessorRole, SubProcessorAuthorisation,
};
use sea_orm::{DatabaseConnection, EntityTrait, Iterable, QueryOrder};
use uuid::Uuid;

use crate::api::ids::to_id;
use crate::api::scalars::Date;
use crate::audit;
use crate::db::Scope;
use crate::error::{AppError, AppResult};
use crate::register::data_category::{self, DataCategoryInput};
use crate::register::data_subject_category::{self, DataSubjectCategoryInput};
use crate::register::localized::LocalizedTextInput;
use crate::register::organization::{
    self, AddressInput, CreateOrganizationInput, OrganizationDetails, SupervisoryAuthorityInput,
};
use crate::register::processing_activity::{
    self, DataSourceInput, LegalBasisInput, ProcessingActivityInput, RetentionInput,
};
use crate::register::processing_agreement::{self, ProcessingAgreementInput};
use crate::register::processor::{self, ProcessorInput};
use crate::register::rights_policy::{self, OfferedRightInput, RightsPolicyInput};
use crate::statement::publish::{self, PublishRequest};
use crate::statement::versions;

pub const SLUG: &str = "rezulto";

/// The actor of the audit events.
const ACTOR: &str = "demo";

/// A text as `(Dutch, English)`.
type Text = (&'static str, &'static str);

fn t(nl: &str, en: &str) -> Vec<LocalizedTextInput> {
    vec![
        LocalizedTextInput::new(Language::Nl, nl),
        LocalizedTextInput::new(Language::En, en),
    ]
}

fn text((nl, en): Text) -> Vec<LocalizedTextInput> {
    t(nl, en)
}

/// Loads the demo organization unless it is there. A load that stopped
/// half-way (the process was killed) is removed and made again, so a second
/// run always ends with the whole register, once.
pub async fn load(db: &DatabaseConnection) -> AppResult<()> {
    if let Some(org) = organization::find_by_slug(db, SLUG).await? {
        if !is_unfinished_load(db, &org).await? {
            return Ok(());
        }
        entity::organization::Entity::delete_by_id(org.id)
            .exec(db)
            .await?;
    }
    let org = organization::create(db, ACTOR, &organization_input()).await?;
    let scope = Scope::new(db.clone(), org.id, org.default_language, ACTOR.into());
    let data = data_categories(&scope).await?;
    let subjects = data_subject_categories(&scope).await?;
    let recipients = processors(&scope).await?;
    for (index, activity) in ACTIVITIES.iter().enumerate() {
        let input = activity.input(index as i32 + 1, &data, &subjects, &recipients)?;
        processing_activity::create(&scope, &input).await?;
    }
    rights_policy::save(&scope, &rights_policy_input(), 0).await?;
    Ok(())
}

/// Whether `org` is what an interrupted load left: created by the demo, and
/// without the rights policy, which the load saves last.
async fn is_unfinished_load(
    db: &DatabaseConnection,
    org: &entity::organization::Model,
) -> AppResult<bool> {
    let scope = Scope::new(db.clone(), org.id, org.default_language, ACTOR.into());
    if rights_policy::get(&scope).await?.is_some() {
        return Ok(false);
    }
    let creation = audit::history(&scope, org.id)
        .order_by_asc(audit_event::Column::At)
        .one(db)
        .await?;
    Ok(creation.is_some_and(|event| event.actor == ACTOR))
}

// ---- organization ----

fn organization_input() -> CreateOrganizationInput {
    CreateOrganizationInput {
        slug: SLUG.into(),
        details: OrganizationDetails {
            legal_name: "Rezulto B.V.".into(),
            trade_names: Some(vec!["Rezulto".into()]),
            registration_number: Some("84541423".into()),
            address: Some(AddressInput {
                street: "Euclideslaan 265".into(),
                postal_code: "3584 BV".into(),
                city: "Utrecht".into(),
                country: "NL".into(),
            }),
            contact_email: Some("info@rezulto.nl".into()),
            privacy_email: Some("privacy@rezulto.nl".into()),
            phone: Some("085 9024886".into()),
            supervisory_authority: Some(SupervisoryAuthorityInput {
                name: "Autoriteit Persoonsgegevens".into(),
                url: Some("https://autoriteitpersoonsgegevens.nl".into()),
            }),
            default_language: Language::Nl,
            dpo: None,
            representative: None,
            websites: None,
        },
    }
}

// ---- catalogue: the defaults plus what the demo needs besides ----

/// `(key, name, description)`, added to the default catalogue.
const EXTRA_DATA_CATEGORIES: &[(&str, Text, Option<Text>)] = &[
    (
        "contest.entries",
        (
            "inzendingen voor acties en prijsvragen",
            "entries for promotions and contests",
        ),
        None,
    ),
    (
        "communication.forum_posts",
        ("berichten op het forum", "forum posts"),
        Some((
            "Berichten die u met uw account op een forum van Rezulto plaatst.",
            "Messages you post with your account on a Rezulto forum.",
        )),
    ),
    (
        "social.engagement",
        (
            "delen en liken via sociale media",
            "shares and likes on social media",
        ),
        Some((
            "Hoe vaak een artikel van Rezulto via sociale media wordt gedeeld of geliket.",
            "How often an article by Rezulto is shared or liked on social media.",
        )),
    ),
];

/// `(key, name, description)`, added to the default catalogue.
const EXTRA_DATA_SUBJECT_CATEGORIES: &[(&str, Text, Option<Text>)] = &[
    (
        "education_staff",
        ("onderwijsmedewerkers", "education staff"),
        Some((
            "Mensen die werken bij een onderwijsinstelling of een organisatie die aan het onderwijs verwant is.",
            "People working for a school or another organisation related to education.",
        )),
    ),
    ("training_participants", ("deelnemers aan trainingen", "training participants"), None),
    ("customer_service_contacts", ("personen die de klantenservice benaderen", "people contacting customer service"), None),
];

/// Every data category of the organization by key.
async fn data_categories(scope: &Scope) -> AppResult<HashMap<String, Uuid>> {
    for &(key, name, description) in EXTRA_DATA_CATEGORIES {
        let input = DataCategoryInput {
            key: key.into(),
            name: text(name),
            description: description.map(text),
            special_category: None,
            criminal_data: None,
        };
        data_category::create(scope, &input).await?;
    }
    let all = data_category::list(scope, &Default::default())?
        .all(scope.db())
        .await?;
    Ok(all.into_iter().map(|c| (c.key, c.id)).collect())
}

/// Every data subject category of the organization by key.
async fn data_subject_categories(scope: &Scope) -> AppResult<HashMap<String, Uuid>> {
    for &(key, name, description) in EXTRA_DATA_SUBJECT_CATEGORIES {
        let input = DataSubjectCategoryInput {
            key: key.into(),
            name: text(name),
            description: description.map(text),
        };
        data_subject_category::create(scope, &input).await?;
    }
    let all = data_subject_category::list(scope, &Default::default())?
        .all(scope.db())
        .await?;
    Ok(all.into_iter().map(|c| (c.key, c.id)).collect())
}

fn ids_of(ids: &HashMap<String, Uuid>, keys: &[&str]) -> AppResult<Vec<ID>> {
    keys.iter()
        .map(|key| {
            ids.get(*key)
                .map(|id| to_id(*id))
                .ok_or_else(|| AppError::Internal(format!("demo: `{key}` is not in the register")))
        })
        .collect()
}

// ---- processors, each with a signed agreement ----

/// `(key, name, category, service, agreement signed on)`, all processors in
/// the Netherlands; the agreements are numbered `VWO-2025-01` on in this
/// order. The statement names them by category, as the register holds kinds
/// of processors rather than companies.
const PROCESSORS: &[(&str, &str, Text, Text, &str)] = &[
    (
        "it",
        "Technische dienstverleners",
        ("technische dienstverleners", "technical service providers"),
        (
            "Hosting, beheer en onderhoud van de websites, systemen en applicaties van Rezulto.",
            "Hosting, management and maintenance of Rezulto's websites, systems and applications.",
        ),
        "2025-01-20",
    ),
    (
        "mailing",
        "Verzendhuizen",
        ("verzendhuizen", "mailing houses"),
        ("Verzorgen van zendingen en mailings namens Rezulto.", "Handling shipments and mailings on behalf of Rezulto."),
        "2025-02-10",
    ),
    (
        "research",
        "Onderzoeksbureaus",
        ("onderzoeksbureaus", "research agencies"),
        ("Uitvoeren van marktonderzoek in opdracht van Rezulto.", "Carrying out market research commissioned by Rezulto."),
        "2025-03-05",
    ),
    (
        "calls",
        "Belbureaus",
        ("belbureaus", "call centres"),
        (
            "Telefonisch contact met klanten en geïnteresseerden in opdracht van Rezulto, zoals telemarketing.",
            "Telephone contact with customers and prospects commissioned by Rezulto, such as telemarketing.",
        ),
        "2025-03-24",
    ),
];

fn date(value: &str) -> AppResult<Date> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Date)
        .map_err(|e| AppError::Internal(format!("demo: date `{value}`: {e}")))
}

/// Creates the processors and their agreements; their ids by key.
async fn processors(scope: &Scope) -> AppResult<HashMap<String, Uuid>> {
    let mut ids = HashMap::new();
    for (index, &(key, name, category, service, signed_on)) in PROCESSORS.iter().enumerate() {
        let input = ProcessorInput {
            name: name.into(),
            role: ProcessorRole::Processor,
            service: Some(text(service)),
            category: Some(text(category)),
            country: "NL".into(),
            parent_id: None,
            transfer_safeguard: None,
            contact: None,
        };
        let created = processor::create(scope, &input).await?;
        let signed_on = date(signed_on)?;
        let agreement = ProcessingAgreementInput {
            processor_id: to_id(created.id),
            status: AgreementStatus::Signed,
            signed_on: Some(signed_on),
            effective_on: Some(signed_on),
            expires_on: None,
            document_ref: Some(format!("VWO-2025-{:02}", index + 1)),
            clauses: Some(Art28Clause::iter().collect()),
            sub_processor_authorisation: Some(SubProcessorAuthorisation::General),
        };
        processing_agreement::create(scope, &agreement).await?;
        ids.insert(key.to_string(), created.id);
    }
    Ok(ids)
}

// ---- processing activities ----

enum Basis {
    Consent,
    Contract,
    /// Legitimate interests, with the interest spelled out.
    Interest(Text),
}

impl Basis {
    fn input(&self) -> LegalBasisInput {
        let (code, interest) = match self {
            Basis::Consent => (LegalBasisCode::Consent, None),
            Basis::Contract => (LegalBasisCode::Contract, None),
            Basis::Interest(interest) => {
                (LegalBasisCode::LegitimateInterests, Some(text(*interest)))
            }
        };
        LegalBasisInput {
            code,
            legitimate_interest: interest,
        }
    }
}

/// How long the data is kept.
struct Keep {
    period: Option<&'static str>,
    trigger: Option<&'static str>,
    text: Text,
}

/// Said of every retention.
const RETENTION_PRINCIPLE: Text = (
    "Bij het kiezen van bewaartermijnen weegt Rezulto de besluiten van de Autoriteit Persoonsgegevens mee.",
    "In choosing retention periods Rezulto takes the decisions of the Dutch Data Protection Authority into account.",
);

const UNTIL_OPT_OUT: Keep = Keep {
    period: None,
    trigger: Some("CONSENT_WITHDRAWN"),
    text: (
        "Afmelden geldt daarbij als intrekken.",
        "Unsubscribing counts as withdrawing it.",
    ),
};

const AS_NEEDED: Keep = Keep {
    period: None,
    trigger: None,
    text: (
        "Wij bewaren deze gegevens niet langer dan het doel waarvoor wij ze verzamelen en gebruiken vereist.",
        "We keep this data no longer than the purpose for which we collect and use it requires.",
    ),
};

impl Keep {
    fn input(&self) -> RetentionInput {
        let ((nl, en), (principle_nl, principle_en)) = (self.text, RETENTION_PRINCIPLE);
        RetentionInput {
            period: self.period.map(Into::into),
            trigger: self.trigger.map(Into::into),
            description: Some(t(
                &format!("{nl} {principle_nl}"),
                &format!("{en} {principle_en}"),
            )),
        }
    }
}

const SECURITY_MEASURES: Text = (
    "Rezulto verwerkt uw gegevens volgens de wet, in het bijzonder de Algemene Verordening Gegevensbescherming (AVG) en \
     de Telecommunicatiewet. Rezulto neemt passende technische en organisatorische maatregelen om uw gegevens te beschermen tegen verlies en \
     tegen elke vorm van onrechtmatig gebruik. Systemen en applicaties zijn beveiligd op een niveau dat past bij de \
     huidige stand van de techniek, zodat onbevoegde toegang, wijziging, openbaarmaking en verlies worden voorkomen. \
     Leveranciers die namens Rezulto gegevens verwerken, zijn in een verwerkersovereenkomst gebonden aan passende \
     beveiligingsverplichtingen.",
    "Rezulto processes your data in accordance with the law, in particular the General Data Protection Regulation \
     (GDPR) and the Dutch Telecommunications Act (Telecommunicatiewet). Rezulto takes appropriate technical and organisational measures to protect your data against loss and against \
     any form of unlawful processing. Systems and applications are secured to a level in line with the current state \
     of the art, to prevent unauthorised access, alteration, disclosure and loss. Suppliers processing data on \
     Rezulto's behalf are bound by appropriate security obligations in a processor agreement.",
);

/// One entry of the record, referring to categories and processors by key.
struct Activity {
    name: Text,
    purpose: Text,
    /// A W3C DPV purpose.
    category: &'static str,
    owner: Option<&'static str>,
    bases: &'static [Basis],
    data: &'static [&'static str],
    subjects: &'static [&'static str],
    recipients: &'static [&'static str],
    source: (DataSourceKind, Text),
    keep: Keep,
    requirement: Option<Text>,
    /// Profiling, where the activity tailors content or offers to a person.
    profiling: Option<Text>,
}

impl Activity {
    fn input(
        &self,
        position: i32,
        data: &HashMap<String, Uuid>,
        subjects: &HashMap<String, Uuid>,
        recipients: &HashMap<String, Uuid>,
    ) -> AppResult<ProcessingActivityInput> {
        let (kind, source) = self.source;
        Ok(ProcessingActivityInput {
            name: text(self.name),
            purpose: text(self.purpose),
            purpose_category: Some(self.category.into()),
            status: ActivityStatus::Active,
            owner: self.owner.map(Into::into),
            legal_bases: self.bases.iter().map(Basis::input).collect(),
            data_category_ids: ids_of(data, self.data)?,
            data_subject_category_ids: ids_of(subjects, self.subjects)?,
            recipient_ids: Some(ids_of(recipients, self.recipients)?),
            retention: Some(self.keep.input()),
            special_category_conditions: None,
            transfers: None,
            sources: Some(vec![DataSourceInput {
                kind,
                description: Some(text(source)),
            }]),
            security_measures: Some(text(SECURITY_MEASURES)),
            automated_decision_making: self.profiling.map(text),
            requirement: self.requirement.map(text),
            dpia_required: None,
            position: Some(position),
        })
    }
}

/// In the order of the statement.
const ACTIVITIES: &[Activity] = &[
    Activity {
        name: ("Verkoop en levering van producten, diensten en trainingen", "Sale and delivery of products, services and training"),
        purpose: (
            "Een overeenkomst met u sluiten en uitvoeren wanneer u via onze websites iets bestelt, onze (online) \
             diensten gebruikt of een training volgt: uw bestelling of inschrijving afhandelen, de producten, diensten \
             of trainingen leveren en u op de hoogte houden van de voortgang. Daarnaast gaan wij fraude met \
             bestellingen en betalingen tegen.",
            "Concluding and performing a contract with you when you order through our websites, use our (online) \
             services or take a training course: handling your order or enrolment, delivering the products, services \
             or training, and keeping you informed of the progress. We also work to prevent fraud involving orders \
             and payments.",
        ),
        category: "dpv:ServiceProvision",
        owner: None,
        bases: &[
            Basis::Contract,
            Basis::Interest((
                "Rezulto heeft er belang bij fraude met bestellingen en betalingen te voorkomen.",
                "Rezulto has an interest in preventing fraud involving orders and payments.",
            )),
        ],
        data: &[
            "identity.name",
            "contact.address",
            "contact.phone",
            "contact.email",
            "professional.job_title",
            "professional.employer",
            "commerce.orders",
        ],
        subjects: &["customers", "education_staff", "training_participants"],
        recipients: &["it", "mailing"],
        source: (
            DataSourceKind::DataSubject,
            ("U verstrekt deze gegevens zelf, bijvoorbeeld bij een bestelling via onze websites.", "You provide this data yourself, for instance when ordering through our websites."),
        ),
        keep: AS_NEEDED,
        requirement: Some((
            "Zonder uw contactgegevens kan Rezulto geen overeenkomst met u sluiten of uitvoeren en uw bestelling \
             dus niet leveren. Uw functie en de onderwijs(gerelateerde) organisatie waar u werkt, vragen wij alleen \
             als de levering dat nodig maakt.",
            "Without your contact details Rezulto cannot conclude or perform a contract with you, and so cannot \
             deliver your order. We ask for your job title and the educational or education-related organisation \
             you work for only when the delivery requires it.",
        )),
        profiling: None,
    },
    Activity {
        name: ("Bezoek aan onze websites", "Visits to our websites"),
        purpose: (
            "Vastleggen waarop bezoekers van de websites van Rezulto klikken, om de websites en de dienstverlening te verbeteren.",
            "Recording what visitors click on Rezulto's websites, to improve the websites and the services.",
        ),
        category: "dpv:ServiceOptimisation",
        owner: None,
        bases: &[Basis::Interest((
            "Rezulto heeft er belang bij haar websites en dienstverlening te verbeteren met inzicht in hoe bezoekers die gebruiken.",
            "Rezulto has an interest in improving its websites and services through insight into how visitors use them.",
        ))],
        data: &["online.click_behaviour"],
        subjects: &["website_visitors"],
        recipients: &["it"],
        source: (
            DataSourceKind::DataSubject,
            ("Wij leggen deze gegevens vast terwijl u onze websites gebruikt.", "We record this data while you use our websites."),
        ),
        keep: AS_NEEDED,
        requirement: None,
        profiling: None,
    },
    Activity {
        name: ("Online acties en prijsvragen", "Online promotions and contests"),
        purpose: (
            "Uw deelname aan een online actie of prijsvraag verwerken en de actie uitvoeren. Alleen als u daarmee \
             instemt, gebruiken wij uw gegevens ook voor gerichte advertenties of om u een aanbod te doen.",
            "Handling your entry in an online promotion or contest and running the promotion. Only if you agree do we also use \
             your data for targeted advertising or to make you an offer.",
        ),
        category: "dpv:Marketing",
        owner: None,
        bases: &[Basis::Contract, Basis::Consent],
        data: &["identity.name", "contact.email", "contest.entries"],
        subjects: &["contest_participants"],
        recipients: &["it"],
        source: (
            DataSourceKind::DataSubject,
            ("U verstrekt deze gegevens zelf wanneer u via een van onze kanalen meedoet.", "You provide this data yourself when you take part through one of our channels."),
        ),
        keep: Keep {
            period: None,
            trigger: None,
            text: (
                "Wij bewaren de gegevens voor de actie niet langer dan nodig is om die uit te voeren; gegevens die wij \
                 met uw toestemming voor advertenties en aanbiedingen gebruiken, tot u zich afmeldt.",
                "We keep the data for the promotion no longer than running it requires; data we use with your consent \
                 for advertising and offers, until you unsubscribe.",
            ),
        },
        requirement: None,
        profiling: Some((
            "Als u daarmee instemt, stemmen wij advertenties en aanbiedingen af op de gegevens die u bij de actie hebt gegeven.",
            "If you agree, we tailor advertising and offers to the data you gave when taking part.",
        )),
    },
    Activity {
        name: ("Nieuwsbrieven", "Newsletters"),
        purpose: (
            "Nieuwsbrieven versturen, personaliseren en u informatie op maat bieden. Wij registreren ook waarop u \
             klikt in de nieuwsbrieven en daarna op onze websites, om onze producten en diensten te verbeteren en \
             gericht te adverteren.",
            "Sending and personalising newsletters and offering you tailored information. We also record what you \
             click in the newsletters and afterwards on our websites, to improve our products and services and to \
             advertise in a targeted way.",
        ),
        category: "dpv:DirectMarketing",
        owner: None,
        bases: &[Basis::Consent],
        data: &[
            "identity.name",
            "contact.phone",
            "contact.email",
            "marketing.preferences",
            "online.click_behaviour",
        ],
        subjects: &["newsletter_subscribers"],
        recipients: &["it", "mailing"],
        source: (
            DataSourceKind::DataSubject,
            (
                "U geeft deze gegevens zelf op bij uw aanmelding; uw klikgedrag leggen wij vast wanneer u onze nieuwsbrieven en websites gebruikt.",
                "You give this data yourself when you sign up; we record your click behaviour when you use our newsletters and websites.",
            ),
        ),
        keep: UNTIL_OPT_OUT,
        requirement: None,
        profiling: Some((
            "Wij stemmen de inhoud van de nieuwsbrieven en onze advertenties af op uw voorkeuren en uw klikgedrag.",
            "We tailor the content of the newsletters and our advertising to your preferences and click behaviour.",
        )),
    },
    Activity {
        name: ("Accounts op onze websites", "Accounts on our websites"),
        purpose: (
            "Een account voor u bijhouden, zodat u bij een volgend bezoek alleen hoeft in te loggen. Met uw account \
             zien wij of u abonnee bent en geven wij u toegang tot diensten, kortingen en delen van de website die \
             voor abonnees zijn. Ook kunt u ermee op een forum schrijven en passen wij de website aan uw voorkeuren \
             aan. Wij kunnen uw inloggegevens aanvullen met wat wij van u weten als abonnee of \
             nieuwsbriefontvanger, om u als zodanig te herkennen, bijvoorbeeld voor korting. Op sommige websites \
             vullen wij ze aan met gegevens over uw gebruik van de website; dat melden wij u voordat u een account \
             aanmaakt, of wij vragen er apart toestemming voor als dat nodig is. Daarnaast onderzoeken en \
             analyseren wij accountgegevens om onze dienstverlening te verbeteren.",
            "Keeping an account for you, so that on your next visit you only need to log in. With your account we \
             see whether you are a subscriber and give you access to services, discounts and parts of the website \
             meant for subscribers. You can also post on a forum with it, and we adapt the website to your \
             preferences. We may add what we know of you as a subscriber or newsletter recipient to your login \
             details to recognise you as such, for instance for a discount. On some websites we add data about your \
             use of the website; we tell you before you create an account, or ask for separate consent where that \
             is required. We also research and analyse account data to improve our services.",
        ),
        category: "dpv:AccountManagement",
        owner: None,
        bases: &[
            Basis::Consent,
            Basis::Interest((
                "Rezulto heeft er belang bij haar dienstverlening te verbeteren door accountgegevens te onderzoeken en te analyseren.",
                "Rezulto has an interest in improving its services by researching and analysing account data.",
            )),
        ],
        data: &[
            "identity.name",
            "contact.email",
            "account.credentials",
            "account.subscription",
            "marketing.preferences",
            "communication.forum_posts",
            "online.click_behaviour",
        ],
        subjects: &["account_holders"],
        recipients: &["it"],
        source: (
            DataSourceKind::DataSubject,
            (
                "U vult uw naam en e-mailadres zelf in; aanvullingen komen uit uw abonnement, uw aanmelding voor de \
                 nieuwsbrief of, op sommige websites, uw gebruik van de website.",
                "You enter your name and e-mail address yourself; additions come from your subscription, your \
                 newsletter sign-up or, on some websites, your use of the website.",
            ),
        ),
        keep: UNTIL_OPT_OUT,
        requirement: None,
        profiling: Some((
            "Wij passen de website aan uw persoonlijke voorkeuren aan en, op sommige websites, aan uw gebruik ervan.",
            "We adapt the website to your personal preferences and, on some websites, to how you use it.",
        )),
    },
    Activity {
        name: ("Sociale media", "Social media"),
        purpose: (
            "Aanwezig zijn op sociale media en bijhouden hoe vaak onze artikelen daar worden gedeeld en geliket, om \
             het bereik van die artikelen te analyseren.",
            "Being present on social media and tracking how often our articles are shared and liked there, to \
             analyse the reach of those articles.",
        ),
        category: "dpv:SocialMediaMarketing",
        owner: None,
        bases: &[Basis::Interest((
            "Rezulto heeft er belang bij haar dienstverlening te verbeteren met inzicht in het bereik van haar artikelen op sociale media.",
            "Rezulto has an interest in improving its services through insight into the reach of its articles on social media.",
        ))],
        data: &["social.profile", "social.engagement"],
        subjects: &["social_media_followers"],
        recipients: &[],
        source: (
            DataSourceKind::SocialMedia,
            (
                "Facebook, Twitter, Instagram, LinkedIn en YouTube. Volgt u ons daar, dan zien wij mogelijk een deel \
                 van uw profiel; welk deel hangt af van uw instellingen op het platform.",
                "Facebook, Twitter, Instagram, LinkedIn and YouTube. If you follow us there, we may see part of your \
                 profile; which part depends on your settings on the platform.",
            ),
        ),
        keep: AS_NEEDED,
        requirement: None,
        profiling: None,
    },
    Activity {
        name: ("Marktonderzoek", "Market research"),
        purpose: (
            "Met marktonderzoek onze producten en diensten verbeteren. Wij gebruiken wat u bij deelname verstrekt \
             alleen voor zover dat nodig is om tot resultaten te komen. De resultaten zijn niet tot u als persoon te \
             herleiden, tenzij u daarvoor toestemming geeft. Een extern onderzoeksbureau kan het onderzoek voor ons \
             uitvoeren.",
            "Improving our products and services through market research. We use what you provide when taking part \
             only as far as needed to obtain results. The results cannot be traced back to you as a person unless \
             you consent to that. An external research agency may carry out the research for us.",
        ),
        category: "dpv:ResearchAndDevelopment",
        owner: None,
        bases: &[Basis::Consent],
        data: &["research.answers"],
        subjects: &["research_participants"],
        recipients: &["research", "it"],
        source: (
            DataSourceKind::DataSubject,
            ("U verstrekt deze gegevens zelf wanneer u meedoet aan een onderzoek.", "You provide this data yourself when you take part in a survey."),
        ),
        keep: UNTIL_OPT_OUT,
        requirement: None,
        profiling: None,
    },
    Activity {
        name: ("Klantenservice en contact", "Customer service and contact"),
        purpose: (
            "Uw vraag afhandelen wanneer u de klantenservice mailt (info@rezulto.nl), schrijft of belt \
             (085 9024886), en contact met u opnemen wanneer u via onze websites laat weten dat u interesse hebt in \
             onze producten of diensten. Wij bewaren uw gegevens om u bij later contact beter te helpen en gebruiken \
             deze contacten ook om onze producten en diensten te verbeteren.",
            "Handling your question when you e-mail (info@rezulto.nl), write to or call (085 9024886) customer \
             service, and getting back to you when you let us know through our websites that you are interested in \
             our products or services. We keep your details to help you better when you get in touch again, and we \
             also use these contacts to improve our products and services.",
        ),
        category: "dpv:CustomerCare",
        owner: Some("Klantenservice"),
        bases: &[
            Basis::Contract,
            Basis::Interest((
                "Rezulto heeft er belang bij haar producten en diensten te verbeteren aan de hand van de vragen die klanten stellen.",
                "Rezulto has an interest in improving its products and services based on the questions customers ask.",
            )),
        ],
        data: &[
            "identity.name",
            "professional.employer",
            "contact.email",
            "contact.phone",
            "communication.messages",
            "marketing.preferences",
        ],
        subjects: &["customer_service_contacts", "prospects", "customers", "education_staff"],
        recipients: &["it", "calls"],
        source: (
            DataSourceKind::DataSubject,
            (
                "U verstrekt deze gegevens zelf wanneer u contact met ons opneemt of uw interesse doorgeeft.",
                "You provide this data yourself when you contact us or tell us what you are interested in.",
            ),
        ),
        keep: AS_NEEDED,
        requirement: None,
        profiling: None,
    },
    Activity {
        name: ("Nieuws, evenementen en aanbiedingen", "News, events and offers"),
        purpose: (
            "U informeren over nieuws, evenementen en acties van Rezulto per e-mail, direct mail, e-mailing of \
             telemarketing, afgestemd op uw voorkeuren en interesses als wij die kennen en u daarvoor toestemming \
             hebt gegeven. Na een aankoop, zoals een abonnement of een bestelling in een webshop, kunnen wij u per \
             e-mail wijzen op vergelijkbare producten of diensten, tenzij u bij de aankoop aangaf dat niet te willen.",
            "Keeping you informed of Rezulto's news, events and offers by e-mail (including e-mail campaigns), direct \
             mail or telemarketing, tailored to your preferences and interests where we know them and you have \
             consented to that. After a purchase, such as a subscription or a webshop order, we may e-mail you about \
             similar products or services, unless you told us at the time of purchase that you did not want this.",
        ),
        category: "dpv:DirectMarketing",
        owner: None,
        bases: &[
            Basis::Consent,
            Basis::Interest((
                "Rezulto heeft er belang bij bestaande klanten na een aankoop of abonnement per e-mail te wijzen op \
                 vergelijkbare producten en diensten en zo de klantrelatie te onderhouden, zolang de klant daar geen \
                 bezwaar tegen maakt.",
                "Rezulto has an interest in e-mailing existing customers about similar products and services after a \
                 purchase or subscription, and so maintaining the customer relationship, as long as the customer does \
                 not object.",
            )),
        ],
        data: &[
            "identity.name",
            "contact.address",
            "contact.phone",
            "contact.email",
            "marketing.preferences",
            "online.click_behaviour",
            "commerce.orders",
        ],
        subjects: &["customers", "newsletter_subscribers"],
        recipients: &["it", "mailing", "calls"],
        source: (
            DataSourceKind::DataSubject,
            (
                "U verstrekt deze gegevens zelf bij uw aanmelding of aankoop; interesses kunnen ook zijn afgeleid uit uw gedrag op onze websites.",
                "You provide this data yourself when signing up or buying; interests may also be derived from your behaviour on our websites.",
            ),
        ),
        keep: Keep {
            period: Some("P2Y"),
            trigger: Some("LAST_PURCHASE_OR_SUBSCRIPTION_END"),
            text: (
                "Hebt u toestemming gegeven voor onze berichten, dan bewaren wij de gegevens tot u zich afmeldt.",
                "If you have consented to our messages, we keep the data until you unsubscribe.",
            ),
        },
        requirement: None,
        profiling: Some((
            "Als wij uw voorkeuren en interesses kennen, ook afgeleid uit uw gedrag op onze websites, en u daarvoor \
             toestemming hebt gegeven, stemmen wij onze berichten daarop af.",
            "Where we know your preferences and interests, including those derived from your behaviour on our \
             websites, and you have consented, we tailor our messages to them.",
        )),
    },
];

// ---- rights policy ----

/// `(right, note)`: what the statement's general explanation of the right
/// and its response period leave unsaid about Rezulto.
const RIGHTS: &[(DataSubjectRight, Option<Text>)] = &[
    (DataSubjectRight::Access, None),
    (DataSubjectRight::Rectification, None),
    (
        DataSubjectRight::Erasure,
        Some((
            "Dat geldt ook voor uw account. Sommige gegevens kunnen wij na uw verzoek nog bewaren, bijvoorbeeld om \
             geplaatste bestellingen af te handelen of omdat de wet ons verplicht ze te bewaren.",
            "This includes your account. We may still keep some data after your request, for instance to settle \
             orders you placed or because the law requires us to keep it.",
        )),
    ),
    (
        DataSubjectRight::Restriction,
        Some((
            "Dat kan als u daar gegronde redenen voor hebt, bijvoorbeeld omdat u de juistheid van uw gegevens betwist \
             of bezwaar hebt gemaakt tegen de verwerking. Een e-mail volstaat.",
            "You can ask for this if you have good grounds, for instance because you contest the accuracy of your \
             data or have objected to the processing. An e-mail is enough.",
        )),
    ),
    (
        DataSubjectRight::Portability,
        Some((
            "Dit geldt voor gegevens die wij met uw toestemming geautomatiseerd verwerken.",
            "This applies to data that we process by automated means based on your consent.",
        )),
    ),
    (DataSubjectRight::Objection, None),
    (
        DataSubjectRight::ObjectionDirectMarketing,
        Some((
            "Uw bezwaar kan ook het (verder) ontvangen van marketinginformatie betreffen: alle of alleen bepaalde soorten.",
            "Your objection can also cover receiving further marketing information: all of it or only certain kinds.",
        )),
    ),
    (DataSubjectRight::WithdrawConsent, None),
    (DataSubjectRight::Complaint, None),
];

/// Why data may be shared beyond the processors.
const DISCLOSURE_PURPOSES: &[Text] = &[
    ("het uitvoeren van overeenkomsten en abonnementen", "performing contracts and subscriptions"),
    (
        "marketing, ook gerichte marketing, om de relatie met u te onderhouden of uit te breiden",
        "marketing, including targeted marketing, to maintain or extend our relationship with you",
    ),
    ("het uitvoeren van bedrijfsprocessen en het interne beheer", "running business processes and internal management"),
    ("beveiliging", "security"),
    ("het nakomen van wettelijke verplichtingen", "complying with legal obligations"),
    (
        "andere doeleinden, maar alleen met uw voorafgaande toestemming, als de wet ons daartoe verplicht of als een rechtszaak dat noodzakelijk maakt",
        "other purposes, but only with your prior consent, where the law obliges us to or where legal proceedings make it necessary",
    ),
];

fn rights_policy_input() -> RightsPolicyInput {
    RightsPolicyInput {
        response_period: "P4W".into(),
        opt_out_working_days: Some(20),
        marketing_follow_up_period: Some("P2Y".into()),
        channels: Some(t(
            "Richt uw verzoek, of uw vraag of opmerking over ons privacybeleid, aan privacy@rezulto.nl, of schrijf naar \
             Rezulto B.V., afdeling Klantenservice, Euclideslaan 265, 3584 BV Utrecht. Wij antwoorden zo snel mogelijk \
             en informeren u zo volledig als wij kunnen.",
            "Send your request, or your question or comment about our privacy policy, to privacy@rezulto.nl, or write \
             to Rezulto B.V., afdeling Klantenservice (customer service), Euclideslaan 265, 3584 BV Utrecht, the \
             Netherlands. We reply as soon as possible and give you as full an answer as we can.",
        )),
        rights: Some(RIGHTS.iter().map(|&(right, note)| OfferedRightInput { right, note: note.map(text) }).collect()),
        disclosure_purposes: Some(DISCLOSURE_PURPOSES.iter().copied().map(text).collect()),
        unsubscribe: Some(t(
            "In elk bericht van Rezulto leest u hoe u zich afmeldt; e-mails bevatten daarvoor een afmeldlink. Een \
             afmelding voor post, e-mail of telefoon verwerken wij binnen twintig werkdagen, dus in die tijd kunt u nog \
             enkele berichten ontvangen. Informatieberichten blijft u ook na een afmelding ontvangen.",
            "Every message from Rezulto tells you how to unsubscribe, and every e-mail contains an unsubscribe link. \
             When you ask us to stop contacting you by post, e-mail or telephone, we act on it within twenty working \
             days, so a few messages may still reach you in the meantime. You will still receive service messages after \
             unsubscribing.",
        )),
    }
}

/// Publishes the demo statement in Dutch and English, unless a version was
/// published before.
pub async fn publish_statements(db: &DatabaseConnection) -> AppResult<()> {
    let Some(org) = organization::find_by_slug(db, SLUG).await? else {
        return Ok(());
    };
    let scope = Scope::new(db.clone(), org.id, org.default_language, ACTOR.into());
    let summaries = [
        (Language::Nl, "Eerste versie, opgesteld uit het register"),
        (Language::En, "First version, generated from the register"),
    ];
    for (language, summary) in summaries {
        if versions::latest(db, org.id, language).await?.is_none() {
            let request = PublishRequest {
                language,
                summary: summary.into(),
                material: false,
                effective_from: None,
            };
            publish::publish(&scope, &request).await?;
        }
    }
    Ok(())
}
