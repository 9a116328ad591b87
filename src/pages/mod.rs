//! Pages of the app and the root that provides configuration, language and the API client, with
//! the header's language switcher (the stand-alone page's; a host uses `handle.setLocale`), the
//! offline banner and the session-expired notice above every page.

mod invoicing;
mod records;
mod shell;
mod start;

pub use invoicing::InvoicingPage;
pub use records::RecordsPage;
pub use shell::AppPages;
pub use start::SessionGate;

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{ConnectionNotice, SessionNotice};
use crate::config::Config;
use crate::embed::EmbedContext;
use crate::i18n::{EmbedText, I18n, Locale, Text};
use crate::state::{Connectivity, SessionWatch};

/// The whole app: everything under one root class, so a host console's styles and ours never mix.
#[component]
pub fn App(
    /// Backend, language and the real-name verification page.
    config: Config,
) -> impl IntoView {
    let i18n = I18n(config.locale);
    let embed = EmbedContext::use_context();
    provide_context(i18n);
    let watch = SessionWatch::new();
    provide_context(watch);
    let connectivity = Connectivity::follow();
    provide_context(connectivity);
    provide_context(
        ApiClient::new(&config)
            .with_embed(embed.clone())
            .with_session_watch(Some(watch)),
    );
    provide_context(config.clone());
    let switch = (config.locale_switch && embed.is_some())
        .then(|| view! { <LocaleSwitch current=config.locale/> });
    view! {
        <div class="inv-app" lang=config.locale.tag()>
            <header class="inv-header">
                <h1>{i18n.t(Text::PageInvoicing)}</h1>
                {switch}
            </header>
            <ConnectionNotice connectivity/>
            <SessionNotice watch/>
            <SessionGate/>
        </div>
    }
}

/// Two buttons, one per language, each in its own language; the pressed one is shown. A press
/// remounts the app in the other language ([`EmbedContext::set_locale`]); the draft keeps what
/// the user chose and typed.
#[component]
fn LocaleSwitch(current: Locale) -> impl IntoView {
    let i18n = I18n::use_context();
    let embed = EmbedContext::use_context();
    let button = move |locale: Locale, text: EmbedText| {
        let embed = embed.clone();
        let choose = move |_| {
            if let Some(embed) = &embed {
                embed.set_locale(locale);
            }
        };
        view! {
            <button
                type="button"
                class="inv-button inv-locale-switch__option"
                lang=locale.tag()
                aria-pressed=if locale == current { "true" } else { "false" }
                data-locale=locale.tag()
                on:click=choose
            >
                {i18n.t(text)}
            </button>
        }
    };
    view! {
        <div class="inv-locale-switch" role="group" aria-label=i18n.t(EmbedText::LanguageLabel) data-testid="locale-switch">
            {button(Locale::ZhCn, EmbedText::LanguageZh)}
            {button(Locale::En, EmbedText::LanguageEn)}
        </div>
    }
}
