//! Themes: how a charter looks. A theme is a folder with a `theme.toml` manifest, a
//! `poster.typ` and a `handbook.typ` (Typst), and assets such as fonts under `fonts/`.
//!
//! Built-in themes (`themes/<name>/` in the source tree) are embedded in the binary, so the
//! tool needs nothing beside it. A user's theme is a folder given with `--theme DIR`; when its
//! manifest says `extends = "<built-in>"`, every file it does not hold is taken from that
//! built-in theme, so a user can override a single file (as mdBook and Jekyll allow).

mod diagnostic;
mod manifest;

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

pub use diagnostic::ThemeDiagnostic;
pub use manifest::{BodySize, Manifest, OptionKind, OptionSpec};

use crate::suggest::did_you_mean;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes");

/// The theme used when none is named.
pub const DEFAULT: &str = "kenya";

/// A theme ready to build with: its manifest and where its files come from.
#[derive(Debug)]
pub struct Theme {
    pub manifest: Manifest,
    /// Where files are looked up, first match wins: the user's folder, then the built-in
    /// theme it extends.
    layers: Vec<Layer>,
}

#[derive(Debug)]
enum Layer {
    Dir(PathBuf),
    Builtin(&'static Dir<'static>),
}

/// A theme file and the name to show for it in diagnostics.
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    /// `kenya theme: poster.typ` for a built-in file, the real path for a user's file.
    pub display: String,
}

/// Why a theme cannot be used. These are operational errors: they are about the command
/// line or the theme's author, not about a charter.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("there is no built-in theme `{name}`{suggestion}; built-in themes: {available}")]
    Unknown {
        name: String,
        suggestion: String,
        available: String,
    },
    #[error("`{}` has no `theme.toml`: a theme folder needs a manifest (see `charter themes`)", .0.display())]
    NoManifest(PathBuf),
    #[error("there is no theme folder `{}`: give a built-in theme's name or the path of a folder holding a `theme.toml`", .0.display())]
    NoFolder(PathBuf),
    #[error("cannot read `{}`: {message}", path.display())]
    Read { path: PathBuf, message: String },
    #[error("`{path}` is not a valid theme manifest: {message}")]
    BadManifest { path: String, message: String },
    #[error("the theme folder `{}` holds {what}; a theme may not hold more (see docs/limits.md)", path.display())]
    TooBig { path: PathBuf, what: String },
    #[error("theme `{theme}` needs charter {needed} or newer; this is {}", env!("CARGO_PKG_VERSION"))]
    TooNew { theme: String, needed: String },
}

/// How [`Theme::spec`] names a built-in theme.
pub const BUILTIN_PREFIX: &str = "builtin:";

impl Theme {
    /// A built-in theme by name, or a theme folder by path. A value that names an existing
    /// folder, or contains a slash, is a path; `builtin:NAME` is always the built-in one
    /// (what [`Theme::spec`] gives a build worker, which must load the theme its parent
    /// loaded even if a folder of that name has appeared since: the output folder, say).
    pub fn load(spec: &str) -> Result<Theme, ThemeError> {
        if let Some(name) = spec.strip_prefix(BUILTIN_PREFIX) {
            return Theme::builtin(name);
        }
        let path = Path::new(spec);
        if path.is_dir() || spec.contains('/') || spec.contains('\\') {
            Theme::from_dir(path)
        } else {
            Theme::builtin(spec)
        }
    }

