//! GraphQL inputs and outputs that mirror the services' plain types field by
//! field. `mirror_input!` declares such an input object from one field
//! list, together with its conversion; [`ToService`] says how each field's
//! value becomes the service's: ids are parsed (a malformed one is reported
//! at its input path, e.g. `input.transfers.0.recipientId`), enums and
//! localized texts convert, plain values stay as they are. `mirror_output!`
//! and [`FromService`] are the same for values the API shows.

use async_graphql::ID;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::api::localized::LocalizedTextInput;
use crate::api::scalars::Date;
use crate::api::{enums, ids};
use crate::error::AppResult;
use crate::register::localized;

/// A GraphQL input value as the service's; `at` is its input path, named in
/// the error of a malformed id.
pub trait ToService {
    type Service;
    fn to_service(self, at: &str) -> AppResult<Self::Service>;
}

impl<T: ToService> ToService for Option<T> {
    type Service = Option<T::Service>;
    fn to_service(self, at: &str) -> AppResult<Self::Service> {
        self.map(|value| value.to_service(at)).transpose()
    }
}

impl<T: ToService> ToService for Vec<T> {
    type Service = Vec<T::Service>;
    fn to_service(self, at: &str) -> AppResult<Self::Service> {
        self.into_iter()
            .enumerate()
            .map(|(index, value)| value.to_service(&format!("{at}.{index}")))
            .collect()
    }
}

impl ToService for ID {
    type Service = Uuid;
    fn to_service(self, at: &str) -> AppResult<Uuid> {
        ids::parse(&self, at)
    }
}

impl ToService for Date {
    type Service = NaiveDate;
    fn to_service(self, _: &str) -> AppResult<NaiveDate> {
        Ok(self.0)
    }
}

/// Input values that convert with `From` (or are the same on both sides);
/// a module adds its own the same way: `converts!(AuditAction => audit::AuditAction)`.
macro_rules! converts {
    ($($api:ty => $service:ty),* $(,)?) => {
        $(
            impl crate::api::mirror::ToService for $api {
                type Service = $service;
                fn to_service(self, _: &str) -> crate::error::AppResult<$service> {
                    Ok(self.into())
                }
            }
        )*
    };
}

converts!(
    String => String,
    bool => bool,
    i32 => i32,
    DateTime<Utc> => DateTime<Utc>,
    LocalizedTextInput => localized::LocalizedTextInput,
    enums::Language => entity::enums::Language,
    enums::ActivityStatus => entity::enums::ActivityStatus,
    enums::LegalBasisCode => entity::enums::LegalBasisCode,
    enums::SpecialCategoryCondition => entity::enums::SpecialCategoryCondition,
    enums::TransferSafeguard => entity::enums::TransferSafeguard,
    enums::DataSourceKind => entity::enums::DataSourceKind,
    enums::ProcessorRole => entity::enums::ProcessorRole,
    enums::AgreementStatus => entity::enums::AgreementStatus,
    enums::Art28Clause => entity::enums::Art28Clause,
    enums::SubProcessorAuthorisation => entity::enums::SubProcessorAuthorisation,
    enums::DataSubjectRight => entity::enums::DataSubjectRight,
    enums::TrackerCategory => entity::enums::TrackerCategory,
);

/// The input path of a field: `input` and `data_category_ids` make
/// `input.dataCategoryIds`, the field's name in the schema.
pub fn field_path(at: &str, field: &str) -> String {
    let mut path = format!("{at}.");
    let mut upper = false;
    for c in field.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                path.extend(c.to_uppercase());
                upper = false;
            }
            c => path.push(c),
        }
    }
    path
}

