//! Calendar dates written as `YYYY-MM-DD`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, clip};
use crate::model::decode::{Cx, Decode};
use crate::yaml::Node;

pub use crate::locale::Precision;

/// A calendar date, or a month or a year when that is all the charter gives ("July, 2017").
/// ISO 8601 (`2024-07-01`, `2017-07`, `2017`) is the one form that no reader can take for
/// another date: `01/07/2024` is July in Nairobi and January in a US-made spreadsheet. The
/// day is the first of the month or year when only those are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub jiff::civil::Date, pub Precision);

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        match self.1 {
            Precision::Day => serializer.collect_str(&d),
            Precision::Month => {
                serializer.collect_str(&format_args!("{:04}-{:02}", d.year(), d.month()))
            }
            Precision::Year => serializer.collect_str(&format_args!("{:04}", d.year())),
        }
    }
}

impl Decode for Date {
    fn expected() -> &'static str {
        "a date such as `2024-07-01`"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let text = String::decode(node, cx)?;
        let text = text.trim();
        let digits_at = |positions: &[usize]| {
            text.char_indices().all(|(i, c)| {
                if positions.contains(&i) {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
        };
        let (well_formed, full, precision) = match text.len() {
            10 => (digits_at(&[4, 7]), text.to_owned(), Precision::Day),
            7 => (digits_at(&[4]), format!("{text}-01"), Precision::Month),
            4 => (digits_at(&[]), format!("{text}-01-01"), Precision::Year),
            _ => (false, String::new(), Precision::Day),
        };
        if well_formed && let Ok(date) = full.parse::<jiff::civil::Date>() {
            return Some(Date(date, precision));
        }
        let label = if well_formed {
            "there is no such day in the calendar"
        } else {
            "expected a date such as `2024-07-01`, or a month such as `2024-07`"
        };
        cx.report(
            Diagnostic::error(Code::BadDate, format!("`{}` is not a date", clip(text)))
                .at(node.span, label)
                .with_hint(
                    "write dates as year-month-day, for example `2012-09-12` for 12 September \
                     2012; `2017-07` for a charter dated July 2017",
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
            "description": "A calendar date as year-month-day, for example `2024-07-01`; or a \
                            month (`2017-07`) or a year (`2017`) when that is all the charter \
                            gives.",
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        })
    }
}
