//! The European Economic Area. Personal data moves freely among its
//! countries; sending it to any other country is a third-country transfer,
//! which needs a safeguard (GDPR Chapter V, Art. 44-49).

/// The EU member states, Iceland, Liechtenstein and Norway (ISO 3166-1
/// alpha-2; Greece is `GR`, not the EU's `EL`).
pub const EEA_COUNTRIES: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS",
    "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// The country of a recipient whose location the register does not know:
/// `ZZ`, the ISO 3166-1 user-assigned code CLDR uses for "unknown region".
/// Such a recipient is neither inside nor known to be outside the EEA.
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// Whether `country` is [`UNKNOWN_COUNTRY`].
pub fn is_unknown(country: &str) -> bool {
    country.trim().eq_ignore_ascii_case(UNKNOWN_COUNTRY)
}

/// Whether `country` is known to lie outside the EEA.
pub fn outside_eea(country: &str) -> bool {
    !is_unknown(country) && !in_eea(country)
}

/// Whether `country` (ISO 3166-1 alpha-2, any case) is in the EEA.
pub fn in_eea(country: &str) -> bool {
    EEA_COUNTRIES.contains(&country.trim().to_ascii_uppercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eea_is_the_eu_and_three_more() {
        for country in ["NL", "be", "GR", "IS", "LI", "NO"] {
            assert!(in_eea(country), "{country}");
        }
        for country in ["US", "GB", "CH", "EL", "JP", ""] {
            assert!(!in_eea(country), "{country}");
            assert!(outside_eea(country), "{country}");
        }
        assert!(!in_eea("zz") && !outside_eea("zz") && is_unknown(" zz"));
        let mut sorted = EEA_COUNTRIES;
        sorted.sort_unstable();
        assert_eq!(sorted, EEA_COUNTRIES, "kept sorted, so a double shows");
        assert!(sorted.windows(2).all(|pair| pair[0] != pair[1]));
    }
}
