//! Stand-alone entry point: panic hook, configuration from the page, and a mount into
//! `#invoice-app` when the page has one (a host page mounts with the exported `mount` instead).

fn main() {
    console_error_panic_hook::set_once();
    if let Some(instance) =
        invoice_app::mount_by_id("invoice-app", invoice_app::Config::from_page())
    {
        // The stand-alone page keeps its app for as long as it lives.
        std::mem::forget(instance);
    }
}
