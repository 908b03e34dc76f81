//! The title bar: what podlab is, the simulated clock and its controls, and
//! the language switch.

use yew::prelude::*;

use super::lang_switch::LangSwitch;
use super::theme_toggle::ThemeToggle;
use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::base::time::SimDuration;

#[derive(Properties, PartialEq)]
pub struct AppHeaderProps {
    /// The simulated time since the manifests were applied, as text.
    pub clock: AttrValue,
    pub playing: bool,
    pub ontoggle: Callback<()>,
    pub onskip: Callback<SimDuration>,
    pub onreset: Callback<()>,
}

#[component]
pub fn AppHeader(props: &AppHeaderProps) -> Html {
    let lang = use_lang();
    let skip = |secs: u64| {
        let cb = props.onskip.clone();
        Callback::from(move |_: MouseEvent| cb.emit(SimDuration::from_secs(secs)))
    };
    let ontoggle = props.ontoggle.reform(|_: MouseEvent| ());
    let onreset = props.onreset.reform(|_: MouseEvent| ());
    html! {
        <header class="app-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "⎈" }</span>
                <h1>{ "podlab" }</h1>
                <span class="tagline">{ Key::Tagline.text(lang) }</span>
            </div>
            <div class="clock" data-testid="clock">
                <span class="clock-label" title={Key::ClockTitle.text(lang)}>
                    { "t = " }<strong>{ props.clock.clone() }</strong>{ Key::ClockAfterApply.text(lang) }
                </span>
                <button class="btn" onclick={ontoggle} data-testid="clock-toggle">
                    { if props.playing { Key::Pause } else { Key::Play }.text(lang) }
                </button>
                <button class="btn" onclick={skip(10)} data-testid="skip-10s">{ Key::SkipSeconds.msg().arg("n", 10).render(lang) }</button>
                <button class="btn" onclick={skip(60)} data-testid="skip-1min">{ Key::SkipMinutes.msg().arg("n", 1).render(lang) }</button>
                <button class="btn" onclick={skip(300)} data-testid="skip-5min">{ Key::SkipMinutes.msg().arg("n", 5).render(lang) }</button>
                <button class="btn subtle" onclick={onreset} title={Key::ResetTitle.text(lang)} data-testid="reset">{ Key::Reset.text(lang) }</button>
                <ThemeToggle />
            </div>
            <LangSwitch />
        </header>
    }
}
