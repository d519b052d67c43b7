//! The view: a validated [`Charter`] turned into what a theme prints.
//!
//! Themes (Typst posters, Tera pages) should only lay text out, never decide what it says.
//! So every piece of display text here is final: labels come from the locale catalogue,
//! fees and timelines are written out in each language, section titles fall back to the
//! catalogue's, and every text is a list with one entry per language of the charter (main
//! language first; a text written once appears once). The view is serialised to JSON and
//! handed to the theme as `/charter.json`: charter text is data, never markup.
//!
//! The JSON shape is the theme interface, documented in `themes/README.md`; changing a key
//! is a breaking change for every user theme.

mod columns;
mod contact;
mod format;
mod service;

use serde::Serialize;

use crate::locale::Locale;
use crate::model::{
    Charter, Item, Labels, Lang, Layout, List, Paragraphs, Section, StandardGroup, Text,
};

pub use columns::{OwnColumnView, OwnColumnsView};
pub use contact::ContactView;
pub use service::{FeeView, ServiceView, StepView};

/// Text in each of the charter's languages, main language first.
pub type Tx = Vec<String>;

/// Everything a theme prints.
#[derive(Debug, Serialize)]
pub struct View {
    /// The charter's languages, main one first.
    pub languages: Vec<String>,
    /// The main language, for the document's language tag.
    pub lang: String,
    pub bilingual: bool,
    /// `poster` or `handbook`.
    pub layout: &'static str,
    pub title: Tx,
    pub edition: Option<Tx>,
    /// "Issued 1 July 2024", in each language.
    pub issued: Option<Tx>,
    pub slogan: Option<Tx>,
    pub commitment: Option<Tx>,
    pub organization: OrganizationView,
    pub preface: Option<PrefaceView>,
    pub vision: Option<Tx>,
    pub mission: Option<Tx>,
    pub values: Option<ListView>,
    pub principles: Option<ListView>,
    pub purpose: Option<SectionView>,
    pub objectives: Option<SectionView>,
    pub customers: Option<CustomersView>,
    /// Services in order; sub-services follow their parent with `depth` 1 or more.
    pub services: Vec<ServiceView>,
    /// The fee of every service that states none, when the charter says it once ("All our
    /// services are free of charge").
    pub services_fee: Option<FeeView>,
    /// The same services as the charter groups them: each group with its heading (none
    /// for services outside every group), to print as a table each.
    pub service_groups: Vec<ServiceGroupView>,
    /// The charter's abbreviations and what they stand for.
    pub abbreviations: Vec<AbbreviationView>,
    /// Whether any service has requirements, a fee, a timeline or steps: themes may drop a
    /// column nobody fills.
    pub columns: Columns,
    /// The columns the charter adds to its services table and step tables, declared once;
    /// each service's `own_columns` (and each step's) holds its values in this order.
    pub own_columns: OwnColumnsView,
    pub standards: Option<StandardsView>,
    pub rights: Option<SectionView>,
    pub duties: Option<SectionView>,
    pub complaints: Option<ComplaintsView>,
    pub feedback: Option<ChannelView>,
    pub appeal: Option<ChannelView>,
    pub review: Option<ReviewView>,
    pub reporting: Option<SectionView>,
    /// Every label of the catalogue, in each language.
    pub labels: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct ServiceGroupView {
    /// The group's number as the charter prints it (`9.1`), to print before its heading.
    pub number: Option<String>,
    pub heading: Option<Tx>,
    pub paragraphs: Vec<Tx>,
    pub services: Vec<ServiceView>,
}

#[derive(Debug, Serialize)]
pub struct AbbreviationView {
    pub term: String,
    pub meaning: Tx,
}

#[derive(Debug, Serialize)]
pub struct OrganizationView {
    pub name: Tx,
    pub parent: Option<Tx>,
    /// The logo's path inside the theme's world (`/logo.png`), set by the build.
    pub logo: Option<String>,
    pub hours: Option<Tx>,
    /// Its addresses, phones, e-mails and website, shaped as a contact (the opening hours,
    /// labelled, in `other`): themes print the organisation with the helper they use for
    /// every contact.
    pub contact: contact::ContactView,
}

#[derive(Debug, Serialize)]
pub struct PrefaceView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub signatory: Option<SignatoryView>,
}

#[derive(Debug, Serialize)]
pub struct SignatoryView {
    pub name: Option<Tx>,
    pub title: Option<Tx>,
    pub date: Option<Tx>,
}

/// A titled section: paragraphs, then bullet points.
#[derive(Debug, Serialize)]
pub struct SectionView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub points: Vec<Tx>,
}

