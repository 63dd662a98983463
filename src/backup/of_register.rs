//! A backup of the register as read from the database.

use chrono::{DateTime, Utc};
use entity::{
    data_category, data_subject_category, organization, processing_agreement, processor,
    rights_policy, tracker,
};

use super::{
    ActivityEntry, AgreementEntry, Backup, DataCategoryEntry, DataSubjectCategoryEntry,
    LegalBasisEntry, OrganizationEntry, ProcessorEntry, RightsPolicyEntry, TrackerEntry,
    TransferEntry, FORMAT, VERSION,
};
use crate::register::processing_activity::ActivitySnapshot;
use crate::register_snapshot::RegisterSnapshot;

impl Backup {
    /// The backup of a register read with `snapshot::load_all`.
    pub fn of(register: &RegisterSnapshot, exported_at: DateTime<Utc>) -> Backup {
        Backup {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at: Some(exported_at),
            organization: OrganizationEntry::from(&register.organization),
            rights_policy: register.rights_policy.as_ref().map(RightsPolicyEntry::from),
            data_categories: register.data_categories.iter().map(Into::into).collect(),
            data_subject_categories: register
                .data_subject_categories
                .iter()
                .map(Into::into)
                .collect(),
            processors: register.processors.iter().map(Into::into).collect(),
            agreements: register.agreements.iter().map(Into::into).collect(),
            activities: register.activities.iter().map(Into::into).collect(),
            trackers: register.trackers.iter().map(Into::into).collect(),
        }
    }
}

impl From<&organization::Model> for OrganizationEntry {
    fn from(o: &organization::Model) -> Self {
        OrganizationEntry {
            id: o.id,
            slug: o.slug.clone(),
            legal_name: o.legal_name.clone(),
            trade_names: o.trade_names.0.clone(),
            registration_number: o.registration_number.clone(),
            address: o.address.clone(),
            contact_email: o.contact_email.clone(),
            privacy_email: o.privacy_email.clone(),
            phone: o.phone.clone(),
            supervisory_authority: o.supervisory_authority.clone(),
            default_language: o.default_language,
            dpo: o.dpo.clone(),
            representative: o.representative.clone(),
            websites: o.websites.0.clone(),
        }
    }
}

impl From<&rights_policy::Model> for RightsPolicyEntry {
    fn from(p: &rights_policy::Model) -> Self {
        RightsPolicyEntry {
            response_period: p.response_period.clone(),
            opt_out_working_days: p.opt_out_working_days,
            marketing_follow_up_period: p.marketing_follow_up_period.clone(),
            channels: p.channels.clone(),
            rights: p.rights.0.clone(),
            disclosure_purposes: p.disclosure_purposes.0.clone(),
            unsubscribe: p.unsubscribe.clone(),
        }
    }
}

impl From<&data_category::Model> for DataCategoryEntry {
    fn from(c: &data_category::Model) -> Self {
        DataCategoryEntry {
            id: c.id,
            key: c.key.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            special_category: c.special_category,
            criminal_data: c.criminal_data,
            archived_at: c.archived_at,
        }
    }
}

impl From<&data_subject_category::Model> for DataSubjectCategoryEntry {
    fn from(c: &data_subject_category::Model) -> Self {
        DataSubjectCategoryEntry {
            id: c.id,
            key: c.key.clone(),
            name: c.name.clone(),
            description: c.description.clone(),
            archived_at: c.archived_at,
        }
    }
}

impl From<&processor::Model> for ProcessorEntry {
    fn from(p: &processor::Model) -> Self {
        ProcessorEntry {
            id: p.id,
            name: p.name.clone(),
            role: p.role,
            service: p.service.clone(),
            category: p.category.clone(),
            country: p.country.clone(),
            contact: p.contact.clone(),
            parent_id: p.parent_id,
            transfer_safeguard: p.transfer_safeguard,
            joint_arrangement: p.joint_arrangement.clone(),
            archived_at: p.archived_at,
        }
    }
}

impl From<&processing_agreement::Model> for AgreementEntry {
    fn from(a: &processing_agreement::Model) -> Self {
        AgreementEntry {
            id: a.id,
            processor_id: a.processor_id,
            status: a.status,
            signed_on: a.signed_on,
            effective_on: a.effective_on,
            expires_on: a.expires_on,
            document_ref: a.document_ref.clone(),
            clauses: a.clauses.0.clone(),
            sub_processor_authorisation: a.sub_processor_authorisation,
            archived_at: a.archived_at,
        }
    }
}

impl From<&tracker::Model> for TrackerEntry {
    fn from(t: &tracker::Model) -> Self {
        TrackerEntry {
            id: t.id,
            name: t.name.clone(),
            category: t.category,
            purpose: t.purpose.clone(),
            provider_id: t.provider_id,
            duration: t.duration.clone(),
            activity_ids: t.activity_ids.0.clone(),
            archived_at: t.archived_at,
        }
    }
}

impl From<&ActivitySnapshot> for ActivityEntry {
    fn from(s: &ActivitySnapshot) -> Self {
        let a = &s.activity;
        ActivityEntry {
            id: a.id,
            name: a.name.clone(),
            purpose: a.purpose.clone(),
            purpose_category: a.purpose_category.clone(),
            status: a.status,
            owner: a.owner.clone(),
            position: a.position,
            legal_bases: s
                .legal_bases
                .iter()
                .map(|basis| LegalBasisEntry {
                    code: basis.code,
                    legitimate_interest: basis.legitimate_interest.clone(),
                    applies_to: basis.applies_to.clone(),
                })
                .collect(),
            data_category_ids: s.data_category_ids.clone(),
            data_subject_category_ids: s.data_subject_category_ids.clone(),
            recipient_ids: s.recipient_ids.clone(),
            retention: a.retention.clone(),
            special_category_conditions: a.special_category_conditions.0.clone(),
            transfers: a
                .transfers
                .iter()
                .map(|t| TransferEntry {
                    country: t.country.clone(),
                    recipient_id: t.recipient_id,
                    safeguard: t.safeguard,
                    description: t.description.clone(),
                })
                .collect(),
            sources: a.sources.0.clone(),
            security_measures: a.security_measures.clone(),
            automated_decision_making: a.automated_decision_making.clone(),
            profiling: a.profiling.clone(),
            direct_marketing: a.direct_marketing,
            requirement: a.requirement.clone(),
            dpia_required: a.dpia_required,
            archived_at: a.archived_at,
        }
    }
}
