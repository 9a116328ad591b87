//! Stand-alone entry point: panic hook, configuration from the page, mount.

fn main() {
    console_error_panic_hook::set_once();
    invoice_app::mount_by_id("invoice-app", invoice_app::Config::from_page());
}
