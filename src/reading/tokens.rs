//! The words, numbers and marks of a value, with where each is in the text.

/// One piece of a value.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    /// Lower-cased, for matching.
    pub lower: String,
    /// Byte range in the text it came from.
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, with hyphens and apostrophes between letters: `twenty-one`, `same-day`.
    Word,
    /// Digits, with `,` or `.` between digits: `7`, `1,280,000`, `0.80`.
    Number,
    /// A line break: cases are often written one a line.
    Break,
    /// Any other character: `(`, `/`, `;`, `-`, `₱`.
    Mark,
}

/// Splits `text` into tokens. A figure glued to a word is two tokens (`48hrs`, `1Day`,
/// `20days`); any white space but a line break separates tokens and is dropped.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |(i, _)| *i);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let kind;
        let mut j = k + 1;
        if c.is_alphabetic() {
            kind = TokenKind::Word;
            while j < chars.len() {
                let d = chars[j].1;
                // `twenty-one`, `walk-in`; not `documents-P60`, where a fee follows.
                let joins = matches!(d, '-' | '\'' | '’')
                    && chars.get(j + 1).is_some_and(|(_, e)| e.is_alphabetic())
                    && !chars[j + 1..]
                        .iter()
                        .find(|(_, e)| !e.is_alphabetic())
                        .is_some_and(|(_, e)| e.is_ascii_digit());
                if d.is_alphabetic() || (joins && chars[j - 1].1.is_alphabetic()) {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c.is_ascii_digit() {
            kind = TokenKind::Number;
            while j < chars.len() {
                let d = chars[j].1;
                let inner = matches!(d, ',' | '.')
                    && chars.get(j + 1).is_some_and(|(_, e)| e.is_ascii_digit());
                if d.is_ascii_digit() || inner {
                    j += 1;
                } else {
                    break;
                }
            }
        } else if c == '\n' || c == '\u{2028}' || c == '\u{85}' {
            kind = TokenKind::Break;
        } else if c.is_whitespace() {
            k += 1;
            continue;
        } else {
            kind = TokenKind::Mark;
        }
        let end = end_of(j);
        out.push(Token {
            kind,
            lower: text[start..end].to_lowercase(),
            start,
            end,
        });
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, String)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, t.lower))
            .collect()
    }

    #[test]
    fn words_numbers_and_marks() {
        use TokenKind::*;
        assert_eq!(
            kinds("Within 48hrs (twenty-one), KSh 1,280,000/="),
            vec![
                (Word, "within".into()),
                (Number, "48".into()),
                (Word, "hrs".into()),
                (Mark, "(".into()),
                (Word, "twenty-one".into()),
                (Mark, ")".into()),
                (Mark, ",".into()),
                (Word, "ksh".into()),
                (Number, "1,280,000".into()),
                (Mark, "/".into()),
                (Mark, "=".into()),
            ]
        );
        assert_eq!(
            kinds("(1 Month)-Instant\nP0.80/KL"),
            vec![
                (Mark, "(".into()),
                (Number, "1".into()),
                (Word, "month".into()),
                (Mark, ")".into()),
                (Mark, "-".into()),
                (Word, "instant".into()),
                (Break, "\n".into()),
                (Word, "p".into()),
                (Number, "0.80".into()),
                (Mark, "/".into()),
                (Word, "kl".into()),
            ]
        );
    }

    #[test]
    fn every_byte_range_is_on_char_boundaries() {
        let text = "siku\u{a0}7 — ₱ 60.00\u{2028}x";
        for t in tokens(text) {
            assert_eq!(&text[t.start..t.end].to_lowercase(), &t.lower);
        }
    }
}