/// Values or principles.
#[derive(Debug, Serialize)]
pub struct ListView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub name: Tx,
    pub text: Option<Tx>,
    pub points: Vec<Tx>,
}

#[derive(Debug, Serialize)]
pub struct CustomersView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub groups: Vec<CustomerGroupView>,
}

#[derive(Debug, Serialize)]
pub struct CustomerGroupView {
    pub group: Tx,
    pub expects: Vec<Tx>,
}

#[derive(Debug, Serialize)]
pub struct Columns {
    pub requirements: bool,
    pub fee: bool,
    pub timeline: bool,
    pub office: bool,
    pub steps: bool,
}

#[derive(Debug, Serialize)]
pub struct StandardsView {
    pub title: Tx,
    pub groups: Vec<StandardGroupView>,
}

#[derive(Debug, Serialize)]
pub struct StandardGroupView {
    pub title: Option<Tx>,
    pub paragraphs: Vec<Tx>,
    pub items: Vec<StandardView>,
}

#[derive(Debug, Serialize)]
pub struct StandardView {
    pub name: Option<Tx>,
    pub text: Option<Tx>,
    /// As the office wrote it, and written out from what it means.
    pub timeline: Option<Tx>,
    pub timeline_normalised: Option<Tx>,
}

#[derive(Debug, Serialize)]
pub struct ComplaintsView {
    pub title: Tx,
    /// The charter's own explanation, or the catalogue's "should be reported to:".
    pub paragraphs: Vec<Tx>,
    pub channels: Vec<Tx>,
    /// Where to complain, in escalation order.
    pub routes: Vec<ContactView>,
    pub records: Option<Tx>,
}

#[derive(Debug, Serialize)]
pub struct ChannelView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub contacts: Vec<ContactView>,
}

#[derive(Debug, Serialize)]
pub struct ReviewView {
    pub title: Tx,
    pub paragraphs: Vec<Tx>,
    pub points: Vec<Tx>,
    /// "This charter is reviewed every 2 years."
    pub every: Option<Tx>,
    /// "Next review: 1 July 2026."
    pub due: Option<Tx>,
    pub consultation: Vec<Tx>,
}

/// Writes text in the charter's languages with their catalogues.
pub struct Tr {
    /// The charter's languages, each with its catalogue (English for a language without
    /// one).
    langs: Vec<(String, &'static Locale)>,
    /// The charter's own labels, which win over the catalogue's.
    own: Labels,
}

impl Tr {
    pub fn new(languages: &[&Lang], own: &Labels) -> Self {
        let langs = languages
            .iter()
            .map(|lang| {
                let code = lang.as_str().to_owned();
                let locale = Locale::get(&code).unwrap_or_else(Locale::fallback);
                (code, locale)
            })
            .collect();
        Tr {
            langs,
            own: own.clone(),
        }
    }

    /// Builds one text per language with `f`, dropping repeats (a label that reads the same
    /// in both languages is printed once).
    pub fn each(&self, mut f: impl FnMut(&str, &Locale) -> Option<String>) -> Tx {
        let mut texts: Tx = Vec::new();
        for (lang, locale) in &self.langs {
            if let Some(text) = f(lang, locale)
                && !texts.contains(&text)
            {
                texts.push(text);
            }
        }
        texts
    }

    pub fn text(&self, text: &Text) -> Tx {
        let texts = self.each(|lang, _| text.get(lang).map(str::to_owned));
        if texts.is_empty() {
            // Written in a language the charter lists after others: show what there is.
            return text.all().map(str::to_owned).take(1).collect();
        }
        texts
    }

    pub fn opt(&self, text: &Option<Text>) -> Option<Tx> {
        text.as_ref().map(|t| self.text(t))
    }

    pub fn all(&self, texts: &[Text]) -> Vec<Tx> {
        texts.iter().map(|t| self.text(t)).collect()
    }

    pub fn paragraphs(&self, paragraphs: &Paragraphs) -> Vec<Tx> {
        self.all(&paragraphs.0)
    }

    /// A label in one language: the charter's own words for it, or the catalogue's.
    pub fn label_in(&self, lang: &str, key: &str) -> String {
        match self
            .own
            .get(key)
            .and_then(|own| own.get(lang).or_else(|| own.all().next()))
        {
            Some(own) => own.to_owned(),
            None => {
                let locale = Locale::get(lang).unwrap_or_else(Locale::fallback);
                locale.label(key).to_owned()
            }
        }
    }

