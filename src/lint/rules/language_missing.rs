use super::declare_rule;
use crate::lint::walk::texts;
use crate::model::TextValue;

declare_rule! {
    LanguageMissing, "L001", "language-missing", Warning, fixable: false,
    summary: "In a bilingual charter, a text missing in one of its languages.",
    docs: "## What it does
In a charter with several `languages`, finds texts given per language that leave one out,
and service names and requirements written in one language only.

## Why it matters
Agencies publish the two language versions side by side or as two posters. A row present in
one language only means one group of citizens does not learn about a service, or learns a
different promise.

## Example
```yaml
languages: [sw, en]
services:
  - name: {sw: Kutoa leseni}
```

## How to fix
Give the text in every language of the charter:

```yaml
  - name: {sw: Kutoa leseni, en: Issuing licences}
```
",
    check(cx, out) {
        let languages = &cx.charter.languages;
        if languages.len() < 2 {
            return;
        }
        for (place, text) in texts(cx) {
            match &text.value {
                TextValue::Many(given) => {
                    let missing: Vec<&str> = languages
                        .iter()
                        .map(|l| l.as_str())
                        .filter(|l| !given.iter().any(|(g, _)| g.as_str() == *l))
                        .collect();
                    if !missing.is_empty() {
                        out.push(
                            text.span,
                            format!("{place} is not given in {}", missing.join(", ")),
                            format!("no `{}:` here", missing[0]),
                        )
                        .hint(format!("add `{}:` with the translation", missing[0]));
                    }
                }
                TextValue::One(_) if place.starts_with("the name of") || place.starts_with("a requirement") => {
                    out.push(
                        text.span,
                        format!("{place} is in one language only, in a charter in {}", languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(" and ")),
                        "one language only",
                    )
                    .hint("give it in every language, such as `{sw: ..., en: ...}`");
                }
                TextValue::One(_) => {}
            }
        }
    }
}
