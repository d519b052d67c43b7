//! Where citizens write, call or go: complaint routes, feedback and appeals.

use schemars::JsonSchema;
use serde::Serialize;

use crate::decode::decode_struct;
use crate::model::{Paragraphs, Sp, Str, Text};

/// A person or office a citizen can reach.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The person's title or role, for example `Waziri wa Ofisi ya Gavana` or `The Chief
    /// Executive Officer`.
    pub role: Option<Text>,
    /// The person's name, when the charter gives one.
    pub name: Option<Sp<Str>>,
    /// The office or body, for example `Commission on Administrative Justice (Ombudsman)`.
    pub office: Option<Text>,
    /// Set `true` for a body outside the organisation (an Ombudsman, a human-rights
    /// commission): the independent escalation route every charter needs.
    pub independent: Option<bool>,
    /// Building, street and town, one line per item.
    #[serde(default)]
    pub address: Vec<Text>,
    /// The postal address, for example `P.O. Box 20414-00200 Nairobi` or `S.L.P. 65 Kilosa`.
    pub pobox: Option<Text>,
    /// Telephone numbers, ideally with the country code: `+254 20 2270000`.
    #[serde(default)]
    pub phones: Vec<Sp<Str>>,
    /// Fax numbers.
    #[serde(default)]
    pub fax: Vec<Sp<Str>>,
    /// E-mail addresses.
    #[serde(default)]
    pub emails: Vec<Sp<Str>>,
    /// A web address.
    pub website: Option<Sp<Str>>,
    /// Other ways in: SMS short codes, social media, a complaints box at the entrance.
    #[serde(default)]
    pub other: Vec<Text>,
}

decode_struct!(Contact, "a contact" {
    role, name, office, independent, address, pobox, phones, fax, emails, website, other
});

/// The complaints procedure: the routes in escalation order, and what happens to a complaint.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Complaints {
    /// The heading, if the charter uses its own ("Malalamiko", "How to complain").
    pub title: Option<Text>,
    /// How complaints are handled, as the charter explains it.
    #[serde(default)]
    pub text: Paragraphs,
    /// Ways a complaint can be made: post, phone, fax, e-mail, in person.
    #[serde(default)]
    pub channels: Vec<Text>,
    /// Where to complain, in escalation order: the office first, then an independent body
    /// such as the Ombudsman.
    #[serde(default)]
    pub routes: Vec<Contact>,
    /// How complaints are recorded and kept confidential.
    pub records: Option<Text>,
}

decode_struct!(Complaints, "the complaints section" { title, text, channels, routes, records });

/// A section that explains something and gives contacts: feedback, appeals.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The section's title, when the charter gives it one.
    pub title: Option<Text>,
    /// What the charter says.
    #[serde(default)]
    pub text: Paragraphs,
    /// Where to send it.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

decode_struct!(Channel, "this section" { title, text, contacts });
