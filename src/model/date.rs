//! Calendar dates written as `YYYY-MM-DD`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::decode::{Cx, Decode};
use crate::diagnostic::{Code, Diagnostic, clip};
use crate::yaml::Node;

/// A calendar date. ISO 8601 (`2024-07-01`) is the one form that no reader can take for
/// another date: `01/07/2024` is July in Nairobi and January in a US-made spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub jiff::civil::Date);

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl Decode for Date {
    fn expected() -> &'static str {
        "a date such as `2024-07-01`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let text = String::decode(node, cx)?;
        let text = text.trim();
        let well_formed = text.len() == 10
            && text.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if well_formed && let Ok(date) = text.parse::<jiff::civil::Date>() {
            return Some(Date(date));
        }
        let label = if well_formed {
            "there is no such day in the calendar"
        } else {
            "expected a date such as `2024-07-01`"
        };
        cx.report(
            Diagnostic::error(Code::BadDate, format!("`{}` is not a date", clip(text)))
                .at(node.span, label)
                .with_hint(
                    "write dates as year-month-day, for example `2012-09-12` for 12 September 2012",
                ),
        );
        None
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date as year-month-day, for example `2024-07-01`.",
            "type": "string",
            "format": "date",
        })
    }
}
