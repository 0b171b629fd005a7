//! Component tests: the real App mounted in a browser page with its own database.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use waymark::domain::Pupil;
use waymark::store::Db;
use waymark::ui::App;
use web_sys::{Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Poll `check` every 20 ms for up to 5 s.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..250 {
        if check() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for: {what}");
}

fn host() -> HtmlElement {
    let doc = document();
    let el: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

/// Mount the app with a database of its own on the register (`#/pupils`;
/// the app opens on what is due), open the add form and wait for it.
async fn start(prefix: &str) -> (String, HtmlElement, impl Drop) {
    let name = format!("{prefix}-{}", uuid::Uuid::new_v4());
    window().location().set_hash("#/pupils").unwrap();
    let root = host();
    let db_name = name.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || view! { <App db_name=db_name /> });
    until("the register", || {
        root.query_selector("#add-pupil-open").unwrap().is_some()
    })
    .await;
    find::<HtmlElement>(&root, "#add-pupil-open").click();
    until("the add form", || {
        root.query_selector("form.add-pupil").unwrap().is_some()
    })
    .await;
    (name, root, handle)
}

fn find<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .unchecked_into()
}

fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector);
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector);
    select.set_value(value);
    select
        .dispatch_event(&Event::new("input").unwrap())
        .unwrap();
    select
        .dispatch_event(&Event::new("change").unwrap())
        .unwrap();
}

fn rows(root: &HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("table.register tbody tr").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

async fn stored_pupils(name: &str) -> Vec<Pupil> {
    let db = Db::open(name).await.unwrap();
    let pupils = db
        .load(jiff::Timestamp::now())
        .await
        .unwrap()
        .sound()
        .expect("nothing set aside")
        .1
        .pupils;
    db.close();
    pupils.into_rows()
}

fn submit(root: &HtmlElement) {
    find::<HtmlElement>(root, "form.add-pupil button[type=submit]").click();
}

#[wasm_bindgen_test]
async fn adding_a_pupil_saves_it_lists_it_and_clears_the_form() {
    let (name, root, _handle) = start("ui-add").await;
    assert!(root.text_content().unwrap().contains("No pupils yet"));

    type_into(&root, "#given-name", "  Ada ");
    type_into(&root, "#family-name", "Lovelace");
    choose(&root, "#year-group", "Y5");
    submit(&root);
    until("the new row", || rows(&root).len() == 1).await;
    until("the saved status", || {
        find::<HtmlElement>(&root, ".save-status")
            .text_content()
            .unwrap()
            == "All changes saved"
    })
    .await;

    assert!(rows(&root)[0].contains("Ada Lovelace"));
    assert!(rows(&root)[0].contains("Year 5"));
    assert_eq!(find::<HtmlInputElement>(&root, "#given-name").value(), "");
    assert!(root.text_content().unwrap().contains("(1 pupil)"));

    // What is on screen is what was committed.
    let stored = stored_pupils(&name).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].full_name(), "Ada Lovelace");
    assert_eq!(stored[0].year_group.code(), "Y5");
}

#[wasm_bindgen_test]
async fn an_invalid_form_shows_each_problem_and_stores_nothing() {
    let (name, root, _handle) = start("ui-invalid").await;

    type_into(&root, "#family-name", "Lovelace");
    submit(&root);
    until("the error messages", || {
        find::<HtmlElement>(&root, "#given-name-error")
            .text_content()
            .unwrap()
            == "Enter a given name."
    })
    .await;
    assert_eq!(
        find::<HtmlElement>(&root, "#year-group-error")
            .text_content()
            .unwrap(),
        "Choose a year group."
    );
    assert_eq!(
        find::<HtmlElement>(&root, "#family-name-error")
            .text_content()
            .unwrap(),
        ""
    );
    let given: HtmlInputElement = find(&root, "#given-name");
    assert_eq!(given.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        given.get_attribute("aria-describedby").as_deref(),
        Some("given-name-error")
    );
    // The typed value is kept for correction.
    assert_eq!(
        find::<HtmlInputElement>(&root, "#family-name").value(),
        "Lovelace"
    );
    assert!(rows(&root).is_empty());
    assert!(stored_pupils(&name).await.is_empty());
}

#[wasm_bindgen_test]
async fn deleting_asks_first_then_removes_the_pupil_from_screen_and_store() {
    let (name, root, _handle) = start("ui-delete").await;

    for (g, f) in [("Ben", "Okoro"), ("Ada", "Lovelace")] {
        type_into(&root, "#given-name", g);
        type_into(&root, "#family-name", f);
        choose(&root, "#year-group", "R");
        submit(&root);
        let before = rows(&root).len();
        until("the new row", || rows(&root).len() == before + 1).await;
    }
    // Register order: family name first.
    assert!(rows(&root)[0].contains("Ada Lovelace"));
    assert!(rows(&root)[1].contains("Ben Okoro"));

    find::<HtmlElement>(&root, "button[aria-label='Delete Ada Lovelace']").click();
    until("the confirmation", || {
        root.text_content().unwrap().contains("Yes, delete")
    })
    .await;
    assert_eq!(
        rows(&root).len(),
        2,
        "nothing goes before the user confirms"
    );
    find::<HtmlElement>(&root, ".confirm button.danger").click();
    until("the row to go", || rows(&root).len() == 1).await;
    assert!(rows(&root)[0].contains("Ben Okoro"));

    let stored = stored_pupils(&name).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].full_name(), "Ben Okoro");
}

