//! A code editor: a transparent textarea over a highlighted copy of its
//! text, with line numbers, a marker at each line a diagnostic points to,
//! and the diagnostics listed below. The textarea grows with its text, so
//! the two layers never scroll apart. A text longer than podlab reads
//! (`workspace::MAX_READ`) is shown by `BigEditor`, a part at a time,
//! without highlighting or line numbers, so a 5 MB paste does not hold the
//! page on every key; a paste that makes the text that long is spliced in
//! here without passing through the textarea.
//!
//! Tab indents, so that it does not trap the keyboard, Escape then Tab
//! leaves the editor, as in CodeMirror (`a11y::Keys`); a line under the editor
//! says so, and is the textarea's accessible description. The scrolling
//! box is itself focusable and named, so it can be scrolled from the
//! keyboard.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::big_editor::BigEditor;
use super::diagnostics_list::DiagnosticsList;
use crate::lang::use_lang;
use crate::model::base::i18n::Key;
use crate::model::project::workspace::MAX_READ;
use crate::model::view::a11y::{KeyAction, Keys};
use crate::model::view::bigtext;
use crate::model::view::highlight::{Lang, Mark as Underline, highlight};
use crate::model::view::panes::{self, Mark};

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    pub text: AttrValue,
    pub lang: Lang,
    /// The diagnostics on the text, at their byte ranges.
    pub marks: Rc<Vec<Mark>>,
    pub oninput: Callback<String>,
    /// `data-testid` of the textarea.
    pub testid: AttrValue,
    #[prop_or_default]
    pub label: AttrValue,
    /// The caret's byte offset, when it moves (for keyword help).
    #[prop_or_default]
    pub oncaret: Option<Callback<usize>>,
}

thread_local! {
    static RENDERS: Cell<usize> = const { Cell::new(0) };
}

/// How many times an editor has rendered on this thread, for the browser
/// test that checks that a clock tick renders neither editor.
pub fn renders() -> usize {
    RENDERS.with(Cell::get)
}

/// A textarea's selection offsets are UTF-16 units; the model's are bytes.
pub(super) fn utf16_to_byte(v: &str, u: usize) -> usize {
    let mut n = 0;
    for (b, c) in v.char_indices() {
        if n >= u {
            return b;
        }
        n += c.len_utf16();
    }
    v.len()
}

fn mark_class(m: Underline) -> &'static str {
    match m {
        Underline::Error => "mark-error",
        Underline::Warning => "mark-warning",
        Underline::Note => "mark-note",
    }
}

