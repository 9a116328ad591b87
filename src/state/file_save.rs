//! Saving bytes the backend sent as a file (R26, R27): a `Blob`, an object URL, a temporary
//! `<a download>` clicked once, and the URL revoked shortly after (Firefox needs the URL until
//! the download has started).

use std::time::Duration;

use leptos::prelude::{document, set_timeout};
use wasm_bindgen::JsCast;
use web_sys::js_sys::{Array, Uint8Array};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long the object URL outlives the click.
const REVOKE_AFTER: Duration = Duration::from_secs(1);

/// Offers `bytes` to the browser as a download named `file_name`. `Err` when the browser would
/// not create the blob or the link (then nothing was saved).
pub fn save_file(bytes: &[u8], file_name: &str, content_type: &str) -> Result<(), String> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js_text)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let saved = click_link(&url, file_name);
    set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    saved
}

/// A hidden `<a href=url download=name>` in the body, clicked and removed.
fn click_link(url: &str, file_name: &str) -> Result<(), String> {
    let document = document();
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_text)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    link.set_href(url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    body.append_child(&link).map_err(js_text)?;
    link.click();
    link.remove();
    Ok(())
}

fn js_text(e: wasm_bindgen::JsValue) -> String {
    format!("{e:?}")
}
