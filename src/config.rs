//! `charter.toml`: the one loader, and the one way it is found.
//!
//! A team writes its settings once, next to its charters: `[build]` (what `charter build`,
//! `watch` and `serve` would otherwise take as flags) and `[lint]` (which rules run, at what
//! level). The whole file is read and checked here, whichever command reads it, so a
//! mistake in either table is found by both and named with the file.
//!
//! It is found as ruff finds its configuration: the nearest `charter.toml` at or above a
//! path (a charter file's folder, or a folder named on the command line); `--config` names
//! one instead. Lint looks for each charter; a build's settings are the run's, so a build
//! looks from each path it was given and they must agree.
//!
//! ```toml
//! [build]
//! theme = "kenya"            # or a folder, relative to this file
//! paper = "a1"
//! landscape = false
//! layout = "poster"
//! out-dir = "posters"        # relative to this file
//! format = ["pdf", "png"]
//! pdf-standard = ["a-2b"]
//! font-path = ["fonts"]      # relative to this file
//! exclude = ["drafts/**"]    # below the folders built
//! time-limit = 60            # seconds one charter's build may take
//! memory-limit = 2048        # MB one charter's build may use
//!
//! [build.options]            # the theme's options (see `charter themes`)
//! primary = "#8b0000"
//! qr = false
//!
//! [lint]
//! select = ["ALL"]           # codes, names, or code prefixes such as "T" or "C00"
//! ignore = ["cell-too-long"]
//! levels = { days-without-basis = "error", T004 = "off" }
//!
//! [[lint.overrides]]         # later overrides win; globs relative to this file
//! files = ["archive/*.yaml"]
//! ignore = ["review-overdue"]
//!
//! [report]                   # `charter report`; `crate::register::settings` reads it
//! dates = "day-first"        # how 02/03/2026 is read: "day-first" or "month-first"
//! country = "KE"             # whose public holidays (else the charter's `country`)
//! closures = ["2026-04-10", { date = "2026-06-12", why = "Staff retreat" }]
//! target = 95                # % of requests the office aims to complete in time
//! targets = { "3" = 90 }     # per service, by its number or name
//! columns = { service = ["Huduma Na."], received = ["Date in"] }
//! complaints = "Malalamiko"  # the standard complaints are measured against
//! hours = "08:00-17:00"      # when the office is open (else read from the charter)
//! holidays-through = 2026    # years past charter's holidays: list their movable ones
//!                            # (Idd, proclamations) under `closures`
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::paper::Paper;

/// The file's name.
pub const CONFIG_FILE: &str = "charter.toml";

/// The configuration cannot be used: the tool cannot run as asked (exit status 2).
#[derive(Debug, thiserror::Error)]
#[error("`{}`: {message}", crate::files::display_path(path))]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

/// One `charter.toml`, read and checked.
#[derive(Debug, Default)]
pub struct ConfigFile {
    /// Where it was read from (empty for the defaults, when there is no file).
    pub path: PathBuf,
    pub build: BuildTable,
    pub lint: LintTable,
    pub report: ReportTable,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    #[serde(default)]
    build: BuildTable,
    #[serde(default)]
    lint: LintTable,
    #[serde(default)]
    report: ReportTable,
}

/// The `[build]` table, with its paths made relative to the current folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildTable {
    pub theme: Option<String>,
    pub paper: Option<Paper>,
    pub landscape: Option<bool>,
    pub layout: Option<String>,
    pub out_dir: Option<PathBuf>,
    pub format: Option<Vec<String>>,
    pub pdf_standard: Option<Vec<String>>,
    pub font_path: Option<Vec<PathBuf>>,
    /// Globs of paths to leave out below the folders built (`drafts/**`).
    pub exclude: Option<Vec<String>>,
    pub time_limit: Option<u64>,
    pub memory_limit: Option<u64>,
    #[serde(default)]
    pub options: BTreeMap<String, toml::Value>,
}

/// The `[lint]` table as written; `crate::lint::config` gives the rule names meaning.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintTable {
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub levels: HashMap<String, String>,
    #[serde(default)]
    pub overrides: Vec<LintOverride>,
}

/// The `[report]` table as written; `crate::register::settings` gives it meaning (the
/// charter's services, the columns a register may have).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTable {
    pub dates: Option<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub closures: Vec<Closure>,
    pub target: Option<f64>,
    #[serde(default)]
    pub targets: BTreeMap<String, f64>,
    #[serde(default)]
    pub columns: BTreeMap<String, OneOrMany>,
    /// The standard complaints are measured against, by its name or its first words.
    pub complaints: Option<String>,
    /// When the office is open (`08:00-17:00`): promises in hours are kept in that time.
    pub hours: Option<String>,
    /// The last year whose holidays the office vouches for, when charter's holiday file
    /// stops earlier: the year's movable holidays are then its `closures`.
    #[serde(rename = "holidays-through")]
    pub holidays_through: Option<i16>,
}

/// A day the office was closed: its date, alone or with why.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Closure {
    // First: a table is a value too.
    Why { date: toml::Value, why: String },
    Date(toml::Value),
}

/// A heading, or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let many: &[String] = match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        };
        many.iter().map(String::as_str)
    }
}

/// One `[[lint.overrides]]` entry: settings for the files its globs match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintOverride {
    pub files: Vec<String>,
    pub select: Option<Vec<String>>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub levels: HashMap<String, String>,
}

