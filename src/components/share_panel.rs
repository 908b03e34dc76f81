//! The Share button and what it makes: a link holding the workspace in its
//! fragment, shown in an input; above 8 KB a warning and the files as a
//! download. At mount it opens the page's own share link, if any (the
//! files it replaces stay one click away), or says why it cannot.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::lang::use_lang;
use crate::model::base::i18n::{Key, Msg};
use crate::model::project::workspace::File;
use crate::selectors::Same;
use crate::share::text;
use crate::share_web;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub preset: AttrValue,
    pub files: Same<Vec<File>>,
    /// A share link's preset and files, to open.
    pub onopen: Callback<(String, Vec<File>)>,
}

/// A `blob:` URL, revoked when the last copy goes.
#[derive(PartialEq)]
struct BlobUrl(String);

impl Drop for BlobUrl {
    fn drop(&mut self) {
        share_web::revoke(&self.0);
    }
}

#[derive(Clone, PartialEq)]
enum View {
    Idle,
    Making,
    Ready {
        link: String,
        /// Over 8 KB: the warning, and the files to download.
        download: Option<Rc<BlobUrl>>,
    },
    NoCompression,
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let lang = use_lang();
    let view = use_state(|| View::Idle);
    let notice = use_state(|| None::<Msg>);
    // The page's own share link, once, at mount.
    {
        let onopen = props.onopen.clone();
        let notice = notice.setter();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match share_web::open_fragment(&share_web::location_hash()).await {
                    Some(Ok(opened)) => {
                        onopen.emit(opened);
                        share_web::clear_fragment();
                    }
                    Some(Err(g)) => notice.set(Some(text::garbled(&g))),
                    None => {}
                }
            });
        });
    }
    // A link made for other files is gone when the files change.
    {
        let view = view.setter();
        use_effect_with(props.files.clone(), move |_| view.set(View::Idle));
    }
    let onclick = {
        let view = view.setter();
        let files = props.files.0.clone();
        let preset = props.preset.clone();
        Callback::from(move |_: MouseEvent| {
            let view = view.clone();
            let files = files.clone();
            let preset = preset.clone();
            view.set(View::Making);
            spawn_local(async move {
                let href = share_web::location_href();
                view.set(match share_web::make_link(&href, &preset, &files).await {
                    Some(link) => View::Ready {
                        download: crate::share::too_long(&link)
                            .then(|| share_web::download_url(&preset, &files))
                            .flatten()
                            .map(|u| Rc::new(BlobUrl(u))),
                        link,
                    },
                    None => View::NoCompression,
                });
            });
        })
    };
    let dismiss = {
        let notice = notice.setter();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };
    let select = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });
    html! {
        <section class="share" aria-label={Key::Share.text(lang)}>
            if let Some(n) = &*notice {
                <div class="notice warn" role="alert" data-testid="share-notice">
                    <span class="notice-text">{ n.render(lang) }</span>
                    <button class="btn notice-btn" data-testid="dismiss-share-notice" onclick={dismiss}>{ Key::Dismiss.text(lang) }</button>
                </div>
            }
            <div class="share-row">
                <button class="btn" data-testid="share" {onclick} disabled={*view == View::Making}>{ Key::Share.text(lang) }</button>
                { match &*view {
                    View::Idle => html! {},
                    View::Making => html! { <span class="muted">{ Key::ShareMaking.text(lang) }</span> },
                    View::NoCompression => html! { <span class="muted" data-testid="share-unavailable">{ Key::ShareNoCompression.text(lang) }</span> },
                    View::Ready { link, download } => html! {
                        <>
                            <input class="share-link" data-testid="share-link" readonly=true value={link.clone()}
                                aria-label={Key::ShareLinkLabel.text(lang)} onfocus={select} />
                            if let Some(url) = download {
                                <p class="notice warn" data-testid="share-warning">
                                    { Key::ShareTooLong.text(lang) }{ " " }
                                    <a data-testid="share-download" href={url.0.clone()}
                                        download={format!("podlab-{}.json", props.preset)}>{ Key::ShareDownload.text(lang) }</a>
                                </p>
                            } else {
                                <span class="muted share-how">{ Key::ShareHow.text(lang) }</span>
                            }
                        </>
                    },
                } }
            </div>
        </section>
    }
}