/// Declares a GraphQL input object that mirrors a service input, and its
/// [`ToService`] conversion. The fields are written as in a struct without
/// `pub`; their doc comments and `#[graphql]` attributes go to the schema.
/// Fields that the service gathers in a part of its own (a list's
/// [`Listing`](crate::register::Listing)) follow in `+ part: Type { .. }`:
/// they stand in the GraphQL input beside the others. Fields the service
/// has beyond the mirror follow in `+ { field: value }`.
///
/// ```ignore
/// mirror_input! {
///     #[derive(Default)]
///     pub struct TrackerFilter => service::TrackerFilter {
///         provider_id: Option<ID>,
///     }
///     + listing: Listing {
///         /// Matches the name and the purpose.
///         search: Option<String>,
///         include_archived: Option<bool>,
///     }
/// }
/// ```
macro_rules! mirror_input {
    (
        $(#[$attr:meta])*
        pub struct $name:ident => $($service:ident)::+ {
            $( $(#[$field_attr:meta])* $field:ident : $ty:ty ),* $(,)?
        }
        $( + $part:ident : $part_type:ident {
            $( $(#[$part_field_attr:meta])* $part_field:ident : $part_ty:ty ),* $(,)?
        } )?
        $( + { $($extra:ident : $value:expr),* $(,)? } )?
    ) => {
        $(#[$attr])*
        #[derive(async_graphql::InputObject)]
        pub struct $name {
            $( $(#[$field_attr])* pub $field: $ty, )*
            $($( $(#[$part_field_attr])* pub $part_field: $part_ty, )*)?
        }

        impl crate::api::mirror::ToService for $name {
            type Service = $($service)::+;
            fn to_service(self, at: &str) -> crate::error::AppResult<Self::Service> {
                use crate::api::mirror::{field_path, ToService};
                Ok($($service)::+ {
                    $( $field: ToService::to_service(
                        self.$field,
                        &field_path(at, stringify!($field)),
                    )?, )*
                    $( $part: $part_type {
                        $( $part_field: ToService::to_service(
                            self.$part_field,
                            &field_path(at, stringify!($part_field)),
                        )?, )*
                    }, )?
                    $( $($extra: $value,)* )?
                })
            }
        }
    };
}

/// A service value as the GraphQL output that mirrors it.
pub trait FromService {
    type Service;
    fn from_service(value: Self::Service) -> Self;
}

impl<T: FromService> FromService for Vec<T> {
    type Service = Vec<T::Service>;
    fn from_service(values: Self::Service) -> Self {
        values.into_iter().map(T::from_service).collect()
    }
}

impl<T: FromService> FromService for Option<T> {
    type Service = Option<T::Service>;
    fn from_service(value: Self::Service) -> Self {
        value.map(T::from_service)
    }
}

/// Output values that are shown as they are, or converted with `From`; a
/// module adds its own the same way: `shown!(ChangeKind => diff::ChangeKind)`.
macro_rules! shown {
    ($($api:ty => $service:ty),* $(,)?) => {
        $(
            impl crate::api::mirror::FromService for $api {
                type Service = $service;
                fn from_service(value: $service) -> Self {
                    value.into()
                }
            }
        )*
    };
}

shown!(
    String => String,
    bool => bool,
    i32 => i32,
    enums::Language => entity::enums::Language,
);

/// Declares a GraphQL object that mirrors a service value field by field,
/// and its [`FromService`] and `From` conversions: the output side of
/// `mirror_input!`, written the same way.
macro_rules! mirror_output {
    (
        $(#[$attr:meta])*
        pub struct $name:ident <= $($service:ident)::+ {
            $( $(#[$field_attr:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(async_graphql::SimpleObject)]
        pub struct $name {
            $( $(#[$field_attr])* pub $field: $ty, )*
        }

        impl crate::api::mirror::FromService for $name {
            type Service = $($service)::+;
            fn from_service(value: Self::Service) -> Self {
                $name {
                    $( $field: crate::api::mirror::FromService::from_service(value.$field), )*
                }
            }
        }

        impl From<$($service)::+> for $name {
            fn from(value: $($service)::+) -> Self {
                crate::api::mirror::FromService::from_service(value)
            }
        }
    };
}
