//! The charter's list of abbreviations ("LIST OF ABBREVIATIONS": `TRA: Tanzania Revenue
//! Authority`), in the order written.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::model::Text;
use crate::model::decode::{Cx, Decode};
use crate::span::Sp;
use crate::yaml::Node;

/// Each abbreviation and what it stands for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Abbreviations(pub Vec<(Sp<String>, Text)>);

impl Decode for Abbreviations {
    fn expected() -> &'static str {
        "abbreviations, one a line, such as `TRA: Tanzania Revenue Authority`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let entries = cx.expect_map(node, Self::expected())?;
        let mut out = Vec::new();
        let mut ok = true;
        for (key, value) in entries {
            match cx.anchored(key.span, |cx| Text::decode(value, cx)) {
                Some(text) => out.push((Sp::new(key.name.clone(), key.span), text)),
                None => ok = false,
            }
        }
        ok.then_some(Abbreviations(out))
    }

    fn absent() -> Option<Self> {
        Some(Abbreviations::default())
    }
}

impl Serialize for Abbreviations {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (term, meaning) in &self.0 {
            map.serialize_entry(&term.value, meaning)?;
        }
        map.end()
    }
}

impl JsonSchema for Abbreviations {
    fn schema_name() -> Cow<'static, str> {
        "Abbreviations".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "The charter's abbreviations and what each stands for, such as \
                            `TRA: Tanzania Revenue Authority`.",
            "type": "object",
            "additionalProperties": text,
        })
    }
}
