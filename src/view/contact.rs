//! Contacts, complaint routes and channels.

use serde::Serialize;

use super::{ChannelView, ComplaintsView, Tr, Tx};
use crate::model::{Channel, Complaints, Contact};

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub role: Option<Tx>,
    pub name: Option<String>,
    pub office: Option<Tx>,
    /// A body outside the organisation, such as the Ombudsman.
    pub independent: bool,
    pub address: Vec<Tx>,
    pub pobox: Option<Tx>,
    pub phones: Vec<String>,
    pub fax: Vec<String>,
    pub emails: Vec<String>,
    pub website: Option<String>,
    pub other: Vec<Tx>,
}

pub fn contact(c: &Contact, tr: &Tr) -> ContactView {
    ContactView {
        role: tr.opt(&c.role),
        name: c.name.as_ref().map(|n| n.0.clone()),
        office: tr.opt(&c.office),
        independent: c.independent.unwrap_or(false),
        address: tr.all(&c.address),
        pobox: tr.opt(&c.pobox),
        phones: c.phones.iter().map(|p| p.0.clone()).collect(),
        fax: c.fax.iter().map(|p| p.0.clone()).collect(),
        emails: c.emails.iter().map(|p| p.0.clone()).collect(),
        website: c.website.as_ref().map(|w| w.0.clone()),
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
