//! The `[build]` table of `charter.toml`: the settings a team builds with, so nobody has to
//! remember the flags. Flags on the command line win over the file.
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
//! ```
//!
//! The file is the first `charter.toml` found walking up from the current folder (as zola
//! and mdBook find their project), or the one `--config` names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::lint::config::CONFIG_FILE;
use crate::paper::Paper;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    build: BuildConfig,
    /// Lint's table, read by `crate::lint::config`.
    #[serde(default)]
    #[allow(dead_code)]
    lint: Option<toml::Table>,
}

/// Build settings from `charter.toml`, with paths made relative to the current folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
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

impl BuildConfig {
    /// Reads the `[build]` table of `path`; relative paths in it are taken from the file's
    /// folder.
    pub fn load(path: &Path) -> Result<BuildConfig, String> {
        let text = crate::files::read_text(path, crate::limits::CONFIG_BYTES)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let file: File =
            toml::from_str(&text).map_err(|e| format!("`{}`: {}", path.display(), e.message()))?;
        let mut config = file.build;
        let base = path.parent().unwrap_or(Path::new("."));
        let rebase = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        config.out_dir = config.out_dir.map(rebase);
        config.font_path = config
            .font_path
            .map(|paths| paths.into_iter().map(rebase).collect());
        if let Some(theme) = &config.theme
            && (theme.contains('/') || theme.contains('\\') || base.join(theme).is_dir())
        {
            config.theme = Some(rebase(PathBuf::from(theme)).to_string_lossy().into_owned());
        }
        Ok(config)
    }

    /// The nearest `charter.toml` above `start` (inclusive).
    pub fn find(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            .find(|candidate| candidate.is_file())
    }

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
        let config = BuildConfig::load(&path).unwrap();
        assert_eq!(config.paper, Some(Paper::A1));
        assert_eq!(config.out_dir, Some(dir.path().join("posters")));
        assert_eq!(
            config.theme,
            Some(dir.path().join("./mine").to_string_lossy().into_owned())
        );
        assert_eq!(BuildConfig::option_text(&config.options["qr"]), "false");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, "[build]\npaper = \"a1\"\nthme = \"kenya\"\n").unwrap();
        let error = BuildConfig::load(&path).unwrap_err();
        assert!(error.contains("thme"), "{error}");
    }
}
