//! `charter rule`: the documentation of a lint rule, or the list of all of them.

use super::{out, outln, print_error, status};
use crate::lint::{find_rule, rules};

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["rule", "all"])))]
pub struct Args {
    /// A rule's code (`T001`) or name (`timeline-not-measurable`).
    pub rule: Option<String>,

    /// List every rule with its code, name, level and summary.
    #[arg(long)]
    pub all: bool,

    /// With `--all`: print every rule's documentation as one Markdown page.
    #[arg(long, requires = "all")]
    pub markdown: bool,
}

pub fn run(args: Args) -> u8 {
    if args.all && args.markdown {
        out!("{}", crate::lint::rules_markdown());
        return status::OK;
    }
    if args.all {
        outln!("{:<6} {:<28} {:<8} summary", "code", "name", "level");
        for rule in rules::ALL {
            let meta = rule.meta();
            let fix = if meta.fixable { " [fix]" } else { "" };
            outln!(
                "{:<6} {:<28} {:<8} {}{fix}",
                meta.id.code,
                meta.id.name,
                meta.level.as_str(),
                meta.summary
            );
        }
        return status::OK;
    }
    let name = args.rule.unwrap_or_default();
    match find_rule(&name) {
        Some(rule) => {
            let meta = rule.meta();
            outln!("# {} ({})\n", meta.id.name, meta.id.code);
            outln!(
                "Default level: {}. {}\n",
                meta.level.as_str(),
                if meta.fixable {
                    "Fixable with `--fix`."
                } else {
                    ""
                }
            );
            out!("{}", meta.docs);
            status::OK
        }
        None if crate::diagnostic::Code::ALL
            .iter()
            .any(|c| c.as_str().eq_ignore_ascii_case(&name) || c.name() == name) =>
        {
            let register = name.to_ascii_uppercase().starts_with("E5")
                || crate::diagnostic::Code::ALL
                    .iter()
                    .any(|c| c.name() == name && c.as_str().starts_with("E5"));
            print_error(&if register {
                format!(
                    "`{name}` is a problem `charter report` finds in a register, not a lint rule; docs/report.md lists them under \"Problems in a register\""
                )
            } else {
                format!(
                    "`{name}` is a problem `charter check` reports, not a lint rule; docs/format.md lists them under \"Problem codes\""
                )
            });
            status::FAILURE
        }
        None => {
            let names = rules::ALL.iter().map(|r| r.meta().id.name);
            let hint = crate::suggest::did_you_mean(&name, names)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| "; `charter rule --all` lists them".into());
            print_error(&format!("there is no rule `{name}`{hint}"));
            status::FAILURE
        }
    }
}
