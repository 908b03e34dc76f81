//! One tab per manifest file, with a count of its errors.

use std::rc::Rc;

use yew::prelude::*;

pub use crate::model::view::panes::Tab;

#[derive(Properties, PartialEq)]
pub struct FileTabsProps {
    pub tabs: Rc<Vec<Tab>>,
    pub active: usize,
    pub onselect: Callback<usize>,
}

#[component]
pub fn FileTabs(props: &FileTabsProps) -> Html {
    html! {
        <div class="tabs" role="tablist">
            { for props.tabs.iter().enumerate().map(|(i, t)| {
                let onclick = props.onselect.reform(move |_: MouseEvent| i);
                let class = classes!("tab", (i == props.active).then_some("active"), (t.errors > 0).then_some("has-errors"));
                html! {
                    <button key={t.name.to_string()} {class} role="tab" aria-selected={(i == props.active).to_string()} {onclick}
                        data-testid={format!("tab-{}", t.name)}>
                        { t.name.clone() }
                        if t.errors > 0 { <span class="badge">{ t.errors }</span> }
                    </button>
                }
            }) }
        </div>
    }
}
