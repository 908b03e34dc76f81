//! The embedded layout's clock (`?embed=1`): the simulated time and its
//! play, skip and reset buttons, in one row beside the tabs.

use yew::prelude::*;

use crate::model::base::time::SimDuration;

/// podlab's own text here (English; the lead translates at merge).
mod text {
    pub const PAUSE: &str = "❚❚ pause";
    pub const PLAY: &str = "▶ play";
    pub const SKIP: &str = "+10 s";
    pub const RESET: &str = "reset";
    pub const RESET_TITLE: &str =
        "Replace every file with this preset's own files (the notice offers an undo)";
    pub const CLOCK_TITLE: &str = "Simulated time since kubectl apply of every file, in order";
}

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
    let ontoggle = props.ontoggle.reform(|_: MouseEvent| ());
    let onreset = props.onreset.reform(|_: MouseEvent| ());
    let onskip = props
        .onskip
        .reform(|_: MouseEvent| SimDuration::from_secs(10));
    html! {
        <div class="embed-clock clock" data-testid="clock">
            <span class="clock-label" title={text::CLOCK_TITLE}>
                { "t = " }<strong>{ props.clock.clone() }</strong>
            </span>
            <button class="btn" onclick={ontoggle} data-testid="clock-toggle">
                { if props.playing { text::PAUSE } else { text::PLAY } }
            </button>
            <button class="btn" onclick={onskip} data-testid="skip-10s">{ text::SKIP }</button>
            <button class="btn subtle" onclick={onreset} title={text::RESET_TITLE} data-testid="reset">{ text::RESET }</button>
        </div>
    }
}
