//! Currencies, units and counters, scale words and qualifier words (`rules/figures.toml`).

use super::{RuleDir, RuleError, read_or_record};

/// Compiled figures rules.
#[derive(Debug, Clone, Default)]
pub struct FigureRules {
    /// The raw table, until the compiled form lands.
    pub raw: toml::Table,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<super::examples::RuleExample>,
}

impl FigureRules {
    /// Loads and compiles `figures.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<FigureRules> {
        let file = read_or_record(dir, "figures.toml", errors)?;
        let raw = file.parse_toml::<toml::Table>(errors)?;
        Some(FigureRules {
            raw,
            examples: Vec::new(),
        })
    }
}
