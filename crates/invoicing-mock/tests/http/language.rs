//! Texts in zh-CN (default) or en, and `Content-Language` (R28).

use crate::harness::Mock;

#[tokio::test]
async fn r28_problem_texts_follow_accept_language() {
    let mut mock = Mock::start().await;
    let zh = mock.get("/api/v1/profile").await;
    let zh_body = zh.assert_problem(401, "SESSION_EXPIRED");
    assert_eq!(zh.header("content-language"), Some("zh-CN"));
    assert_eq!(zh_body["title"], "登录已过期");

    mock.lang = Some("en-US,en;q=0.9,zh-CN;q=0.5");
    let en = mock.get("/api/v1/profile").await;
    let en_body = en.assert_problem(401, "SESSION_EXPIRED");
    assert_eq!(en.header("content-language"), Some("en"));
    assert_eq!(en_body["title"], "Session expired");
    assert_ne!(zh_body["detail"], en_body["detail"]);

    mock.sign_in().await;
    let bad = mock
        .get("/api/v1/invoice-candidates?basis=order&limit=0")
        .await;
    let body = bad.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(
        body["errors"][0]["message"],
        "limit must be between 1 and 1000."
    );
    mock.lang = None;
    let bad = mock
        .get("/api/v1/invoice-candidates?basis=order&limit=0")
        .await;
    let body = bad.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(body["errors"][0]["message"], "limit 应在 1 到 1000 之间。");
}

#[tokio::test]
async fn r28_successful_answers_carry_content_language() {
    let mut mock = Mock::signed_in().await;
    assert_eq!(
        mock.get("/api/v1/issuers").await.header("content-language"),
        Some("zh-CN")
    );
    mock.lang = Some("en");
    assert_eq!(
        mock.get("/api/v1/issuers").await.header("content-language"),
        Some("en")
    );
}

#[tokio::test]
async fn r28_not_invoiceable_reason_is_in_the_request_language() {
    let mut mock = Mock::signed_in().await;
    let path = "/api/v1/invoice-candidates?basis=order&status=not_invoiceable";
    let zh = mock.get_ok(path, "CandidatePage").await;
    let reason = |page: &serde_json::Value, id: &str| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["notInvoiceableReason"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        reason(&zh, "cand-0025"),
        "订单正在进行合规审核，审核通过后可开票。"
    );
    mock.lang = Some("en");
    let en = mock.get_ok(path, "CandidatePage").await;
    assert!(reason(&en, "cand-0025").contains("compliance review"));
    assert_eq!(
        en["items"][0]["notInvoiceableReasonCode"],
        zh["items"][0]["notInvoiceableReasonCode"]
    );
}

/// The one candidate a query returns, and the answer's `Content-Language`.
async fn reason_of(mock: &Mock, query: &str) -> (String, String) {
    let reply = mock
        .get(&format!("/api/v1/invoice-candidates?{query}"))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let page = reply.json();
    crate::harness::assert_schema(&page, "CandidatePage");
    assert_eq!(page["items"].as_array().unwrap().len(), 1, "{query}");
    (
        page["items"][0]["notInvoiceableReason"]
            .as_str()
            .unwrap()
            .to_owned(),
        reply.header("content-language").unwrap().to_owned(),
    )
}

/// The demo fixture with cand-0025 (order 226102711214725) stored with this reason.
async fn with_reason(code: &str, text: &str) -> Mock {
    let (code, text) = (code.to_owned(), text.to_owned());
    Mock::with_fixture(move |f| {
        let c = crate::harness::candidate(f, "cand-0025");
        c["notInvoiceableReasonCode"] = serde_json::json!(code);
        c["notInvoiceableReason"] = serde_json::json!(text);
    })
    .await
}

const CAND_0025: &str = "basis=order&q=226102711214725";

#[tokio::test]
async fn r28_content_language_is_that_of_the_stored_texts_it_carries() {
    let mut mock = Mock::signed_in().await;
    let path = "/api/v1/invoice-candidates?basis=order&status=not_invoiceable";
    let zh = mock.get(path).await;
    assert_eq!(zh.header("content-language"), Some("zh-CN"));
    mock.lang = Some("en");
    // Every demo reason has a known code, which the mock translates.
    let en = mock.get(path).await;
    assert_eq!(en.header("content-language"), Some("en"));
    // Without texts, the language asked for.
    let none = mock
        .get("/api/v1/invoice-candidates?basis=order&status=invoiceable")
        .await;
    assert_eq!(none.header("content-language"), Some("en"));
}

#[tokio::test]
async fn r28_a_stored_text_without_translation_keeps_its_language() {
    // `OTHER` says more than its code: the text is returned as written.
    let mut mock = with_reason("OTHER", "等待代理商确认后可开票。").await;
    mock.lang = Some("en");
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        ("等待代理商确认后可开票。".into(), "zh-CN".into())
    );
    mock.lang = None;
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        ("等待代理商确认后可开票。".into(), "zh-CN".into())
    );

    // A code the contract does not know, stored in English, asked for in Chinese.
    let mut mock = with_reason("RESELLER_PENDING", "Awaiting the reseller's confirmation.").await;
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        ("Awaiting the reseller's confirmation.".into(), "en".into())
    );
    mock.lang = Some("en");
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        ("Awaiting the reseller's confirmation.".into(), "en".into())
    );
}

#[tokio::test]
async fn r28_a_known_code_written_in_english_is_translated_to_chinese() {
    let mut mock = with_reason("ORDER_UNDER_REVIEW", "Under compliance review.").await;
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        (
            "订单正在进行合规审核，审核通过后可开票。".into(),
            "zh-CN".into()
        )
    );
    // Asked for in its own language, the stored text is returned as written.
    mock.lang = Some("en");
    assert_eq!(
        reason_of(&mock, CAND_0025).await,
        ("Under compliance review.".into(), "en".into())
    );
}

#[tokio::test]
async fn r28_a_page_with_texts_in_both_languages_names_both() {
    let mut mock = with_reason("OTHER", "等待代理商确认后可开票。").await;
    mock.lang = Some("en");
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&status=not_invoiceable")
        .await;
    assert_eq!(reply.status, 200);
    let page = reply.json();
    let reasons: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["notInvoiceableReason"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"等待代理商确认后可开票。"), "{reasons:?}");
    assert!(
        reasons.iter().any(|r| r.contains("refund request")),
        "{reasons:?}"
    );
    assert_eq!(reply.header("content-language"), Some("en, zh-CN"));
    // A problem carries no stored text: the language asked for.
    let problem = mock.get("/api/v1/invoice-candidates").await;
    problem.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(problem.header("content-language"), Some("en"));
}
