//! An invoice's lines as the details show them (R25): each original followed by its negative
//! documents, and whether the lines add up to the invoice's amount.

use super::{InvoiceLine, InvoiceRecordDetail};

/// One line in display order; `nested` for a negative document shown under its original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShownLine<'a> {
    pub line: &'a InvoiceLine,
    pub nested: bool,
}

/// The lines in the server's order of originals, each original followed by its negatives (in
/// their order). A negative whose original is not a line of the invoice (a malformed record) is
/// kept, at the end and not nested, so that no line is ever hidden.
pub fn shown_lines(lines: &[InvoiceLine]) -> Vec<ShownLine<'_>> {
    let is_original = |l: &InvoiceLine| l.original_id.is_none() || l.kind.is_positive();
    let mut shown = Vec::with_capacity(lines.len());
    let mut placed = vec![false; lines.len()];
    for (i, original) in lines.iter().enumerate() {
        if !is_original(original) {
            continue;
        }
        placed[i] = true;
        shown.push(ShownLine {
            line: original,
            nested: false,
        });
        for (j, negative) in lines.iter().enumerate() {
            if !placed[j]
                && !is_original(negative)
                && negative.original_id.as_deref() == Some(original.document_id.as_str())
            {
                placed[j] = true;
                shown.push(ShownLine {
                    line: negative,
                    nested: true,
                });
            }
        }
    }
    for (j, line) in lines.iter().enumerate() {
        if !placed[j] {
            shown.push(ShownLine {
                line,
                nested: false,
            });
        }
    }
    shown
}

/// Whether the lines add up to the invoice's amount, to the cent (the contract's invariant).
pub fn lines_add_up(detail: &InvoiceRecordDetail) -> bool {
    detail.lines_total() == detail.amount
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoice_record::LineKind;
    use crate::Money;

    fn line(id: &str, original: Option<&str>, kind: LineKind, amount: &str) -> InvoiceLine {
        InvoiceLine {
            document_id: id.into(),
            original_id: original.map(Into::into),
            kind,
            account_id: "1".into(),
            business_id: format!("B-{id}"),
            business_time: "2026-07-14T09:22:11+08:00".into(),
            billing_cycle: "2026-07".into(),
            product_code: "ecs".into(),
            product_name: "ECS".into(),
            amount: Money::parse_contract(amount).unwrap(),
        }
    }

    #[test]
    fn r25_negatives_follow_their_original() {
        let lines = vec![
            line("a", None, LineKind::Order, "100.00"),
            line("b", None, LineKind::Order, "50.00"),
            line("nb", Some("b"), LineKind::Refund, "-10.00"),
            line("na", Some("a"), LineKind::AllocationReduction, "-5.00"),
            line("lost", Some("zzz"), LineKind::Refund, "-1.00"),
        ];
        let shown: Vec<(&str, bool)> = shown_lines(&lines)
            .iter()
            .map(|s| (s.line.document_id.as_str(), s.nested))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("a", false),
                ("na", true),
                ("b", false),
                ("nb", true),
                ("lost", false)
            ]
        );
    }
}
