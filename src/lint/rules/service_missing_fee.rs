use super::declare_rule;
use crate::lint::walk::report_missing;

declare_rule! {
    ServiceMissingFee, "M002", "service-missing-fee", Error, fixable: false,
    summary: "A service with no fee.",
    docs: "## What it does
Finds services that state no fee: none of their own, none inherited from the service they
are a sub-service of, none at any of their steps, and none for every service at the top of
the charter (`fee: free`). Services that only group sub-services are skipped. When no
service states a fee at all, the charter gets one finding instead of one per service.

## Why it matters
A service without a stated price invites unofficial payments. Even a free service must say so, so that nobody can be asked to pay.

## Example
A row with an empty cost cell.

## How to fix
Write `fee: free` (`Bila Malipo`) or the amount, such as `fee: KES 1,000`.
",
    check(cx, out) {
        if cx.charter.fee.is_some() {
            return;
        }
        report_missing(
            cx,
            out,
            |s| s.has_fee(),
            "fee",
            "fee",
            "add `fee:`, even if it is `free`",
            "if the services are free, say it once at the top of the charter (`fee: free`, \
             printed above the services); else give each service its `fee:`",
        );
    }
}
