//! `/profile`, `/accounts`, `/issuers`, `/products`, `/invoice-titles`, `/addresses`, and visibility by role (R04).

use serde_json::{json, Value};

use crate::harness::{ids, Mock};

fn item_ids(list: &Value, key: &str) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i[key].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn r04_enterprise_owner_sees_every_account_in_id_order() {
    let mock = Mock::signed_in().await;
    let accounts = mock.get_ok("/api/v1/accounts", "AccountList").await;
    assert_eq!(
        item_ids(&accounts, "id"),
        ["1358207642917356", "1469318753028467", "1570429864139578"]
    );
    assert_eq!(accounts["items"][1]["arrears"][0]["amount"], "1286.40");
}

/// The demo fixture signed in as the R&D member account, with `role` and `enterprise` as given.
async fn signed_in_as_rd(role: &str, enterprise: bool) -> Mock {
    let role = role.to_owned();
    Mock::with_fixture(move |f| {
        f["profile"]["accountId"] = json!("1469318753028467");
        f["profile"]["accountName"] = json!("青禾数据-研发中心");
        f["profile"]["role"] = json!(role);
        if !enterprise {
            f["profile"]["enterprise"] = Value::Null;
        }
    })
    .await
}

#[tokio::test]
async fn r04_member_sees_only_its_own_account_and_candidates() {
    let mock = signed_in_as_rd("member", true).await;
    let accounts = mock.get_ok("/api/v1/accounts", "AccountList").await;
    assert_eq!(item_ids(&accounts, "id"), ["1469318753028467"]);
    let pages = mock.all_pages("basis=order").await;
    assert!(pages[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["accountId"] == "1469318753028467"));
    assert_eq!(pages[0]["totalCount"], 9);
    mock.get("/api/v1/invoice-candidates?basis=order&accountId=1358207642917356")
        .await
        .assert_problem(403, "ACCOUNT_NOT_VISIBLE");
    mock.get_ok(
        "/api/v1/invoice-candidates?basis=order&accountId=1469318753028467",
        "CandidatePage",
    )
    .await;
}

#[tokio::test]
async fn r04_enterprise_admin_sees_all_and_standalone_owner_only_itself() {
    let admin = signed_in_as_rd("enterprise_admin", true).await;
    let accounts = admin.get_ok("/api/v1/accounts", "AccountList").await;
    assert_eq!(item_ids(&accounts, "id").len(), 3);

    let alone = signed_in_as_rd("owner", false).await;
    let accounts = alone.get_ok("/api/v1/accounts", "AccountList").await;
    assert_eq!(item_ids(&accounts, "id"), ["1469318753028467"]);
    let products = alone
        .get_ok("/api/v1/products?basis=bill", "ProductList")
        .await;
    assert_eq!(item_ids(&products, "productCode"), ["ecs"]);
}

#[tokio::test]
async fn issuers_in_id_order_with_their_tax_rates() {
    let mock = Mock::signed_in().await;
    let issuers = mock.get_ok("/api/v1/issuers", "IssuerList").await;
    assert_eq!(item_ids(&issuers, "id"), ["CLOUD_SERVICE", "COMM_SERVICE"]);
    assert_eq!(issuers["items"][0]["taxRates"], json!(["0.06", "0.13"]));
}

#[tokio::test]
async fn r04_products_are_those_of_listed_candidates_by_code() {
    let mock = Mock::signed_in().await;
    let orders = mock
        .get_ok("/api/v1/products?basis=order", "ProductList")
        .await;
    assert_eq!(
        item_ids(&orders, "productCode"),
        ["cloud_terminal", "dypns", "ecs", "rds", "slb"]
    );
    let bills = mock
        .get_ok("/api/v1/products?basis=bill", "ProductList")
        .await;
    assert_eq!(
        item_ids(&bills, "productCode"),
        ["cdn", "ecs", "oss", "sms", "voice"]
    );
    let all = mock.get_ok("/api/v1/products", "ProductList").await;
    assert_eq!(item_ids(&all, "productCode").len(), 9);
    let bad = mock.get("/api/v1/products?basis=amount").await;
    bad.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(bad.field_codes("basis"), ["INVALID_VALUE"]);

    // Every product offered filters to at least one candidate.
    for code in item_ids(&orders, "productCode") {
        let pages = mock
            .all_pages(&format!("basis=order&productCode={code}"))
            .await;
        assert!(!ids(&pages).is_empty(), "{code}");
    }
}

#[tokio::test]
async fn titles_and_addresses_have_the_default_first() {
    let mock = Mock::signed_in().await;
    let titles = mock
        .get_ok("/api/v1/invoice-titles", "InvoiceTitleList")
        .await;
    assert_eq!(titles["items"][0]["isDefault"], true);
    let addresses = mock.get_ok("/api/v1/addresses", "AddressList").await;
    assert_eq!(addresses["items"][0]["isDefault"], true);
}

#[tokio::test]
async fn validation_unknown_query_parameters_are_not_allowed() {
    let mock = Mock::signed_in().await;
    for path in [
        "/api/v1/profile?x=1",
        "/api/v1/accounts?limit=5",
        "/api/v1/issuers?_=123",
        "/api/v1/products?basis=order&q=ecs",
    ] {
        let reply = mock.get(path).await;
        let body = reply.assert_problem(400, "VALIDATION_FAILED");
        assert_eq!(body["errors"][0]["code"], "NOT_ALLOWED", "{path}");
    }
}

/// The fixture lists every account; `GET /accounts`, candidates and products show those the
/// role may see (R04), whatever the fixture holds.
#[tokio::test]
async fn r04_the_fixture_lists_every_account_and_each_role_sees_its_own() {
    let all = ["1358207642917356", "1469318753028467", "1570429864139578"];
    let rd = "1469318753028467";
    let fixture = crate::harness::demo_fixture();
    let products_of = |accounts: &[&str]| {
        let mut codes: Vec<String> = fixture["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| accounts.contains(&c["accountId"].as_str().unwrap()))
            .map(|c| c["productCode"].as_str().unwrap().to_owned())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    for (role, enterprise, sees) in [
        ("owner", true, &all[..]),
        ("enterprise_admin", true, &all[..]),
        ("member", true, &[rd][..]),
        ("owner", false, &[rd][..]),
    ] {
        let mock = signed_in_as_rd(role, enterprise).await;
        let case = format!("{role}, enterprise {enterprise}");
        let accounts = mock.get_ok("/api/v1/accounts", "AccountList").await;
        assert_eq!(item_ids(&accounts, "id"), sees, "{case}");
        // The R&D centre's own arrears are always shown.
        let own = accounts["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == rd)
            .unwrap();
        assert_eq!(own["arrears"][0]["amount"], "1286.40", "{case}");

        let mut listed: Vec<String> = Vec::new();
        for basis in ["order", "bill"] {
            for page in mock.all_pages(&format!("basis={basis}")).await {
                for c in page["items"].as_array().unwrap() {
                    listed.push(c["accountId"].as_str().unwrap().to_owned());
                }
            }
        }
        listed.sort();
        listed.dedup();
        assert_eq!(listed, sees, "{case}");

        let products = mock.get_ok("/api/v1/products", "ProductList").await;
        assert_eq!(
            item_ids(&products, "productCode"),
            products_of(sees),
            "{case}"
        );

        for hidden in all.iter().filter(|a| !sees.contains(a)) {
            mock.get(&format!(
                "/api/v1/invoice-candidates?basis=order&accountId={hidden}"
            ))
            .await
            .assert_problem(403, "ACCOUNT_NOT_VISIBLE");
        }
    }
}
