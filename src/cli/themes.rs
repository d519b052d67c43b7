//! `charter themes`: the built-in themes (or one theme folder), with their options.

use super::{outln, print_error, status};
use crate::theme::{Theme, builtin_names};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only this theme: a built-in name or a theme folder.
    #[arg(value_name = "NAME|DIR")]
    pub theme: Option<String>,
}

pub fn run(args: Args) -> u8 {
    let names = match &args.theme {
        Some(theme) => vec![theme.clone()],
        None => builtin_names(),
    };
    for (i, name) in names.iter().enumerate() {
        let theme = match Theme::load(name) {
            Ok(theme) => theme,
            Err(error) => {
                print_error(&error);
                return status::FAILURE;
            }
        };
        if i > 0 {
            outln!("");
        }
        describe(&theme);
    }
    if args.theme.is_none() {
        outln!("");
        outln!("Use one with `charter build --theme NAME`; set an option with `--set NAME=VALUE`.");
    }
    status::OK
}

fn describe(theme: &Theme) {
    let m = &theme.manifest;
    outln!("{} {}", m.name, m.version);
    outln!("  {}", m.description);
    let papers: Vec<&str> = m.papers.iter().map(|p| p.name()).collect();
    outln!(
        "  papers:  {} (default {})",
        papers.join(", "),
        m.default_paper.map_or("a3", |p| p.name())
    );
    outln!("  layouts: {}", m.layouts.join(", "));
    outln!(
        "  PDF:     {}",
        if m.pdf_ua {
            "PDF/A-2b and PDF/UA-1 (accessible)"
        } else {
            "PDF/A-2b"
        }
    );
    if m.options.is_empty() {
        return;
    }
    outln!("  options:");
    let width = m.options.keys().map(String::len).max().unwrap_or(0);
    for (name, spec) in &m.options {
        let default = spec.default_text();
        let kind = match spec.kind {
            crate::theme::OptionKind::Choice => spec.choices.join("|"),
            kind => format!("{kind:?}").to_lowercase(),
        };
        outln!(
            "    {name:width$}  {} [{kind}, default {default}]",
            spec.description
        );
    }
}
