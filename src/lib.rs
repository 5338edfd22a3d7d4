//! baokan (报刊): Chinese newspaper text in, structured records out.
//!
//! A run moves each document one way through the stages, one module each:
//!
//! 1. [`read`]: find files, decode them, cut JSONL into documents;
//! 2. [`normalize`]: fold widths, spaces and punctuation variants;
//! 3. [`layout`]: split a page into articles, find headlines, bylines, datelines;
//! 4. [`segment`]: jieba tokens and tags, once per article;
//! 5. [`extract`]: figures and places;
//! 6. [`link`]: figures tied into facts;
//! 7. [`emit`]: JSON Lines or database rows.
//!
//! [`rules`] loads the user's rule files once; [`pipeline`] runs the stages over many
//! documents in parallel with output in input order; [`record`] is the output contract.

pub mod emit;
pub mod extract;
pub mod layout;
pub mod link;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod rules;
pub mod segment;
pub mod tooling;
