use super::declare_rule;
use crate::lint::walk::services;
use crate::model::{Basis, Duration, TimelineKind, Unit};

/// A duration in comparable terms: minutes for times within a day, days otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Span {
    Minutes(u64),
    Days(u64),
}

fn measure(d: &Duration) -> Option<Span> {
    let n = u64::from(d.max.unwrap_or(d.amount));
    Some(match d.unit? {
        Unit::Seconds => Span::Minutes(n.div_ceil(60)),
        Unit::Minutes => Span::Minutes(n),
        Unit::Hours => Span::Minutes(n * 60),
        Unit::Days => Span::Days(n),
        Unit::Weeks => Span::Days(
            n * if d.basis == Some(Basis::Working) {
                5
            } else {
                7
            },
        ),
        Unit::Months | Unit::Years => return None,
    })
}

fn describe(span: Span) -> String {
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    match span {
        Span::Minutes(m) if m % 60 == 0 => plural(m / 60, "hour"),
        Span::Minutes(m) => plural(m, "minute"),
        Span::Days(d) => plural(d, "day"),
    }
}

declare_rule! {
    StepTimesMismatch, "T007", "step-times-mismatch", Warning, fixable: false,
    summary: "Step times that do not add up to the service's timeline.",
    docs: "## What it does
For a service with steps, adds up the time of each step and compares the sum with the
service's timeline.

## Why it matters
The step table and the total are two promises about the same service. When they disagree,
the office will keep the longer one and the citizen expects the shorter; the Philippine
Citizen's Charter rules require the TOTAL row to equal the sum for this reason.

## Example
```yaml
timeline: 1 hour
steps:
  - {client: Submit the form, time: 30 minutes}
  - {agency: Print the permit, time: 45 minutes}
```

## How to fix
Correct the step times or the total so that they agree.
",
    check(cx, out) {
        for s in services(cx) {
            let service = s.service;
            let Some(total) = &service.timeline else { continue };
            let TimelineKind::Duration(total_duration) = &total.kind else { continue };
            let Some(total_span) = measure(total_duration) else { continue };
            // Only steps whose times are all durations in comparable units can be summed.
            let steps: Option<Vec<Span>> = service
                .steps
                .iter()
                .filter_map(|step| step.time.as_ref())
                .map(|time| match &time.kind {
                    TimelineKind::Duration(d) => measure(d),
                    TimelineKind::Text { .. } => None,
                })
                .collect();
            let Some(steps) = steps.filter(|s| !s.is_empty()) else { continue };
            let sum = steps.iter().try_fold(None::<Span>, |acc, span| match (acc, *span) {
                (None, s) => Some(Some(s)),
                (Some(Span::Minutes(a)), Span::Minutes(b)) => Some(Some(Span::Minutes(a + b))),
                (Some(Span::Days(a)), Span::Days(b)) => Some(Some(Span::Days(a + b))),
                _ => None,
            });
            let Some(Some(sum)) = sum else { continue };
            let comparable = matches!(
                (sum, total_span),
                (Span::Minutes(_), Span::Minutes(_)) | (Span::Days(_), Span::Days(_))
            );
            if comparable && sum != total_span {
                out.push(
                    total.span,
                    format!(
                        "the steps of {} add up to {}, but its timeline says {}",
                        s.label,
                        describe(sum),
                        describe(total_span)
                    ),
                    "does not match the steps",
                )
                .hint("correct the step times or the total so that they agree");
            }
        }
    }
}
