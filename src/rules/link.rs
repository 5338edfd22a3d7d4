//! Indicator words, change verbs and basis words for facts (`rules/link.toml`).

use super::{RuleDir, RuleError, read_or_record};

/// Compiled link rules.
#[derive(Debug, Clone, Default)]
pub struct LinkRules {
    /// The raw table, until the compiled form lands.
    pub raw: toml::Table,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<super::examples::RuleExample>,
}

impl LinkRules {
    /// Loads and compiles `link.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<LinkRules> {
        let file = read_or_record(dir, "link.toml", errors)?;
        let raw = file.parse_toml::<toml::Table>(errors)?;
        Some(LinkRules {
            raw,
            examples: Vec::new(),
        })
    }
}
