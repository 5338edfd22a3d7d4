//! Credits: bylines (`■ 本报记者 胡静漪`), photo credits (`本报记者 X 摄`) and the
//! byline inside a dateline lead (`本报讯(记者 沈晔 通讯员 余静婷)`).
//!
//! A credit is a run of space-separated tokens, each a role marker, a name, or a
//! marker glued to a name (`记者周楷华`). Anything else in the run means the text is
//! not a credit, which keeps `记者发现,…` out of the bylines.

use crate::normalize::is_han;
use crate::record::Byline;
use crate::rules::layout::{LayoutRules, Role};

/// Adds `name` to the list once.
fn push_unique(list: &mut Vec<String>, name: &str) {
    if !list.iter().any(|n| n == name) {
        list.push(name.to_owned());
    }
}

/// Adds a name under each of its roles.
pub(crate) fn add_name(byline: &mut Byline, name: &str, roles: &[Role]) {
    for role in roles {
        let list = match role {
            Role::Reporter => &mut byline.reporters,
            Role::Correspondent => &mut byline.correspondents,
            Role::Photographer => &mut byline.photographers,
            Role::Alliance => &mut byline.alliance,
        };
        push_unique(list, name);
    }
}

/// Merges `other` into `byline`, keeping order and dropping repeats.
pub(crate) fn merge(byline: &mut Byline, other: &Byline) {
    for n in &other.reporters {
        push_unique(&mut byline.reporters, n);
    }
    for n in &other.correspondents {
        push_unique(&mut byline.correspondents, n);
    }
    for n in &other.photographers {
        push_unique(&mut byline.photographers, n);
    }
    for n in &other.alliance {
        push_unique(&mut byline.alliance, n);
    }
}

/// Every name in a byline, in role order.
pub(crate) fn names(byline: &Byline) -> impl Iterator<Item = &String> {
    byline
        .reporters
        .iter()
        .chain(&byline.correspondents)
        .chain(&byline.photographers)
        .chain(&byline.alliance)
}

fn is_name_char(c: char) -> bool {
    c == '·' || is_han(c)
}

/// The marker a token starts with, longest first.
fn marker_prefix<'r>(rules: &'r LayoutRules, token: &str) -> Option<(&'r [Role], usize)> {
    let first = token.chars().next()?;
    if !rules.marker_first.contains(&first) {
        return None;
    }
    rules
        .markers
        .iter()
        .find(|m| token.starts_with(m.text.as_str()))
        .map(|m| (m.roles.as_slice(), m.text.len()))
}

/// Whether `token` can be a name (also with a partner's place in front when
/// `alliance`).
fn valid_name(rules: &LayoutRules, token: &str, alliance: bool) -> bool {
    let n = token.chars().count();
    // Transliterated names (`买买提·艾力`) and a partner's place make names longer.
    let max = if alliance || token.contains('·') {
        rules.max_name_chars + 6
    } else {
        rules.max_name_chars
    };
    n >= 1
        && n <= max
        && token.chars().all(is_name_char)
        && !token.starts_with('·')
        && !rules.not_names.iter().any(|w| w == token)
}

/// A name glued to its marker (`记者周楷华`) must start with a surname, so that
/// `记者了解到` is not read as a credit.
fn glued_name(rules: &LayoutRules, name: &str, alliance: bool) -> bool {
    valid_name(rules, name, alliance)
        && (alliance || name.chars().next().is_some_and(|c| rules.surnames.contains(&c)))
}

/// Cuts a partner's place off the name: `云和王凤凤` → `王凤凤`.
fn strip_place<'t>(rules: &LayoutRules, token: &'t str) -> &'t str {
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    let n = chars.len();
    if n <= 3 {
        return token;
    }
    let surname_at = |k: usize| chars.get(n - k).is_some_and(|(_, c)| rules.surnames.contains(c));
    let order: [usize; 2] = if n == 4 { [2, 3] } else { [3, 2] };
    for k in order {
        if surname_at(k) {
            return &token[chars[n - k].0..];
        }
    }
    &token[chars[n - 3].0..]
}

/// Whether a token can belong to a credit run (marker, name or marker+name).
pub(crate) fn credit_token(rules: &LayoutRules, token: &str) -> bool {
    if let Some((roles, len)) = marker_prefix(rules, token) {
        let rest = &token[len..];
        rest.is_empty() || glued_name(rules, rest, roles.contains(&Role::Alliance))
    } else {
        valid_name(rules, token, false)
    }
}

