use super::contacts::{CALLING_CODES, phones};
use super::declare_rule;

/// `023-2623093` with calling code `255` → `+255 23 2623093`.
pub(crate) fn international(number: &str, calling_code: &str) -> Option<String> {
    let number = number.trim();
    if !number
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()".contains(c))
    {
        return None;
    }
    let rest = number.strip_prefix('0')?;
    let groups: Vec<&str> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    (!groups.is_empty()).then(|| format!("+{calling_code} {}", groups.join(" ")))
}

declare_rule! {
    PhoneCountryCode, "C003", "phone-country-code", Warning, fixable: true,
    summary: "A phone number without its country code.",
    docs: "## What it does
Finds phone and fax numbers that do not start with `+` and the country code.

## Why it matters
Charters are read online and by people calling from abroad or from a phone whose settings
are foreign; `023-2623093` only works from inside Tanzania. The international form works
everywhere, including from inside the country.

## Example
The Kilosa charter gives `Simu.: 023-2623093`.

## How to fix
Write the number as `+255 23 2623093`: the country code, then the number without its
leading 0. When the charter's `organization.country` is set, `charter lint --fix` does it.
",
    check(cx, out) {
        let country = cx.charter.organization.country.as_ref().map(|c| c.value.0.clone());
        let calling_code = country
            .as_deref()
            .and_then(|c| CALLING_CODES.iter().find(|(iso, _)| *iso == c))
            .map(|(_, code)| *code);
        for (place, kind, phone) in phones(cx) {
            let number = phone.value.trim();
            if number.starts_with('+') || number.starts_with("00") {
                continue;
            }
            let finding = out.push(
                phone.span,
                format!("the {kind} number `{number}` of {place} has no country code"),
                "no country code",
            );
            match calling_code.and_then(|code| international(number, code)) {
                Some(fixed) => {
                    finding.hint(format!("write `{fixed}` (`charter lint --fix` does it)")).fix(phone.span, fixed.clone());
                }
                None if calling_code.is_none() && country.is_none() => {
                    finding.hint("write it with `+` and the country code, such as `+254 20 2270000`; set `organization.country` and `charter lint --fix` can do it");
                }
                None => {
                    finding.hint("write it with `+` and the country code, such as `+254 20 2270000`");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::international;

    #[test]
    fn national_numbers_become_international() {
        assert_eq!(
            international("023-2623093", "255").as_deref(),
            Some("+255 23 2623093")
        );
        assert_eq!(
            international("023 - 2623333", "255").as_deref(),
            Some("+255 23 2623333")
        );
        assert_eq!(
            international("0712 345678", "254").as_deref(),
            Some("+254 712 345678")
        );
        assert_eq!(international("2623093", "255"), None);
        assert_eq!(international("ext. 12", "255"), None);
    }
}
