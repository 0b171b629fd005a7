//! Every problem a command returns is shown: beside the input of its field,
//! or in the form's summary naming the field. Mounted in a real page.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use waymark::domain::{FieldName, Problems, PupilField};
use waymark::ui::widgets::{problem_summary, FormProblems};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> HtmlElement {
    let doc = document();
    let el: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// A form with inputs for two of a pupil's fields, given a problem with
/// every field there is: the two show beside their inputs, every other
/// field's in the summary, by its label; none twice, none lost.
#[wasm_bindgen_test]
async fn every_problem_shows_once_beside_its_input_or_in_the_summary() {
    let root = host();
    let problems = StoredValue::new(None::<FormProblems<PupilField>>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        let p = FormProblems::<PupilField>::new();
        problems.set_value(Some(p));
        let given = p.error(PupilField::GivenName);
        let upn = p.error(PupilField::Upn);
        view! {
            <form>
                {problem_summary(p)}
                <p class="beside" id="given">{move || given.get()}</p>
                <p class="beside" id="upn">{move || upn.get()}</p>
            </form>
        }
    });
    let p = problems.get_value().unwrap();
    assert!(
        texts(&root, ".problem-summary").is_empty(),
        "no problems, no summary"
    );

    let mut all = Problems::default();
    for f in PupilField::ALL {
        all.push(*f, format!("Problem with {}.", f.name()));
    }
    // A second problem with one field shows too.
    all.push(PupilField::Upn, "And another.");
    p.set(all);
    gloo_timers::future::TimeoutFuture::new(50).await;

    assert_eq!(texts(&root, "#given"), ["Problem with given_name."]);
    assert_eq!(texts(&root, "#upn"), ["Problem with upn. And another."]);
    let summary = texts(&root, ".problem-summary li");
    let expected: Vec<String> = PupilField::ALL
        .iter()
        .filter(|f| !matches!(f, PupilField::GivenName | PupilField::Upn))
        .map(|f| format!("{}: Problem with {}.", f.label(), f.name()))
        .collect();
    assert_eq!(summary, expected);
    assert!(summary.contains(&"EHC plan details: Problem with ehcp.".to_owned()));

    p.clear();
    gloo_timers::future::TimeoutFuture::new(50).await;
    assert!(texts(&root, ".problem-summary").is_empty());
    assert_eq!(texts(&root, "#upn"), [""]);
}
