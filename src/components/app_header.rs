//! The title bar: what podlab is, the simulated clock and its controls.

use yew::prelude::*;

use super::theme_toggle::ThemeToggle;
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
                <span class="tagline">{ "multi-container pods: ambassador, sidecar, adapter and what they share" }</span>
            </div>
            <div class="clock" data-testid="clock">
                <span class="clock-label" title="Simulated time since kubectl apply of every tab, in order">
                    { "t = " }<strong>{ props.clock.clone() }</strong>{ " after apply" }
                </span>
                <button class="btn" onclick={ontoggle} data-testid="clock-toggle">
                    { if props.playing { "❚❚ pause" } else { "▶ play" } }
                </button>
                <button class="btn" onclick={skip(10)} data-testid="skip-10s">{ "+10 s" }</button>
                <button class="btn" onclick={skip(60)}>{ "+1 min" }</button>
                <button class="btn" onclick={skip(300)}>{ "+5 min" }</button>
                <button class="btn subtle" onclick={onreset} title="Replace every tab with this preset's own files (the notice offers an undo)" data-testid="reset">{ "reset preset" }</button>
                <ThemeToggle />
            </div>
        </header>
    }
}
