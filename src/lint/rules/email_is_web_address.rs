use super::contacts::is_web_address;
use super::declare_rule;
use crate::lint::walk::contacts;
use crate::model::Detail;

declare_rule! {
    EmailIsWebAddress, "C001", "email-is-web-address", Error, fixable: false,
    summary: "An e-mail field that holds a web address.",
    docs: "## What it does
Finds e-mail addresses that are really web addresses (`www.…`, `https://…`).

## Why it matters
A citizen who writes to a web address gets their complaint bounced, and may give up. On a
web page the broken `mailto:` link fails silently.

## Example
The Kitui charter gives the Ombudsman's e-mail as `Barua pepe: www.ombudman.go.ke`:

```yaml
emails: [www.ombudman.go.ke]
```

## How to fix
Put the web address under `website:` and the real e-mail address under `emails:`:

```yaml
website: https://www.ombudsman.go.ke
emails: [complain@ombudsman.go.ke]
```
",
    check(cx, out) {
        for (_, place, contact) in contacts(cx) {
            for email in Detail::all(&contact.emails) {
                if is_web_address(&email.value) {
                    out.push(
                        email.span,
                        format!("the e-mail address of {place} is a web address: `{}`", &*email.value),
                        "a web address, not an e-mail address",
                    )
                    .hint("move it to `website:` and give the real e-mail address");
                }
            }
        }
        for email in Detail::all(&cx.charter.organization.emails) {
            if is_web_address(&email.value) {
                out.push(
                    email.span,
                    format!("the organisation's e-mail address is a web address: `{}`", &*email.value),
                    "a web address, not an e-mail address",
                )
                .hint("move it to `website:` and give the real e-mail address");
            }
        }
    }
}