#[wasm_bindgen_test]
async fn undo_and_redo_reverse_an_edit_on_screen_and_in_storage() {
    let (name, root, _handle) = start("ui-undo").await;
    let undo: HtmlElement = find(&root, ".undo-redo button:first-child");
    let redo: HtmlElement = find(&root, ".undo-redo button:last-child");
    assert_eq!(
        undo.get_attribute("disabled").as_deref(),
        Some(""),
        "nothing to undo yet"
    );

    type_into(&root, "#given-name", "Ada");
    type_into(&root, "#family-name", "Lovelace");
    choose(&root, "#year-group", "Y5");
    submit(&root);
    until("the new row", || rows(&root).len() == 1).await;
    until("undo to be offered", || {
        undo.get_attribute("aria-label").as_deref() == Some("Undo: Add Ada Lovelace")
    })
    .await;

    undo.click();
    until("the row to go", || rows(&root).is_empty()).await;
    until("the undo to be saved", || {
        find::<HtmlElement>(&root, ".save-status")
            .text_content()
            .unwrap()
            == "All changes saved"
    })
    .await;
    assert!(stored_pupils(&name).await.is_empty());
    assert_eq!(
        redo.get_attribute("aria-label").as_deref(),
        Some("Redo: Add Ada Lovelace")
    );

    redo.click();
    until("the row to come back", || rows(&root).len() == 1).await;
    until("the redo to be saved", || {
        find::<HtmlElement>(&root, ".save-status")
            .text_content()
            .unwrap()
            == "All changes saved"
    })
    .await;
    assert_eq!(stored_pupils(&name).await.len(), 1);
}

/// Each of the home view's links opens the view where its item is done
/// (the routes are parsed by `View::from_hash`, written by other views).
#[wasm_bindgen_test]
fn every_due_link_opens_where_the_item_is_done() {
    use waymark::domain::due::Fix;
    use waymark::ui::home::href;
    use waymark::ui::View;
    let id = uuid::Uuid::new_v4();
    let week = jiff::civil::date(2025, 10, 6);
    let cases = [
        (Fix::Pupil(id), View::Pupil(id)),
        (Fix::Provision(id), View::Provision(id)),
        (Fix::Timetable, View::Timetable),
        (
            Fix::Attendance {
                provision_id: id,
                week,
            },
            View::Attendance(id, Some(week)),
        ),
        (Fix::Backup, View::Settings),
    ];
    for (fix, view) in cases {
        assert_eq!(View::from_hash(&href(fix)), view, "{fix:?}");
    }
}

/// The evidence pack's route, and a route near it that is not one.
#[wasm_bindgen_test]
fn the_evidence_pack_has_its_own_route() {
    use waymark::ui::View;
    let id = uuid::Uuid::new_v4();
    assert_eq!(
        View::from_hash(&format!("#/pupils/{id}/evidence")),
        View::Evidence(id)
    );
    assert_eq!(View::from_hash(&format!("#/pupils/{id}")), View::Pupil(id));
    assert_eq!(View::from_hash(&format!("#/pupils/{id}/other")), View::Home);
}

/// Focus moved after the next frame goes where the app asks, unless the
/// user moved it themselves first: then theirs is kept (WebKit on a slow
/// machine once ran the frame after WebDriver had begun typing in another
/// field, and the rest of the word went to the field the app chose).
#[wasm_bindgen_test]
async fn focus_asked_for_waits_for_no_one_but_never_takes_it_back() {
    use waymark::ui::pupils::focus_by_id;
    let doc = document();
    let root = host();
    for id in ["focus-a", "focus-b", "focus-c"] {
        let input: HtmlInputElement = doc.create_element("input").unwrap().unchecked_into();
        input.set_id(id);
        root.append_child(&input).unwrap();
    }
    let el = |id: &str| -> HtmlElement { doc.get_element_by_id(id).unwrap().unchecked_into() };
    let active = || doc.active_element().map(|e| e.id()).unwrap_or_default();
    // Asked for b while on a: focus goes to b.
    el("focus-a").focus().unwrap();
    focus_by_id("focus-b");
    until("b is focused", || active() == "focus-b").await;
    // Asked for b while on a, but the user goes to c before the frame: c keeps it.
    el("focus-a").focus().unwrap();
    focus_by_id("focus-b");
    el("focus-c").focus().unwrap();
    TimeoutFuture::new(100).await;
    assert_eq!(active(), "focus-c");
    // The focused control removed before the frame (focus falls to the body): b.
    el("focus-a").focus().unwrap();
    focus_by_id("focus-b");
    el("focus-a").remove();
    until("b is focused after a was removed", || active() == "focus-b").await;
    root.remove();
}
