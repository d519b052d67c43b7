//! `theme.toml`: what a theme is, which papers and layouts it supports, how large its body
//! text is on each paper, and the options a user may set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::paper::Paper;

/// A theme's manifest, as written in its `theme.toml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    pub name: String,
    /// The theme's own version (semver).
    pub version: String,
    pub description: String,
    /// The oldest `charter` that can build this theme, such as `0.1.0`.
    pub charter_version: String,
    /// A built-in theme whose files and settings this one starts from: a user theme that
    /// `extends = "kenya"` may hold a single file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// The papers the poster is designed for.
    #[serde(default)]
    pub papers: Vec<Paper>,
    /// The paper used when the user names none.
    pub default_paper: Option<Paper>,
    /// `poster`, `handbook`, or both; each needs its `.typ` file.
    #[serde(default)]
    pub layouts: Vec<String>,
    /// Body text size in points on each paper: the size the poster is laid out at, and the
    /// smallest it may shrink to when the content is long.
    #[serde(default)]
    pub body_size: BTreeMap<Paper, BodySize>,
    /// Options a user may set with `--set NAME=VALUE`.
    #[serde(default)]
    pub options: BTreeMap<String, OptionSpec>,
    /// The theme's layouts meet PDF/UA-1 (a level-1 heading first, headings in order, alt
    /// text on images), so its PDFs are PDF/UA-1 as well as PDF/A-2b by default. Not
    /// inherited: a theme that replaces a layout file vouches for its own.
    #[serde(default)]
    pub pdf_ua: bool,
}

/// Preferred, smallest and largest body text size, in points.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BodySize {
    pub preferred: f64,
    pub min: f64,
    /// How large the text may grow on a short charter, to fill the sheet as a designer
    /// would set it; `None`: never larger than `preferred`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// One option: its type, default and what it does.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    #[serde(rename = "type")]
    pub kind: OptionKind,
    pub default: toml::Value,
    /// What the option does, for `charter themes` (optional: a theme that only changes a
    /// default need not repeat it).
    #[serde(default)]
    pub description: String,
    /// The allowed values of a `choice`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum OptionKind {
    /// `#rrggbb`.
    Color,
    /// `true` or `false`.
    Bool,
    /// One of `choices`.
    Choice,
    /// Any text, such as a font family.
    Text,
}

impl OptionSpec {
    /// Reads a value given on the command line (`--set accent=#aa0000`), or explains what
    /// the option takes.
    pub fn parse(&self, value: &str) -> Result<serde_json::Value, String> {
        match self.kind {
            OptionKind::Color => {
                if is_color(value) {
                    Ok(value.to_lowercase().into())
                } else {
                    Err("a colour such as `#0b5d3b`".into())
                }
            }
            OptionKind::Bool => match value {
                "true" | "yes" | "on" => Ok(true.into()),
                "false" | "no" | "off" => Ok(false.into()),
                _ => Err("`true` or `false`".into()),
            },
            OptionKind::Choice => {
                if self.choices.iter().any(|c| c == value) {
                    Ok(value.into())
                } else {
                    Err(format!("one of {}", quoted(&self.choices)))
                }
            }
            OptionKind::Text => Ok(value.into()),
        }
    }

    /// The default as JSON, checked like a user's value (a theme with a bad default is
    /// reported when its manifest is read).
    pub fn default_json(&self) -> Result<serde_json::Value, String> {
        self.parse(&self.default_text())
    }

    /// The default as it would be written on the command line.
    pub fn default_text(&self) -> String {
        match &self.default {
            toml::Value::String(s) => s.clone(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            other => format!("{other:?}"),
        }
    }
}

fn is_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

pub(crate) fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The body text sizes a theme may ask for, in points: from barely legible on A4 to a
/// headline on A0. Anything else (0, negative, `nan`, `inf`, `1e300`) is refused.
pub const BODY_SIZE_MIN: f64 = 4.0;
pub const BODY_SIZE_MAX: f64 = 96.0;

impl Manifest {
    /// Fills what a theme that extends another leaves out from its parent.
    pub fn inherit(mut self, parent: &Manifest) -> Manifest {
        if self.papers.is_empty() {
            self.papers = parent.papers.clone();
        }
        self.default_paper = self.default_paper.or(parent.default_paper);
        if self.layouts.is_empty() {
            self.layouts = parent.layouts.clone();
        }
        for (paper, size) in &parent.body_size {
            self.body_size.entry(*paper).or_insert(*size);
        }
        for (name, spec) in &parent.options {
            let own = self
                .options
                .entry(name.clone())
                .or_insert_with(|| spec.clone());
            if own.description.is_empty() {
                own.description.clone_from(&spec.description);
            }
        }
        self
    }