    /// A label: the charter's own words for it, or the catalogue's.
    pub fn label(&self, key: &str) -> Tx {
        if let Some(own) = self.own.get(key) {
            return self.text(own);
        }
        self.each(|_, locale| Some(locale.label(key).to_owned()))
    }

    /// The charter's own title for a section, or the catalogue's.
    pub fn title(&self, title: &Option<Text>, key: &str) -> Tx {
        self.opt(title).unwrap_or_else(|| self.label(key))
    }

    fn labels(&self) -> serde_json::Map<String, serde_json::Value> {
        Locale::fallback()
            .labels
            .keys()
            .map(|key| (key.clone(), serde_json::json!(self.label(key))))
            .collect()
    }
}

/// What the build decides about a charter's print that the view states: resolved once,
/// before the view is made, so that the view is never changed after it is built.
#[derive(Clone, Debug, Default)]
pub struct Presentation {
    /// The layout it is built in (`--layout` first, then the charter's own, else a
    /// poster).
    pub layout: Layout,
    /// Where the theme finds the logo (`/logo.png` in the Typst world), when there is one.
    pub logo: Option<String>,
}

impl View {
    /// The view in all the charter's languages.
    pub fn new(charter: &Charter, presentation: &Presentation) -> View {
        let languages: Vec<&Lang> = charter.languages.iter().map(|l| &l.value).collect();
        View::in_languages(charter, &languages, presentation)
    }

    /// The view in some of the charter's languages only (one, for a poster per language):
    /// text given in other languages is left out, and text written only in another language
    /// is shown as written.
    pub fn in_languages(
        charter: &Charter,
        languages: &[&Lang],
        presentation: &Presentation,
    ) -> View {
        let tr = Tr::new(languages, &charter.labels);
        let service_groups: Vec<ServiceGroupView> = charter
            .services
            .runs()
            .into_iter()
            .map(|(group, services)| ServiceGroupView {
                number: group.and_then(|g| g.number.as_ref().map(|n| n.value.to_string())),
                heading: group.map(|g| tr.text(&g.heading)),
                paragraphs: group.map_or_else(Vec::new, |g| tr.paragraphs(&g.text)),
                services: service::flatten(services, &charter.columns, &tr),
            })
            .collect();
        let services: Vec<ServiceView> = charter
            .services
            .runs()
            .into_iter()
            .flat_map(|(_, services)| service::flatten(services, &charter.columns, &tr))
            .collect();
        let columns = Columns {
            requirements: services.iter().any(|s| !s.requirements.is_empty()),
            fee: services.iter().any(|s| s.fee.is_some()),
            timeline: services.iter().any(|s| s.timeline.is_some()),
            office: services.iter().any(|s| s.office.is_some()),
            steps: services.iter().any(|s| !s.steps.is_empty()),
        };
        let own_columns = columns::own_columns(&charter.columns, &services, &tr);
        let org = &charter.organization;
        View {
            languages: languages.iter().map(|l| l.as_str().to_owned()).collect(),
            lang: languages[0].as_str().to_owned(),
            bilingual: languages.len() > 1,
            layout: presentation.layout.name(),
            title: tr.text(&charter.title),
            edition: tr.opt(&charter.edition),
            issued: charter.issued.as_ref().map(|date| {
                tr.each(|_, l| Some(l.label_with("issued", &[("date", &l.date(date.0, date.1))])))
            }),
            slogan: tr.opt(&charter.slogan),
            commitment: tr.opt(&charter.commitment),
            organization: OrganizationView {
                name: tr.text(&org.name),
                parent: tr.opt(&org.parent),
                logo: presentation.logo.clone(),
                hours: tr.opt(&org.hours),
                contact: contact::ContactView {
                    role: None,
                    name: None,
                    office: None,
                    independent: false,
                    address: tr.all(&org.address),
                    pobox: tr.opt(&org.pobox),
                    phones: contact::details(&org.phones, &tr),
                    fax: contact::details(&org.fax, &tr),
                    emails: contact::details(&org.emails, &tr),
                    website: contact::details(&org.website, &tr).into_iter().next(),
                    websites: contact::details(&org.website, &tr),
                    other: org
                        .hours
                        .iter()
                        .map(|hours| {
                            tr.each(|lang, _| {
                                Some(format!(
                                    "{}: {}",
                                    tr.label_in(lang, "hours"),
                                    hours.get(lang)?
                                ))
                            })
                        })
                        .collect(),
                },
            },
            preface: charter.preface.as_ref().map(|p| PrefaceView {
                title: tr.title(&p.title, "preface"),
                paragraphs: tr.paragraphs(&p.text),
                signatory: p.signatory.as_ref().map(|s| SignatoryView {
                    name: tr.opt(&s.name),
                    title: tr.opt(&s.title),
                    date: s
                        .date
                        .as_ref()
                        .map(|d| tr.each(|_, l| Some(l.date(d.0, d.1)))),
                }),
            }),
            vision: tr.opt(&charter.vision),
            mission: tr.opt(&charter.mission),
            values: list(&charter.values, "values", &tr),
            principles: list(&charter.principles, "principles", &tr),
            purpose: section(&charter.purpose, "purpose", &tr),
            objectives: section(&charter.objectives, "objectives", &tr),
            customers: (!charter.customers.items.is_empty()).then(|| CustomersView {
                title: tr.title(&charter.customers.title, "customers"),
                paragraphs: tr.paragraphs(&charter.customers.text),
                groups: charter
                    .customers
                    .items
                    .iter()
                    .map(|g| CustomerGroupView {
                        group: tr.text(&g.group),
                        expects: tr.all(&g.expects),
                    })
                    .collect(),
            }),
            services,
            columns,
            own_columns,
            standards: standards(&charter.standards, &tr),
            rights: section(&charter.rights, "rights", &tr),
            duties: section(&charter.duties, "duties", &tr),
            complaints: charter
                .complaints
                .as_ref()
                .map(|c| contact::complaints(c, &tr)),
            feedback: charter
                .feedback
                .as_ref()
                .map(|c| contact::channel(c, "feedback", &tr)),
            appeal: charter
                .appeal
                .as_ref()
                .map(|c| contact::channel(c, "appeal", &tr)),
            review: charter.review.as_ref().map(|r| ReviewView {
                title: tr.title(&r.title, "review"),
                paragraphs: tr.paragraphs(&r.text),
                points: tr.all(&r.points),
                every: r.every.as_ref().map(|every| {
                    tr.each(|lang, l| {
                        let every = format::timeline(every, lang, l);
                        Some(l.label_with("review_every", &[("every", &every)]))
                    })
                }),
                due: r.due.as_ref().map(|due| {
                    tr.each(|_, l| {
                        Some(l.label_with("next_review", &[("date", &l.date(due.0, due.1))]))
                    })
                }),
                consultation: tr.paragraphs(&r.consultation),
            }),
            reporting: section(&charter.reporting, "reporting", &tr),
            service_groups,
            services_fee: charter.fee.as_ref().map(|f| service::fee(f, &tr)),
            abbreviations: charter
                .abbreviations
                .0
                .iter()
                .map(|(term, meaning)| AbbreviationView {
                    term: term.value.clone(),
                    meaning: tr.text(meaning),
                })
                .collect(),
            labels: tr.labels(),
        }
    }