#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    RENDERS.with(|n| n.set(n.get() + 1));
    let lang = use_lang();
    let area = use_node_ref();
    let text = props.text.as_str();
    // Where the edit that made the text too long for this editor ended:
    // `BigEditor` opens on the part holding it.
    // and the text before it.
    let long_at = use_mut_ref(|| (0usize, None::<AttrValue>));
    // Escape then Tab (`a11y::Keys`): a hook, so before the early return
    // below (hooks run in the same order on every render).
    let keys = use_mut_ref(Keys::default);
    if text.len() > MAX_READ {
        let (at, before) = long_at.borrow().clone();
        return html! {
            <BigEditor text={props.text.clone()} marks={props.marks.clone()} oninput={props.oninput.clone()}
                testid={props.testid.clone()} label={props.label.clone()} {at} {before} />
        };
    }
    // Shown here, the text is not long: whatever made it long before is past.
    *long_at.borrow_mut() = (0, None);
    let lines = highlight(text, props.lang, &panes::underlines(&props.marks));
    let gutter = panes::gutter(text, &props.marks, lines.len());
    let items = panes::items(text, &props.marks);
    let oninput = {
        let cb = props.oninput.clone();
        let old = props.text.clone();
        let long_at = long_at.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let new = t.value();
            if new.len() > MAX_READ {
                *long_at.borrow_mut() = (bigtext::changed_end(&old, &new), Some(old.clone()));
            }
            cb.emit(new);
        })
    };
    // A paste that makes the text too long for this editor is spliced in
    // here: the browser never lays the long text out in this textarea.
    let onpaste = {
        let cb = props.oninput.clone();
        let old = props.text.clone();
        let long_at = long_at.clone();
        Callback::from(move |e: Event| {
            let Some(pasted) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let v = t.value();
            if v.len().saturating_add(pasted.len()) <= MAX_READ {
                return;
            }
            e.prevent_default();
            let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = t.selection_end().ok().flatten().unwrap_or(0) as usize;
            let (bs, be) = (utf16_to_byte(&v, start), utf16_to_byte(&v, end.max(start)));
            *long_at.borrow_mut() = (bs + pasted.len(), Some(old.clone()));
            cb.emit(bigtext::splice(&v, bs..be, &pasted));
        })
    };
    // Tab inserts two spaces instead of leaving the editor; after Escape
    // it leaves.
    // Leaving the editor ends Escape's effect.
    let onblur = {
        let keys = keys.clone();
        Callback::from(move |_: FocusEvent| *keys.borrow_mut() = Keys::default())
    };
    let onkeydown = {
        let cb = props.oninput.clone();
        Callback::from(move |e: KeyboardEvent| {
            let modified = e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key();
            if keys.borrow_mut().key(&e.key(), modified) != KeyAction::Indent {
                return;
            }
            e.prevent_default();
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            let v = t.value();
            let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
            let end = t.selection_end().ok().flatten().unwrap_or(0) as usize;
            let (bs, be) = (utf16_to_byte(&v, start), utf16_to_byte(&v, end.max(start)));
            let new = format!("{}  {}", &v[..bs], &v[be..]);
            t.set_value(&new);
            let caret = (start + 2) as u32;
            let _ = t.set_selection_range(caret, caret);
            cb.emit(new);
        })
    };
    // Report where the caret is after keys, clicks and selections.
    let caret = {
        let cb = props.oncaret.clone();
        move |t: HtmlTextAreaElement| {
            if let Some(cb) = &cb {
                let start = t.selection_start().ok().flatten().unwrap_or(0) as usize;
                cb.emit(utf16_to_byte(&t.value(), start));
            }
        }
    };
    let onkeyup = {
        let caret = caret.clone();
        Callback::from(move |e: KeyboardEvent| caret(e.target_unchecked_into()))
    };
    let onclick = {
        let caret = caret.clone();
        Callback::from(move |e: MouseEvent| caret(e.target_unchecked_into()))
    };
    let onjump = {
        let area = area.clone();
        let text = props.text.clone();
        Callback::from(move |offset: usize| {
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                let u16_offset = text.get(..offset).map_or(0, |s| s.encode_utf16().count()) as u32;
                let _ = t.focus();
                let _ = t.set_selection_range(u16_offset, u16_offset);
                let line = text.get(..offset).map_or(0, |s| s.matches('\n').count());
                if let Some(row) = t
                    .parent_element()
                    .and_then(|p| p.previous_element_sibling())
                    .and_then(|g| g.children().item(line as u32))
                {
                    row.scroll_into_view();
                }
            }
        })
    };
    let hint_id = format!("{}-hint", props.testid);
    let hint = html! { <p class="editor-hint" id={hint_id.clone()} data-testid={hint_id.clone()}>{ Key::EditorKeysHint.text(lang) }</p> };
    let rows = lines.len().max(1);
    html! {
        <div class="editor-wrap">
            <div class="editor" role="region" tabindex="0" aria-label={Key::EditorOf.msg().arg("file", &props.label).render(lang)}
                data-testid={format!("{}-scroll", props.testid)}>
                <div class="gutter" aria-hidden="true">
                    { for gutter.iter().enumerate().map(|(i, g)| {
                        let class = classes!("ln", g.mark.map(mark_class));
                        html! { <div key={i} {class} title={g.messages.iter().map(|m| m.render(lang)).collect::<Vec<_>>().join("\n")}>{ i + 1 }</div> }
                    }) }
                </div>
                <div class="code">
                    <pre class="hl" aria-hidden="true">
                        { for lines.iter().enumerate().map(|(i, segs)| html! {
                            <span key={i} class="line">
                                { for segs.iter().map(|s| {
                                    let class = classes!(
                                        (!s.token.class().is_empty()).then_some(s.token.class()),
                                        s.mark.map(mark_class),
                                        (s.text.is_empty()).then_some("empty-mark"),
                                    );
                                    html! { <span {class}>{ s.text.clone() }</span> }
                                }) }
                                { "\n" }
                            </span>
                        }) }
                    </pre>
                    <textarea
                        ref={area}
                        class="input"
                        data-testid={props.testid.clone()}
                        value={props.text.clone()}
                        rows={rows.to_string()}
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        aria-label={props.label.clone()}
                        aria-describedby={hint_id}
                        {oninput}
                        {onkeydown}
                        {onblur}
                        {onkeyup}
                        {onclick}
                        {onpaste}
                    />
                </div>
            </div>
            { hint }
            <DiagnosticsList items={Rc::new(items)} {onjump} testid={format!("{}-diagnostics", props.testid)}
                label={Key::ProblemsIn.msg().arg("file", &props.label).render(lang)} />
        </div>
    }
}
