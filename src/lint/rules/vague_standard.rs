use super::declare_rule;
use crate::lint::words::{first_in, words};

declare_rule! {
    VagueStandard, "T006", "vague-standard", Warning, fixable: false,
    summary: "A service standard that promises speed without a measure.",
    docs: "## What it does
Finds service standards that promise speed in words (\"as soon as possible\", \"promptly\",
\"haraka iwezekanavyo\") and give no `timeline`.

## Why it matters
Standards are what reviewers and the Ombudsman measure an office against. \"As soon as
possible\" can never be missed, so it can never be enforced.

## Example
The Kilosa charter: `Tutashughulikia rufaa zote haraka iwezekanavyo` (\"we will handle all
appeals as soon as possible\").

## How to fix
Give the standard a measurable timeline:

```yaml
- name: Rufaa
  text: Tutashughulikia rufaa zote ndani ya siku 14 za kazi.
  timeline: siku 14 za kazi
```
",
    check(cx, out) {
        for group in &cx.charter.standards {
            for standard in &group.items {
                let Some(text) = &standard.text else { continue };
                if standard.timeline.is_some() {
                    continue;
                }
                if let Some(word) = text
                    .all()
                    .find_map(|t| first_in(&words().vague, &t.to_lowercase()))
                {
                    out.push(
                        text.span,
                        format!("the standard {} promises speed without a measure", cx.quote(text)),
                        format!("“{word}” cannot be measured"),
                    )
                    .hint(format!("add `timeline:` with the longest time it may take, such as {}", crate::lint::example_duration(cx)));
                }
            }
        }
    }
}
