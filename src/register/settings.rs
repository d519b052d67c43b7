//! `charter.toml`'s `[report]` table given meaning: how an office's registers are read
//! (the order of its dates, its own headings), whose calendar counts working days (the
//! country, the office's closures), and the share of requests it aims to serve in time.
//!
//! Everything is checked here, before a register is read, so a mistake in the table is one
//! message naming the file, not a million rows read wrongly.

use jiff::civil::Date;

use super::requests::{Column, Headings};
use super::when::DateOrder;
use crate::calendar::OfficeHours;
use crate::config::{Closure, ReportTable};
use crate::suggest::did_you_mean;

/// How a register is read.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    pub order: DateOrder,
    pub headings: Headings,
}

/// The `[report]` table, checked.
#[derive(Clone, Debug)]
pub struct ReportSettings {
    pub reading: Reading,
    /// Whose public holidays, when the table names a country (else the charter's).
    pub country: Option<String>,
    /// Days the office was closed, and why.
    pub closures: Vec<(Date, String)>,
    /// The share of requests the office aims to complete within the promise (0 to 1).
    pub target: f64,
    /// Targets of single services, by the number or name the table gives.
    pub targets: Vec<(String, f64)>,
    /// The standard complaints are measured against, when the table names one.
    pub complaints: Option<String>,
    /// When the office is open, when the table says.
    pub hours: Option<OfficeHours>,
    /// The last year whose holidays the office vouches for.
    pub holidays_through: Option<i16>,
}

impl Default for ReportSettings {
    fn default() -> ReportSettings {
        ReportSettings {
            reading: Reading::default(),
            country: None,
            closures: Vec::new(),
            target: 1.0,
            targets: Vec::new(),
            complaints: None,
            hours: None,
            holidays_through: None,
        }
    }
}

