//! The console's polite live region: visually hidden, it holds the output
//! of the lines that ended since the last announcement, cut at
//! `a11y::ANNOUNCE_CHARS` characters (`a11y::announcement`), so a screen
//! reader reads what is new, not the whole transcript. A component of its
//! own, so an announcement re-renders only this.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::tools::console::Entry;
use crate::model::view::a11y;
use crate::selectors::Same;

#[derive(Properties, PartialEq)]
pub struct ConsoleAnnouncerProps {
    pub entries: Rc<Vec<Entry>>,
}

#[component]
pub fn ConsoleAnnouncer(props: &ConsoleAnnouncerProps) -> Html {
    let lang = crate::lang::use_lang();
    // How many entries had been announced (or were there at mount: a
    // restored transcript is not read out).
    let before = {
        let entries = props.entries.clone();
        use_mut_ref(move || a11y::seen(&entries))
    };
    // The newest announcement, numbered so that the same words twice are
    // a new node, which is read again.
    let said = use_state(|| None::<(u64, a11y::Announcement)>);
    {
        let said = said.clone();
        use_effect_with(Same(props.entries.clone()), move |entries| {
            let now = a11y::seen(&entries.0);
            let text = a11y::announcement(&entries.0, *before.borrow());
            *before.borrow_mut() = now;
            if let Some(text) = text {
                let n = said.as_ref().map_or(0, |(n, _)| n + 1);
                said.set(Some((n, text)));
            }
        });
    }
    html! {
        <div class="sr-only" aria-live="polite" data-testid="console-announce">
            if let Some((n, text)) = &*said {
                <div key={*n}>{ text.render(lang) }</div>
            }
        </div>
    }
}
