//! `mount(element, config) -> handle`, exported to JavaScript, and the [`Instance`] behind a
//! handle: the element, the config, and the mounted tree with the reactive owner that holds all
//! of its state. `handle.unmount()` removes the tree's nodes and disposes the owner (every
//! signal, effect, timer and listener registered with `on_cleanup` goes with it);
//! `handle.setLocale(tag)` remounts the tree in the other language under the same element.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use wasm_bindgen::prelude::*;

use super::{config_from_js, EmbedContext};
use crate::config::Config;
use crate::i18n::Locale;

/// One app mounted into one host element.
pub struct Instance {
    element: web_sys::HtmlElement,
    config: RefCell<Config>,
    mounted: RefCell<Option<Mounted>>,
    /// The instance itself while it is mounted: a host that drops its handle (or whose handle
    /// the JavaScript collector frees) must not pull the state from under a live tree. Only
    /// `unmount` ends it.
    alive: RefCell<Option<Rc<Instance>>>,
}

/// The tree as mounted: its owner and how to take its nodes out.
struct Mounted {
    owner: Owner,
    unmount: Box<dyn FnOnce()>,
}

/// Mounts the app into `element` with `config`; the instance lives until [`Instance::unmount`].
pub fn mount_instance(element: web_sys::HtmlElement, config: Config) -> Rc<Instance> {
    let instance = Rc::new(Instance {
        element,
        config: RefCell::new(config),
        mounted: RefCell::new(None),
        alive: RefCell::new(None),
    });
    instance.mount_tree();
    instance
}

impl Instance {
    fn mount_tree(self: &Rc<Self>) {
        // Drives the reactive system's tasks; an error only says it already does.
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let config = self.config.borrow().clone();
        let embed = EmbedContext::new(self.element.clone(), Rc::downgrade(self));
        let element = self.element.clone();
        let owner = Owner::new();
        let mut mountable = owner.with(move || {
            provide_context(embed);
            let mut mountable = view! { <crate::pages::App config/> }.into_view().build();
            mountable.mount(&element, None);
            mountable
        });
        *self.mounted.borrow_mut() = Some(Mounted {
            owner,
            unmount: Box::new(move || mountable.unmount()),
        });
        *self.alive.borrow_mut() = Some(Rc::clone(self));
    }

    /// Removes the app from its element and frees its reactive state. The draft is written
    /// first (R22). Nothing when it is not mounted.
    pub fn unmount(&self) {
        let mounted = self.mounted.borrow_mut().take();
        if let Some(Mounted { owner, unmount }) = mounted {
            unmount();
            owner.cleanup();
        }
        // The caller holds another reference (the handle's, or the context's upgraded one).
        let _ = self.alive.borrow_mut().take();
    }

    /// Whether the app is mounted.
    pub fn is_mounted(&self) -> bool {
        self.mounted.borrow().is_some()
    }

    /// The language shown.
    pub fn locale(&self) -> Locale {
        self.config.borrow().locale
    }

    /// Remounts the tree in `locale` (nothing when it is already shown, or unmounted): the
    /// page starts again, and the draft brings back the tab, filters, checked families, the
    /// amount and steps 3–4.
    pub fn set_locale(self: &Rc<Self>, locale: Locale) {
        if self.locale() == locale {
            return;
        }
        self.config.borrow_mut().locale = locale;
        if self.is_mounted() {
            self.unmount();
            self.mount_tree();
        }
    }

    /// [`Instance::set_locale`] once the current event is over, for a control inside the tree
    /// being replaced.
    pub fn set_locale_later(self: &Rc<Self>, locale: Locale) {
        let this = Rc::clone(self);
        queue_microtask(move || this.set_locale(locale));
    }
}

/// What `mount` returns to JavaScript.
#[wasm_bindgen]
pub struct AppHandle {
    instance: Option<Rc<Instance>>,
}

#[wasm_bindgen]
impl AppHandle {
    /// Removes the app from its element and frees its state; later calls do nothing.
    pub fn unmount(&mut self) {
        if let Some(instance) = self.instance.take() {
            instance.unmount();
        }
    }

    /// Switches the language (`"zh-CN"` or `"en"`): the app is remounted, keeping the draft.
    /// An unknown tag throws a `TypeError`.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, tag: &str) -> Result<(), JsValue> {
        let locale = Locale::parse(tag).ok_or_else(|| {
            JsValue::from(js_sys::TypeError::new(&format!(
                "setLocale: {tag:?} is neither zh-CN nor en"
            )))
        })?;
        if let Some(instance) = &self.instance {
            instance.set_locale(locale);
        }
        Ok(())
    }

    /// The language shown (`"zh-CN"` or `"en"`); `undefined` after `unmount()`.
    #[wasm_bindgen(getter)]
    pub fn locale(&self) -> Option<String> {
        self.instance.as_ref().map(|i| i.locale().tag().to_owned())
    }

    /// Whether the app is mounted (`false` after `unmount()`).
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.instance.as_ref().is_some_and(|i| i.is_mounted())
    }
}

/// `mount(element, config)`: mounts the app into `element` (emptied of the app's nodes by
/// `handle.unmount()`; the host's own children stay) with the host's `config` object (see
/// [`super::js_config`]). Throws a `TypeError` for a config field of the wrong type.
#[wasm_bindgen(js_name = mount)]
pub fn mount_js(element: web_sys::HtmlElement, config: JsValue) -> Result<AppHandle, JsValue> {
    let config = config_from_js(&config)?;
    Ok(AppHandle {
        instance: Some(mount_instance(element, config)),
    })
}