    /// A built-in theme.
    pub fn builtin(name: &str) -> Result<Theme, ThemeError> {
        let Some(dir) = BUILTIN.get_dir(name) else {
            let names = builtin_names();
            return Err(ThemeError::Unknown {
                name: name.to_owned(),
                suggestion: did_you_mean(name, names.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default(),
                available: names.join(", "),
            });
        };
        let display = format!("{name} theme: theme.toml");
        let text = dir
            .get_file(dir.path().join("theme.toml"))
            .and_then(|f| f.contents_utf8())
            .ok_or_else(|| ThemeError::BadManifest {
                path: display.clone(),
                message: "missing".into(),
            })?;
        let mut manifest: Manifest = toml::from_str(text).map_err(|e| ThemeError::BadManifest {
            path: display.clone(),
            message: e.message().to_owned(),
        })?;
        let mut layers = vec![Layer::Builtin(dir)];
        // A built-in theme may rest on another (the Philippine theme on kenya's poster and
        // page), as a user's theme may; never on itself.
        if let Some(parent) = manifest.extends.clone().filter(|p| p != name) {
            let parent = Theme::builtin(&parent)?;
            manifest = manifest.inherit(&parent.manifest);
            layers.extend(parent.layers);
        }
        check_manifest(&manifest, &display)?;
        Ok(Theme { manifest, layers })
    }

    /// A user's theme folder.
    pub fn from_dir(dir: &Path) -> Result<Theme, ThemeError> {
        if !dir.is_dir() {
            return Err(ThemeError::NoFolder(dir.to_owned()));
        }
        let path = dir.join("theme.toml");
        let read_error = |e: crate::files::ReadError| ThemeError::Read {
            path: path.clone(),
            message: e.to_string(),
        };
        let Some(bytes) =
            crate::files::read_inside(dir, Path::new("theme.toml"), crate::limits::CONFIG_BYTES)
                .map_err(read_error)?
        else {
            return Err(ThemeError::NoManifest(dir.to_owned()));
        };
        let text = String::from_utf8(bytes).map_err(|_| ThemeError::Read {
            path: path.clone(),
            message: "it is not UTF-8 text".into(),
        })?;
        let display = path.to_string_lossy().replace('\\', "/");
        let mut manifest: Manifest =
            toml::from_str(&text).map_err(|e| ThemeError::BadManifest {
                path: display.clone(),
                message: e.message().to_owned(),
            })?;
        let mut layers = vec![Layer::Dir(dir.to_owned())];
        if let Some(parent) = manifest.extends.clone() {
            let parent = Theme::builtin(&parent)?;
            manifest = manifest.inherit(&parent.manifest);
            layers.extend(parent.layers);
        }
        check_manifest(&manifest, &display)?;
        Ok(Theme { manifest, layers })
    }

    pub fn name(&self) -> &str {
        &self.manifest.name
    }

    /// How to load this same theme again ([`Theme::load`]) from the same folder: its
    /// folder as given (so messages show it as the user wrote it), or `builtin:NAME`.
    pub fn spec(&self) -> String {
        match self.layers.first() {
            Some(Layer::Dir(dir)) => dir.to_string_lossy().into_owned(),
            Some(Layer::Builtin(dir)) => format!("{BUILTIN_PREFIX}{}", dir.path().display()),
            None => format!("{BUILTIN_PREFIX}{DEFAULT}"),
        }
    }

    /// A file of the theme by its path inside the theme (`poster.typ`, `fonts/x.otf`).
    /// Theme files never reach outside the theme's folder: not by `..`, and not by a link
    /// (a theme cloned from someone else could link `secret.txt` to `~/.ssh/id_rsa` and
    /// print it on a poster): the real path must be inside the folder. A file that is not
    /// a regular file, or is bigger than [`crate::limits::THEME_FILE_BYTES`], is not
    /// served either; [`Theme::refusal`] says why.
    pub fn file(&self, path: &str) -> Option<ThemeFile> {
        self.lookup(path).ok().flatten()
    }

    /// Why [`Theme::file`] gives nothing for `path` though a file is there (a link out of
    /// the theme, a FIFO, a file too big); `None` when there is simply no such file.
    pub fn refusal(&self, path: &str) -> Option<String> {
        self.lookup(path).err()
    }

    fn lookup(&self, path: &str) -> Result<Option<ThemeFile>, String> {
        let path = path.trim_start_matches('/');
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Ok(None);
        }
        for layer in &self.layers {
            let found = match layer {
                Layer::Dir(dir) => {
                    let full = dir.join(path);
                    crate::files::read_inside(dir, Path::new(path), crate::limits::THEME_FILE_BYTES)
                        .map_err(|e| format!("`{}`: {e}", crate::files::display_path(&full)))?
                        .map(|bytes| ThemeFile {
                            bytes,
                            display: crate::files::display_path(&full),
                        })
                }
                Layer::Builtin(dir) => dir.get_file(dir.path().join(path)).map(|file| ThemeFile {
                    bytes: file.contents().to_vec(),
                    display: format!("{} theme: {path}", dir.path().display()),
                }),
            };
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// Every file of the theme with one of `extensions` (`html`, `css`), as paths inside
    /// the theme, each as the top layer has it: a user's file hides the built-in one. A
    /// file the theme may not read (a link out of the folder, a FIFO, one too big) is an
    /// error naming it, not a file silently passed over.
    pub fn files_with(&self, extensions: &[&str]) -> Result<Vec<(String, ThemeFile)>, String> {
        let wanted = |path: &Path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        };
        let mut paths = std::collections::BTreeSet::new();
        for layer in &self.layers {
            match layer {
                Layer::Dir(dir) => {
                    for entry in walkdir::WalkDir::new(dir)
                        .follow_links(true)
                        .into_iter()
                        .flatten()
                    {
                        if !entry.file_type().is_dir()
                            && wanted(entry.path())
                            && let Ok(relative) = entry.path().strip_prefix(dir)
                        {
                            paths.insert(relative.to_string_lossy().replace('\\', "/"));
                        }
                    }
                }
                Layer::Builtin(dir) => collect_builtin(dir, dir.path(), &wanted, &mut paths),
            }
        }
        let mut files = Vec::new();
        for path in paths {
            match self.lookup(&path)? {
                Some(file) => files.push((path, file)),
                None => continue,
            }
        }
        Ok(files)
    }

    /// Every file that can change what this theme makes, for the incremental build's
    /// fingerprint: each file of a theme folder with its path; a built-in layer by name
    /// only (its files are part of the tool, which the fingerprint covers). Only what the
    /// theme may read counts: regular files whose real path is inside the folder, hidden
    /// entries (`.git`) left out; a folder with more than [`crate::limits::THEME_FILES`]
    /// files or [`crate::limits::THEME_BYTES`] in all is refused, since every build reads
    /// it whole.
    pub fn fingerprint_files(&self, mut each: impl FnMut(&str, &[u8])) -> Result<(), ThemeError> {
        use crate::limits::{THEME_BYTES, THEME_FILE_BYTES, THEME_FILES};
        let mut files = 0;
        let mut total = 0u64;
        for layer in &self.layers {
            match layer {
                Layer::Dir(dir) => {
                    let too_big = |what: String| ThemeError::TooBig {
                        path: dir.clone(),
                        what,
                    };
                    for entry in walkdir::WalkDir::new(dir)
                        .follow_links(true)
                        .sort_by_file_name()
                        .into_iter()
                        .filter_entry(|e| {
                            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                        })
                        .flatten()
                        .filter(|e| e.file_type().is_file())
                    {
                        let Ok(relative) = entry.path().strip_prefix(dir) else {
                            continue;
                        };
                        let Ok(Some(bytes)) =
                            crate::files::read_inside(dir, relative, THEME_FILE_BYTES)
                        else {
                            continue;
                        };
                        total += bytes.len() as u64;
                        files += 1;
                        if files > THEME_FILES {
                            return Err(too_big(format!("more than {THEME_FILES} files")));
                        }
                        if total > THEME_BYTES {
                            return Err(too_big(format!(
                                "more than {} MB of files",
                                THEME_BYTES / (1024 * 1024)
                            )));
                        }
                        each(&entry.path().to_string_lossy(), &bytes);
                    }
                }
                Layer::Builtin(dir) => each(&format!("built-in {}", dir.path().display()), &[]),
            }
        }
        Ok(())
    }

    /// The folders of a user's theme (not the built-in layers), for `charter watch`.
    pub fn folders(&self) -> Vec<PathBuf> {
        self.layers
            .iter()
            .filter_map(|layer| match layer {
                Layer::Dir(dir) => Some(dir.clone()),
                Layer::Builtin(_) => None,
            })
            .collect()
    }

    /// The built-in theme this one rests on (itself, for a built-in theme), whose files a
    /// template may extend by name: `{% extends "kenya/page.html" %}`.
    pub fn builtin_base(&self) -> Option<Theme> {
        self.layers.iter().find_map(|layer| match layer {
            Layer::Builtin(dir) => Some(Theme {
                manifest: self.manifest.clone(),
                layers: vec![Layer::Builtin(dir)],
            }),
            Layer::Dir(_) => None,
        })
    }

    /// The name of the built-in theme this one rests on.
    pub fn builtin_name(&self) -> Option<String> {
        self.layers.iter().find_map(|layer| match layer {
            Layer::Builtin(dir) => Some(dir.path().to_string_lossy().into_owned()),
            Layer::Dir(_) => None,
        })
    }

    /// Every font file the theme ships under `fonts/`, user's first (read as any theme
    /// file is: inside the folder, within the limit).
    pub fn fonts(&self) -> Vec<Vec<u8>> {
        let mut fonts = Vec::new();
        for layer in &self.layers {
            match layer {
                Layer::Dir(dir) => {
                    for entry in walkdir::WalkDir::new(dir.join("fonts"))
                        .sort_by_file_name()
                        .into_iter()
                        .flatten()
                    {
                        if is_font(entry.path())
                            && let Ok(relative) = entry.path().strip_prefix(dir)
                            && let Ok(Some(bytes)) = crate::files::read_inside(
                                dir,
                                relative,
                                crate::limits::THEME_FILE_BYTES,
                            )
                        {
                            fonts.push(bytes);
                        }
                    }
                }
                Layer::Builtin(dir) => {
                    if let Some(fonts_dir) = dir.get_dir(dir.path().join("fonts")) {
                        for file in fonts_dir.files() {
                            if is_font(file.path()) {
                                fonts.push(file.contents().to_vec());
                            }
                        }
                    }
                }
            }
        }
        fonts
    }
}

fn collect_builtin(
    dir: &Dir<'static>,
    root: &Path,
    wanted: &impl Fn(&Path) -> bool,
    paths: &mut std::collections::BTreeSet<String>,
) {
    for file in dir.files() {
        if wanted(file.path())
            && let Ok(relative) = file.path().strip_prefix(root)
        {
            paths.insert(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, root, wanted, paths);
    }
}

pub(crate) fn is_font(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_lowercase().as_str(), "otf" | "ttf" | "ttc" | "otc"))
}

