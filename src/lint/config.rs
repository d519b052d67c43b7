//! The `[lint]` table of `charter.toml` (read by `crate::config`) given meaning: which
//! rules run and at what level, for a tree of charters.
//!
//! ```toml
//! [lint]
//! select = ["ALL"]                 # codes, names, or code prefixes such as "T" or "C00"
//! ignore = ["cell-too-long"]
//! levels = { days-without-basis = "error", T004 = "off" }
//!
//! [[lint.overrides]]               # later overrides win
//! files = ["charters/archive/*.yaml"]
//! ignore = ["review-overdue"]
//! ```
//!
//! The file that applies is the nearest at or above each charter (`crate::config::Finder`);
//! `--config` names one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{ConfigError, ConfigFile, Finder};
use crate::diagnostic::Severity;
use crate::lint::{Rule, rules};
use crate::suggest::did_you_mean;

/// Rule levels after `select`, `ignore` and `levels`: `None` means the rule is off.
#[derive(Clone, Debug)]
pub struct Levels(Vec<Option<Severity>>);

impl Levels {
    /// Every rule on at its default level.
    pub fn defaults() -> Self {
        Levels(rules::ALL.iter().map(|r| Some(r.meta().level)).collect())
    }

    /// The level of rule number `index` in [`rules::ALL`].
    pub fn get(&self, index: usize) -> Option<Severity> {
        self.0[index]
    }

    fn apply(&mut self, settings: &Settings) {
        if let Some(select) = &settings.select {
            for (i, level) in self.0.iter_mut().enumerate() {
                if !select.iter().any(|m| m.matches(i)) {
                    *level = None;
                }
            }
        }
        for (i, level) in self.0.iter_mut().enumerate() {
            if settings.ignore.iter().any(|m| m.matches(i)) {
                *level = None;
            }
        }
        for (matcher, new) in &settings.levels {
            for (i, level) in self.0.iter_mut().enumerate() {
                if matcher.matches(i) {
                    *level = *new;
                }
            }
        }
    }
}

/// Rules named in configuration: all, a code prefix, or one rule.
#[derive(Clone, Debug)]
enum Matcher {
    All,
    Prefix(String),
    Rule(usize),
}

