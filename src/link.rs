//! Stage 6: tie figures to what they measure (subject, indicator, period, change).

use crate::extract::Context;
use crate::record::{Fact, Figure, Place};
use crate::rules::link::LinkRules;

/// Builds the facts of one article from its figures and places.
pub fn link(_rules: &LinkRules, _ctx: &Context<'_>, _figures: &[Figure], _places: &[Place]) -> Vec<Fact> {
    Vec::new()
}