impl ReportSettings {
    /// The table's settings, or what is wrong with it (in words that name its keys).
    pub fn from_table(table: &ReportTable) -> Result<ReportSettings, String> {
        let order = match table.dates.as_deref() {
            None | Some("day-first") => DateOrder::DayFirst,
            Some("month-first") => DateOrder::MonthFirst,
            Some(other) => {
                return Err(format!(
                    "`[report] dates = \"{other}\"`: write \"day-first\" (02/03/2026 is 2 March) \
                     or \"month-first\" (it is 3 February)"
                ));
            }
        };
        let mut headings = Headings::default();
        for (key, names) in &table.columns {
            let Some(column) = Column::from_key(key) else {
                let keys = Column::ALL.map(Column::key);
                let hint = did_you_mean(key, keys.iter().copied())
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                return Err(format!(
                    "`[report.columns]` has `{key}`{hint}: a register's columns are {}",
                    keys.join(", ")
                ));
            };
            for name in names.iter() {
                headings.add(column, name);
            }
        }
        let country = table.country.as_ref().map(|c| c.trim().to_uppercase());
        let closures = table
            .closures
            .iter()
            .map(closure)
            .collect::<Result<Vec<_>, _>>()?;
        let target = match table.target {
            Some(target) => percent(target, "`[report] target`")?,
            None => 1.0,
        };
        let targets = table
            .targets
            .iter()
            .map(|(service, target)| {
                let share = percent(*target, &format!("`[report.targets]` \"{service}\""))?;
                Ok((service.trim().to_owned(), share))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(ReportSettings {
            reading: Reading { order, headings },
            country,
            closures,
            target,
            targets,
            complaints: table.complaints.clone(),
            hours: table
                .hours
                .as_deref()
                .map(OfficeHours::from_setting)
                .transpose()?,
            holidays_through: match table.holidays_through {
                Some(year) if !(1900..=crate::calendar::MAX_YEAR).contains(&year) => {
                    return Err(format!(
                        "`[report] holidays-through = {year}` is not a year a register can hold"
                    ));
                }
                // Listing a year's holidays and vouching for it go together.
                Some(year) if !table.closures.is_empty() => Some(year),
                Some(year) => {
                    return Err(format!(
                        "`[report] holidays-through = {year}` vouches for the holidays up to \
                         {year}: list that year's movable ones (Idd, days proclaimed) under \
                         `closures`, from the year's notices"
                    ));
                }
                None => None,
            },
        })
    }

    /// The target of the service numbered `number` (as the charter writes it) and named
    /// `names`: its own, else the office's.
    pub fn target_of<'a>(&self, number: Option<&str>, names: impl Iterator<Item = &'a str>) -> f64 {
        let names: Vec<&str> = names.map(str::trim).collect();
        let own = self
            .targets
            .iter()
            .find(|(key, _)| number.is_some_and(|n| n == key) || names.contains(&key.as_str()));
        own.map_or(self.target, |(_, target)| *target)
    }
}

/// A target written as a percentage, as a share from 0 to 1.
fn percent(value: f64, what: &str) -> Result<f64, String> {
    // `0.9` is far likelier a share meant as 90 % than a target of 0.9 %.
    if value > 0.0 && value <= 1.0 {
        return Err(format!(
            "{what} is {value}: write the target as a percentage (`90` for 90 % of requests on time, `100` for all)"
        ));
    }
    if (0.0..=100.0).contains(&value) {
        Ok(value / 100.0)
    } else {
        Err(format!(
            "{what} is {value}: a target is a percentage, from 0 to 100 (95 means 95 % of requests on time)"
        ))
    }
}

fn closure(closure: &Closure) -> Result<(Date, String), String> {
    let (value, why) = match closure {
        Closure::Date(value) => (value, "the office was closed"),
        Closure::Why { date, why } => (date, why.as_str()),
    };
    let text = match value {
        toml::Value::Datetime(datetime) => datetime.to_string(),
        other => crate::config::BuildTable::option_text(other),
    };
    let date = text.trim().parse::<Date>().map_err(|_| {
        format!("`[report] closures` has `{text}`: write each day as 2026-04-10 (year, month, day)")
    })?;
    Ok((date, why.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigFile;
    use std::path::Path;

    fn settings(toml: &str) -> Result<ReportSettings, String> {
        let file = ConfigFile::parse(toml, Path::new("charter.toml")).map_err(|e| e.message)?;
        ReportSettings::from_table(&file.report)
    }

    #[test]
    fn every_setting_is_read() {
        let s = settings(
            "[report]\ndates = \"month-first\"\ncountry = \"ph\"\n\
             closures = [2026-04-10, { date = \"2026-06-12\", why = \"Staff retreat\" }]\n\
             target = 95\ntargets = { \"3\" = 90, \"Official search\" = 80 }\n\
             columns = { service = \"Huduma Na.\", received = [\"Date in\", \"In\"] }\n",
        )
        .unwrap();
        assert_eq!(s.reading.order, DateOrder::MonthFirst);
        assert_eq!(s.country.as_deref(), Some("PH"));
        assert_eq!(
            s.closures,
            vec![
                (
                    jiff::civil::date(2026, 4, 10),
                    "the office was closed".into()
                ),
                (jiff::civil::date(2026, 6, 12), "Staff retreat".into()),
            ]
        );
        assert_eq!(s.target, 0.95);
        assert_eq!(s.target_of(Some("3"), std::iter::empty()), 0.9);
        assert_eq!(s.target_of(Some("1"), ["Official search"].into_iter()), 0.8);
        assert_eq!(s.target_of(Some("7"), ["Other"].into_iter()), 0.95);
    }

    #[test]
    fn nothing_written_is_the_defaults() {
        let s = settings("").unwrap();
        assert_eq!(s.reading.order, DateOrder::DayFirst);
        assert_eq!(s.target, 1.0);
        assert!(s.closures.is_empty() && s.country.is_none());
    }

    #[test]
    fn mistakes_are_named() {
        let wrong = |toml: &str, words: &str| {
            let message = settings(toml).unwrap_err();
            assert!(message.contains(words), "{message}");
        };
        wrong("[report]\ndates = \"dmy\"\n", "\"day-first\"");
        wrong("[report]\ntarget = 0.95e3\n", "from 0 to 100");
        wrong("[report]\ntarget = 0.9\n", "`90` for 90 %");
        wrong(
            "[report]\ncolumns = { recieved = \"In\" }\n",
            "did you mean `received`",
        );
        wrong("[report]\nclosures = [\"10/04/2026\"]\n", "2026-04-10");
        wrong("[report]\nwhen = 1\n", "unknown field `when`");
        wrong(
            "[report]\nholidays-through = 2026\n",
            "list that year's movable ones",
        );
        wrong("[report]\nholidays-through = 20260\n", "not a year");
    }
}
