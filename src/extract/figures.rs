//! Figures: money, percentages, quantities, multiples, dates, ordinals, numbers.

use super::Context;
use crate::record::Figure;
use crate::rules::figures::FigureRules;

/// Finds every figure in `ctx.text`, in text order; problems go to `warnings`.
pub fn extract(_rules: &FigureRules, _ctx: &Context<'_>, _warnings: &mut Vec<String>) -> Vec<Figure> {
    Vec::new()
}
