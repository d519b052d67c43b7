//! `charter diff OLD NEW`: what changed between two versions of a charter.

use std::fmt::Write;
use std::path::PathBuf;

use super::{Color, Format, err, out, outln, print_error, status, terminal_width};
use crate::diff::{CharterDiff, Direction, diff};
use crate::load::load;
use crate::model::Charter;
use crate::report::HumanReporter;
use crate::source::SourceFile;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier version.
    pub old: PathBuf,
    /// The later version.
    pub new: PathBuf,
    /// `human` or `json` (on stdout).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Exit statuses as `diff` has them: 0 the same, 1 different, 2 trouble.
pub fn run(args: Args, color: Color) -> u8 {
    let (Some(old), Some(new)) = (read(&args.old, color), read(&args.new, color)) else {
        return status::FAILURE;
    };
    let changes = diff(&old, &new);
    match args.format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&changes).unwrap_or_default()
        ),
        Format::Human => out!("{}", human(&changes)),
    }
    if changes.is_empty() {
        status::OK
    } else {
        status::PROBLEMS
    }
}

/// Loads a charter; a file that is not a valid charter cannot be compared.
fn read(path: &std::path::Path, color: Color) -> Option<Charter> {
    let read = match SourceFile::read(path) {
        Ok(read) => read,
        Err(error) => {
            print_error(&error);
            return None;
        }
    };
    let loaded = load(read);
    if loaded.charter.is_none() {
        let reporter = HumanReporter::new(color.for_stderr(), terminal_width());
        for d in &loaded.diagnostics {
            err!("{}", reporter.render(&loaded.source, d));
        }
        print_error(&format!(
            "`{}` is not a valid charter; fix it with `charter check` first",
            path.display()
        ));
    }
    loaded.charter
}

fn human(d: &CharterDiff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let s = &d.services;
    if !(s.added.is_empty() && s.removed.is_empty() && s.renamed.is_empty() && s.changed.is_empty())
    {
        out.push_str("Services\n");
        for name in &s.added {
            let _ = writeln!(out, "  + added    “{name}”");
        }
        for name in &s.removed {
            let _ = writeln!(out, "  - removed  “{name}”   WEAKER: no longer offered");
        }
        for r in &s.renamed {
            let _ = writeln!(out, "  ~ renamed  “{}” → “{}”", r.from, r.to);
        }
        for change in &s.changed {
            let _ = writeln!(out, "  “{}”", change.service);
            for c in &change.changes {
                let old = c.old.as_deref().unwrap_or("—");
                let new = c.new.as_deref().unwrap_or("—");
                let what = match (&c.old, &c.new) {
                    (None, Some(_)) => format!("+ {new}"),
                    (Some(_), None) => format!("- {old}"),
                    _ => format!("{old} → {new}"),
                };
                let verdict = match (c.direction, c.why) {
                    (Some(Direction::Weaker), Some(why)) => format!("   WEAKER: {why}"),
                    (Some(Direction::Stronger), Some(why)) => format!("   stronger: {why}"),
                    (None, Some(why)) => format!("   ({why})"),
                    _ => String::new(),
                };
                let field = c.column.as_deref().unwrap_or(c.field);
                let _ = writeln!(out, "      {field:<13} {what}{verdict}");
                if let Some(case) = &c.case {
                    let _ = writeln!(out, "      {:<13} for “{case}”", "");
                }
            }
        }
    }
    for (title, list) in [("Contacts", &d.contacts), ("Standards", &d.standards)] {
        if list.added.is_empty() && list.removed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title}");
        for item in &list.removed {
            let _ = writeln!(out, "  - {item}");
        }
        for item in &list.added {
            let _ = writeln!(out, "  + {item}");
        }
    }
    if !d.other.is_empty() {
        let _ = writeln!(out, "Also changed: {}", d.other.join(", "));
    }
    let weaker = d.weaker();
    if weaker > 0 {
        let commitments = if weaker == 1 {
            "1 commitment"
        } else {
            &format!("{weaker} commitments")
        };
        let _ = writeln!(out, "\n{commitments} got weaker.");
    }
    out
}
