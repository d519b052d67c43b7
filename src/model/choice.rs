//! Fields that take one of a few words (`layout: poster`).

/// Implements [`Decode`](crate::model::decode::Decode) for a unit enum from the words that name
/// its variants; any other word is reported with the allowed ones and a suggestion.
macro_rules! decode_choice {
    ($ty:ident, $what:literal { $($word:literal => $variant:ident),* $(,)? }) => {
        impl $crate::model::decode::Decode for $ty {
            fn expected() -> &'static str {
                $what
            }

            fn decode(node: &$crate::yaml::Node, cx: &mut $crate::model::decode::Cx) -> Option<Self> {
                const WORDS: &[&str] = &[$($word),*];
                let text = String::decode(node, cx)?;
                match text.trim().to_lowercase().as_str() {
                    $($word => Some($ty::$variant),)*
                    other => {
                        let allowed = WORDS.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
                        let label = match $crate::suggest::did_you_mean(other, WORDS.iter().copied()) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!("expected one of {allowed}"),
                        };
                        cx.report(
                            $crate::diagnostic::Diagnostic::error(
                                $crate::diagnostic::Code::BadChoice,
                                format!("`{}` is not {}", text.trim(), $what),
                            )
                            .at(node.span, label)
                            .with_hint(format!("write one of {allowed}")),
                        );
                        None
                    }
                }
            }
        }
    };
}
pub(crate) use decode_choice;