/// Parses a credit run into a byline; every name also gets `extra` roles (photographer
/// for `… 摄`). `None` when a token is neither a marker nor a name, or no name is found.
pub(crate) fn parse_credit(rules: &LayoutRules, text: &str, extra: &[Role]) -> Option<Byline> {
    let mut byline = Byline::default();
    let mut roles: &[Role] = &[];
    let mut found = false;
    let mut saw_marker = false;
    // Single characters in a row are one name set with spaces (`王 芳`).
    let mut pending = String::new();
    let mut pending_roles: &[Role] = &[];
    let flush = |pending: &mut String, roles: &[Role], byline: &mut Byline, found: &mut bool| {
        if !pending.is_empty() {
            add_name(byline, pending, roles);
            add_name(byline, pending, extra);
            *found = true;
            pending.clear();
        }
    };
    let tokens: Vec<&str> = text.split(' ').filter(|t| !t.is_empty()).collect();
    for (k, &token) in tokens.iter().enumerate() {
        let (name, alliance) = match marker_prefix(rules, token) {
            Some((r, len)) => {
                flush(&mut pending, pending_roles, &mut byline, &mut found);
                roles = r;
                saw_marker = true;
                (&token[len..], r.contains(&Role::Alliance))
            }
            None => (token, roles.contains(&Role::Alliance)),
        };
        if name.is_empty() {
            continue;
        }
        let glued = name.len() != token.len();
        // `共享联盟·拱墅 徐岚`: the glued part is the partner's place when a name follows.
        let name_follows = tokens
            .get(k + 1)
            .is_some_and(|t| marker_prefix(rules, t).is_none());
        if glued && alliance && name_follows && name.chars().count() <= 3 {
            continue;
        }
        if !valid_name(rules, name, alliance) || (glued && !glued_name(rules, name, alliance)) {
            return None;
        }
        if name.chars().count() < rules.min_name_chars {
            if pending.is_empty() {
                pending_roles = roles;
            }
            pending.push_str(name);
            if pending.chars().count() > rules.max_name_chars {
                return None;
            }
            continue;
        }
        flush(&mut pending, pending_roles, &mut byline, &mut found);
        let name = if alliance { strip_place(rules, name) } else { name };
        add_name(&mut byline, name, roles);
        add_name(&mut byline, name, extra);
        found = true;
    }
    flush(&mut pending, pending_roles, &mut byline, &mut found);
    if pending_roles.is_empty() && !saw_marker && extra.is_empty() {
        return None;
    }
    found.then_some(byline)
}

/// A byline line: optional bullet, then a credit run that starts with a marker.
pub(crate) fn parse_byline_line(rules: &LayoutRules, line: &str) -> Option<Byline> {
    let body = line.trim_start_matches(|c: char| rules.bullets.contains(&c) || c == ' ');
    // `(本报记者 王芳)` at the end of an article.
    let body = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(inner) => inner.trim(),
        None => body,
    };
    marker_prefix(rules, body)?;
    if body.chars().count() > rules.max_headline_chars {
        return None;
    }
    parse_credit(rules, body, &[])
}

