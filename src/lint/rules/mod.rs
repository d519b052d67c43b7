//! The lint rules, one per file. Each file declares its rule with [`declare_rule!`]: code,
//! name, default level, one-line summary and documentation.

mod cell_too_long;
mod comma_split;
mod contacts;
mod days_without_basis;
mod duplicate_service;
mod email_is_web_address;
mod empty_section;
mod escalation_is_own_office;
mod fee_not_fixed;
mod fee_without_currency;
mod language_missing;
mod languages_disagree;
mod malformed_email;
mod malformed_phone;
mod meaning;
mod meaning_mismatch;
mod missing_core_sections;
mod mixed_free_words;
mod no_complaint_route;
mod no_independent_route;
mod no_review;
mod no_services;
mod numbering;
mod phone_country_code;
mod phone_trunk_zero;
mod review_overdue;
mod service_missing_fee;
mod service_missing_requirements;
mod service_missing_timeline;
mod step_times_mismatch;
mod suppression_without_reason;
mod timeline_condition;
mod timeline_not_measurable;
mod timeline_range;
mod timeline_without_unit;
mod undated;
mod unreachable_contact;
mod unused_suppression;
mod vague_standard;
mod website_not_web;
mod wrong_column;

use super::Rule;

/// Every rule, in code order.
pub static ALL: &[&dyn Rule] = &[
    &timeline_not_measurable::TimelineNotMeasurable,
    &timeline_without_unit::TimelineWithoutUnit,
    &days_without_basis::DaysWithoutBasis,
    &timeline_range::TimelineRange,
    &timeline_condition::TimelineCondition,
    &vague_standard::VagueStandard,
    &step_times_mismatch::StepTimesMismatch,
    &fee_not_fixed::FeeNotFixed,
    &fee_without_currency::FeeWithoutCurrency,
    &mixed_free_words::MixedFreeWords,
    &wrong_column::WrongColumn,
    &email_is_web_address::EmailIsWebAddress,
    &malformed_email::MalformedEmail,
    &malformed_phone::MalformedPhone,
    &phone_country_code::PhoneCountryCode,
    &phone_trunk_zero::PhoneTrunkZero,
    &no_complaint_route::NoComplaintRoute,
    &no_independent_route::NoIndependentRoute,
    &escalation_is_own_office::EscalationIsOwnOffice,
    &unreachable_contact::UnreachableContact,
    &website_not_web::WebsiteNotWeb,
    &service_missing_requirements::ServiceMissingRequirements,
    &service_missing_fee::ServiceMissingFee,
    &service_missing_timeline::ServiceMissingTimeline,
    &undated::Undated,
    &review_overdue::ReviewOverdue,
    &missing_core_sections::MissingCoreSections,
    &empty_section::EmptySection,
    &no_review::NoReview,
    &no_services::NoServices,
    &duplicate_service::DuplicateService,
    &numbering::Numbering,
    &comma_split::CommaSplit,
    &meaning_mismatch::MeaningMismatch,
    &language_missing::LanguageMissing,
    &languages_disagree::LanguagesDisagree,
    &cell_too_long::CellTooLong,
    &unused_suppression::UnusedSuppression,
    &suppression_without_reason::SuppressionWithoutReason,
];

/// Declares a rule: a unit struct, its [`RuleMeta`](super::RuleMeta), and the `Rule`
/// impl whose `check` body is given.
macro_rules! declare_rule {
    (
        $ty:ident, $code:literal, $name:literal, $level:ident, fixable: $fixable:literal,
        summary: $summary:literal,
        docs: $docs:literal,
        check($cx:ident, $out:ident) $body:block
    ) => {
        pub struct $ty;

        static META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
            id: $crate::diagnostic::Id {
                code: $code,
                name: $name,
            },
            level: $crate::diagnostic::Severity::$level,
            summary: $summary,
            docs: $docs,
            fixable: $fixable,
        };

        impl $crate::lint::Rule for $ty {
            fn meta(&self) -> &'static $crate::lint::RuleMeta {
                &META
            }

            fn check(&self, $cx: &$crate::lint::LintContext, $out: &mut $crate::lint::Findings) $body
        }
    };
}
pub(crate) use declare_rule;

/// The rules whose findings the engine reports itself.
pub(crate) fn unused_suppression() -> &'static dyn Rule {
    &unused_suppression::UnusedSuppression
}

pub(crate) fn suppression_without_reason() -> &'static dyn Rule {
    &suppression_without_reason::SuppressionWithoutReason
}
