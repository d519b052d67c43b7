use super::contacts::phones;
use super::declare_rule;

/// Whether a phone or fax number is written only with what numbers are written with:
/// digits, spaces and `+ - ( ) . /`, and at least three digits.
pub(crate) fn is_phone_number(number: &str) -> bool {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "+-()./".contains(c))
}

declare_rule! {
    MalformedPhone, "C010", "malformed-phone", Warning, fixable: false,
    summary: "A phone or fax number with words or symbols in it.",
    docs: "## What it does
Finds phone and fax numbers that hold more than a number: words (`ext. 12`, `(Office)`),
two numbers joined by text, or stray characters.

## Why it matters
A phone dials the digits it finds: on the web page, `0712 345 678 ext 2` becomes a link
that calls 07123456782. And on a poster, a list of numbers reads more clearly than a
sentence.

## Example
```yaml
phones: [\"+254 20 1234567 ext 12\"]
```

## How to fix
Keep one number per entry, written with digits, spaces and `+ - ( )`. Put extensions,
hours and short codes in `other:` (`SMS: 22410`).
",
    check(cx, out) {
        for (place, kind, number) in phones(cx) {
            if !is_phone_number(&number.value) {
                out.push(
                    number.span,
                    format!("the {kind} number of {place} is not just a number: `{}`", &*number.value),
                    "more than a number",
                )
                .hint("one number per entry, in digits; put extensions and notes in `other:`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_phone_number;

    #[test]
    fn numbers_as_charters_write_them() {
        for good in [
            "+254 20 2270000",
            "023-2623093",
            "023 - 2623333",
            "(020) 222 0000",
            "1517",
        ] {
            assert!(is_phone_number(good), "{good}");
        }
        for bad in [
            "+254 20 1234567 ext 12",
            "0712 \" onclick=x",
            "Call us",
            "12",
        ] {
            assert!(!is_phone_number(bad), "{bad}");
        }
    }
}
