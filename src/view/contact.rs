//! Contacts, complaint routes and channels.

use serde::Serialize;

use super::{ChannelView, ComplaintsView, Tr, Tx};
use crate::model::{Channel, Complaints, Contact, Detail};

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub role: Option<Tx>,
    pub name: Option<String>,
    pub office: Option<Tx>,
    /// A body outside the organisation, such as the Ombudsman.
    pub independent: bool,
    pub address: Vec<Tx>,
    pub pobox: Option<Tx>,
    /// Phones, fax numbers and e-mails, each once: a detail given per language appears
    /// once per language printed (the toll-free line announced in each language).
    pub phones: Vec<String>,
    pub fax: Vec<String>,
    pub emails: Vec<String>,
    /// The first of `websites`, for themes written before a website could differ by
    /// language.
    pub website: Option<String>,
    /// The website, once, or once per language printed where it differs by language.
    pub websites: Vec<String>,
    pub other: Vec<Tx>,
}

/// Each detail in the languages printed, main language first, without repeats (a detail
/// written for none of them is printed as written).
pub fn details<'a>(list: impl IntoIterator<Item = &'a Detail>, tr: &Tr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for detail in list {
        let mut values = tr.each(|lang, _| detail.get(lang).map(|v| v.value.0.clone()));
        if values.is_empty() {
            values.push(detail.first().value.0.clone());
        }
        for value in values {
            if !out.contains(&value) {
                out.push(value);
            }
        }
    }
    out
}

pub fn contact(c: &Contact, tr: &Tr) -> ContactView {
    ContactView {
        role: tr.opt(&c.role),
        name: c.name.as_ref().map(|n| n.0.clone()),
        office: tr.opt(&c.office),
        independent: c.independent.unwrap_or(false),
        address: tr.all(&c.address),
        pobox: tr.opt(&c.pobox),
        phones: details(&c.phones, tr),
        fax: details(&c.fax, tr),
        emails: details(&c.emails, tr),
        website: details(&c.website, tr).into_iter().next(),
        websites: details(&c.website, tr),
        other: tr.all(&c.other),
    }
}

pub fn complaints(c: &Complaints, tr: &Tr) -> ComplaintsView {
    let paragraphs = tr.paragraphs(&c.text);
    ComplaintsView {
        title: tr.title(&c.title, "complaints"),
        paragraphs: if paragraphs.is_empty() {
            vec![tr.label("complaints_intro")]
        } else {
            paragraphs
        },
        channels: tr.all(&c.channels),
        routes: c.routes.iter().map(|r| contact(r, tr)).collect(),
        records: tr.opt(&c.records),
    }
}

pub fn channel(c: &Channel, key: &str, tr: &Tr) -> ChannelView {
    ChannelView {
        title: tr.title(&c.title, key),
        paragraphs: tr.paragraphs(&c.text),
        contacts: c.contacts.iter().map(|r| contact(r, tr)).collect(),
    }
}
