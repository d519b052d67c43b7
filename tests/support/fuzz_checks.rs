//! What each fuzz target checks, on one input. Shared by the cargo-fuzz targets (`fuzz/`)
//! and by `cargo test`, which runs every input a fuzzer once found failing
//! (`tests/fuzz/<target>/`) through the same check.

#![allow(dead_code)]

use charter::diagnostic::Diagnostic;
use charter::lint::config::LintConfig;
use charter::load::{Loaded, load};
use charter::source::SourceFile;
use charter::span::Span;
use charter::yaml::{Node, NodeKind};

fn loaded(data: &[u8]) -> Loaded {
    load(SourceFile::from_bytes(
        std::path::Path::new("fuzz.yaml"),
        data.to_vec(),
    ))
}

/// Every report of every diagnostic, as each output format writes it.
fn render_all(loaded: &Loaded, diagnostics: &[&Diagnostic]) {
    let reporter = charter::report::HumanReporter::new(false, 80);
    for d in diagnostics {
        let _ = reporter.render(&loaded.source, d);
        let _ = charter::report::formats::concise_line(&loaded.source, d);
        let _ = charter::report::formats::github_line(&loaded.source, d);
    }
    let _ = charter::report::json_report([(&loaded.source, diagnostics.to_vec())]);
    let _ = charter::report::formats::sarif([(&loaded.source, diagnostics.to_vec())]);
}

/// `load`: any bytes are read, decoded and reported without a panic.
pub fn load_bytes(data: &[u8]) {
    let loaded = loaded(data);
    let diagnostics: Vec<&Diagnostic> = loaded.diagnostics.iter().collect();
    render_all(&loaded, &diagnostics);
    if let Some(charter) = &loaded.charter {
        let _ = charter::view::View::new(charter, &Default::default());
    }
}

/// `lint_fix`: lint any text, apply its fixes; what `fix::apply` writes must differ from
/// the original only in the fixed values (checked here on the YAML trees, independently
/// of the proof inside `apply`), and a valid charter stays valid.
pub fn lint_fix(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = jiff::civil::date(2026, 1, 1);
    let path = std::path::Path::new("fuzz.yaml");
    let linted =
        charter::lint::batch::lint_text(path, text.to_owned(), &LintConfig::default(), today);
    let loaded = loaded(data);
    let diagnostics: Vec<&Diagnostic> = linted.findings.iter().map(|f| &f.diagnostic).collect();
    render_all(&loaded, &diagnostics);
    let fixes: Vec<_> = linted
        .findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .collect();
    if fixes.is_empty() {
        return;
    }
    let fixed = charter::lint::fix::apply(text, &fixes);
    if fixed.applied == 0 {
        assert_eq!(fixed.text, text, "nothing applied, nothing changed");
        return;
    }
    let tree =
        |text: &str| charter::yaml::parse(&SourceFile::new("fuzz.yaml", text)).map(|d| d.root);
    let before = tree(text).expect("a file with fixes is valid YAML");
    let after = tree(&fixed.text).expect("a fixed file is valid YAML");
    let refused: Vec<Span> = fixed.refused.iter().map(|(span, _)| *span).collect();
    let mut values = std::collections::HashMap::new();
    for fix in &fixes {
        if !refused.contains(&fix.span) {
            values.insert(fix.span, fix.value.as_str());
        }
    }
    assert_same_but(&before, &after, &values);
    if loaded.is_valid() {
        let again = charter::load::load_source(SourceFile::new(path, fixed.text.clone()));
        assert!(
            again.is_valid(),
            "a fix broke a valid charter:\n{}",
            fixed.text
        );
    }
}

/// `after` is `before` with the scalars at the spans of `values` holding those values.
fn assert_same_but(before: &Node, after: &Node, values: &std::collections::HashMap<Span, &str>) {
    if let Some(value) = values.get(&before.span) {
        match &after.kind {
            NodeKind::Scalar(s) => assert_eq!(s.text(), *value),
            other => panic!("a fixed value became {other:?}"),
        }
        return;
    }
    match (&before.kind, &after.kind) {
        (NodeKind::Null, NodeKind::Null) => {}
        (NodeKind::Scalar(a), NodeKind::Scalar(b)) => assert_eq!(a, b),
        (NodeKind::Seq(a), NodeKind::Seq(b)) => {
            assert_eq!(a.len(), b.len());
            for (a, b) in a.iter().zip(b) {
                assert_same_but(a, b, values);
            }
        }
        (NodeKind::Map(a), NodeKind::Map(b)) => {
            assert_eq!(a.len(), b.len());
            for ((ka, a), (kb, b)) in a.iter().zip(b) {
                assert_eq!(ka.name, kb.name);
                assert_same_but(a, b, values);
            }
        }
        (a, b) => panic!("{a:?} became {b:?}"),
    }
}

/// `diff`: two charters from one input (split at the first `\0`, or in the middle),
/// compared both ways and written as JSON.
pub fn diff(data: &[u8]) {
    let cut = data.iter().position(|&b| b == 0).unwrap_or(data.len() / 2);
    let (a, b) = data.split_at(cut);
    let b = b.strip_prefix(b"\0").unwrap_or(b);
    let (a, b) = (loaded(a), loaded(b));
    if let (Some(a), Some(b)) = (&a.charter, &b.charter) {
        for changes in [charter::diff::diff(a, b), charter::diff::diff(b, a)] {
            let _ = serde_json::to_string(&changes).expect("a diff serialises");
            let _ = changes.weaker();
        }
        assert!(
            charter::diff::diff(a, a).is_empty(),
            "a charter differs from itself"
        );
    }
}

/// A folder to serve: an output folder with a page, a PDF and a link out of it, beside
/// a secret that must never be served.
fn served_folder() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("charter-fuzz-serve-{}", std::process::id()));
        let out = dir.join("out");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::write(dir.join("secret.txt"), SECRET).unwrap();
        std::fs::write(out.join("kitui.html"), "<html><body>page</body></html>").unwrap();
        std::fs::write(out.join("sub/kitui.pdf"), "%PDF-1.7 x").unwrap();
        std::fs::write(out.join(".charter-build.json"), SECRET).unwrap();
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink(dir.join("secret.txt"), out.join("link.txt"));
            let _ = std::os::unix::fs::symlink(&dir, out.join("up"));
        }
        out
    })
}

const SECRET: &str = "SECRET-NOT-TO-BE-SERVED";

/// `serve_request`: any bytes sent to the preview server get an HTTP answer (or none),
/// never a panic, and never a file from outside the output folder.
pub fn serve_request(data: &[u8]) {
    let snapshot = charter::preview::Snapshot {
        charters: vec![charter::preview::CharterState {
            name: "kitui.yaml".into(),
            stem: "kitui".into(),
            html: Some("kitui.html".into()),
            pdf: Some("sub/kitui.pdf".into()),
            problems: None,
        }],
    };
    let answer = charter::preview::server::answer_raw(data, served_folder(), snapshot);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1."),
        "{answer}"
    );
    assert!(
        !answer.contains(SECRET),
        "served what is outside:\n{answer}"
    );
}
