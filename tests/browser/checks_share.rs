//! Issue 11, checked exercises and share links (h-checks): the Checks
//! panel runs the lab's checklist through the console and every item
//! passes on the seed.

use super::*;

/// Wait until the checklist's run has ended (its summary shows).
async fn until_checked(page: &Page) {
    let start = js_sys::Date::now();
    loop {
        settle().await;
        if page
            .root
            .query_selector("[data-testid=\"checks-summary\"]")
            .unwrap()
            .is_some()
        {
            return;
        }
        assert!(
            js_sys::Date::now() - start < 30_000.0,
            "the checks never ended"
        );
        sleep(Duration::from_millis(0)).await;
    }
}

fn check_items(page: &Page) -> Vec<(String, String)> {
    let list = page
        .find("checklist")
        .query_selector_all("[data-testid=\"check-item\"]")
        .unwrap();
    (0..list.length())
        .map(|i| {
            let e: Element = list.item(i).unwrap().dyn_into().unwrap();
            (
                e.get_attribute("data-id").unwrap_or_default(),
                e.get_attribute("data-passed").unwrap_or_default(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_checklist_renders_and_passes_on_the_seed() {
    let key = "podlab:test:checklist";
    forget(key);
    let page = Page::open(key).await;
    let before = check_items(&page);
    let t0 = js_sys::Date::now();
    page.click("checks-run").await;
    let click = js_sys::Date::now() - t0;
    until_checked(&page).await;
    wasm_bindgen_test::console_log!(
        "the lab's checklist: the click (the pods settling) {click:.0} ms, the run {:.0} ms in all",
        js_sys::Date::now() - t0
    );
    let after = check_items(&page);
    let summary = page.text("checks-summary");
    let console = page.text("console-output");
    // A broken cfg: the fruit item fails, with its hint.
    let cfg = page.value("haproxy-editor").replace("8775", "8776");
    page.set_text("haproxy-editor", &cfg).await;
    page.click("checks-run").await;
    until_checked(&page).await;
    let broken = check_items(&page);
    let hint = page.text("check-hint");
    page.close();
    forget(key);
    let ids = ["cfg-key", "images", "mount", "port", "fruit"];
    let pending: Vec<(String, String)> = ids
        .iter()
        .map(|i| (i.to_string(), "false".to_string()))
        .collect();
    assert_eq!(before, pending, "not run yet");
    let passed: Vec<(String, String)> = ids
        .iter()
        .map(|i| (i.to_string(), "true".to_string()))
        .collect();
    assert_eq!(after, passed, "{console}");
    assert_eq!(summary, "5 of 5 checks pass.");
    assert!(
        console
            .contains("$ kubectl get pod fruit-service -o jsonpath='{.spec.containers[*].image}'"),
        "{console}"
    );
    assert!(
        console.contains("linuxacademycontent/legacy-fruit-service:1 haproxy:1.7"),
        "{console}"
    );
    assert_eq!(
        broken.last().unwrap(),
        &("fruit".to_string(), "false".to_string())
    );
    assert!(hint.contains("127.0.0.1:8775"), "{hint}");
}

/// Wait until an element with `testid` shows (share links are made and
/// opened on the browser's promises, which `settle` does not wait for).
async fn until_shown(page: &Page, testid: &str) -> Element {
    let start = js_sys::Date::now();
    loop {
        settle().await;
        if let Some(e) = page
            .root
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
        {
            return e;
        }
        assert!(
            js_sys::Date::now() - start < 10_000.0,
            "{testid} never showed"
        );
        sleep(Duration::from_millis(5)).await;
    }
}

/// Set the test page's fragment, as opening a link would.
fn set_hash(hash: &str) {
    let w = web_sys::window().unwrap();
    let l = w.location();
    let url = format!("{}{}{hash}", l.pathname().unwrap(), l.search().unwrap());
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

/// Put a save under `key` before the page opens: text an editor could not
/// hold as is (a textarea turns CRLF into LF).
fn save_files(key: &str, texts: &[&str]) {
    let mut s = podlab::state::State::new(
        podlab::model::project::workspace::seed(),
        0,
        podlab::model::base::time::WallClock::TEST,
    )
    .saved();
    for (f, t) in s.files.iter_mut().zip(texts) {
        f.text = t.to_string();
    }
    local_storage()
        .set_item(key, &serde_json::to_string(&s).unwrap())
        .unwrap();
}

fn link_value(page: &Page, e: Element) -> String {
    let _ = page;
    e.dyn_into::<web_sys::HtmlInputElement>().unwrap().value()
}

#[wasm_bindgen_test]
async fn a_share_link_restores_the_files_byte_for_byte_in_a_fresh_browser() {
    let (a, b) = ("podlab:test:share-a", "podlab:test:share-b");
    forget(a);
    forget(b);
    let texts = [
        "# CRLF\r\nkind: Pod\r\n\tname: é ü 中文 🍎\r\n",
        "\u{feff}tabs\t\there\n\n\n  trailing  \n",
        "no final newline — “quotes” \\ \"json\" </script>",
    ];
    save_files(a, &texts);
    let page = Page::open(a).await;
    let sent = saved_files(a);
    page.click("share").await;
    let link = link_value(&page, until_shown(&page, "share-link").await);
    let no_warning = page
        .root
        .query_selector("[data-testid=\"share-warning\"]")
        .unwrap()
        .is_none();
    page.close();
    forget(a);
    // A fresh browser: no saved work under its key, the link's fragment.
    let hash = &link[link.find('#').unwrap()..];
    set_hash(hash);
    let page = Page::open(b).await;
    let notice = until_shown(&page, "reset-notice")
        .await
        .text_content()
        .unwrap();
    let got = saved_files(b);
    let fragment_left = web_sys::window().unwrap().location().hash().unwrap();
    // The files it replaced are one click away.
    page.click("undo-reset").await;
    let undone = saved_files(b);
    page.close();
    forget(b);
    set_hash("");
    assert_eq!(sent, texts, "the save as written");
    assert!(link.contains("#share=1."), "{link}");
    assert!(no_warning, "a short link has no warning");
    assert_eq!(got, texts, "byte for byte");
    assert!(
        notice.starts_with(podlab::model::base::i18n::Key::ShareOpened.en()),
        "{notice}"
    );
    assert_eq!(fragment_left, "", "a reload does not open it again");
    let seed: Vec<String> = podlab::model::project::workspace::seed()
        .into_iter()
        .map(|f| f.text)
        .collect();
    assert_eq!(undone, seed);
}

#[wasm_bindgen_test]
async fn a_garbled_or_truncated_link_is_named_and_changes_nothing() {
    let key = "podlab:test:share-garbled";
    forget(key);
    save_files(key, &["# mine\n"]);
    // A real link, cut short, and one that is not deflate at all.
    let page = Page::open(key).await;
    page.click("share").await;
    let link = link_value(&page, until_shown(&page, "share-link").await);
    page.close();
    let hash = &link[link.find('#').unwrap()..];
    let mut cut = hash[..hash.len() / 2].to_string();
    if (cut.len() - "#share=1.".len()) % 4 == 1 {
        cut.pop();
    }
    let mut seen = Vec::new();
    use podlab::share::Garbled;
    for (bad, why) in [
        (cut.as_str(), Garbled::Compression),
        ("#share=1.AAAAAAAA", Garbled::Compression),
        ("#share=1.@@", Garbled::Base64),
        ("#share=9.Zm9v", Garbled::Version("9".into())),
    ] {
        set_hash(bad);
        // (`close` forgets the save: it is written again for each link.)
        save_files(key, &["# mine\n"]);
        let page = Page::open(key).await;
        let notice = until_shown(&page, "share-notice")
            .await
            .text_content()
            .unwrap();
        let files = saved_files(key);
        let left = web_sys::window().unwrap().location().hash().unwrap();
        let undo = page
            .root
            .query_selector("[data-testid=\"reset-notice\"]")
            .unwrap()
            .is_none();
        page.close();
        seen.push((bad.to_string(), why, notice, files, left, undo));
    }
    set_hash("");
    forget(key);
    for (bad, why, notice, files, left, no_undo) in seen {
        assert!(
            notice.starts_with(&podlab::share::text::garbled(&why).en()),
            "{bad}: {notice}"
        );
        assert!(notice.contains("Nothing was changed."), "{bad}: {notice}");
        assert_eq!(files[0], "# mine\n", "{bad}: the files are untouched");
        assert_eq!(left, bad, "the link stays in the address bar");
        assert!(no_undo, "{bad}");
    }
}

/// Text deflate cannot shrink much: a line of pseudo-random letters.
fn noise(n: usize) -> String {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from(b'a' + ((x >> 16) % 26) as u8)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_link_over_8_kb_warns_and_offers_the_files_as_a_download() {
    let key = "podlab:test:share-long";
    forget(key);
    let big = format!("# {}\n", noise(20_000));
    save_files(key, &[&big]);
    let page = Page::open(key).await;
    page.click("share").await;
    let link = link_value(&page, until_shown(&page, "share-link").await);
    let warning = page.text("share-warning");
    let a = page.find("share-download");
    let href = a.get_attribute("href").unwrap_or_default();
    let download = a.get_attribute("download").unwrap_or_default();
    page.close();
    forget(key);
    assert!(link.len() > podlab::share::WARN_LEN, "{}", link.len());
    assert_eq!(
        warning,
        format!(
            "{} {}",
            podlab::model::base::i18n::Key::ShareTooLong.en(),
            podlab::model::base::i18n::Key::ShareDownload.en()
        )
    );
    assert!(href.starts_with("blob:"), "{href}");
    assert_eq!(download, "podlab-ambassador.json");
}
