//! Whether "Next" may be enabled, and if not, why (R14). The page shows the reason beside the
//! button; the order of the checks decides which reason is shown when several apply.

use crate::amount_entry::AmountError;
use crate::arrears::{IssuerSettlement, Shortfall};
use crate::money::Money;

/// Why "Next" is not enabled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// The account has no real-name verification and cannot apply at all (R01).
    RealNameRequired,
    /// What the choice depends on (profile, accounts and arrears, families) has not arrived.
    Loading,
    /// By order or bill: no family is selected.
    NothingSelected,
    /// By order or bill: a pool's selected net does not exceed its arrears (R12, R13); the
    /// first such pool, by entity id then account id.
    ArrearsNotCovered(Shortfall),
    /// By amount: no invoicing entity is chosen.
    NoIssuer,
    /// By amount: nothing typed yet.
    NoAmount,
    /// By amount: the invoiceable balance of the chosen entity and accounts has not arrived,
    /// so the amount cannot be checked against it (R11).
    BalanceNotLoaded,
    /// By amount: the typed amount is refused (R11, R12), for this reason.
    AmountInvalid(AmountError),
}

/// Readiness on the *by order* and *by monthly bill* tabs.
///
/// `can_apply` is false without real-name verification (R01); `loading` is true while the
/// session (and its arrears) or the families have not arrived; `selected` counts the selected
/// families; `settlements` are the arrears of the selection ([`crate::arrears::ArrearsBook::settle`]).
/// Reasons are checked in the order of [`NotReady`]'s variants.
pub fn selection_readiness(
    can_apply: bool,
    loading: bool,
    selected: usize,
    settlements: &[IssuerSettlement],
) -> Result<(), NotReady> {
    if !can_apply {
        return Err(NotReady::RealNameRequired);
    }
    if loading {
        return Err(NotReady::Loading);
    }
    if selected == 0 {
        return Err(NotReady::NothingSelected);
    }
    match settlements.iter().flat_map(|s| s.shortfalls()).next() {
        Some(shortfall) => Err(NotReady::ArrearsNotCovered(shortfall)),
        None => Ok(()),
    }
}

/// Readiness on the *by amount* tab.
///
/// `issuer_chosen` says whether an entity is picked; `amount` is what
/// [`crate::amount_entry::parse_amount`] made of the typed text *with* the balance's
/// `availableAmount` when `balance_loaded`, else with `None`. An amount is never accepted
/// before its balance is known.
pub fn amount_readiness(
    can_apply: bool,
    issuer_chosen: bool,
    balance_loaded: bool,
    amount: &Result<Money, AmountError>,
) -> Result<(), NotReady> {
    if !can_apply {
        return Err(NotReady::RealNameRequired);
    }
    if !issuer_chosen {
        return Err(NotReady::NoIssuer);
    }
    match amount {
        Err(AmountError::Empty) => Err(NotReady::NoAmount),
        Err(e) => Err(NotReady::AmountInvalid(e.clone())),
        Ok(_) if !balance_loaded => Err(NotReady::BalanceNotLoaded),
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amount_entry::parse_amount;
    use crate::api::{Account, Arrears, Currency};
    use crate::arrears::ArrearsBook;
    use crate::selection::Totals;

    fn yuan(s: &str) -> Money {
        Money::parse_contract(s).unwrap()
    }

    fn settlements(net: &str) -> Vec<IssuerSettlement> {
        let accounts = [Account {
            id: "1469318753028467".into(),
            name: "r&d".into(),
            arrears: vec![Arrears {
                issuer_id: "CLOUD_SERVICE".into(),
                amount: yuan("1286.40"),
                currency: Currency::Cny,
            }],
        }];
        let selected = [(
            "CLOUD_SERVICE".to_owned(),
            "1469318753028467".to_owned(),
            Totals {
                count: 2,
                positive: yuan(net),
                negative: Money::ZERO,
            },
        )];
        ArrearsBook::new(&accounts, false).settle(&selected)
    }

    #[test]
    fn r14_next_is_ready_for_a_valid_selection() {
        assert_eq!(
            selection_readiness(true, false, 2, &settlements("2000.00")),
            Ok(())
        );
    }

    #[test]
    fn r14_r01_without_real_name_next_never_enables() {
        assert_eq!(
            selection_readiness(false, false, 2, &settlements("2000.00")),
            Err(NotReady::RealNameRequired)
        );
        assert_eq!(
            amount_readiness(false, true, true, &Ok(yuan("1.00"))),
            Err(NotReady::RealNameRequired)
        );
    }

    #[test]
    fn r14_not_while_loading() {
        assert_eq!(
            selection_readiness(true, true, 2, &settlements("2000.00")),
            Err(NotReady::Loading)
        );
    }

    #[test]
    fn r14_nothing_selected() {
        assert_eq!(
            selection_readiness(true, false, 0, &[]),
            Err(NotReady::NothingSelected)
        );
    }

    #[test]
    fn r14_r12_arrears_not_covered_says_how_much_more() {
        let Err(NotReady::ArrearsNotCovered(s)) =
            selection_readiness(true, false, 2, &settlements("1080.00"))
        else {
            panic!("arrears not covered expected");
        };
        assert_eq!(s.issuer_id, "CLOUD_SERVICE");
        assert_eq!(s.more, yuan("206.40"));
        // Equal is not enough: the net must exceed the arrears.
        assert!(matches!(
            selection_readiness(true, false, 2, &settlements("1286.40")),
            Err(NotReady::ArrearsNotCovered(s)) if s.more.is_zero()
        ));
    }

    #[test]
    fn r14_r11_by_amount_needs_an_entity_an_amount_and_its_balance() {
        let balance = Some(yuan("100.00"));
        assert_eq!(
            amount_readiness(true, false, true, &parse_amount("5", balance)),
            Err(NotReady::NoIssuer)
        );
        assert_eq!(
            amount_readiness(true, true, true, &parse_amount(" ", balance)),
            Err(NotReady::NoAmount)
        );
        assert_eq!(
            amount_readiness(true, true, false, &parse_amount("5", None)),
            Err(NotReady::BalanceNotLoaded)
        );
        assert_eq!(
            amount_readiness(true, true, true, &parse_amount("100.01", balance)),
            Err(NotReady::AmountInvalid(AmountError::OverBalance {
                balance: yuan("100.00")
            }))
        );
        assert_eq!(
            amount_readiness(true, true, false, &parse_amount("1.234", None)),
            Err(NotReady::AmountInvalid(AmountError::TooManyDecimals))
        );
        assert_eq!(
            amount_readiness(true, true, true, &parse_amount("¥100.00", balance)),
            Ok(())
        );
    }
}
