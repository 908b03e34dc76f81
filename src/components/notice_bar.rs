//! The notices above the workspace: a crash last time, a save kept aside,
//! another tab's change, a failed save, a reset that can be undone. What
//! they say and offer is `persist::notices`; this draws them and sends the
//! buttons' choices back.

use std::rc::Rc;

use yew::prelude::*;

use crate::lang::use_lang;
use crate::persist::{Notice, NoticeAction, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notices: Rc<Vec<Notice>>,
    pub onaction: Callback<NoticeAction>,
}

#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let lang = use_lang();
    html! {
        <>
            { for props.notices.iter().map(|n| {
                let class = match n.kind {
                    NoticeKind::Warn => "notice warn",
                    NoticeKind::Info => "notice info",
                };
                html! {
                    <div class={class} role="status" data-testid={n.testid}>
                        <span class="notice-text">{ n.text.render(lang) }</span>
                        { for n.actions.iter().map(|&a| {
                            let cb = props.onaction.clone();
                            let onclick = Callback::from(move |_: MouseEvent| cb.emit(a));
                            html! { <button class="btn notice-btn" {onclick} data-testid={a.testid()}>{ a.label().text(lang) }</button> }
                        }) }
                    </div>
                }
            }) }
        </>
    }
}
