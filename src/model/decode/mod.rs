//! The third stage: a YAML [`Document`](crate::yaml::Document) decoded into a
//! [`Charter`](crate::model::Charter), reporting every problem of the file at once.
//!
//! serde's derived deserialisers stop at the first error. Our users fix a charter in one
//! pass, so decoding walks the node tree by hand: each field is decoded on its own, a bad
//! field is reported and skipped, and the walk goes on. The model's types still derive
//! `JsonSchema` (and `Serialize`), and the [`decode_struct!`] macro builds each struct from
//! the same field list, so the schema, the decoder and the types cannot drift apart.

mod primitives;

use crate::suggest::did_you_mean;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, clip};
use crate::model::Lang;
use crate::span::Span;
use crate::yaml::{Key, Node, NodeKind};

/// A value that can be decoded from a YAML node.
pub trait Decode: Sized {
    /// What the author should have written, in words: "text", "a list", "a date".
    fn expected() -> &'static str;

    /// Decodes the node, or reports why not and returns `None`.
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self>;

    /// The value of a field that was left out; `None` makes the field required.
    fn absent() -> Option<Self> {
        None
    }
}

/// What the decoder carries while it walks: the diagnostics so far, and the facts of the
/// charter that later fields depend on (its languages and default currency).
#[derive(Default)]
pub struct Cx {
    pub diagnostics: Diagnostics,
    /// The languages the charter declares; text in any other language is reported.
    pub languages: Vec<Lang>,
    /// The charter's currency, for amounts written without one.
    pub currency: Option<String>,
    /// The columns the charter declares, for reading each service's and step's values.
    pub columns: crate::model::Columns,
    /// The columns whose declaration has a problem (already reported).
    pub columns_failed: std::collections::HashSet<String>,
    /// The key (or list item) whose value is being decoded: missing fields point here.
    anchor: Vec<Span>,
    /// Unknown keys that were given a "did you mean" (the key's place, the field it
    /// suggests, the report's index), so that a misspelt required field is one problem
    /// (`nme:`, did you mean `name`?) rather than that and "no `name`" as well.
    suggested: Vec<(Span, String, usize)>,
}

impl Cx {
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports that `node` is not the shape `T` needs.
    pub fn wrong_type<T: Decode>(&mut self, node: &Node) {
        self.wrong_shape(node, T::expected());
    }

    pub fn wrong_shape(&mut self, node: &Node, expected: &str) {
        let found = node.shape();
        let mut diagnostic = Diagnostic::error(
            Code::WrongType,
            format!("expected {expected}, found {found}"),
        )
        .at(node.span, format!("this is {found}"));
        if let Some(hint) = shape_hint(node, expected) {
            diagnostic = diagnostic.with_hint(hint);
        }
        self.report(diagnostic);
    }

    /// The entries of a mapping node, or a report that it is not one.
    pub fn expect_map<'n>(&mut self, node: &'n Node, expected: &str) -> Option<&'n [(Key, Node)]> {
        match &node.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => {
                self.wrong_shape(node, expected);
                None
            }
        }
    }

    /// Reports every key of a mapping that is not one of `fields`, with a suggestion.
    pub fn check_keys(&mut self, entries: &[(Key, Node)], fields: &[&str], context: &str) {
        for (key, _) in entries {
            if fields.contains(&key.name.as_str()) {
                continue;
            }
            let diagnostic = Diagnostic::error(
                Code::UnknownKey,
                format!("`{}` is not a field of {context}", clip(&key.name)),
            )
            .with_hint(if let Some((c, name)) = key
                .name
                .chars()
                .find_map(|c| Some((c, crate::lines::invisible_name(c)?)))
            {
                // Pasted from Word: `ti\u{a0}tle`, or a key indented with one.
                format!(
                    "this key holds {name}, which looks like a space but is not one to YAML: {}",
                    crate::lines::invisible_advice(c)
                )
            } else if key.name.chars().all(|c| c.is_ascii_digit()) {
                // `{amount: 5,000}`: inside braces a comma starts a new field.
                "inside `{ }` a comma separates fields: put a value with a comma in quotes, \
                 like `amount: \"5,000\"`"
                    .to_owned()
            } else {
                format!("the fields of {context} are: {}", fields.join(", "))
            });
            let visible: String = key
                .name
                .chars()
                .filter(|&c| crate::lines::invisible_name(c).is_none() && c != ' ')
                .collect();
            let suggestion = synonym(&key.name)
                .filter(|s| fields.contains(s))
                .or_else(|| fields.iter().copied().find(|f| *f == visible))
                .or_else(|| did_you_mean(&key.name, fields.iter().copied()));
            let diagnostic = match suggestion {
                Some(suggestion) => {
                    self.suggested
                        .push((key.span, suggestion.to_owned(), self.diagnostics.len()));
                    diagnostic.at(key.span, format!("did you mean `{suggestion}`?"))
                }
                None => diagnostic.at(key.span, "unknown field"),
            };
            self.report(diagnostic);
        }
    }

    /// Decodes the field `name` of a mapping. A missing required field is reported at the
    /// key that holds the mapping.
    pub fn field<T: Decode>(
        &mut self,
        entries: &[(Key, Node)],
        name: &str,
        context: &str,
    ) -> Option<T> {
        match entries.iter().find(|(key, _)| key.name == name) {
            Some((key, value)) => {
                self.anchor.push(key.span);
                let decoded = T::decode(value, self);
                self.anchor.pop();
                decoded
            }
            None => T::absent().or_else(|| {
                // Left out because it is misspelt: the unknown key's report says so.
                let misspelt = entries.iter().find_map(|(key, _)| {
                    self.suggested
                        .iter()
                        .find(|(span, field, _)| *span == key.span && field == name)
                        .map(|(_, _, index)| (key.name.clone(), *index))
                });
                if let Some((key, index)) = misspelt
                    && let Some(report) = self.diagnostics.get_mut(index)
                {
                    report.hint = Some(match key.chars().find_map(crate::lines::invisible_name) {
                        Some(invisible) => format!(
                            "`{}` holds {invisible}, which looks like a space but is not one \
                             to YAML: write `{name}` with nothing else, as {context} must have \
                             a `{name}`",
                            clip(&key)
                        ),
                        None => format!(
                            "rename `{}` to `{name}`: {context} must have a `{name}`",
                            clip(&key)
                        ),
                    });
                    return None;
                }
                let diagnostic =
                    Diagnostic::error(Code::MissingField, format!("{context} has no `{name}`"))
                        .with_hint(missing_hint::<T>(name, context));
                // At the root there is no key to point at: the whole file lacks it.
                self.report(match self.anchor.last() {
                    Some(span) => diagnostic.at(*span, format!("`{name}` is missing here")),
                    None => diagnostic,
                });
                None
            }),
        }
    }

    /// The key (or list item) whose value is being decoded, for problems of a whole value.
    pub fn anchor_span(&self) -> Option<Span> {
        self.anchor.last().copied()
    }

    /// Runs `f` with `span` as the place missing fields are reported (a list item).
    pub fn anchored<R>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> R) -> R {
        self.anchor.push(span);
        let result = f(self);
        self.anchor.pop();
        result
    }
}

