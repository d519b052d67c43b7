use super::declare_rule;
use crate::lint::walk::contacts;

declare_rule! {
    UnreachableContact, "C008", "unreachable-contact", Warning, fixable: false,
    summary: "A contact with no way to reach it.",
    docs: "## What it does
Finds contacts that give a name or role but no phone, e-mail, postal address, street address
or website.

## Why it matters
\"Complain to the Director\" helps nobody who does not know where the Director sits.

## Example
```yaml
routes:
  - role: The Director
```

## How to fix
Give at least a phone number and an e-mail or postal address.
",
    check(cx, out) {
        for (_, label, contact) in contacts(cx) {
            let reachable = !contact.phones.is_empty()
                || !contact.emails.is_empty()
                || !contact.address.is_empty()
                || contact.pobox.is_some()
                || contact.website.is_some()
                || !contact.other.is_empty();
            if reachable {
                continue;
            }
            let span = contact.role.iter().chain(&contact.office).map(|t| t.span).next();
            let message = format!("{label} gives no phone, e-mail, address or website");
            let finding = match span {
                Some(span) => out.push(span, message, "how does a citizen reach them?"),
                None => out.push_file(message),
            };
            finding.hint("add `phones:`, `emails:` and `pobox:` or `address:`");
        }
    }
}
