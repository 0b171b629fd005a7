//! The pupil register: add, list and delete pupils.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::domain::edit::{Change, Kind, Record};
use crate::domain::{Problems, Pupil, PupilDraft, YearGroup};

/// The register: a form to add a pupil and the table of pupils.
#[component]
pub fn PupilRegister() -> impl IntoView {
    let ctx = AppCtx::get();
    let pupils = Memo::new(move |_| {
        let mut v = ctx.state.data().with(|d| d.pupils.clone());
        v.sort_by(Pupil::register_order);
        v
    });
    let count = move || pupils.with(Vec::len);
    view! {
        <h1>"Pupils"</h1>
        <AddPupilForm />
        <section aria-labelledby="register-heading">
            <h2 id="register-heading">
                "Register " <span class="count">{move || match count() {
                    1 => "(1 pupil)".to_owned(),
                    n => format!("({n} pupils)"),
                }}</span>
            </h2>
            <Show
                when=move || { count() > 0 }
                fallback=|| view! { <p class="empty">"No pupils yet. Add the first one above."</p> }
            >
                <div class="table-scroll">
                    <table class="register">
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Year group"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || pupils.get()
                                key=|p| (p.id, p.updated_at)
                                children=move |p| view! { <PupilRow pupil=p /> }
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// The form to add one pupil, with a message beside each field at fault.
#[component]
fn AddPupilForm() -> impl IntoView {
    let ctx = AppCtx::get();
    let given = RwSignal::new(String::new());
    let family = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let problems = RwSignal::new(Problems::default());
    let given_ref = NodeRef::<leptos::html::Input>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ctx.save.get_untracked() == SaveState::Saving {
            return;
        }
        let draft = PupilDraft::new(
            &given.get_untracked(),
            &family.get_untracked(),
            &year.get_untracked(),
        );
        let pupil = match Pupil::create(&draft, Timestamp::now()) {
            Ok(p) => p,
            Err(p) => {
                problems.set(p);
                return;
            }
        };
        problems.set(Problems::default());
        let label = format!("Add {}", pupil.full_name());
        spawn_local(async move {
            // On failure the save status says why, and the typed values stay
            // in the form so the user can try again.
            if ctx
                .save(label, vec![Change::Put(Record::Pupil(pupil))])
                .await
                .is_ok()
            {
                given.set(String::new());
                family.set(String::new());
                if let Some(el) = given_ref.get_untracked() {
                    let _ = el.focus();
                }
            }
        });
    };

    let err =
        move |field: &'static str| move || problems.with(|p| p.for_field(field).map(str::to_owned));

    view! {
        <form class="add-pupil" on:submit=on_submit novalidate>
            <h2>"Add a pupil"</h2>
            <div class="fields">
                <Field id="given-name" label="Given name" error=Signal::derive(err("given_name"))>
                    <input id="given-name" type="text" autocomplete="off" autocapitalize="words"
                        node_ref=given_ref bind:value=given
                        aria-invalid=move || err("given_name")().is_some().then_some("true")
                        aria-describedby=move || err("given_name")().map(|_| "given-name-error") />
                </Field>
                <Field id="family-name" label="Family name" error=Signal::derive(err("family_name"))>
                    <input id="family-name" type="text" autocomplete="off" autocapitalize="words"
                        bind:value=family
                        aria-invalid=move || err("family_name")().is_some().then_some("true")
                        aria-describedby=move || err("family_name")().map(|_| "family-name-error") />
                </Field>
                <Field id="year-group" label="Year group" error=Signal::derive(err("year_group"))>
                    <select id="year-group" bind:value=year
                        aria-invalid=move || err("year_group")().is_some().then_some("true")
                        aria-describedby=move || err("year_group")().map(|_| "year-group-error")>
                        <option value="">"Choose…"</option>
                        {YearGroup::all().map(|y| view! { <option value=y.code()>{y.label()}</option> }).collect_view()}
                    </select>
                </Field>
            </div>
            <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                "Add pupil"
            </button>
        </form>
    }
}

/// A labelled control with its error message, linked for screen readers.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id>{label}</label>
            {children()}
            <p class="field-error" id=format!("{id}-error") role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// One row of the register, with a two-step delete so a slip loses nothing.
#[component]
fn PupilRow(pupil: Pupil) -> impl IntoView {
    let ctx = AppCtx::get();
    let confirming = RwSignal::new(false);
    let name = pupil.full_name();
    let id: Uuid = pupil.id;

    let label = StoredValue::new(format!("Delete {name}"));
    let delete = move |_| {
        // The pupil's enrolments and support plans go with them, in one edit.
        let mut changes: Vec<Change> = ctx.state.data().with_untracked(|d| {
            d.enrolments
                .iter()
                .filter(|e| e.pupil_id == id)
                .map(|e| Change::Delete(Kind::Enrolments, e.id))
                .chain(
                    d.plans
                        .iter()
                        .filter(|p| p.pupil_id == id)
                        .map(|p| Change::Delete(Kind::Plans, p.id)),
                )
                .collect()
        });
        changes.push(Change::Delete(Kind::Pupils, id));
        spawn_local(async move {
            if ctx.save(label.get_value(), changes).await.is_ok() {
                focus_after_delete();
            }
        });
    };

    let name_for_delete = name.clone();
    let name_for_confirm = name.clone();
    view! {
        <tr>
            <td>{name}</td>
            <td>{pupil.year_group.label()}</td>
            <td class="actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        let label = format!("Delete {name_for_delete}");
                        view! {
                            <button type="button" class="secondary" aria-label=label
                                on:click=move |_| confirming.set(true)>"Delete"</button>
                        }
                    }
                >
                    <span class="confirm" role="group" aria-label=format!("Confirm deleting {name_for_confirm}")>
                        <button type="button" class="danger" on:click=delete>"Yes, delete"</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </span>
                </Show>
            </td>
        </tr>
    }
}

/// After a row goes, move focus to the register heading so keyboard users
/// are not left on a removed button.
fn focus_after_delete() {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id("register-heading")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.set_attribute("tabindex", "-1");
        let _ = el.focus();
    }
}
