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
    page.click("checks-run").await;
    until_checked(&page).await;
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