    /// The view as the JSON file a theme reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a view always serialises")
    }
}

fn section(section: &Option<crate::span::Sp<Section>>, key: &str, tr: &Tr) -> Option<SectionView> {
    let section = &section.as_ref()?.value;
    Some(SectionView {
        title: tr.title(&section.title, key),
        paragraphs: tr.paragraphs(&section.text),
        points: tr.all(&section.points),
    })
}

fn list(list: &List<Item>, key: &str, tr: &Tr) -> Option<ListView> {
    if list.items.is_empty() && list.text.0.is_empty() {
        return None;
    }
    Some(ListView {
        title: tr.title(&list.title, key),
        paragraphs: tr.paragraphs(&list.text),
        items: list
            .items
            .iter()
            .map(|item| ItemView {
                name: tr.text(&item.name),
                text: tr.opt(&item.text),
                points: tr.all(&item.points),
            })
            .collect(),
    })
}

fn standards(groups: &[StandardGroup], tr: &Tr) -> Option<StandardsView> {
    if groups.is_empty() {
        return None;
    }
    Some(StandardsView {
        title: tr.label("standards"),
        groups: groups
            .iter()
            .map(|g| StandardGroupView {
                title: tr.opt(&g.group),
                paragraphs: tr.paragraphs(&g.text),
                items: g
                    .items
                    .iter()
                    .map(|s| StandardView {
                        name: tr.opt(&s.name),
                        text: tr.opt(&s.text),
                        timeline: s.timeline.as_ref().map(|t| format::timeline_tx(t, tr)),
                        timeline_normalised: s
                            .timeline
                            .as_ref()
                            .map(|t| format::timeline_normalised(t, tr)),
                    })
                    .collect(),
            })
            .collect(),
    })
}
