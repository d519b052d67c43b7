//! Currencies as charters write them: ISO 4217 codes, and the symbols and abbreviations of
//! the countries whose charters we read (`KSh`, `TShs`, `₱`, `PhP`, `Rs.`, `K`, `GH₵`).

/// The ISO 4217 codes of current currencies, and of withdrawn ones that dated charters
/// still print (`ZMK`, the Zambian kwacha before 2013; `GHC`; `SLL`).
#[rustfmt::skip]
pub const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHC", "GHS", "GIP", "GMD", "GNF",
    "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
    "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB",
    "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD",
    "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
    "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMK", "ZMW",
    "ZWL",
];

/// Ways of writing a currency other than its code, lower-case, each with the codes it may
/// stand for (the first is meant unless the charter's own currency is another of them).
const WRITTEN: &[(&str, &[&str])] = &[
    ("ksh", &["KES"]),
    ("kshs", &["KES"]),
    ("kenya shillings", &["KES"]),
    ("tsh", &["TZS"]),
    ("tshs", &["TZS"]),
    ("tanzania shillings", &["TZS"]),
    ("ush", &["UGX"]),
    ("ushs", &["UGX"]),
    ("frw", &["RWF"]),
    ("us$", &["USD"]),
    ("$", &["USD", "NAD", "LRD", "ZWL"]),
    ("€", &["EUR"]),
    ("£", &["GBP"]),
    ("₱", &["PHP"]),
    ("p", &["PHP", "BWP"]),
    ("php", &["PHP"]),
    ("pesos", &["PHP"]),
    ("₹", &["INR"]),
    ("rs", &["INR", "LKR", "PKR", "NPR"]),
    ("₨", &["INR", "LKR", "PKR", "NPR"]),
    ("rupees", &["INR", "LKR", "PKR", "NPR"]),
    ("k", &["ZMW", "ZMK", "MWK", "PGK"]),
    ("kwacha", &["ZMW", "ZMK", "MWK"]),
    ("mk", &["MWK"]),
    ("₦", &["NGN"]),
    ("naira", &["NGN"]),
    ("gh₵", &["GHS"]),
    ("gh¢", &["GHS"]),
    ("₵", &["GHS"]),
    ("cedis", &["GHS"]),
    ("r", &["ZAR"]),
    ("rand", &["ZAR"]),
    ("br", &["ETB"]),
    ("birr", &["ETB"]),
    ("fbu", &["BIF"]),
    ("le", &["SLE", "SLL"]),
    ("shillings", &["KES", "TZS", "UGX", "SOS"]),
    ("shilingi", &["KES", "TZS", "UGX", "SOS"]),
    ("sh", &["KES", "TZS", "UGX", "SOS"]),
    ("shs", &["KES", "TZS", "UGX", "SOS"]),
];

/// Whether `code` is an ISO 4217 code (in capitals).
pub fn is_currency_code(code: &str) -> bool {
    ISO_4217.contains(&code)
}

/// The ISO code that `written` stands for (`KSh` → `KES`, `₱` → `PHP`, `kes` → `KES`);
/// where it may stand for several (`Rs`, `K`, `$`), the charter's own currency when it is
/// one of them. A full stop at the end is ignored (`Rs.`, `Ksh.`).
pub fn currency_for(written: &str, charter: Option<&str>) -> Option<&'static str> {
    let key = written.trim().trim_end_matches('.').to_lowercase();
    let upper = key.to_uppercase();
    if let Some(code) = ISO_4217.iter().find(|c| **c == upper) {
        return Some(code);
    }
    let (_, codes) = WRITTEN.iter().find(|(w, _)| *w == key)?;
    Some(
        codes
            .iter()
            .find(|c| Some(**c) == charter)
            .unwrap_or(&codes[0]),
    )
}

/// The codes `written` may stand for: one for `KSh` or `KES`, several for `Rs` or
/// `shillings`, none for a word that is no currency.
pub fn currency_candidates(written: &str) -> Vec<&'static str> {
    let key = written.trim().trim_end_matches('.').to_lowercase();
    let upper = key.to_uppercase();
    if let Some(code) = ISO_4217.iter().find(|c| **c == upper) {
        return vec![code];
    }
    WRITTEN
        .iter()
        .find(|(w, _)| *w == key)
        .map_or_else(Vec::new, |(_, codes)| codes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_spellings() {
        assert_eq!(currency_for("Ksh.", None), Some("KES"));
        assert_eq!(currency_for("kes", None), Some("KES"));
        assert_eq!(currency_for("PhP", None), Some("PHP"));
        assert_eq!(currency_for("P", None), Some("PHP"));
        assert_eq!(currency_for("P", Some("BWP")), Some("BWP"));
        assert_eq!(currency_for("Rs.", Some("LKR")), Some("LKR"));
        assert_eq!(currency_for("K", Some("ZMK")), Some("ZMK"));
        assert_eq!(currency_for("ZMK", None), Some("ZMK"));
        assert_eq!(currency_for("XYZ", None), None);
        assert!(
            ISO_4217.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        assert_eq!(currency_candidates("Kshs"), ["KES"]);
        assert_eq!(currency_candidates("shillings").len(), 4);
        assert!(currency_candidates("pounds of gold").is_empty());
    }
}
