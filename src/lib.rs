//! The invoice application of the cloud user center: a Leptos single-page app.
//!
//! Business rules live in the `invoicing` crate; this crate loads data ([`api`]), keeps it in
//! reactive stores ([`state`]) and renders it ([`components`], [`pages`]). [`mount`] is the one
//! entry point, for the stand-alone page and for a host console that embeds the app.

pub mod api;
pub mod components;
pub mod config;
pub mod i18n;
pub mod pages;
pub mod perf;
pub mod state;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use config::Config;

/// Mounts the app into `element` with `config`, for as long as the page lives.
pub fn mount(element: web_sys::HtmlElement, config: Config) {
    leptos::mount::mount_to(
        element,
        move || view! { <pages::App config=config.clone()/> },
    )
    .forget();
}

/// Mounts the app into the element with id `id`, or into `<body>` when there is none.
pub fn mount_by_id(id: &str, config: Config) {
    let document = document();
    let element = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body())
        .expect("the page has a body");
    mount(element, config);
}
