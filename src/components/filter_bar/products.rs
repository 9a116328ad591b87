//! The product filter: its options come from `GET /products` of the basis; when they cannot be
//! loaded the select says so and offers a retry.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::i18n::{FilterText, I18n};
use crate::state::{FamilyStore, FilterForm, Products};

#[component]
pub(super) fn ProductFilter(
    store: FamilyStore,
    form: FilterForm,
    /// The select's element id.
    id: String,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let values = form.values();
    let products = form.products();
    let client = use_context::<ApiClient>();
    let failed = move || products.with(|p| matches!(p, Products::Failed(_)));
    let first = move || {
        i18n.t(products.with(|p| match p {
            Products::Ready(_) => FilterText::AllProducts,
            Products::Loading => FilterText::ProductsLoading,
            Products::Failed(_) => FilterText::ProductsFailed,
        }))
    };
    let options = move || {
        products.with(|p| match p {
            Products::Ready(list) => list
                .iter()
                .map(|product| {
                    let code = product.product_code.clone();
                    view! {
                        <option
                            value=product.product_code.clone()
                            prop:selected=move || values.with(|v| v.product_code == code)
                        >
                            {product.product_name.clone()}
                        </option>
                    }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    };
    let error_id = format!("{id}-error");
    let failure = {
        let error_id = error_id.clone();
        move || {
            failed().then(|| {
                let retry = client.clone().map(|client| {
                    view! {
                        <button
                            type="button"
                            class="inv-button inv-filter__retry"
                            data-testid="filter-product-retry"
                            on:click=move |_| form.load_products(client.clone())
                        >
                            {i18n.t(FilterText::Retry)}
                        </button>
                    }
                });
                view! {
                    <p class="inv-filter__error" role="alert" id=error_id.clone()>
                        {i18n.t(FilterText::ProductsFailed)}
                    </p>
                    {retry}
                }
            })
        }
    };
    view! {
        <div class="inv-filter inv-filter--product">
            <label for=id.clone()>{i18n.t(FilterText::Product)}</label>
            <select
                id=id
                data-testid="filter-product"
                aria-describedby=move || failed().then(|| error_id.clone())
                aria-busy=move || products.with(|p| matches!(p, Products::Loading)).to_string()
                on:change=move |ev| {
                    let code = event_target_value(&ev);
                    form.choose(store, |v| v.product_code = code);
                }
            >
                <option value="" prop:selected=move || values.with(|v| v.product_code.is_empty())>
                    {first}
                </option>
                {options}
            </select>
            {failure}
        </div>
    }
}
