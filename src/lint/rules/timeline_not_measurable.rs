use super::declare_rule;
use crate::lint::walk::timelines;
use crate::model::TimelineKind;
use crate::reading::{Unread, read_time};

declare_rule! {
    TimelineNotMeasurable, "T001", "timeline-not-measurable", Error, fixable: false,
    summary: "A timeline given in words instead of a duration.",
    docs: "## What it does
Finds timelines whose words state no time (`timeline: {text: ...}`): \"Muda halisi\",
\"Continuous\", \"as per contract\".

## Why it matters
A citizen can only hold an office to a promise they can measure. \"Real time\", \"prompt
attention\" or \"as per contract\" cannot be checked against a clock, so a complaint that the
service was late cannot succeed.

## Example
The Kitui County Office of the Governor promises several services in `Muda halisi` (\"real
time\"):

```yaml
timeline: {text: Muda halisi}
```

## How to fix
State the longest time the service may take, counted from a clear start:

```yaml
timeline: 7 working days
```
",
    check(cx, out) {
        for (place, timeline) in timelines(cx) {
            let (TimelineKind::Vague, Some(text)) = (&timeline.kind, &timeline.written) else {
                continue;
            };
            // Words that almost state a time: say what kept them from being read.
            let unclear = text.all().find_map(|words| match read_time(words) {
                Err(Unread::Unclear(why)) => Some(why),
                _ => None,
            });
            let hint = match unclear {
                Some(why) => format!(
                    "{why}; if the office meant a time, keep its words in `text` and add \
                     what they mean: `amount` and `unit`, or `cases`"
                ),
                None => format!(
                    "state the longest time the service may take, such as {}",
                    crate::lint::example_duration(cx)
                ),
            };
            out.push(
                timeline.span,
                format!("{place} cannot be measured: {}", cx.quote(text)),
                "not a duration",
            )
            .hint(hint);
        }
    }
}
