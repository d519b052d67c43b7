use super::contacts::{CALLING_CODES, phones};
use super::declare_rule;

/// `+254 0712 345678` → `+254 712 345678`; `+254 (0)20 2270000` → `+254 20 2270000`.
pub(crate) fn without_trunk_zero(number: &str) -> Option<String> {
    let rest = number.trim().strip_prefix('+')?;
    let code = CALLING_CODES
        .iter()
        .map(|(_, code)| *code)
        .find(|code| rest.starts_with(code))?;
    let after = &rest[code.len()..];
    let trimmed = after.trim_start_matches([' ', '-']);
    let national = trimmed
        .strip_prefix("(0)")
        .or_else(|| trimmed.strip_prefix('0'))?
        .trim_start_matches([' ', '-']);
    Some(format!("+{code} {national}"))
}

declare_rule! {
    PhoneTrunkZero, "C004", "phone-trunk-zero", Warning, fixable: true,
    summary: "A phone number with both the country code and the national 0.",
    docs: "## What it does
Finds numbers such as `+254 0712 345678` that keep the leading 0 after the country code.

## Why it matters
Dialled as written, the call fails: after `+254` the network expects the number without
its trunk 0.

## Example
```yaml
phones: [\"+254 0712 345678\"]
```

## How to fix
Drop the 0 after the country code: `+254 712 345678`. `charter lint --fix` does it.
",
    check(cx, out) {
        for (place, kind, phone) in phones(cx) {
            if let Some(fixed) = without_trunk_zero(&phone.value) {
                out.push(
                    phone.span,
                    format!("the {kind} number `{}` of {place} has both the country code and the national 0", phone.value.trim()),
                    "drop this 0",
                )
                .hint(format!("write `{fixed}` (`charter lint --fix` does it)"))
                .fix(phone.span, fixed.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_trunk_zero;

    #[test]
    fn drops_the_zero_after_the_country_code() {
        assert_eq!(
            without_trunk_zero("+254 0712 345678").as_deref(),
            Some("+254 712 345678")
        );
        assert_eq!(
            without_trunk_zero("+254 (0)20 2270000").as_deref(),
            Some("+254 20 2270000")
        );
        assert_eq!(
            without_trunk_zero("+2540712345678").as_deref(),
            Some("+254 712345678")
        );
        assert_eq!(without_trunk_zero("+254 20 2270000"), None);
        assert_eq!(without_trunk_zero("0712 345678"), None);
    }
}
