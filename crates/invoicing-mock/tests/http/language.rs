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
