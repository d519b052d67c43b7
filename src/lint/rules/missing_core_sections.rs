use super::declare_rule;

declare_rule! {
    MissingCoreSections, "M006", "missing-core-sections", Warning, fixable: false,
    summary: "No vision, mission or core values.",
    docs: "## What it does
Finds charters without a `vision`, a `mission` or `values`. Core values are asked of
charters whose country's guidance has them (Kenya, Tanzania, Uganda and the others); not of
Philippine Citizen's Charters, whose ARTA template opens with the mandate, vision, mission
and service pledge, nor of Indian ones.

## Why it matters
Kenyan charters open with the three (Dira, Dhima, Maadili in Tanzania); reviewers and the
public expect them, and the poster's header is built from them.

## Example
A charter that goes straight to its services table.

## How to fix
```yaml
vision: A county where every citizen is served well.
mission: To deliver county services quickly, fairly and openly.
values: [Integrity, Customer focus, Accountability]
```
",
    check(cx, out) {
        let charter = cx.charter;
        // The templates that have no core values.
        let country = charter.organization.country.as_ref().map(|c| c.value.0.as_str());
        let values_expected = !matches!(country, Some("PH" | "IN"));
        for (missing, name) in [
            (charter.vision.is_none(), "vision"),
            (charter.mission.is_none(), "mission"),
            (charter.values.is_empty() && values_expected, "values"),
        ] {
            if missing {
                out.push_file(format!("the charter has no {name}"))
                    .hint(format!("add `{name}:` near the top of the charter"));
            }
        }
    }
}
