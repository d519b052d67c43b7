//! Running the rules on one charter: levels from configuration, then suppressions.

use crate::diagnostic::Severity;
use crate::lint::config::Levels;
use crate::lint::{Finding, Findings, LintContext, rules, suppress};

/// Runs every enabled rule on a valid charter and applies the charter's suppression
/// comments. Findings come sorted by position, whole-charter findings first.
pub fn lint(cx: &LintContext, levels: &Levels) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, rule) in rules::ALL.iter().enumerate() {
        let Some(level) = levels.get(index) else {
            continue;
        };
        let mut out = Findings::new(rule.meta());
        rule.check(cx, &mut out);
        for mut finding in out.items {
            finding.diagnostic.severity = level;
            findings.push(finding);
        }
    }
    let mut findings = apply_suppressions(cx, findings, levels);
    findings.sort_by_key(|f| f.diagnostic.span.map_or((0, 0), |s| (s.offset + 1, s.len)));
    findings
}

fn level_of(rule: &'static dyn crate::lint::Rule, levels: &Levels) -> Option<Severity> {
    let index = rules::ALL
        .iter()
        .position(|r| std::ptr::eq(r.meta(), rule.meta()))?;
    levels.get(index)
}

fn apply_suppressions(cx: &LintContext, findings: Vec<Finding>, levels: &Levels) -> Vec<Finding> {
    let text = &cx.source.text;
    let suppressions = suppress::parse(text);
    if suppressions.is_empty() {
        return findings;
    }
    let mut used = vec![Vec::new(); suppressions.len()];
    for (i, s) in suppressions.iter().enumerate() {
        used[i] = vec![false; s.rules.len()];
    }
    let lines = crate::lines::LineIndex::new(text);
    let mut kept = Vec::new();
    'findings: for finding in findings {
        let line = finding
            .diagnostic
            .span
            .map_or(0, |s| lines.position(s.offset).0);
        let id = finding.diagnostic.code;
        for (i, suppression) in suppressions.iter().enumerate() {
            if line < suppression.line || line > suppression.until {
                continue;
            }
            if let Some(r) = suppression.rules.iter().position(|r| {
                r.name.eq_ignore_ascii_case(id.code) || r.name.eq_ignore_ascii_case(id.name)
            }) {
                used[i][r] = true;
                continue 'findings;
            }
        }
        kept.push(finding);
    }

    let unused_rule = rules::unused_suppression();
    if let Some(level) = level_of(unused_rule, levels) {
        let mut out = Findings::new(unused_rule.meta());
        for (i, suppression) in suppressions.iter().enumerate() {
            for (r, rule) in suppression.rules.iter().enumerate() {
                if used[i][r] {
                    continue;
                }
                let known = crate::lint::find_rule(&rule.name).is_some();
                let message = if known {
                    format!("this suppression of `{}` excuses nothing", rule.name)
                } else {
                    format!(
                        "`{}` is not a rule, so this suppression excuses nothing",
                        rule.name
                    )
                };
                out.push(rule.span, message, "nothing to excuse here")
                    .hint("remove it, or move it to the line it is meant for");
            }
        }
        kept.extend(out.items.into_iter().map(|mut f| {
            f.diagnostic.severity = level;
            f
        }));
    }

    let reason_rule = rules::suppression_without_reason();
    if let Some(level) = level_of(reason_rule, levels) {
        let mut out = Findings::new(reason_rule.meta());
        for suppression in suppressions.iter().filter(|s| s.reason.is_none()) {
            out.push(
                suppression.span,
                "this suppression gives no reason",
                "why is this accepted?",
            )
            .hint(
                "say why after `--`, such as `# charter: allow T001 -- events have no fixed time`",
            );
        }
        kept.extend(out.items.into_iter().map(|mut f| {
            f.diagnostic.severity = level;
            f
        }));
    }
    kept
}