fn check_manifest(manifest: &Manifest, display: &str) -> Result<(), ThemeError> {
    let problems = manifest.problems();
    if !problems.is_empty() {
        return Err(ThemeError::BadManifest {
            path: display.to_owned(),
            message: problems.join("; "),
        });
    }
    if version_newer(&manifest.charter_version, env!("CARGO_PKG_VERSION")) {
        return Err(ThemeError::TooNew {
            theme: manifest.name.clone(),
            needed: manifest.charter_version.clone(),
        });
    }
    Ok(())
}

/// Whether version `a` is newer than `b` (both `major.minor.patch`, missing parts are 0).
fn version_newer(a: &str, b: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    let (mut a, mut b) = (parts(a), parts(b));
    a.resize(3, 0);
    b.resize(3, 0);
    a > b
}

/// The names of the built-in themes, sorted.
pub fn builtin_names() -> Vec<String> {
    let mut names: Vec<String> = BUILTIN
        .dirs()
        .filter(|d| d.get_file(d.path().join("theme.toml")).is_some())
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_loads_and_has_its_layouts() {
        let names = builtin_names();
        assert!(names.len() >= 2, "{names:?}");
        for name in names {
            let theme = Theme::builtin(&name).unwrap();
            assert_eq!(theme.manifest.name, name);
            for layout in &theme.manifest.layouts {
                assert!(
                    theme.file(&format!("{layout}.typ")).is_some(),
                    "{name} lacks {layout}.typ"
                );
            }
        }
    }

    #[test]
    fn theme_files_never_reach_outside_the_theme() {
        let theme = Theme::builtin(DEFAULT).unwrap();
        assert!(theme.file("theme.toml").is_some());
        assert!(theme.file("../README.md").is_none());
        assert!(theme.file("/../../Cargo.toml").is_none());
    }

    #[test]
    fn unknown_theme_suggests_a_close_name() {
        let error = Theme::builtin("kenia").unwrap_err().to_string();
        assert!(error.contains("did you mean `kenya`?"), "{error}");
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(version_newer("0.10.0", "0.9.1"));
        assert!(!version_newer("0.1", "0.1.0"));
    }
}
