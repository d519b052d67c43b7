//! The services table as a charter lays it out: services, some of them under a heading
//! ("Services common to all offices", "MAYOR'S OFFICE"), each group its own table with its
//! own numbering.

use std::borrow::Cow;
use std::ops::{Deref, Range};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;

use crate::model::decode::{Cx, Decode, decode_struct};
use crate::model::{Paragraphs, RowNumber, Service, Text};
use crate::span::Sp;
use crate::yaml::{Node, NodeKind};

/// The services, in order, and the groups they are printed in. Reads as the list of every
/// service (groups dissolved): lint, diff and exports see one list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Services {
    pub list: Vec<Service>,
    /// The groups, in order; services outside every group belong to none.
    pub groups: Vec<ServiceGroup>,
}

/// A heading over some services.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceGroup {
    /// The group's number, where the charter numbers its sections (`9.1`).
    pub number: Option<Sp<RowNumber>>,
    /// The heading, as the charter prints it.
    pub heading: Text,
    /// What the charter says under the heading, before its table.
    pub text: Paragraphs,
    /// Which services of [`Services::list`] it holds.
    #[serde(skip)]
    pub range: Range<usize>,
}

impl Deref for Services {
    type Target = Vec<Service>;
    fn deref(&self) -> &Vec<Service> {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Services {
    type Item = &'a Service;
    type IntoIter = std::slice::Iter<'a, Service>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl Services {
    /// The services in runs to print as one table each: a group's services with its
    /// heading, and the services between groups with none.
    pub fn runs(&self) -> Vec<(Option<&ServiceGroup>, &[Service])> {
        let mut runs = Vec::new();
        let mut at = 0;
        for group in &self.groups {
            if group.range.start > at {
                runs.push((None, &self.list[at..group.range.start]));
            }
            runs.push((Some(group), &self.list[group.range.clone()]));
            at = group.range.end;
        }
        if at < self.list.len() {
            runs.push((None, &self.list[at..]));
        }
        runs
    }
}

/// A group as written: `group:` (its heading), `text:` and its `services:`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceGroupFields {
    /// The heading printed over these services, such as `Services common to all offices`
    /// or `MAYOR'S OFFICE`. Their numbering starts again under it.
    pub group: Text,
    /// The group's number, where the charter numbers it: `9.1` (its services are then
    /// usually `9.1.1`, `9.1.2`, …).
    pub number: Option<Sp<RowNumber>>,
    /// What the charter says under the heading.
    pub text: Option<Paragraphs>,
    /// The services under this heading, each written like a service.
    pub services: Vec<Service>,
}

decode_struct!(ServiceGroupFields, "a group of services" { group, number, text, services });

impl Decode for Services {
    fn expected() -> &'static str {
        "a list of services"
    }

    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        let NodeKind::Seq(items) = &node.kind else {
            if matches!(node.kind, NodeKind::Null) {
                return Some(Services::default());
            }
            cx.wrong_type::<Self>(node);
            return None;
        };
        let mut services = Services::default();
        let mut ok = true;
        for item in items {
            let is_group = item
                .as_map()
                .is_some_and(|entries| entries.iter().any(|(k, _)| k.name == "group"));
            if is_group {
                match cx.anchored(item.span, |cx| ServiceGroupFields::decode(item, cx)) {
                    Some(group) => {
                        let start = services.list.len();
                        services.list.extend(group.services);
                        services.groups.push(ServiceGroup {
                            number: group.number,
                            heading: group.group,
                            text: group.text.unwrap_or_default(),
                            range: start..services.list.len(),
                        });
                    }
                    None => ok = false,
                }
            } else {
                match cx.anchored(item.span, |cx| Service::decode(item, cx)) {
                    Some(service) => services.list.push(service),
                    None => ok = false,
                }
            }
        }
        ok.then_some(services)
    }

    fn absent() -> Option<Self> {
        Some(Services::default())
    }
}

impl Serialize for Services {
    /// As written: services, and groups with their services.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        #[derive(Serialize)]
        struct Group<'a> {
            group: &'a Text,
            #[serde(skip_serializing_if = "Option::is_none")]
            number: Option<&'a RowNumber>,
            text: &'a Paragraphs,
            services: &'a [Service],
        }
        let runs = self.runs();
        let mut seq = serializer.serialize_seq(None)?;
        for (group, services) in runs {
            match group {
                Some(g) => seq.serialize_element(&Group {
                    group: &g.heading,
                    number: g.number.as_ref().map(|n| &n.value),
                    text: &g.text,
                    services,
                })?,
                None => {
                    for s in services {
                        seq.serialize_element(s)?;
                    }
                }
            }
        }
        seq.end()
    }
}

impl JsonSchema for Services {
    fn schema_name() -> Cow<'static, str> {
        "Services".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let service = generator.subschema_for::<Service>();
        let group = generator.subschema_for::<ServiceGroupFields>();
        json_schema!({
            "description": "The services table: one entry per row, or groups of rows under a \
                            heading (`group:` with its `services:`).",
            "type": "array",
            "items": { "anyOf": [service, group] }
        })
    }
}
