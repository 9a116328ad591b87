//! The invoice application of the cloud user center: a Leptos single-page app.
//!
//! Business rules live in the `invoicing` crate; this crate loads data ([`api`]), keeps it in
//! reactive stores ([`state`]) and renders it ([`components`], [`pages`]). [`mount`] is the one
//! entry point, for the stand-alone page and for a host console that embeds the app; JavaScript
//! hosts call the exported `mount(element, config)` ([`embed`]).

pub mod api;
pub mod components;
pub mod config;
pub mod embed;
pub mod i18n;
pub mod pages;
pub mod perf;
pub mod state;

use std::rc::Rc;

use wasm_bindgen::JsCast;

pub use config::Config;
pub use embed::Instance;

/// Mounts the app into `element` with `config`; it stays until [`Instance::unmount`].
pub fn mount(element: web_sys::HtmlElement, config: Config) -> Rc<Instance> {
    embed::mount_instance(element, config)
}

/// Mounts the app into the element with id `id`, if the page has one: a host page that loads
/// the same WebAssembly and calls `mount` itself gets no instance of its own.
pub fn mount_by_id(id: &str, config: Config) -> Option<Rc<Instance>> {
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()?;
    Some(mount(element, config))
}
