use super::declare_rule;
use crate::lint::walk::services;
use crate::model::TimelineKind;
use crate::model::timeline::Length;

fn describe(length: Length) -> String {
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    let minutes = match length.minutes {
        0 => None,
        m if m % 60 == 0 => Some(plural(m / 60, "hour")),
        m if m > 60 => Some(format!(
            "{} and {}",
            plural(m / 60, "hour"),
            plural(m % 60, "minute")
        )),
        m => Some(plural(m, "minute")),
    };
    match (length.days, minutes) {
        (0, Some(m)) => m,
        (d, None) => plural(d, "day"),
        (d, Some(m)) if m.contains(" and ") => format!("{}, {m}", plural(d, "day")),
        (d, Some(m)) => format!("{} and {m}", plural(d, "day")),
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
            let Some(total_length) = total_duration.length() else { continue };
            // Only steps whose times are all durations can be summed.
            let steps: Option<Vec<Length>> = service
                .steps
                .iter()
                .filter_map(|step| step.time.as_ref())
                .map(|time| match &time.kind {
                    TimelineKind::Duration(d) => d.length(),
                    _ => None,
                })
                .collect();
            let Some(steps) = steps.filter(|s| !s.is_empty()) else { continue };
            let sum = steps.iter().fold(Length::default(), |a, b| a.plus(*b));
            if !sum.agrees(total_length) {
                out.push(
                    total.span,
                    format!(
                        "the steps of {} add up to {}, but its timeline says {}",
                        s.label,
                        describe(sum),
                        describe(total_length)
                    ),
                    "does not match the steps",
                )
                .hint("correct the step times or the total so that they agree");
            }
        }
    }
}
