//! Hostile charters, made on the fly (a 10 MB file is not committed): shared by the fault
//! tests (`tests/it/faults.rs`) and the bench (`benches/build.rs`).

use std::path::Path;

/// Each hostile file as (a label, its name, its text). `root` is the repository.
pub fn hostile_charters(root: &Path) -> Vec<(&'static str, &'static str, String)> {
    // 10 MB: refused before it is read whole.
    let mut huge = String::from("organization:\n  name: Big\nservices:\n");
    while huge.len() < 10_000_000 {
        huge.push_str("  - name: A service that repeats to make the file enormous\n");
    }
    // 1,000 levels deep, by indentation and by brackets.
    let mut deep = String::from("organization:\n");
    for level in 0..1000 {
        deep.push_str(&format!("{}k{level}:\n", "  ".repeat(level + 1)));
    }
    let brackets = format!("organization: {}{}\n", "[".repeat(1000), "]".repeat(1000));
    // An alias bomb: a billion values from a few lines (with a charter's key, so a walk
    // reads it as a charter).
    let bomb = std::fs::read_to_string(root.join("tests/check/yaml-syntax-alias-bomb.yaml"))
        .expect("the alias bomb fixture")
        .replace("a: &a", "organization: &a");
    vec![
        ("10 MB file", "huge.yaml", huge),
        ("1,000 levels deep", "deep.yaml", deep),
        ("brackets 1,000 deep", "brackets.yaml", brackets),
        ("alias bomb", "bomb.yaml", bomb),
    ]
}

/// Problems far along one line: past column 65,535 (where a snippet's caret can no longer
/// be padded) and a span longer than that. Returns (file name, text).
pub fn long_line_charters() -> Vec<(String, String)> {
    let filler = "x".repeat(70_000);
    vec![
        (
            "far-key.yaml".into(),
            format!("languages: [en]\ntitle: T\norganization: {{name: {filler}, nme: 1}}\n"),
        ),
        (
            "far-syntax.yaml".into(),
            format!("languages: [en]\ntitle: T\norganization: {{name: {filler}, \"bad}}\n"),
        ),
        (
            "long-value.yaml".into(),
            format!("languages: [en]\ntitle: T\norganization:\n  name: [{filler}]\n"),
        ),
        (
            "long-key.yaml".into(),
            format!("languages: [en]\ntitle: T\norganization:\n  name: N\n  {filler}: 1\n"),
        ),
    ]
}
