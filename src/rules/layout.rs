//! Cues for page layout: section headers, bylines, datelines, credits (`rules/layout.toml`).

use super::{RuleDir, RuleError, read_or_record};

/// Compiled layout rules.
#[derive(Debug, Clone, Default)]
pub struct LayoutRules {
    /// The raw table, until the compiled form lands.
    pub raw: toml::Table,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<super::examples::RuleExample>,
}

impl LayoutRules {
    /// Loads and compiles `layout.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<LayoutRules> {
        let file = read_or_record(dir, "layout.toml", errors)?;
        let raw = file.parse_toml::<toml::Table>(errors)?;
        Some(LayoutRules {
            raw,
            examples: Vec::new(),
        })
    }
}
