use super::contacts::is_web_address;
use super::declare_rule;
use crate::lint::walk::contacts;
use crate::model::{Detail, Str};
use crate::span::Sp;

/// A plain check of `local@domain.tld`: one `@`, no spaces, a dot in the domain, no empty
/// parts. (Full RFC 5322 accepts addresses no mail office would; this catches typing slips.)
pub(crate) fn is_valid_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !email.contains(char::is_whitespace)
        && !email.contains(',')
        && !email.contains(';')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

declare_rule! {
    MalformedEmail, "C002", "malformed-email", Error, fixable: false,
    summary: "An e-mail address that cannot receive mail.",
    docs: "## What it does
Finds e-mail addresses with a typing slip: no `@`, two of them, a space, a missing dot in
the domain, a trailing full stop.

## Why it matters
A complaint sent to a broken address is lost, and the citizen believes it was received.

## Example
```yaml
emails: [info@lands,go.ke]
```

## How to fix
Correct the address, and send a test message to it before printing.
",
    check(cx, out) {
        let mut emails: Vec<(String, &Sp<Str>)> = Vec::new();
        for (_, place, contact) in contacts(cx) {
            emails.extend(Detail::all(&contact.emails).map(|e| (place.clone(), e)));
        }
        emails.extend(Detail::all(&cx.charter.organization.emails).map(|e| ("the organisation".to_owned(), e)));
        for (place, email) in emails {
            if !is_web_address(&email.value) && !is_valid_email(&email.value) {
                out.push(
                    email.span,
                    format!("the e-mail address of {place} is not a valid address: `{}`", &*email.value),
                    "cannot receive mail",
                )
                .hint("an e-mail address looks like `name@office.go.ke`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid_email;

    #[test]
    fn accepts_ordinary_addresses_only() {
        assert!(is_valid_email("kdcded@yahoo.co.uk"));
        assert!(is_valid_email("complain@ombudsman.go.ke"));
        for bad in [
            "info@lands,go.ke",
            "a@b",
            "a b@c.ke",
            "@c.ke",
            "a@@c.ke",
            "a@c.ke.",
            "a@c..ke",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }
}
