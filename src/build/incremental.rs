//! Incremental builds: a charter whose inputs have not changed since its outputs were
//! written is not built again.
//!
//! "Inputs" are everything that can change an output, compared by content (SHA-256), never
//! by modification time, since a `git checkout` resets every file's time:
//! - the charter file and every file it references (its logo), each hashed;
//! - the run's fingerprint: the tool (version, plus the executable's size and time, so a
//!   rebuilt development binary counts as a new tool), every file of a theme folder, the
//!   options and formats of the run, and every font under `--font-path`.
//!
//! What was built is recorded in `.charter-build.json` in the output folder, one entry per
//! output stem (`kitui/poster` for `out/kitui/poster.pdf`). An entry also keeps the
//! charter's warnings, so a charter that is skipped still reports them (and
//! `--deny-warnings` still sees them). Failed charters are never recorded: they are tried
//! again on the next run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostic::stored::StoredDiagnostic;
pub use crate::files::sha256;
use crate::render::Input;
use crate::render::Settings;
use crate::theme::Theme;

/// The record's name in the output folder (hidden, so walking the folder skips it).
pub const MANIFEST: &str = ".charter-build.json";

/// Bumped when the record's shape changes: an older record is then ignored.
const FORMAT: u32 = 1;

/// What was built into one output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    format: u32,
    /// By output stem, relative to the output folder, with `/` separators.
    pub entries: BTreeMap<String, Entry>,
}

/// One charter's last successful build.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The charter's path from the output folder (so moving the whole project keeps the
    /// record valid), to tell when it has gone.
    pub source: PathBuf,
    /// The run's fingerprint (see [`fingerprint`]).
    pub run: String,
    pub charter: String,
    /// Files the charter referenced, with their hashes.
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
    pub warnings: Vec<StoredDiagnostic>,
    pub pages: usize,
    pub paper: crate::paper::Paper,
    pub body_size: f64,
}

/// An output file, relative to the output folder.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Output {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

impl Manifest {
    /// The record in `out`; an absent, unreadable or older record is an empty one (every
    /// charter is then built, which is always safe).
    pub fn load(out: &Path) -> Manifest {
        crate::files::read(&out.join(MANIFEST), crate::limits::RECORD_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .filter(|m| m.format == FORMAT)
            .unwrap_or_default()
    }

    pub fn save(&mut self, out: &Path) -> Result<(), crate::error::Error> {
        self.format = FORMAT;
        let json = serde_json::to_string_pretty(self).expect("the record serialises");
        crate::files::write_atomic(&out.join(MANIFEST), json.as_bytes())
    }

    /// Entries whose charter file no longer exists.
    pub fn orphans(&self, out: &Path) -> Vec<(&str, &Entry)> {
        self.entries
            .iter()
            .filter(|(_, entry)| !out.join(&entry.source).exists())
            .map(|(stem, entry)| (stem.as_str(), entry))
            .collect()
    }
}

impl Entry {
    /// Whether the outputs this entry records are what the same inputs would give now:
    /// same run, same charter text, same referenced files, and every output still there
    /// with its recorded content (read back and hashed: two runs whose PDFs have the same
    /// size, or a build killed after writing a PDF and before recording it, must not pass
    /// for each other).
    pub fn is_fresh(&self, run: &str, charter: &str, out: &Path) -> bool {
        let same = |path: &Path, limit: u64, sha: &str| {
            crate::files::read(path, limit).is_ok_and(|bytes| sha256(&bytes) == sha)
        };
        self.run == run
            && self.charter == charter
            && self
                .inputs
                .iter()
                .all(|input| same(&input.path, crate::limits::LOGO_BYTES, &input.sha256))
            && self.outputs.iter().all(|output| {
                output.bytes <= crate::limits::OUTPUT_BYTES
                    && same(&out.join(&output.path), output.bytes, &output.sha256)
            })
            && self.warnings.iter().all(|w| w.restore().is_some())
    }
}

/// The run's fingerprint: what every charter of the run is built with.
pub fn fingerprint(
    theme: &Theme,
    settings: &Settings,
    fonts: &[(PathBuf, String)],
) -> Result<String, crate::theme::ThemeError> {
    let mut hash = Sha256::new();
    let mut part = |label: &str, bytes: &[u8]| {
        hash.update(label.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    };
    part("tool", env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(exe) = std::env::current_exe().and_then(std::fs::metadata) {
        let time = exe
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        part("exe", format!("{} {time}", exe.len()).as_bytes());
    }
    // The manifest as parsed for this run, besides its file: `theme.toml` saved after it
    // was read must not be recorded as what the outputs were built with.
    part(
        "theme manifest",
        serde_json::to_string(&theme.manifest)
            .expect("a manifest serialises")
            .as_bytes(),
    );
    theme.fingerprint_files(|path, bytes| {
        part("theme file", path.as_bytes());
        part("theme bytes", bytes);
    })?;
    part(
        "settings",
        format!(
            "{:?} {} {:?} {} {:?} {:?} {:?}",
            settings.paper,
            settings.landscape,
            settings.layout,
            serde_json::Value::Object(settings.options.clone()),
            settings.standards.names(),
            settings.sheets,
            settings.formats,
        )
        .as_bytes(),
    );
    // The date of a charter without `issued:` (see `build::date`).
    part(
        "SOURCE_DATE_EPOCH",
        std::env::var("SOURCE_DATE_EPOCH")
            .unwrap_or_default()
            .as_bytes(),
    );
    for (path, sha) in fonts {
        part("font", path.to_string_lossy().as_bytes());
        part("font sha256", sha.as_bytes());
    }
    Ok(format!("{:x}", hash.finalize()))
}

/// `out/kitui/poster` → `kitui/poster`: an output stem as the record names it.
pub fn stem_key(out: &Path, stem: &Path) -> String {
    crate::files::display_path(stem.strip_prefix(out).unwrap_or(stem))
}

/// `out/../charters/x.yaml` → `charters/x.yaml`, by the path's words alone (for messages).
pub fn tidy(path: &Path) -> PathBuf {
    let mut tidy = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    tidy.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                tidy.pop();
            }
            other => tidy.push(other),
        }
    }
    tidy
}

/// A charter's path as the record keeps it: from the output folder (`../charters/x.yaml`),
/// or absolute when there is no such path (another drive).
pub fn source_key(out: &Path, file: &Path) -> PathBuf {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let file = absolute(file);
    pathdiff::diff_paths(&file, absolute(out)).unwrap_or(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the outputs were built with is the manifest as parsed, which the fingerprint
    /// covers apart from the file (saved again, maybe, since it was read).
    #[test]
    fn the_parsed_manifest_is_part_of_the_fingerprint() {
        let mut theme = crate::theme::Theme::builtin("kenya").unwrap();
        let settings = Settings::defaults(&theme).unwrap();
        let before = fingerprint(&theme, &settings, &[]).unwrap();
        assert_eq!(
            before,
            fingerprint(&theme, &settings, &[]).unwrap(),
            "the same run has the same fingerprint"
        );
        theme.manifest.pdf_ua = !theme.manifest.pdf_ua;
        assert_ne!(before, fingerprint(&theme, &settings, &[]).unwrap());
    }
}
