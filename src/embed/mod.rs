//! Embedding the app in a host page: the JavaScript `mount` API ([`handle`]), the host's
//! configuration object ([`js_config`]), and the [`EmbedContext`] every instance provides to its
//! tree: the root element the app's DOM events go to, a prefix for element ids unique to the
//! instance, and the way to switch the language (a remount).
//!
//! Events, dispatched on the root element, bubbling and `composed`:
//! - `invoice:submitted`, `detail: { applicationId, invoiceIds }`, after a successful submission
//!   (also when the server replays the answer of an earlier attempt with the same key);
//! - `invoice:session-expired`, `detail: { status: 401 }`, when the API answers `401`: once per
//!   expiry (again only after a request has succeeded since). The draft is kept (R22).
//!
//! Both are dispatched in a microtask after the app's own update.

mod handle;
mod js_config;

pub use handle::{mount_instance, mount_js, AppHandle, Instance};
pub use js_config::config_from_js;

use std::cell::Cell;
use std::rc::{Rc, Weak};

use send_wrapper::SendWrapper;
use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// The name of the event after a successful submission.
pub const SUBMITTED_EVENT: &str = "invoice:submitted";
/// The name of the event when the API answers `401`.
pub const SESSION_EXPIRED_EVENT: &str = "invoice:session-expired";

/// One mounted instance as its tree sees it; in the context of the app's root. `Clone` and
/// `Send + Sync` only to be a context value: everything in it is used on the page's thread.
#[derive(Clone)]
pub struct EmbedContext(SendWrapper<Rc<Inner>>);

struct Inner {
    root: web_sys::HtmlElement,
    /// `inv<N>`: unique per instance in the document.
    prefix: String,
    /// A `401` has been announced and no request has succeeded since.
    expired: Cell<bool>,
    instance: Weak<Instance>,
}

thread_local! {
    /// Numbers instances for their id prefixes. Only ever increases: the one piece of state two
    /// instances share, so that their element ids differ.
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(0) };
}

impl EmbedContext {
    /// The context of an instance rooted at `root`.
    pub fn new(root: web_sys::HtmlElement, instance: Weak<Instance>) -> EmbedContext {
        let n = NEXT_INSTANCE.with(|n| n.replace(n.get() + 1));
        EmbedContext(SendWrapper::new(Rc::new(Inner {
            root,
            prefix: format!("inv{n}"),
            expired: Cell::new(false),
            instance,
        })))
    }

    /// The instance's context; `None` when a component is mounted alone (component tests).
    pub fn use_context() -> Option<EmbedContext> {
        leptos::prelude::use_context::<EmbedContext>()
    }

    /// The element the host mounted the app into; the events are dispatched on it.
    pub fn root(&self) -> &web_sys::HtmlElement {
        &self.0.root
    }

    /// An element id unique to this instance in the document: `inv<N>-<name>`. Components with
    /// fixed ids use it so that two instances on one page never share an id.
    pub fn id(&self, name: &str) -> String {
        format!("{}-{name}", self.0.prefix)
    }

    /// `invoice:submitted` with `{ applicationId, invoiceIds }`.
    pub fn submitted(&self, application_id: &str, invoice_ids: &[String]) {
        let detail = js_sys::Object::new();
        let ids: js_sys::Array = invoice_ids.iter().map(|i| JsValue::from_str(i)).collect();
        set(&detail, "applicationId", &JsValue::from_str(application_id));
        set(&detail, "invoiceIds", &ids);
        dispatch(self.root(), SUBMITTED_EVENT, &detail);
    }

    /// The API answered `401`: `invoice:session-expired`, unless already said since the last
    /// success.
    pub fn session_expired(&self) {
        if self.0.expired.replace(true) {
            return;
        }
        let detail = js_sys::Object::new();
        set(&detail, "status", &JsValue::from_f64(401.0));
        dispatch(self.root(), SESSION_EXPIRED_EVENT, &detail);
    }

    /// A request succeeded: the next `401` is a new expiry.
    pub fn session_alive(&self) {
        self.0.expired.set(false);
    }

    /// Switches the instance to `locale`: the tree is remounted after the current event (the
    /// draft keeps what the user chose and typed). Nothing without an instance.
    pub fn set_locale(&self, locale: Locale) {
        if let Some(instance) = self.0.instance.upgrade() {
            Instance::set_locale_later(&instance, locale);
        }
    }
}

impl std::fmt::Debug for EmbedContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("EmbedContext").field(&self.0.prefix).finish()
    }
}

/// Two contexts are equal when they are the same instance's.
impl PartialEq for EmbedContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for EmbedContext {}

/// An element id unique to the current instance (`inv<N>-<name>`), or `inv-<name>` outside an
/// instance (a component mounted alone in a test). For components whose ids are fixed: call it
/// while rendering, where the context is.
pub fn instance_id(name: &str) -> String {
    match EmbedContext::use_context() {
        Some(embed) => embed.id(name),
        None => format!("inv-{name}"),
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// A bubbling, composed `CustomEvent` named `name` with `detail` on `target`, dispatched in a
/// microtask: the host's listeners run after the app's own update, so a listener may unmount
/// the app without pulling its state from under the code that announced the event.
pub fn dispatch(target: &web_sys::HtmlElement, name: &'static str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) else {
        leptos::logging::warn!("the {name} event could not be created");
        return;
    };
    let target = target.clone();
    leptos::prelude::queue_microtask(move || {
        let _ = target.dispatch_event(&event);
    });
}
