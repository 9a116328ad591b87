use proptest::prelude::*;

use super::*;
use crate::saved::tests::{enterprise_title, individual_title};

fn address() -> MailingAddress {
    MailingAddress {
        id: "adr-2001".into(),
        recipient: "李晓婷".into(),
        phone: "13957112846".into(),
        province: "浙江省".into(),
        city: "杭州市".into(),
        district: "西湖区".into(),
        street: "文三路478号".into(),
        postal_code: Some("310012".into()),
        is_default: true,
    }
}

fn titles() -> Vec<InvoiceTitle> {
    vec![enterprise_title(), individual_title()]
}

fn emails(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The codes and fields of one invoice's problems.
fn check(
    real_name: RealNameStatus,
    titles: &[InvoiceTitle],
    title_id: &str,
    invoice_type: InvoiceType,
    mails: Option<&[String]>,
    address_id: Option<&str>,
) -> Vec<(&'static str, String)> {
    let d = InvoiceDetails {
        title_id,
        invoice_type,
        emails: mails,
        address_id,
    };
    check_details(real_name, titles, &[address()], &d)
        .iter()
        .map(|p| (p.code(), p.field()))
        .collect()
}

fn pair(code: &'static str, field: &str) -> (&'static str, String) {
    (code, field.to_owned())
}

#[test]
fn r17_electronic_invoices_go_to_emails_and_paper_to_a_saved_address() {
    use InvoiceType::*;
    let ok = emails(&["finance@qinghe-data.example"]);
    let e = RealNameStatus::Enterprise;
    assert_eq!(delivery(GeneralElectronic), Delivery::Email);
    assert_eq!(delivery(SpecialElectronic), Delivery::Email);
    assert_eq!(delivery(SpecialPaper), Delivery::Post);
    assert!(check(e, &titles(), "ttl-1001", GeneralElectronic, Some(&ok), None).is_empty());
    assert!(check(e, &titles(), "ttl-1001", SpecialElectronic, Some(&ok), None).is_empty());
    assert!(check(
        e,
        &titles(),
        "ttl-1001",
        SpecialPaper,
        None,
        Some("adr-2001")
    )
    .is_empty());
    assert_eq!(
        check(e, &titles(), "ttl-1001", GeneralElectronic, None, None),
        [pair("REQUIRED", "emails")]
    );
    assert_eq!(
        check(e, &titles(), "ttl-1001", SpecialPaper, Some(&ok), None),
        [pair("NOT_ALLOWED", "emails"), pair("REQUIRED", "addressId")]
    );
    assert_eq!(
        check(e, &titles(), "ttl-1001", SpecialPaper, None, Some("adr-9")),
        [pair("ADDRESS_NOT_FOUND", "addressId")]
    );
    assert_eq!(
        check(e, &titles(), "ttl-9", GeneralElectronic, Some(&ok), None),
        [pair("TITLE_NOT_FOUND", "titleId")]
    );
    let d = check_details(
        e,
        &titles(),
        &[],
        &InvoiceDetails {
            title_id: "ttl-9",
            invoice_type: GeneralElectronic,
            emails: None,
            address_id: None,
        },
    );
    assert!(!d[0].is_field_code() && d[1].is_field_code());
}

#[test]
fn r18_an_individual_account_is_never_offered_an_enterprise_title() {
    let all = titles();
    let offered = titles_for(RealNameStatus::Individual, &all);
    assert_eq!(offered.len(), 1);
    assert!(offered.iter().all(|t| !t.is_enterprise()));
    // The default title is an enterprise title: the individual starts on its own title.
    assert_eq!(
        initial_title(RealNameStatus::Individual, &all).map(|t| t.id.as_str()),
        Some("ttl-1002")
    );
    assert_eq!(titles_for(RealNameStatus::Enterprise, &all).len(), 2);
    assert_eq!(
        initial_title(RealNameStatus::Enterprise, &all).map(|t| t.id.as_str()),
        Some("ttl-1001")
    );
    assert!(titles_for(RealNameStatus::Unverified, &all).is_empty());
    assert_eq!(
        initial_title(RealNameStatus::Individual, &[enterprise_title()]),
        None
    );
}

#[test]
fn r18_an_enterprise_title_chosen_by_an_individual_account_is_refused() {
    let ok = emails(&["a@b.cn"]);
    let i = RealNameStatus::Individual;
    assert_eq!(
        check(
            i,
            &titles(),
            "ttl-1001",
            InvoiceType::GeneralElectronic,
            Some(&ok),
            None
        ),
        [pair("ENTERPRISE_TITLE_FOR_INDIVIDUAL", "titleId")]
    );
    assert!(check(
        i,
        &titles(),
        "ttl-1002",
        InvoiceType::GeneralElectronic,
        Some(&ok),
        None
    )
    .is_empty());
}

#[test]
fn r19_general_vat_invoices_are_electronic_only() {
    let ok = emails(&["a@b.cn"]);
    assert_eq!(
        check(
            RealNameStatus::Enterprise,
            &titles(),
            "ttl-1001",
            InvoiceType::GeneralElectronic,
            Some(&ok),
            Some("adr-2001")
        ),
        [pair("PAPER_NOT_ALLOWED", "addressId")]
    );
    assert_eq!(
        check(
            RealNameStatus::Enterprise,
            &titles(),
            "ttl-1001",
            InvoiceType::SpecialElectronic,
            Some(&ok),
            Some("adr-2001")
        ),
        [pair("PAPER_NOT_ALLOWED", "addressId")]
    );
    assert_eq!(
        invoice_types_for(&individual_title()),
        [InvoiceType::GeneralElectronic]
    );
}

#[test]
fn r19_special_invoices_need_an_enterprise_title_with_complete_tax_data() {
    assert_eq!(invoice_types_for(&enterprise_title()), InvoiceType::ALL);
    let mut incomplete = enterprise_title();
    incomplete.bank_name = None;
    incomplete.registered_phone = Some(String::new());
    assert_eq!(
        invoice_types_for(&incomplete),
        [InvoiceType::GeneralElectronic]
    );
    let all = vec![incomplete, individual_title()];
    let paper = check_details(
        RealNameStatus::Enterprise,
        &all,
        &[address()],
        &InvoiceDetails {
            title_id: "ttl-1001",
            invoice_type: InvoiceType::SpecialPaper,
            emails: None,
            address_id: Some("adr-2001"),
        },
    );
    assert_eq!(
        paper,
        [DetailProblem::SpecialTitleIncomplete {
            title: "杭州青禾数据科技有限公司".into(),
            missing: vec![TaxField::BankName, TaxField::RegisteredPhone],
        }]
    );
    let ok = emails(&["a@b.cn"]);
    assert_eq!(
        check(
            RealNameStatus::Enterprise,
            &all,
            "ttl-1002",
            InvoiceType::SpecialElectronic,
            Some(&ok),
            None
        ),
        [pair("SPECIAL_TITLE_INCOMPLETE", "titleId")]
    );
}

#[test]
fn r20_one_to_five_addresses_kept_as_typed() {
    assert_eq!(
        parse_email_list(" Finance@QingHe-Data.example ，li.xt+inv@qinghe.cn;\n"),
        Ok(emails(&[
            "Finance@QingHe-Data.example",
            "li.xt+inv@qinghe.cn"
        ]))
    );
    assert_eq!(parse_email_list("  , ;"), Err(vec![EmailProblem::Empty]));
    let six = "a@b.cn,c@d.cn,e@f.cn,g@h.cn,i@j.cn,k@l.cn";
    assert_eq!(
        parse_email_list(six),
        Err(vec![EmailProblem::TooMany { count: 6 }])
    );
    assert_eq!(parse_email_list(&six[..34]).map(|l| l.len()), Ok(5));
}

#[test]
fn r20_at_most_200_characters_joined_with_commas() {
    // 4 addresses of 49 characters and 3 commas: 199; one more character: 200; then 201.
    let local = |n: usize| "x".repeat(n);
    let list = |last: usize| {
        vec![
            format!("{}@ab.cn", local(43)),
            format!("{}@cd.cn", local(43)),
            format!("{}@ef.cn", local(43)),
            format!("{}@gh.cn", local(last)),
        ]
    };
    assert_eq!(joined_length(&list(43)), 199);
    assert!(check_emails(&list(44)).is_empty());
    assert_eq!(
        check_emails(&list(45)),
        [EmailProblem::TooLong { length: 201 }]
    );
}

#[test]
fn r20_each_problem_is_its_own_error_naming_the_address() {
    let problems =
        parse_email_list("finance@qinghe, ok@x.cn, OK@X.cn, a b@x.cn, @x.cn, a@@x.cn").unwrap_err();
    let codes: Vec<_> = problems.iter().map(|p| (p.code(), p.index())).collect();
    assert_eq!(
        codes,
        [
            ("TOO_MANY", None),
            ("INVALID_EMAIL", Some(0)),
            ("DUPLICATE", Some(2)),
            ("INVALID_EMAIL", Some(3)),
            ("INVALID_EMAIL", Some(4)),
            ("INVALID_EMAIL", Some(5)),
        ]
    );
    assert_eq!(
        problems[1],
        EmailProblem::Invalid {
            index: 0,
            address: "finance@qinghe".into(),
            fault: EmailFault::DomainWithoutDot
        }
    );
    assert_eq!(
        problems[2],
        EmailProblem::Duplicate {
            index: 2,
            address: "OK@X.cn".into(),
            first: 1
        }
    );
    let faults: Vec<_> = problems[3..]
        .iter()
        .map(|p| match p {
            EmailProblem::Invalid { fault, .. } => *fault,
            _ => unreachable!(),
        })
        .collect();
    assert_eq!(
        faults,
        [
            EmailFault::BadCharacter(' '),
            EmailFault::EmptyLocalPart,
            EmailFault::SeveralAt
        ]
    );
    let field = DetailProblem::Email(problems[2].clone()).field();
    assert_eq!(field, "emails/2");
}

#[test]
fn r20_address_faults() {
    let fault = |a: &str| email_fault(a);
    assert_eq!(fault("a@b.cn"), None);
    assert_eq!(fault("o'neil.x-y_z@mail.qinghe-data.example"), None);
    assert_eq!(fault(""), Some(EmailFault::Empty));
    assert_eq!(fault("finance"), Some(EmailFault::MissingAt));
    assert_eq!(fault("a@"), Some(EmailFault::EmptyDomain));
    assert_eq!(fault(".a@b.cn"), Some(EmailFault::MisplacedDot));
    assert_eq!(fault("a..b@b.cn"), Some(EmailFault::MisplacedDot));
    assert_eq!(fault("a@b..cn"), Some(EmailFault::MisplacedDot));
    assert_eq!(fault("a@b.cn."), Some(EmailFault::MisplacedDot));
    assert_eq!(fault("a@-b.cn"), Some(EmailFault::BadDomainLabel));
    assert_eq!(fault("a@b_c.cn"), Some(EmailFault::BadCharacter('_')));
    assert_eq!(fault("张@b.cn"), Some(EmailFault::BadCharacter('张')));
    assert_eq!(fault("a(b)@b.cn"), Some(EmailFault::BadCharacter('(')));
    assert_eq!(
        fault(&format!("{}@b.cn", "a".repeat(65))),
        Some(EmailFault::LocalPartTooLong)
    );
}

/// A valid address: a local part and two or three domain labels.
fn valid_address() -> impl Strategy<Value = String> {
    (
        "[a-z0-9][a-z0-9._+-]{0,10}[a-z0-9]",
        "[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?",
        "(\\.[a-z0-9]{1,6}){1,2}",
    )
        .prop_filter("no double dots", |(l, _, _)| !l.contains(".."))
        .prop_map(|(l, d, tld)| format!("{l}@{d}{tld}"))
}

/// 1–5 distinct valid addresses within 200 characters.
fn valid_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(valid_address(), 1..=MAX_EMAILS).prop_filter(
        "distinct, at most 200 characters",
        |l| {
            let mut lower: Vec<String> = l.iter().map(|a| a.to_ascii_lowercase()).collect();
            lower.sort();
            lower.dedup();
            lower.len() == l.len() && joined_length(l) <= MAX_EMAILS_LENGTH
        },
    )
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        ",", ", ", " ;", "，", "；", "、", "\n", " ,\r\n ", ",,",
    ])
}

