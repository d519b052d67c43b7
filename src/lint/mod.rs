//! Lint: is this a *good* charter? `check` says whether a file is well-formed; lint finds
//! what makes a well-formed charter unenforceable for citizens — vague timelines,
//! open-ended fees, broken contacts, no independent place to complain.
//!
//! As in ruff, each rule lives in its own file under `rules/`, with a stable code, a
//! kebab-case name, a default level and its documentation; `rules::ALL` lists them.

pub mod batch;
pub mod config;
mod context;
pub mod fix;
pub mod rules;
mod run;
pub mod suppress;
pub mod walk;
pub mod words;

pub use context::LintContext;
pub use run::lint;

use crate::diagnostic::{Diagnostic, Id, Severity};
use crate::span::Span;

/// What a rule is: its identity, default level and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub id: Id,
    /// The level a finding has unless configuration says otherwise.
    pub level: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown with the sections "What it does", "Why it matters", "Example" and "How to
    /// fix", printed by `charter rule`.
    pub docs: &'static str,
    /// Whether `--fix` can repair what it finds.
    pub fixable: bool,
}

/// A lint rule. `check` pushes one finding per problem; levels are applied afterwards.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &LintContext, out: &mut Findings);
}

/// A safe, mechanical repair: the scalar at `span` should hold `value` (how to write it in
/// YAML, and proving nothing else changes, is [`fix::apply`]'s job).
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub span: Span,
    pub value: String,
}

/// One problem found by a rule.
#[derive(Clone, Debug)]
pub struct Finding {
    pub diagnostic: Diagnostic,
    pub fix: Option<Fix>,
}

/// The findings of one rule on one charter, created with the rule's identity and level.
pub struct Findings {
    meta: &'static RuleMeta,
    pub items: Vec<Finding>,
}

impl Findings {
    pub fn new(meta: &'static RuleMeta) -> Self {
        Self {
            meta,
            items: Vec::new(),
        }
    }

    /// Reports a finding at `span` with the label under the caret.
    pub fn push(
        &mut self,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> &mut Finding {
        let diagnostic = Diagnostic::new(self.meta.id, self.meta.level, message).at(span, label);
        self.items.push(Finding {
            diagnostic,
            fix: None,
        });
        self.items.last_mut().expect("just pushed")
    }

    /// Reports a finding about the whole charter.
    pub fn push_file(&mut self, message: impl Into<String>) -> &mut Finding {
        let diagnostic = Diagnostic::new(self.meta.id, self.meta.level, message);
        self.items.push(Finding {
            diagnostic,
            fix: None,
        });
        self.items.last_mut().expect("just pushed")
    }
}

impl Finding {
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.diagnostic.hint = Some(hint.into());
        self
    }

    pub fn fix(&mut self, span: Span, value: impl Into<String>) -> &mut Self {
        self.fix = Some(Fix {
            span,
            value: value.into(),
        });
        self
    }
}

/// Finds a rule by code (`T001`) or name (`timeline-not-measurable`), ignoring case.
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    rules::ALL.iter().copied().find(|rule| {
        let id = rule.meta().id;
        id.code.eq_ignore_ascii_case(code_or_name) || id.name.eq_ignore_ascii_case(code_or_name)
    })
}

/// Every rule's documentation as one Markdown page (`docs/rules.md`, kept current by a
/// test; regenerate with `charter rule --all --markdown > docs/rules.md`).
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Lint rules\n\nGenerated from the rules' own documentation by `charter rule --all --markdown`.\n\
         Configure them in `charter.toml` (see the README) and suppress one finding with\n\
         `# charter: allow CODE -- reason` next to the value.\n\n\
         | code | name | level | fix | summary |\n|---|---|---|---|---|\n",
    );
    for rule in rules::ALL {
        let m = rule.meta();
        out.push_str(&format!(
            "| {} | [`{}`](#{}) | {} | {} | {} |\n",
            m.id.code,
            m.id.name,
            m.id.name,
            m.level.as_str(),
            if m.fixable { "yes" } else { "" },
            m.summary
        ));
    }
    for rule in rules::ALL {
        let m = rule.meta();
        let docs = m.docs.replace("\n## ", "\n### ");
        let docs = docs
            .strip_prefix("## ")
            .map_or(docs.clone(), |d| format!("### {d}"));
        out.push_str(&format!(
            "\n## {}\n\n`{}` · default level: {}{}\n\n{}",
            m.id.name,
            m.id.code,
            m.level.as_str(),
            if m.fixable {
                " · fixable with `--fix`"
            } else {
                ""
            },
            docs
        ));
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// "`7 working days`", in the charter's languages ("`7 working days` or `siku 7 za kazi`"),
/// for hints that show how to write a time.
pub fn example_duration(cx: &LintContext) -> String {
    let seven = crate::reading::Measure {
        basis: Some(crate::reading::Basis::Working),
        ..crate::reading::Measure::new(7, crate::reading::Unit::Days)
    };
    cx.charter
        .languages
        .iter()
        .map(|lang| {
            let locale = crate::locale::Locale::get(lang.as_str())
                .unwrap_or_else(crate::locale::Locale::fallback);
            format!("`{}`", locale.duration(&seven))
        })
        .collect::<Vec<_>>()
        .join(" or ")
}
