//! The charter's own headings and column labels: "MAONO YETU", "Service Level Standards",
//! "USER CHARGES", "Where to go", per language, in place of the catalogue's.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::locale::Locale;
use crate::model::Text;
use crate::model::decode::{Cx, Decode};
use crate::span::Sp;
use crate::yaml::Node;

/// Labels by the catalogue's key (`vision`, `fee`, `office`), in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels(pub Vec<(Sp<String>, Text)>);

impl Labels {
    /// The charter's label for `key`, if it gives one.
    pub fn get(&self, key: &str) -> Option<&Text> {
        self.0
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, text)| text)
    }

    /// The keys a charter may relabel: every label of the catalogue that is printed as it
    /// is (not the sentences with a `{date}` or `{every}` in them, nor `title`, which names
    /// the kind of document in the PDF's keywords: the charter's own `title` is printed).
    pub fn keys() -> Vec<&'static str> {
        Locale::fallback()
            .labels
            .iter()
            .filter(|(key, text)| !text.contains('{') && key.as_str() != "title")
            .map(|(key, _)| key.as_str())
            .collect()
    }
}

impl Decode for Labels {
    fn expected() -> &'static str {
        "labels, such as `vision: MAONO YETU`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let entries = cx.expect_map(node, "the labels")?;
        let keys = Labels::keys();
        cx.check_keys(entries, &keys, "the labels");
        let mut labels = Vec::new();
        for (key, value) in entries {
            if !keys.contains(&key.name.as_str()) {
                continue;
            }
            let text = cx.anchored(key.span, |cx| Text::decode(value, cx))?;
            labels.push((Sp::new(key.name.clone(), key.span), text));
        }
        Some(Labels(labels))
    }

    fn absent() -> Option<Self> {
        Some(Labels::default())
    }
}

impl Serialize for Labels {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, text) in &self.0 {
            map.serialize_entry(&key.value, text)?;
        }
        map.end()
    }
}

impl JsonSchema for Labels {
    fn schema_name() -> Cow<'static, str> {
        "Labels".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        let en = Locale::fallback();
        let properties: serde_json::Map<String, serde_json::Value> = Labels::keys()
            .into_iter()
            .map(|key| {
                let mut schema: serde_json::Value = text.clone().into();
                schema["description"] = format!(
                    "The charter's own words for the theme's “{}”.",
                    en.label(key)
                )
                .into();
                (key.to_owned(), schema)
            })
            .collect();
        json_schema!({
            "description": "The charter's own headings and column labels, printed instead of \
                            the theme's: `vision: MAONO YETU`, `fee: {en: USER CHARGES, sw: \
                            MALIPO}`. Keys are the labels of `charter themes` catalogues.",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}
