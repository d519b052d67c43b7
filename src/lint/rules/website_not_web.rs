use super::declare_rule;
use crate::lint::walk::contacts;
use crate::model::Detail;

declare_rule! {
    WebsiteNotWeb, "C009", "website-not-web", Error, fixable: false,
    summary: "A website that is not a web address a browser can open.",
    docs: "## What it does
Finds `website:` values that are not a web address: another scheme (`javascript:`,
`data:`, `mailto:`), or text with spaces such as a phone number in the wrong field.

## Why it matters
A citizen types the address from the poster or scans its QR code, and nothing opens.
`charter build` prints no QR code and no link for such an address, so the charter loses its
online channel without anyone noticing.

## Example
```yaml
website: javascript:alert(1)
```

## How to fix
Write the address of the office's site, such as `www.lands.go.ke` or
`https://www.lands.go.ke`.
",
    check(cx, out) {
        let mut sites = Vec::new();
        for (_, place, contact) in contacts(cx) {
            for site in contact.website.iter().flat_map(Detail::values) {
                sites.push((place.clone(), site));
            }
        }
        for site in cx.charter.organization.website.iter().flat_map(Detail::values) {
            sites.push(("the organisation".to_owned(), site));
        }
        for (place, site) in sites {
            if crate::model::web_target(&site.value).is_none() {
                out.push(
                    site.span,
                    format!("the website of {place} is not a web address: `{}`", &*site.value),
                    "no browser opens this",
                )
                .hint("write the site's address, such as `www.office.go.ke` or `https://www.office.go.ke`");
            }
        }
    }
}