    /// What is wrong with a manifest that parsed, in plain words.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.papers.is_empty() {
            problems.push("`papers` lists no paper".to_owned());
        }
        if let Some(paper) = self.default_paper
            && !self.papers.contains(&paper)
        {
            problems.push(format!(
                "`default-paper` is `{paper}`, which `papers` does not list"
            ));
        }
        for paper in &self.papers {
            if !self.body_size.contains_key(paper) {
                problems.push(format!("`body-size` has no entry for `{paper}`"));
            }
        }
        for (paper, size) in &self.body_size {
            // Finite and within what a sheet can hold: `preferred = 1e300` laid a page out
            // until the process aborted.
            let range = BODY_SIZE_MIN..=BODY_SIZE_MAX;
            if !(range.contains(&size.min)
                && range.contains(&size.preferred)
                && size.max.is_none_or(|max| range.contains(&max)))
            {
                problems.push(format!(
                    "`body-size.{paper}`: sizes must be numbers from {BODY_SIZE_MIN} to \
                     {BODY_SIZE_MAX} (points)"
                ));
            } else if size.min > size.preferred {
                problems.push(format!(
                    "`body-size.{paper}`: `min` must be at most `preferred`"
                ));
            } else if size.max.is_some_and(|max| max < size.preferred) {
                problems.push(format!(
                    "`body-size.{paper}`: `max` must be at least `preferred`"
                ));
            }
        }
        if self.layouts.is_empty() {
            problems.push("`layouts` lists no layout".to_owned());
        }
        for layout in &self.layouts {
            if layout != "poster" && layout != "handbook" {
                problems.push(format!(
                    "`layouts`: `{layout}` is not `poster` or `handbook`"
                ));
            }
        }
        for (name, spec) in &self.options {
            if let Err(expected) = spec.default_json() {
                problems.push(format!("option `{name}`: the default must be {expected}"));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_are_checked_by_type() {
        let color = OptionSpec {
            kind: OptionKind::Color,
            default: toml::Value::String("#000".into()),
            description: String::new(),
            choices: vec![],
        };
        assert_eq!(color.parse("#A0B1C2").unwrap(), "#a0b1c2");
        assert!(color.parse("green").is_err());
        assert!(color.parse("#12345").is_err());
        let choice = OptionSpec {
            kind: OptionKind::Choice,
            choices: vec!["left".into(), "center".into()],
            ..color.clone()
        };
        assert!(choice.parse("left").is_ok());
        assert_eq!(
            choice.parse("right").unwrap_err(),
            "one of `left`, `center`"
        );
        let flag = OptionSpec {
            kind: OptionKind::Bool,
            ..color
        };
        assert_eq!(flag.parse("no").unwrap(), false);
    }

    fn parse(text: &str) -> Manifest {
        toml::from_str(text).expect("manifest parses")
    }

    #[test]
    fn the_default_paper_must_be_one_the_theme_supports() {
        let manifest = parse(
            "name = \"t\"\nversion = \"1.0.0\"\ndescription = \"d\"\n\
             charter-version = \"0.1.0\"\npapers = [\"a4\", \"a3\"]\ndefault-paper = \"a2\"\n\
             layouts = [\"poster\"]\n[body-size]\na4 = { preferred = 9, min = 7 }\n\
             a3 = { preferred = 12, min = 9 }\n",
        );
        assert_eq!(
            manifest.problems(),
            ["`default-paper` is `a2`, which `papers` does not list"]
        );
    }

    /// Numbers a theme gives must be finite and in range: `preferred = 1e300` aborted the
    /// process laying a page out.
    #[test]
    fn body_sizes_must_be_finite_and_in_range() {
        for (preferred, min) in [
            ("1e300", "8"),
            ("nan", "8"),
            ("inf", "8"),
            ("12", "0"),
            ("12", "-3"),
            ("200", "100"),
        ] {
            let manifest = parse(&format!(
                "name = \"t\"\nversion = \"1.0.0\"\ndescription = \"d\"\n\
                 charter-version = \"0.1.0\"\npapers = [\"a4\"]\nlayouts = [\"poster\"]\n\
                 [body-size]\na4 = {{ preferred = {preferred}, min = {min} }}\n"
            ));
            assert_eq!(
                manifest.problems(),
                ["`body-size.a4`: sizes must be numbers from 4 to 96 (points)"],
                "{preferred} {min}"
            );
        }
    }

    #[test]
    fn an_option_that_only_changes_a_default_keeps_its_description() {
        let parent = parse(
            "name = \"p\"\nversion = \"1.0.0\"\ndescription = \"d\"\n\
             charter-version = \"0.1.0\"\n[options.primary]\ntype = \"color\"\n\
             default = \"#0b5d3b\"\ndescription = \"Header band\"\n",
        );
        let child = parse(
            "name = \"c\"\nversion = \"1.0.0\"\ndescription = \"d\"\n\
             charter-version = \"0.1.0\"\nextends = \"p\"\n[options.primary]\n\
             type = \"color\"\ndefault = \"#8b0000\"\n",
        )
        .inherit(&parent);
        let primary = &child.options["primary"];
        assert_eq!(primary.description, "Header band");
        assert_eq!(primary.default.as_str(), Some("#8b0000"));
    }
}
