//! Typed JSON values stored inside register rows.

use std::collections::BTreeMap;
use std::ops::Deref;

use sea_orm::FromJsonQueryResult;

use crate::enums::{
    Art28Clause, DataSourceKind, DataSubjectRight, Language, SpecialCategoryCondition,
    TransferSafeguard,
};
use serde::{Deserialize, Serialize};

/// Declares a list stored as one JSON column. It reads as a slice
/// (`list.iter()`, `list.len()`), so readers need not reach into the wrapper.
macro_rules! json_list {
    ($(#[$doc:meta])* $name:ident($item:ty)) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
        #[serde(transparent)]
        pub struct $name(pub Vec<$item>);

        impl Deref for $name {
            type Target = [$item];

            fn deref(&self) -> &[$item] {
                &self.0
            }
        }
    };
}

/// One text in several languages, keyed by lowercase language code (`nl`, `en`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    pub fn get(&self, language: &str) -> Option<&str> {
        self.0.get(language).map(String::as_str)
    }

    /// The text in `language`, else in `fallback`, else in any language;
    /// blank texts count as absent.
    pub fn pick(&self, language: Language, fallback: Language) -> Option<&str> {
        fn usable(text: &str) -> Option<&str> {
            Some(text.trim()).filter(|t| !t.is_empty())
        }
        [language, fallback]
            .into_iter()
            .find_map(|l| self.get(l.code()).and_then(usable))
            .or_else(|| self.0.values().map(String::as_str).find_map(usable))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

json_list! {
    LocalizedList(Localized)
}

json_list! {
    StringList(String)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct SupervisoryAuthority {
    pub name: String,
    pub url: Option<String>,
}

/// How long the data of an activity is kept: a period counted from an event,
/// or only an event ("until consent is withdrawn"), plus a human sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// ISO 8601 duration, e.g. `P2Y`.
    pub period: Option<String>,
    /// The event the period counts from or the keeping ends with.
    pub trigger: Option<String>,
    pub description: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    pub country: String,
    pub recipient_id: Option<uuid::Uuid>,
    pub safeguard: TransferSafeguard,
    pub description: Localized,
}

json_list! {
    TransferList(Transfer)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSource {
    pub kind: DataSourceKind,
    pub description: Localized,
}

json_list! {
    DataSourceList(DataSource)
}

/// A data subject right the organization offers, with an optional note on
/// how it applies (e.g. which data is kept after an erasure request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferedRight {
    pub right: DataSubjectRight,
    pub note: Localized,
}

json_list! {
    OfferedRightList(OfferedRight)
}

json_list! {
    ClauseList(Art28Clause)
}

json_list! {
    ConditionList(SpecialCategoryCondition)
}

json_list! {
    /// The ids of other register entries a row refers to, in their order.
    IdList(uuid::Uuid)
}

/// A large JSON text stored compressed with zstd: a published version's
/// document, register and diff, megabytes each for a large register, take a
/// twentieth of that or less in the row, to write, read and hold. Rows written before
/// hold plain UTF-8 (zstd's magic number never starts JSON) and read as
/// they are.
#[derive(Clone, Debug, PartialEq, Eq, sea_orm::DeriveValueType)]
#[sea_orm(column_type = "Blob")]
pub struct Packed(Vec<u8>);

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    written: usize,
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.written += written;
        Ok(written)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The first bytes of a zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// zstd's fastest level compresses a statement's JSON twentyfold or more,
/// at hundreds of MB/s.
const ZSTD_LEVEL: i32 = 1;

impl Packed {
    pub fn pack(text: &str) -> std::io::Result<Packed> {
        zstd::bulk::compress(text.as_bytes(), ZSTD_LEVEL).map(Packed)
    }

    /// `value` as JSON, packed as it is written: the JSON text of a large
    /// statement or register is never held whole.
    pub fn pack_json<T: serde::Serialize + ?Sized>(value: &T) -> std::io::Result<Packed> {
        Self::pack_json_counted(value).map(|(packed, _)| packed)
    }

    /// [`pack_json`](Self::pack_json), and the length of the JSON text.
    pub fn pack_json_counted<T: serde::Serialize + ?Sized>(
        value: &T,
    ) -> std::io::Result<(Packed, usize)> {
        let encoder = zstd::stream::Encoder::new(Vec::new(), ZSTD_LEVEL)?;
        // serde_json writes a token at a time; zstd wants blocks.
        let mut writer = Counted {
            inner: std::io::BufWriter::with_capacity(1 << 16, encoder),
            written: 0,
        };
        serde_json::to_writer(&mut writer, value)?;
        let encoder = writer.inner.into_inner().map_err(|e| e.into_error())?;
        Ok((encoder.finish().map(Packed)?, writer.written))
    }

    pub fn unpack(&self) -> std::io::Result<String> {
        let bytes = if self.0.starts_with(&ZSTD_MAGIC) {
            zstd::stream::decode_all(self.0.as_slice())?
        } else {
            self.0.clone()
        };
        String::from_utf8(bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// The bytes as stored.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::Packed;

    #[test]
    fn packed_text_unpacks_as_it_was() {
        let text = r#"{"sections":["één","two"]}"#.repeat(100);
        let packed = Packed::pack(&text).unwrap();
        assert!(packed.len() < text.len() / 10);
        assert_eq!(packed.unpack().unwrap(), text);
    }

    #[test]
    fn json_packed_as_written_unpacks_as_its_text() {
        let value = serde_json::json!({"sections": ["één", "two"], "n": [1, 2, 3]});
        let (packed, length) = Packed::pack_json_counted(&value).unwrap();
        assert_eq!(packed.unpack().unwrap(), value.to_string());
        assert_eq!(length, value.to_string().len());
    }

    #[test]
    fn text_stored_before_packing_reads_as_it_is() {
        let plain = Packed(br#"{"a":1}"#.to_vec());
        assert_eq!(plain.unpack().unwrap(), r#"{"a":1}"#);
        assert!(Packed(vec![0xff, 0xfe]).unpack().is_err());
    }
}
