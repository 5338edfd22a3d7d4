//! Stage 2: fold character variants so that later stages match one form.
//!
//! What is folded, exactly:
//! - full-width ASCII `U+FF01..=U+FF5E` (`４５．４７％`, `ＶＩＰ`, `，`, `：`, `（`, `）`)
//!   to the ASCII character 0x21..=0x7E with the same shape (`45.47%`, `VIP`, `,`);
//! - the ideographic space `U+3000`, no-break and other typographic spaces
//!   (`U+00A0`, `U+2000..=U+200A`, `U+202F`, `U+205F`) and tabs to a plain space;
//! - zero-width characters and stray byte-order marks (`U+200B..=U+200D`, `U+2060`,
//!   `U+FEFF`) are removed;
//! - CRLF and lone CR become LF; `U+2028`/`U+2029` become LF;
//! - runs of spaces collapse to one; lines lose leading and trailing spaces.
//!
//! What is kept: Chinese punctuation with no ASCII twin of the same use (`。`, `、`,
//! `“”`, `《》`, `——`, `…`), Chinese numerals (the extractors read them), and other
//! control characters are dropped except LF.

/// Folds one character, or drops it (`None`).
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        '\u{2028}' | '\u{2029}' => Some('\n'),
        '\n' => Some('\n'),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Whether `c` passes through unchanged and is not a space or a line end: most chars
/// of a document, which are then copied a run at a time rather than one by one.
fn is_plain(c: char) -> bool {
    match c {
        ' ' | '\t' | '\n' | '\r' => false,
        c if c.is_ascii() => !c.is_ascii_control(),
        '\u{3000}'
        | '\u{00A0}'
        | '\u{2000}'..='\u{200D}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{2060}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{FEFF}'
        | '\u{FF01}'..='\u{FF5E}' => false,
        c => !c.is_control(),
    }
}

/// CJK unified ideographs (main block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Normalizes a whole document (see the module docs for what is folded).
pub fn normalize(text: &str) -> String {
    // One pass: `spacing` drops leading and trailing spaces and collapses runs of them;
    // `run` is the start of a stretch of plain chars not yet copied.
    let mut out = String::with_capacity(text.len());
    let mut spacing = Spacing::default();
    let mut after_cr = false;
    let mut run: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at = i;
        // The char at `at` when it is not plain. Printable ASCII but space and the
        // 3-byte chars U+4000..U+9FFF (lead bytes E4..E9: the CJK ideographs that make
        // up most of a page) are plain, and are passed over without decoding.
        let special = match bytes[at] {
            0x21..=0x7E => {
                i += 1;
                None
            }
            0xE4..=0xE9 => {
                i += 3;
                None
            }
            _ => {
                let Some(c) = text[at..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                Some(c).filter(|&c| !is_plain(c))
            }
        };
        let Some(c) = special else {
            after_cr = false;
            if run.is_none() {
                spacing.before_text(&mut out);
                run = Some(at);
            }
            continue;
        };
        if let Some(start) = run.take() {
            out.push_str(&text[start..at]);
        }
        let folded = match c {
            '\r' => Some('\n'),
            // The LF of a CRLF: the CR already ended the line.
            '\n' if after_cr => None,
            c => fold_char(c),
        };
        after_cr = c == '\r';
        spacing.push(&mut out, folded);
    }
    if let Some(start) = run {
        out.push_str(&text[start..]);
    }
    out
}

/// Where the current output line began and whether a space waits for a non-space:
/// what drops leading and trailing spaces and collapses runs of them.
#[derive(Default)]
struct Spacing {
    line_start: usize,
    pending_space: bool,
}

impl Spacing {
    /// Appends one folded char, or nothing for `None`.
    fn push(&mut self, out: &mut String, folded: Option<char>) {
        match folded {
            None => {}
            Some('\n') => {
                out.push('\n');
                self.line_start = out.len();
                self.pending_space = false;
            }
            Some(' ') => self.pending_space = out.len() > self.line_start,
            Some(c) => {
                self.before_text(out);
                out.push(c);
            }
        }
    }

    /// Writes the space that was waiting, now that a non-space follows.
    fn before_text(&mut self, out: &mut String) {
        if self.pending_space {
            out.push(' ');
            self.pending_space = false;
        }
    }
}

/// Normalizes a short piece of text (a title, a field) onto one line.
pub fn normalize_inline(text: &str) -> String {
    let text = normalize(text);
    if !text.contains('\n') {
        // Already one line, and normalize trims lines.
        return text;
    }
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_digits_and_signs() {
        assert_eq!(normalize("４５．４７％"), "45.47%");
        assert_eq!(normalize("ＶＩＰ头等车厢，２０１２年"), "VIP头等车厢,2012年");
        assert_eq!(normalize("（记者）：好！"), "(记者):好!");
    }

    #[test]
    fn keeps_chinese_punctuation() {
        assert_eq!(
            normalize("“新三样”、光伏。——《报》…"),
            "“新三样”、光伏。——《报》…"
        );
    }

    #[test]
    fn cleans_spaces_and_line_ends() {
        assert_eq!(
            normalize("  要\u{3000}闻  \r\n第二行\u{00A0}\u{00A0}x\r末"),
            "要 闻\n第二行 x\n末"
        );
        assert_eq!(normalize("a\u{200B}b\u{FEFF}"), "ab");
        assert_eq!(normalize("a\n\n\nb"), "a\n\n\nb");
    }

    #[test]
    fn is_idempotent() {
        let once = normalize("　４５％，\r\n  x  y ");
        assert_eq!(normalize(&once), once);
    }

    /// The char-by-char definition `normalize` must agree with.
    fn normalize_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut spacing = Spacing::default();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let folded = if c == '\r' {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                Some('\n')
            } else {
                fold_char(c)
            };
            spacing.push(&mut out, folded);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn runs_and_chars_agree(text in "[ a1,\t\r\n\u{3000}\u{00A0}\u{2000}-\u{2060}\u{FEFF}\u{FF01}-\u{FF5E}\u{0}-\u{1F}\u{7F}-\u{9F}中文。、“”\u{3FF0}-\u{4010}\u{9FF0}-\u{A010}]{0,40}") {
            proptest::prop_assert_eq!(normalize(&text), normalize_by_chars(&text));
        }

        // Any text at all, for the byte-level fast path.
        #[test]
        fn runs_and_chars_agree_on_any_text(text in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(normalize(&text), normalize_by_chars(&text));
        }
    }

    #[test]
    fn inline_joins_lines() {
        assert_eq!(normalize_inline(" 标题\n 第二行 "), "标题 第二行");
        assert_eq!(normalize_inline("\u{3000}标题\u{3000}"), "标题");
        assert_eq!(normalize_inline("\n\n"), "");
    }
}
