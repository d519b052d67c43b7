//! The document a charter is printed and shown as, resolved once per charter: the view
//! plus how to lay it out ([`ThemeData`], the `/charter.json` every theme reads, and the
//! `json` format), its date and its QR code.

use ::typst::foundations::Datetime;
use serde::Serialize;

use super::{Settings, assets};
use crate::model::Charter;
use crate::paper::Paper;
use crate::view::View;

/// What the theme reads from `/charter.json`: the view, plus how to lay it out.
#[derive(Clone, Serialize)]
pub(crate) struct ThemeData<'a> {
    #[serde(flatten)]
    pub(crate) view: &'a View,
    pub(crate) build: BuildInfo,
    pub(crate) options: &'a serde_json::Map<String, serde_json::Value>,
    /// The QR code to print, when the theme's `qr` option is on and the charter has a
    /// website.
    pub(crate) qr: Option<Qr>,
}

#[derive(Clone, Serialize)]
pub(crate) struct BuildInfo {
    pub(crate) layout: &'static str,
    pub(crate) paper: Paper,
    pub(crate) landscape: bool,
    /// The sheet's size in millimetres, already turned for landscape.
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// The body text size to lay out at, in points.
    pub(crate) body_size: f64,
    /// PDF keywords.
    pub(crate) keywords: Vec<String>,
    pub(crate) generator: String,
}

#[derive(Clone, Serialize)]
pub(crate) struct Qr {
    /// The address as printed beside the code.
    pub(crate) url: String,
    /// The SVG file in the world.
    pub(crate) file: &'static str,
}

/// The document's date: the charter's issue date, else `SOURCE_DATE_EPOCH`; never the
/// clock, so two builds of the same charter are identical.
pub(super) fn date(charter: &Charter) -> Option<(typst_pdf::Timestamp, Datetime)> {
    let date = match &charter.issued {
        Some(issued) => issued.value.0,
        None => {
            let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
                .ok()?
                .trim()
                .parse()
                .ok()?;
            jiff::Timestamp::from_second(secs)
                .ok()?
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        }
    };
    let datetime = Datetime::from_ymd_hms(
        i32::from(date.year()),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
        0,
        0,
        0,
    )?;
    let day = Datetime::from_ymd(
        i32::from(date.year()),
        date.month().unsigned_abs(),
        date.day().unsigned_abs(),
    )?;
    Some((typst_pdf::Timestamp::new_utc(datetime), day))
}

/// The website a QR code opens: the organisation's, else the first complaint route's.
pub(super) fn qr(charter: &Charter, settings: &Settings) -> Option<(String, String)> {
    if settings.options.get("qr") == Some(&serde_json::Value::Bool(false)) {
        return None;
    }
    let website = charter.organization.website.as_ref().or_else(|| {
        charter
            .complaints
            .as_ref()?
            .routes
            .iter()
            .find_map(|r| r.website.as_ref())
    })?;
    // A site given per language: the main language's, as the poster's main text is.
    let main = charter.languages.first().map_or("", |l| l.value.as_str());
    let website = &website.get(main).unwrap_or_else(|| website.first()).value.0;
    let svg = assets::qr_svg(&crate::model::web_target(website)?)?;
    Some((website.clone(), svg))
}

pub(super) fn keywords(view: &View) -> Vec<String> {
    // "Citizens' Service Charter" in the charter's own languages, then its title and
    // organisation.
    let mut keywords: Vec<String> = match view.labels.get("title") {
        Some(serde_json::Value::Array(titles)) => titles
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    keywords.extend(view.title.iter().cloned());
    keywords.extend(view.organization.name.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    keywords.retain(|k| seen.insert(k.clone()));
    keywords
}

/// One row of the services table as every data export walks it: the row as printed, the
/// service it shows, and the heading of the group it is printed under.
pub(super) struct ServiceRow<'v, 'c> {
    pub row: &'v crate::view::ServiceView,
    pub service: &'c crate::model::Service,
    pub group: Option<&'v crate::view::Tx>,
    /// What names it among the charter's services, for identifiers that stay the same
    /// from build to build: its number and name (numbers repeat from one group to the
    /// next in some charters), and a count where even both repeat.
    pub key: String,
}

/// The services and sub-services, in the order the view prints them.
pub(super) fn service_rows<'v, 'c>(
    charter: &'c Charter,
    view: &'v View,
) -> Vec<ServiceRow<'v, 'c>> {
    fn walk<'c>(services: &'c [crate::model::Service], out: &mut Vec<&'c crate::model::Service>) {
        for service in services {
            out.push(service);
            walk(&service.services, out);
        }
    }
    let mut services = Vec::new();
    for (_, run) in charter.services.runs() {
        walk(run, &mut services);
    }
    let rows = view
        .service_groups
        .iter()
        .flat_map(|group| group.services.iter().map(move |row| (group, row)));
    // The view is made from the same services in the same order.
    assert_eq!(
        rows.clone().count(),
        services.len(),
        "a row for each service"
    );
    let mut seen = std::collections::HashMap::new();
    rows.zip(services)
        .map(|((group, row), service)| {
            let key = format!("{} {}", row.number, row.name.first().map_or("", |n| n));
            let times: &mut usize = seen.entry(key.clone()).or_default();
            *times += 1;
            let key = match *times {
                1 => key,
                n => format!("{key} ({n})"),
            };
            ServiceRow {
                row,
                service,
                group: group.heading.as_ref(),
                key,
            }
        })
        .collect()
}
