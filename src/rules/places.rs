//! Gazetteer, aliases, nicknames, regions and stop lists (`rules/places.toml`, `rules/places/`).

use super::{RuleDir, RuleError, read_or_record};

/// Compiled places rules.
#[derive(Debug, Clone, Default)]
pub struct PlaceRules {
    /// The raw table, until the compiled form lands.
    pub raw: toml::Table,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<super::examples::RuleExample>,
}

impl PlaceRules {
    /// Loads and compiles `places.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<PlaceRules> {
        let file = read_or_record(dir, "places.toml", errors)?;
        let raw = file.parse_toml::<toml::Table>(errors)?;
        Some(PlaceRules {
            raw,
            examples: Vec::new(),
        })
    }
}