/// How to add a missing field: what it holds, or (for a block of fields) an example.
fn missing_hint<T: Decode>(name: &str, context: &str) -> String {
    match name {
        "languages" => format!(
            "add `languages:` to {context}, such as `languages: [sw]` or `languages: [sw, en]`"
        ),
        "organization" => format!("add `organization:` to {context}, with at least its `name:`"),
        _ => format!("add `{name}:` to {context}; it takes {}", T::expected()),
    }
}

/// Keys people write for a field under another name (`telephone`, `dira`): the `[keys]`
/// table of each language's catalogue, field name first.
fn synonym(key: &str) -> Option<&'static str> {
    static KEYS: std::sync::OnceLock<Vec<(String, Vec<String>)>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        crate::catalogues::tables::<std::collections::BTreeMap<String, Vec<String>>>("keys")
            .into_iter()
            .flat_map(|(_, table)| table)
            .collect()
    });
    let key = key.to_lowercase().replace(['-', ' '], "_");
    keys.iter()
        .find(|(_, names)| names.contains(&key))
        .map(|(field, _)| field.as_str())
}

fn shape_hint(node: &Node, expected: &str) -> Option<String> {
    match (&node.kind, expected) {
        (NodeKind::Null, _) => Some("write a value after the colon, or remove the key".into()),
        (NodeKind::Scalar(_), e) if e.starts_with("a list") => Some(
            "write the items in brackets, like `[sw, en]`, or each on its own line starting \
             with `- `"
                .into(),
        ),
        (NodeKind::Seq(_), e) if e.contains("text") => Some(
            "this field takes one piece of text; remove the `- ` in front of it, or join \
             the items into one sentence"
                .into(),
        ),
        _ => None,
    }
}

/// Implements [`Decode`] for a struct whose YAML keys are its field names. Every field is
/// decoded (so every problem is reported) before the struct is assembled; the struct
/// literal makes the compiler check that the list names every field exactly once.
macro_rules! decode_struct {
    ($ty:ident, $what:literal { $($field:ident),* $(,)? }) => {
        $crate::model::decode::decode_struct!(@fields $ty, $what { $($field),* });

        impl $crate::model::decode::Decode for $ty {
            fn expected() -> &'static str {
                $what
            }

            fn decode(
                node: &$crate::yaml::Node,
                cx: &mut $crate::model::decode::Cx,
            ) -> Option<Self> {
                Self::decode_fields(node, cx)
            }
        }
    };
    // Only the field-by-field decoder, for a type whose `Decode` does more around it.
    (@fields $ty:ident, $what:literal { $($field:ident),* $(,)? }) => {
        impl $ty {
            /// The YAML keys of this struct, in declaration order.
            #[allow(dead_code)]
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            pub(crate) fn decode_fields(
                node: &$crate::yaml::Node,
                cx: &mut $crate::model::decode::Cx,
            ) -> Option<Self> {
                let entries = cx.expect_map(node, $what)?;
                cx.check_keys(entries, Self::FIELDS, $what);
                $( let $field = cx.field(entries, stringify!($field), $what); )*
                Some($ty { $($field: $field?),* })
            }
        }
    };
}
pub(crate) use decode_struct;
