use super::declare_rule;

declare_rule! {
    NoComplaintRoute, "C005", "no-complaint-route", Error, fixable: false,
    summary: "The charter says nowhere whom to complain to.",
    docs: "## What it does
Finds charters without complaint routes (`complaints.routes`).

## Why it matters
A charter's promises are only as good as the way to complain when they are broken. Kenyan
charters end with \"any service that does not conform to the above standards should be
reported to\" and the contacts; Tanzanian ones have a Malalamiko section with an address.

## Example
A charter with `complaints:` text but no contacts.

## How to fix
List the contacts in escalation order, the office first:

```yaml
complaints:
  routes:
    - role: The Chief Officer
      phones: [\"+254 20 1234567\"]
      emails: [complaints@example.go.ke]
```
",
    check(cx, out) {
        let routes = cx.charter.complaints.as_ref().map_or(0, |c| c.routes.len());
        if routes == 0 {
            out.push_file("the charter gives no contact to complain to")
                .hint("add `complaints:` with `routes:`, the office first, then an independent body such as the Ombudsman");
        }
    }
}