impl Matcher {
    fn matches(&self, index: usize) -> bool {
        match self {
            Matcher::All => true,
            Matcher::Prefix(prefix) => rules::ALL[index]
                .meta()
                .id
                .code
                .starts_with(prefix.as_str()),
            Matcher::Rule(i) => *i == index,
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Settings {
    select: Option<Vec<Matcher>>,
    ignore: Vec<Matcher>,
    levels: Vec<(Matcher, Option<Severity>)>,
}

#[derive(Clone, Debug)]
struct Override {
    files: GlobSet,
    settings: Settings,
}

/// The rule settings of one `charter.toml`: base settings and per-file overrides. The
/// default (no file) runs every rule at its own level.
#[derive(Clone, Debug, Default)]
pub struct LintConfig {
    /// The folder the configuration file is in; override globs are relative to it.
    root: PathBuf,
    base: Settings,
    overrides: Vec<Override>,
}

impl LintConfig {
    /// Gives the `[lint]` table's rule names and levels meaning; an unknown rule or level is
    /// an error naming the file.
    pub fn new(file: &ConfigFile) -> Result<LintConfig, ConfigError> {
        let error = |message: String| ConfigError {
            path: file.path.clone(),
            message,
        };
        let lint = &file.lint;
        let base = settings(&lint.select, &lint.ignore, &lint.levels).map_err(error)?;
        let mut overrides = Vec::new();
        for table in &lint.overrides {
            let mut builder = GlobSetBuilder::new();
            for pattern in &table.files {
                builder.add(
                    Glob::new(pattern)
                        .map_err(|e| error(format!("bad pattern `{pattern}`: {e}")))?,
                );
            }
            overrides.push(Override {
                files: builder.build().map_err(|e| error(e.to_string()))?,
                settings: settings(&table.select, &table.ignore, &table.levels).map_err(error)?,
            });
        }
        Ok(LintConfig {
            root: file.folder().to_owned(),
            base,
            overrides,
        })
    }

    /// The levels that apply to the charter at `path`.
    pub fn levels_for(&self, path: &Path) -> Levels {
        let mut levels = Levels::defaults();
        levels.apply(&self.base);
        let absolute = absolute(path);
        let relative = absolute
            .strip_prefix(absolute_root(&self.root))
            .map(Path::to_owned)
            .unwrap_or_else(|_| path.to_owned());
        for o in &self.overrides {
            if o.files.is_match(&relative) || o.files.is_match(path) {
                levels.apply(&o.settings);
            }
        }
        levels
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

fn absolute_root(root: &Path) -> PathBuf {
    if root.as_os_str().is_empty() {
        absolute(Path::new("."))
    } else {
        absolute(root)
    }
}

fn settings(
    select: &Option<Vec<String>>,
    ignore: &[String],
    levels: &HashMap<String, String>,
) -> Result<Settings, String> {
    let select = select
        .as_ref()
        .map(|s| s.iter().map(|m| matcher(m)).collect::<Result<Vec<_>, _>>())
        .transpose()?;
    let ignore = ignore
        .iter()
        .map(|m| matcher(m))
        .collect::<Result<Vec<_>, _>>()?;
    let mut parsed = Vec::new();
    let mut names: Vec<_> = levels.iter().collect();
    names.sort();
    for (name, level) in names {
        let level = match level.as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "off" => None,
            other => {
                return Err(format!(
                    "`{other}` is not a level for `{name}`: use error, warning, info or off"
                ));
            }
        };
        parsed.push((matcher(name)?, level));
    }
    Ok(Settings {
        select,
        ignore,
        levels: parsed,
    })
}

/// Reads a rule reference: `ALL`, a code (`T001`), a name (`timeline-range`) or a code
/// prefix (`T`, `C00`).
fn matcher(text: &str) -> Result<Matcher, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(Matcher::All);
    }
    if let Some(i) = rules::ALL.iter().position(|r| is_rule(*r, text)) {
        return Ok(Matcher::Rule(i));
    }
    let upper = text.to_uppercase();
    if !upper.is_empty()
        && rules::ALL
            .iter()
            .any(|r| r.meta().id.code.starts_with(&upper))
    {
        return Ok(Matcher::Prefix(upper));
    }
    let names = rules::ALL.iter().map(|r| r.meta().id.name);
    Err(match did_you_mean(text, names) {
        Some(close) => format!("there is no rule `{text}`; did you mean `{close}`?"),
        None => format!("there is no rule `{text}`; `charter rule --all` lists them"),
    })
}

fn is_rule(rule: &dyn Rule, text: &str) -> bool {
    let id = rule.meta().id;
    id.code.eq_ignore_ascii_case(text) || id.name.eq_ignore_ascii_case(text)
}

/// The rule settings for each charter of a run: `--config` when given, else the nearest
/// `charter.toml` (`crate::config::Finder`), each file read and given meaning once.
#[derive(Default)]
pub struct LintConfigs {
    named: Option<PathBuf>,
    finder: Finder,
    made: HashMap<PathBuf, Arc<LintConfig>>,
    default: Arc<LintConfig>,
}

impl LintConfigs {
    /// `named`: the file `--config` names, for every charter.
    pub fn new(named: Option<PathBuf>) -> Self {
        LintConfigs {
            named,
            ..LintConfigs::default()
        }
    }

    /// The settings for the charter at `path`.
    pub fn for_charter(&mut self, path: &Path) -> Result<Arc<LintConfig>, ConfigError> {
        let found = match &self.named {
            Some(named) => Some(named.clone()),
            None => self.finder.find(path),
        };
        let Some(found) = found else {
            return Ok(self.default.clone());
        };
        if let Some(made) = self.made.get(&found) {
            return Ok(made.clone());
        }
        let file = self.finder.load(&found)?;
        let made = Arc::new(LintConfig::new(&file)?);
        self.made.insert(found, made.clone());
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, path: &str) -> Result<LintConfig, ConfigError> {
        LintConfig::new(&ConfigFile::parse(text, Path::new(path))?)
    }

    fn level(levels: &Levels, name: &str) -> Option<Severity> {
        let i = rules::ALL
            .iter()
            .position(|r| r.meta().id.name == name)
            .unwrap();
        levels.get(i)
    }

    #[test]
    fn select_ignore_levels_and_overrides() {
        let config = parse(
            r#"
[lint]
select = ["T", "fee-not-fixed"]
ignore = ["T004"]
levels = { days-without-basis = "error" }

[[lint.overrides]]
files = ["old/*.yaml"]
levels = { T001 = "off" }
"#,
            "/r/charter.toml",
        )
        .unwrap();
        let levels = config.levels_for(Path::new("/r/new.yaml"));
        assert_eq!(
            level(&levels, "timeline-not-measurable"),
            Some(Severity::Error)
        );
        assert_eq!(level(&levels, "timeline-range"), None);
        assert_eq!(level(&levels, "days-without-basis"), Some(Severity::Error));
        assert_eq!(level(&levels, "fee-not-fixed"), Some(Severity::Error));
        assert_eq!(level(&levels, "malformed-email"), None);
        let old = config.levels_for(Path::new("/r/old/a.yaml"));
        assert_eq!(level(&old, "timeline-not-measurable"), None);
    }

    #[test]
    fn unknown_rules_are_config_errors() {
        let err = parse("[lint]\nignore = [\"timeline-rnage\"]\n", "charter.toml").unwrap_err();
        assert!(
            err.message.contains("did you mean `timeline-range`"),
            "{}",
            err.message
        );
        let err = parse("[lint]\nsellect = []\n", "charter.toml").unwrap_err();
        assert!(err.message.contains("sellect"), "{}", err.message);
    }
}