proptest! {
    #[test]
    fn r20_valid_lists_are_accepted_exactly_as_typed(
        list in valid_list(),
        seps in prop::collection::vec(separator(), MAX_EMAILS),
        lead in "[ \t]{0,2}",
        trail in "[ ,;\n]{0,2}",
    ) {
        let mut text = lead;
        for (i, a) in list.iter().enumerate() {
            if i > 0 {
                text.push_str(seps[i - 1]);
            }
            text.push_str(a);
        }
        text.push_str(&trail);
        prop_assert_eq!(parse_email_list(&text), Ok(list.clone()));
        prop_assert!(check_emails(&list).is_empty());
    }

    #[test]
    fn r20_a_broken_address_is_refused_and_named(
        list in valid_list(),
        at in 0usize..MAX_EMAILS,
        bad in prop::sample::select(vec![" ", "@", "(", "张", ".."]),
    ) {
        let at = at % list.len();
        let mut broken = list.clone();
        let a = &broken[at];
        let cut = a.find('@').unwrap();
        broken[at] = format!("{}{bad}{}", &a[..cut], &a[cut..]);
        let problems = check_emails(&broken);
        prop_assert!(
            problems.iter().any(|p| p.code() == "INVALID_EMAIL" && p.index() == Some(at)),
            "{:?}", problems
        );
    }

    #[test]
    fn r20_too_many_or_too_long_lists_are_refused(
        list in prop::collection::vec(valid_address(), 6..12),
    ) {
        let problems = check_emails(&list);
        let too_many = EmailProblem::TooMany { count: list.len() };
        prop_assert!(problems.contains(&too_many));
        let long = joined_length(&list) > MAX_EMAILS_LENGTH;
        prop_assert_eq!(problems.iter().any(|p| p.code() == "EMAILS_TOO_LONG"), long);
    }

    #[test]
    fn email_parser_never_panics_and_keeps_what_was_typed(text in "\\PC{0,300}") {
        match parse_email_list(&text) {
            Ok(list) => {
                prop_assert!((1..=MAX_EMAILS).contains(&list.len()));
                prop_assert!(joined_length(&list) <= MAX_EMAILS_LENGTH);
                for a in &list {
                    prop_assert!(text.contains(a.as_str()));
                    prop_assert_eq!(email_fault(a), None);
                }
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
