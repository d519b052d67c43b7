//! [`Str`]: text that is never translated (a phone number, an e-mail address).

use std::borrow::Cow;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

/// A short piece of text that is never translated: a phone number, an e-mail address, a
/// path. YAML may read `0712345678` as a number; the charter keeps it as written, and the
/// schema accepts it either way, as the tool does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Str(pub String);

impl Deref for Str {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl crate::model::decode::Decode for Str {
    fn expected() -> &'static str {
        "text"
    }

    fn decode(node: &crate::yaml::Node, cx: &mut crate::model::decode::Cx) -> Option<Self> {
        String::decode(node, cx).map(Str)
    }
}

impl JsonSchema for Str {
    fn schema_name() -> Cow<'static, str> {
        "Str".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}
