//! The embedded layout's clock (`?embed=1`): the simulated time and its
//! play, skip and reset buttons, in one row beside the tabs.

use yew::prelude::*;

use super::theme_toggle::ThemeToggle;
use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::base::time::SimDuration;

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    /// The simulated time since the manifests were applied, as text.
    pub clock: AttrValue,
    pub playing: bool,
    pub ontoggle: Callback<()>,
    pub onskip: Callback<SimDuration>,
    pub onreset: Callback<()>,
}

#[component]
pub fn EmbedBar(props: &EmbedBarProps) -> Html {
    let lang = use_lang();
    let ontoggle = props.ontoggle.reform(|_: MouseEvent| ());
    let onreset = props.onreset.reform(|_: MouseEvent| ());
    let onskip = props
        .onskip
        .reform(|_: MouseEvent| SimDuration::from_secs(10));
    html! {
        <div class="embed-clock clock" data-testid="clock">
            <span class="clock-label" title={Key::ClockTitle.text(lang)}>
                { "t = " }<strong>{ props.clock.clone() }</strong>
            </span>
            <button class="btn" onclick={ontoggle} data-testid="clock-toggle">
                { if props.playing { Key::Pause } else { Key::Play }.text(lang) }
            </button>
            <button class="btn" onclick={onskip} data-testid="skip-10s">{ Key::SkipSeconds.msg().arg("n", 10).render(lang) }</button>
            <button class="btn subtle" onclick={onreset} title={Key::ResetTitle.text(lang)} data-testid="reset">{ Key::Reset.text(lang) }</button>
            <ThemeToggle />
        </div>
    }
}
