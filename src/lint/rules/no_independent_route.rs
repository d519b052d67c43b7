use super::contacts::{is_independent, own_details, shares_own_details};
use super::declare_rule;
use crate::lint::walk::{ContactPlace, contacts};

declare_rule! {
    NoIndependentRoute, "C006", "no-independent-route", Error, fixable: false,
    summary: "No independent body to escalate a complaint to.",
    docs: "## What it does
Finds charters whose complaint and appeal contacts are all inside the organisation: none is
marked `independent: true` or named like an Ombudsman or human-rights commission.

## Why it matters
When the office itself is the problem, complaining to the office is not enough. Kenyan
charters must name the Commission on Administrative Justice (the Ombudsman); Tanzanian ones
the Commission for Human Rights and Good Governance (CHRAGG).

## Example
A charter whose only complaint route is the head of the same department.

## How to fix
Add the independent body after the office:

```yaml
- role: The Commission Secretary
  office: Commission on Administrative Justice (Office of the Ombudsman)
  independent: true
  pobox: P.O. Box 20414-00200 Nairobi
  phones: [\"+254 20 2270000\"]
  emails: [complain@ombudsman.go.ke]
```
",
    check(cx, out) {
        let all = contacts(cx);
        // A contact that gives the organisation's own address is not a way out of it
        // (`escalation-is-own-office` says so at the contact).
        let own = own_details(cx);
        let independent = all.iter().any(|(place, _, c)| {
            matches!(place, ContactPlace::Route(_) | ContactPlace::Appeal)
                && is_independent(c)
                && !shares_own_details(c, &own)
        });
        // No complaint or appeal contact at all is `no-complaint-route`'s finding.
        let routes = all
            .iter()
            .any(|(place, _, _)| matches!(place, ContactPlace::Route(_) | ContactPlace::Appeal));
        if !routes || independent {
            return;
        }
        out.push_file("no complaint or appeal contact is independent of the organisation")
            .hint("add the Ombudsman (or the country's equivalent) after the office, with `independent: true`");
    }
}