/// A photo credit at the end of a line: the caption before it (if any) and the
/// byline. `常栋利用…手术。 本报记者 周楷华 李文瑶 摄` → (caption, byline).
pub(crate) fn parse_credit_line(rules: &LayoutRules, line: &str) -> Option<(Option<String>, Byline)> {
    let trimmed = line.trim_end();
    let (inner, wrapped) = match trimmed.strip_suffix(')') {
        Some(s) => (s.trim_end(), true),
        None => (trimmed, false),
    };
    let suffix = rules
        .credit_suffixes
        .iter()
        .find(|s| inner.ends_with(s.as_str()))?;
    let head = &inner[..inner.len() - suffix.len()];
    let spaced = head.ends_with(' ');
    let head = head.trim_end();
    // Walk the tokens back from the end while they can be part of a credit.
    let mut start = head.len();
    let mut has_marker = false;
    let mut tokens = 0;
    let mut rest = head;
    loop {
        let (before, token) = match rest.rfind(' ') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => ("", rest),
        };
        if token.is_empty() {
            break;
        }
        let token_start = before.len() + usize::from(!before.is_empty());
        if credit_token(rules, token) {
            has_marker |= marker_prefix(rules, token).is_some();
            start = token_start;
            tokens += 1;
        } else {
            // Caption glued to the marker: `手术。本报记者`.
            let cut = token
                .char_indices()
                .filter(|(_, c)| "。!?;(”)".contains(*c))
                .map(|(i, c)| i + c.len_utf8())
                .next_back();
            if let Some(cut) = cut {
                let tail = &token[cut..];
                if !tail.is_empty() && marker_prefix(rules, tail).is_some() && credit_token(rules, tail) {
                    has_marker = true;
                    start = token_start + cut;
                    tokens += 1;
                }
            }
            break;
        }
        if before.is_empty() {
            break;
        }
        rest = before;
    }
    if tokens == 0 || !(spaced || has_marker) {
        return None;
    }
    let credit = &head[start..];
    let byline = parse_credit(rules, credit.trim_start_matches('('), &[Role::Photographer])?;
    let mut caption = head[..start].trim_end();
    if wrapped {
        caption = caption.strip_suffix('(').unwrap_or(caption).trim_end();
    }
    let caption = caption.trim_start_matches(|c: char| rules.bullets.contains(&c) || c == ' ');
    Some(((!caption.is_empty()).then(|| caption.to_owned()), byline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleDir;

    fn rules() -> LayoutRules {
        let mut e = Vec::new();
        LayoutRules::load(&RuleDir::Bundled, &mut e).unwrap()
    }

    fn v(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn byline_line_with_bullet() {
        let b = parse_byline_line(&rules(), "■ 本报记者 胡静漪").unwrap();
        assert_eq!(b.reporters, v(&["胡静漪"]));
        assert!(b.photographers.is_empty());
    }

    #[test]
    fn transliterated_name() {
        let b = parse_byline_line(&rules(), "■ 本报记者 买买提·艾力").unwrap();
        assert_eq!(b.reporters, v(&["买买提·艾力"]));
    }

    #[test]
    fn byline_in_parentheses() {
        let b = parse_byline_line(&rules(), "(本报记者 王芳 通讯员 李明)").unwrap();
        assert_eq!(b.reporters, v(&["王芳"]));
        assert_eq!(b.correspondents, v(&["李明"]));
    }

    #[test]
    fn sentence_starting_with_marker_is_not_a_byline() {
        assert!(parse_byline_line(&rules(), "记者发现,外贸增长的动力正在加速变化").is_none());
        assert!(parse_byline_line(&rules(), "记者了解到").is_none());
    }

    #[test]
    fn glued_markers_and_alliance() {
        let r = rules();
        let b = parse_credit(&r, "记者周楷华 李文瑶 通讯员龚洁节", &[]).unwrap();
        assert_eq!(b.reporters, v(&["周楷华", "李文瑶"]));
        assert_eq!(b.correspondents, v(&["龚洁节"]));
        let b = parse_credit(&r, "记者 郭敏 共享联盟·云和王凤凤 通讯员 胡兴宝", &[]).unwrap();
        assert_eq!(b.reporters, v(&["郭敏"]));
        assert_eq!(b.alliance, v(&["王凤凤"]));
        assert_eq!(b.correspondents, v(&["胡兴宝"]));
    }

    #[test]
    fn spaced_two_character_name() {
        let b = parse_credit(&rules(), "本报记者 王 芳 通讯员 李四", &[]).unwrap();
        assert_eq!(b.reporters, v(&["王芳"]));
        assert_eq!(b.correspondents, v(&["李四"]));
    }

    #[test]
    fn credit_line_with_caption() {
        let r = rules();
        let (cap, b) = parse_credit_line(
            &r,
            "常栋利用心脏手术机器人为患者进行导管消融手术。 本报记者 周楷华 李文瑶 摄",
        )
        .unwrap();
        assert_eq!(
            cap.as_deref(),
            Some("常栋利用心脏手术机器人为患者进行导管消融手术。")
        );
        assert_eq!(b.reporters, v(&["周楷华", "李文瑶"]));
        assert_eq!(b.photographers, v(&["周楷华", "李文瑶"]));
        let (cap, b) = parse_credit_line(&r, "本报记者 金思成 通讯员 时宽兵 张晨晨 摄").unwrap();
        assert_eq!(cap, None);
        assert_eq!(b.correspondents, v(&["时宽兵", "张晨晨"]));
        assert_eq!(b.photographers, v(&["金思成", "时宽兵", "张晨晨"]));
        let (_, b) = parse_credit_line(&r, "通讯员 里尔 摄").unwrap();
        assert_eq!(b.correspondents, v(&["里尔"]));
        assert_eq!(b.photographers, v(&["里尔"]));
        let (cap, b) = parse_credit_line(&r, "游客在雪中赏梅。(本报记者 张三 摄)").unwrap();
        assert_eq!(cap.as_deref(), Some("游客在雪中赏梅。"));
        assert_eq!(b.photographers, v(&["张三"]));
        let (cap, _) = parse_credit_line(&r, "游客赏梅。本报记者 张三 摄").unwrap();
        assert_eq!(cap.as_deref(), Some("游客赏梅。"));
    }

    #[test]
    fn words_ending_in_she_are_not_credits() {
        let r = rules();
        assert!(parse_credit_line(&r, "他正在拍摄").is_none());
        assert!(parse_credit_line(&r, "这部纪录片于去年在杭州拍摄").is_none());
        assert!(parse_credit_line(&r, "摄").is_none());
    }
}