impl ConfigFile {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
        let text = crate::files::read_text(path, crate::limits::CONFIG_BYTES).map_err(|e| {
            ConfigError {
                path: path.to_owned(),
                message: format!("cannot read it: {e}"),
            }
        })?;
        ConfigFile::parse(&text, path)
    }

    /// Reads `text` as the file at `path`: relative paths in `[build]` are taken from the
    /// file's folder.
    pub fn parse(text: &str, path: &Path) -> Result<ConfigFile, ConfigError> {
        let tables: Tables = toml::from_str(text).map_err(|e| ConfigError {
            path: path.to_owned(),
            // With the line, column and line of the file, as toml shows them.
            message: e.to_string().trim_end().to_owned(),
        })?;
        let mut build = tables.build;
        let base = crate::files::folder_of(path);
        let rebase = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        build.out_dir = build.out_dir.map(rebase);
        build.font_path = build
            .font_path
            .map(|paths| paths.into_iter().map(rebase).collect());
        if let Some(theme) = &build.theme
            && (theme.contains('/') || theme.contains('\\') || base.join(theme).is_dir())
        {
            build.theme = Some(rebase(PathBuf::from(theme)).to_string_lossy().into_owned());
        }
        Ok(ConfigFile {
            path: path.to_owned(),
            build,
            lint: tables.lint,
            report: tables.report,
        })
    }

    /// The folder the file is in: `[[lint.overrides]]` globs are relative to it.
    pub fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

impl BuildTable {
    /// An option's value as it would be written after `--set NAME=`.
    pub fn option_text(value: &toml::Value) -> String {
        match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Integer(i) => i.to_string(),
            toml::Value::Float(f) => f.to_string(),
            other => format!("{other:?}"),
        }
    }
}

/// Finds the `charter.toml` that applies to a path: the nearest at or above it, each
/// folder asked once (a batch has many charters in few folders), each file read once.
#[derive(Default)]
pub struct Finder {
    folders: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Arc<ConfigFile>>,
}

impl Finder {
    /// The path of the nearest `charter.toml` at or above `path` (a file's folder, or the
    /// folder itself).
    pub fn find(&mut self, path: &Path) -> Option<PathBuf> {
        let start = if path.is_dir() {
            path
        } else {
            crate::files::folder_of(path)
        };
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_owned());
        let mut visited = Vec::new();
        let mut found = None;
        let mut dir = Some(start.as_path());
        while let Some(current) = dir {
            if let Some(cached) = self.folders.get(current) {
                found = cached.clone();
                break;
            }
            visited.push(current.to_owned());
            let candidate = current.join(CONFIG_FILE);
            if candidate.is_file() {
                found = Some(candidate);
                break;
            }
            dir = current.parent();
        }
        for folder in visited {
            self.folders.insert(folder, found.clone());
        }
        found
    }

    /// The file at `path`, read the first time it is asked for.
    pub fn load(&mut self, path: &Path) -> Result<Arc<ConfigFile>, ConfigError> {
        if let Some(file) = self.loaded.get(path) {
            return Ok(file.clone());
        }
        let file = Arc::new(ConfigFile::load(path)?);
        self.loaded.insert(path.to_owned(), file.clone());
        Ok(file)
    }

    /// The configuration for `path`: `named` (`--config`) when given, else the nearest
    /// file; `None` when there is none.
    pub fn config_for(
        &mut self,
        path: &Path,
        named: Option<&Path>,
    ) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        let found = match named {
            Some(named) => Some(named.to_owned()),
            None => self.find(path),
        };
        found.map(|p| self.load(&p)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(
            &path,
            "[lint]\nignore = [\"T001\"]\n[build]\ntheme = \"./mine\"\npaper = \"a1\"\nout-dir = \"posters\"\n[build.options]\nqr = false\n",
        )
        .unwrap();
        let config = ConfigFile::load(&path).unwrap();
        assert_eq!(config.build.paper, Some(Paper::A1));
        assert_eq!(config.build.out_dir, Some(dir.path().join("posters")));
        assert_eq!(
            config.build.theme,
            Some(dir.path().join("./mine").to_string_lossy().into_owned())
        );
        assert_eq!(
            BuildTable::option_text(&config.build.options["qr"]),
            "false"
        );
        assert_eq!(config.lint.ignore, ["T001"]);
    }

    #[test]
    fn unknown_keys_are_refused_in_either_table() {
        for text in [
            "[build]\npaper = \"a1\"\nthme = \"kenya\"\n",
            "[lint]\nsellect = []\n",
            "[bild]\n",
        ] {
            let error = ConfigFile::parse(text, Path::new("charter.toml")).unwrap_err();
            let key = ["thme", "sellect", "bild"]
                .into_iter()
                .find(|k| text.contains(k))
                .unwrap();
            assert!(error.message.contains(key), "{error}");
            assert!(error.to_string().starts_with("`charter.toml`"), "{error}");
        }
    }

    #[test]
    fn the_nearest_file_at_or_above_a_path_is_found_once_per_folder() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("county/lands");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(nested.join("a.yaml"), "").unwrap();
        let mut finder = Finder::default();
        assert_eq!(finder.find(&nested.join("a.yaml")), None);
        std::fs::write(dir.path().join(CONFIG_FILE), "").unwrap();
        // Remembered per folder within one run.
        assert_eq!(finder.find(&nested.join("a.yaml")), None);
        let mut finder = Finder::default();
        let top = std::path::absolute(dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(finder.find(&nested.join("a.yaml")), Some(top.clone()));
        assert_eq!(finder.find(&nested), Some(top.clone()));
        std::fs::write(nested.join(CONFIG_FILE), "").unwrap();
        let mut finder = Finder::default();
        assert_eq!(
            finder.find(&nested),
            Some(std::path::absolute(nested.join(CONFIG_FILE)).unwrap()),
            "a folder is searched from itself"
        );
        assert_eq!(finder.find(dir.path()), Some(top));
    }
}
