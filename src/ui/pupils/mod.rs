//! The pupil register: filter, sort, add, edit and delete pupils; and each
//! pupil's own page.

pub mod evidence;
pub mod la_costing;
pub mod page;
pub mod plans;
pub mod week;

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::domain::commands::{delete_pupil, enrol, save_pupil};
use crate::domain::costing::CostCache;
use crate::domain::money::Money;
use crate::domain::needs::{BroadArea, NeedCode, SenStatus};
use crate::domain::register::{
    classes, register, RegisterFilter, RegisterRow, SortDirection, SortKey,
};
use crate::domain::{Pupil, PupilDraft, PupilField, YearGroup};
use crate::ui::widgets::{problem_summary, today, FormProblems, YearSelect};

/// The register: the form to add (or edit) a pupil, the filters and the table.
#[component]
pub fn PupilRegister() -> impl IntoView {
    let ctx = AppCtx::get();
    // Each pupil's cost this academic year, recomputed only when data changes.
    // A provision is costed again only when it changed (domain::costing::CostCache).
    let cache = StoredValue::new(CostCache::default());
    let costs = Memo::new(move |_| {
        let year = ctx.year_in_view();
        ctx.read(|d| {
            year.and_then(|y| d.settings.year(y))
                .and_then(|y| y.range())
                .and_then(|r| cache.try_update_value(|c| c.build(d, r)))
                .map(|report| report.per_pupil)
                .unwrap_or_default()
        })
    });
    let filter = RwSignal::new(RegisterFilter::default());
    let sort = RwSignal::new((SortKey::Name, SortDirection::Ascending));
    let editing = RwSignal::new(None::<Uuid>);
    // The add form is opened by its button: the register comes first.
    let adding = RwSignal::new(false);
    let view_of = Memo::new(move |_| {
        let (key, desc) = sort.get();
        ctx.read(|d| {
            filter.with(|f| {
                costs.with(|c| {
                    register(
                        &d.pupils,
                        c,
                        d.settings.element2_threshold,
                        f,
                        key,
                        desc,
                        today(),
                    )
                })
            })
        })
    });
    // Long registers are shown a page at a time; a new filter or sort goes
    // back to the first page.
    let page = RwSignal::new(0usize);
    Effect::watch(
        move || (filter.track(), sort.track()),
        move |_, _, _| page.set(0),
        false,
    );
    let pages = move || view_of.with(|r| r.rows.len().div_ceil(PAGE_SIZE).max(1));
    let rows = move || {
        let p = page.get().min(pages() - 1);
        view_of.with(|r| {
            r.rows
                .iter()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let total = move || view_of.with(|r| r.total);
    let shown = move || view_of.with(|r| r.rows.len());
    let selected = RwSignal::new(std::collections::BTreeSet::<Uuid>::new());

    view! {
        <div class="page-head">
            <h1>"Pupils"</h1>
            <button type="button" class="primary" id="add-pupil-open" aria-controls="pupil-form"
                aria-expanded=move || (adding.get() && editing.get().is_none()).to_string()
                on:click=move |_| {
                    editing.set(None);
                    adding.set(true);
                    focus_by_id("given-name");
                }>"Add a pupil"</button>
        </div>
        {move || match editing.get() {
            None => adding.get().then(|| view! {
                <PupilForm pupil=None on_done=move |_| {} on_close=move || {
                    adding.set(false);
                    focus_by_id("add-pupil-open");
                } />
            }).into_any(),
            Some(id) => {
                let pupil = ctx.state.data().with_untracked(|d| d.pupil(id).cloned());
                // Done with the edit, the form closes (the add form too, if it was open).
                let back = move |id: Uuid| {
                    adding.set(false);
                    editing.set(None);
                    focus_by_id(&format!("edit-{id}"));
                };
                view! { <PupilForm pupil=pupil on_done=back on_close=move || { adding.set(false); editing.set(None) } /> }.into_any()
            }
        }}
        <section aria-labelledby="register-heading">
            <h2 id="register-heading">
                "Register " <span class="count">{move || match total() {
                    1 => "(1 pupil)".to_owned(),
                    n => format!("({n} pupils)"),
                }}</span>
            </h2>
            <Filters filter=filter />
            <p class="shown" role="status" id="register-shown">{move || {
                if shown() == total() { String::new() } else { format!("Showing {} of {}", shown(), total()) }
            }}</p>
            <EnrolSelected selected=selected />
            <Show
                when=move || { total() > 0 }
                fallback=|| view! { <p class="empty">"No pupils yet. Add the first with \"Add a pupil\" above, or many at once from an MIS file in Settings."</p> }
            >
                <Show
                    when=move || { shown() > 0 }
                    fallback=|| view! { <p class="empty">"No pupils match these filters."</p> }
                >
                    <div class="table-scroll">
                        <table class="register">
                            <thead>
                                <tr>
                                    <th scope="col" class="select"><label class="tap">
                                        <input type="checkbox" id="select-page" aria-label="Select every pupil on this page"
                                            prop:checked=move || { let r = rows(); !r.is_empty() && selected.with(|s| r.iter().all(|x| s.contains(&x.id))) }
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let ids: Vec<Uuid> = rows().iter().map(|r| r.id).collect();
                                                selected.update(|s| for id in ids { if on { s.insert(id); } else { s.remove(&id); } });
                                            } />
                                    </label></th>
                                    <SortHeader label="Name" key=SortKey::Name sort=sort />
                                    <SortHeader label="Year group" key=SortKey::YearGroup sort=sort />
                                    <SortHeader label="Class" key=SortKey::Class sort=sort />
                                    <SortHeader label="SEN status" key=SortKey::Status sort=sort />
                                    <SortHeader label="Need" key=SortKey::Need sort=sort />
                                    <th scope="col">"Flags"</th>
                                    <SortHeader label="Cost this year" key=SortKey::Cost sort=sort />
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For
                                    each=rows
                                    key=|r| r.clone()
                                    children=move |r| view! { <PupilRow row=r editing=editing selected=selected /> }
                                />
                            </tbody>
                        </table>
                    </div>
                    <Show when=move || { pages() > 1 }>
                        <nav class="pager" aria-label="Register pages">
                            <button type="button" class="secondary" disabled=move || page.get() == 0
                                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous page"</button>
                            <span id="register-page" aria-live="polite">{move || {
                                let p = page.get().min(pages() - 1);
                                let from = p * PAGE_SIZE + 1;
                                let to = ((p + 1) * PAGE_SIZE).min(shown());
                                format!("Page {} of {}: pupils {from} to {to} of {}", p + 1, pages(), shown())
                            }}</span>
                            <button type="button" class="secondary" disabled=move || { page.get() + 1 >= pages() }
                                on:click=move |_| page.update(|p| *p += 1)>"Next page"</button>
                        </nav>
                    </Show>
                </Show>
            </Show>
        </section>
    }
}

/// Rows of the register shown at once.
const PAGE_SIZE: usize = 100;

/// Enrol the selected pupils in a provision, in one edit.
#[component]
fn EnrolSelected(selected: RwSignal<std::collections::BTreeSet<Uuid>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let target = RwSignal::new(None::<Uuid>);
    let message = RwSignal::new(None::<String>);
    let provisions = Memo::new(move |_| {
        ctx.read(|d| {
            // Newest first: the ones running now are at the top.
            let mut ps: Vec<&crate::domain::provision::Provision> = d.provisions.iter().collect();
            crate::domain::sort::by(&mut ps, |a, b| {
                b.start.cmp(&a.start).then(a.name.cmp(&b.name))
            });
            ps.into_iter()
                .map(|p| {
                    let dates = format!(
                        "{} to {}",
                        crate::ui::widgets::gb(p.start),
                        crate::ui::widgets::gb(p.end)
                    );
                    (p.id, format!("{} ({dates})", p.name))
                })
                .collect::<Vec<_>>()
        })
    });
    let enrol = move |_| {
        let Some(pid) = target.get_untracked() else {
            message.set(Some("Choose the provision to enrol them in.".into()));
            return;
        };
        let ids: Vec<Uuid> = selected.get_untracked().into_iter().collect();
        let enrolled = match ctx
            .state
            .data()
            .with_untracked(|d| enrol(d, pid, &ids, Timestamp::now()))
        {
            Ok(e) => e,
            Err(p) => {
                message.set(p.0.first().map(|e| e.message.clone()));
                return;
            }
        };
        let skipped = enrolled.skipped;
        let note = if skipped > 0 {
            format!(" {skipped} already in it or left the school were skipped.")
        } else {
            String::new()
        };
        if enrolled.edit.forward.is_empty() {
            message.set(Some(format!("No one to enrol.{note}")));
            return;
        }
        let label = enrolled.edit.label.clone();
        spawn_local(async move {
            if ctx.commit(enrolled.edit).await.is_ok() {
                selected.set(Default::default());
                message.set(Some(format!("{label}.{note}")));
            }
        });
    };
    view! {
        <div class="enrol-selected" role="group" aria-label="Enrol the selected pupils">
            <p id="selected-count">{move || match selected.with(|s| s.len()) {
                0 => "Tick pupils to enrol them in a provision together.".to_owned(),
                1 => "1 pupil selected.".to_owned(),
                n => format!("{n} pupils selected."),
            }}</p>
            <Show when=move || selected.with(|s| !s.is_empty())>
                <div class="field">
                    <label for="enrol-target">"Provision"</label>
                    <select id="enrol-target" on:change=move |ev| target.set(event_target_value(&ev).parse().ok())>
                        <option value="">"Choose…"</option>
                        {move || provisions.get().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="primary" id="enrol-selected" on:click=enrol>"Enrol selected pupils"</button>
                <button type="button" class="secondary" on:click=move |_| selected.set(Default::default())>"Clear selection"</button>
            </Show>
            <p class="message" role="status" id="enrol-message">{move || message.get()}</p>
        </div>
    }
}

/// A column header that sorts the table, with its state announced.
#[component]
fn SortHeader(
    label: &'static str,
    key: SortKey,
    sort: RwSignal<(SortKey, SortDirection)>,
) -> impl IntoView {
    let state = move || {
        let (k, desc) = sort.get();
        (k == key).then_some(desc.aria())
    };
    view! {
        <th scope="col" aria-sort=state>
            <button type="button" class="sort" on:click=move |_| {
                sort.update(|(k, desc)| {
                    if *k == key { *desc = desc.reversed() } else { *k = key; *desc = SortDirection::Ascending }
                })
            }>
                {label}
                <span aria-hidden="true">{move || match state() {
                    Some("ascending") => " ▲",
                    Some(_) => " ▼",
                    None => "",
                }}</span>
            </button>
        </th>
    }
}

/// The filters above the register.
#[component]
fn Filters(filter: RwSignal<RegisterFilter>) -> impl IntoView {
    let ctx = AppCtx::get();
    let class_list = Memo::new(move |_| ctx.read(|d| classes(&d.pupils)));
    let select = move |id: &'static str,
                       label: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&RegisterFilter) -> String,
                       set: fn(&mut RegisterFilter, &str)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id
                    prop:value=move || filter.with(get)
                    on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| set(f, &v)) }>
                    <option value="">"All"</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let check = move |id: &'static str,
                      label: &'static str,
                      get: fn(&RegisterFilter) -> bool,
                      set: fn(&mut RegisterFilter, bool)| {
        view! {
            <label class="check" for=id>
                <input id=id type="checkbox" prop:checked=move || filter.with(get)
                    on:change=move |ev| { let v = event_target_checked(&ev); filter.update(|f| set(f, v)) } />
                {label}
            </label>
        }
    };
    view! {
        <div class="filters" role="search" aria-label="Filter the register">
            <YearSelect id="register-year" />
            <div class="field search">
                <label for="filter-text">"Search names, UPN or class"</label>
                <input id="filter-text" type="search" autocomplete="off"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.text = v) } />
            </div>
            {select("filter-year", "In year group",
                YearGroup::all().map(|y| (y.code(), y.label())).collect(),
                |f| f.year_group.map(|y| y.code()).unwrap_or_default(),
                |f, v| f.year_group = v.parse().ok())}
            {move || select("filter-class", "In class",
                class_list.get().into_iter().map(|c| (c.clone(), c)).collect(),
                |f| f.class_name.clone().unwrap_or_default(),
                |f, v| f.class_name = (!v.is_empty()).then(|| v.to_owned()))}
            {select("filter-status", "With SEN status",
                SenStatus::ALL.iter().map(|s| (s.code().to_owned(), format!("{} ({})", s.label(), s.code()))).collect(),
                |f| f.status.map(|s| s.code().to_owned()).unwrap_or_default(),
                |f, v| f.status = v.parse().ok())}
            {select("filter-area", "In broad area of need",
                BroadArea::ALL.iter().enumerate().map(|(i, a)| (i.to_string(), a.label().to_owned())).collect(),
                |f| f.area.and_then(|a| BroadArea::ALL.iter().position(|x| *x == a)).map(|i| i.to_string()).unwrap_or_default(),
                |f, v| f.area = v.parse::<usize>().ok().and_then(|i| BroadArea::ALL.get(i).copied()))}
            {select("filter-need", "With need",
                NeedCode::ALL.iter().map(|n| (n.code().to_owned(), format!("{} ({})", n.label(), n.code()))).collect(),
                |f| f.need.map(|n| n.code().to_owned()).unwrap_or_default(),
                |f, v| f.need = v.parse().ok())}
            <div class="flag-row">
            <fieldset class="checks">
                <legend>"Only pupils who are"</legend>
                {check("filter-pp", "Pupil premium", |f| f.pupil_premium, |f, v| f.pupil_premium = v)}
                {check("filter-lac", "Looked after", |f| f.lac, |f, v| f.lac = v)}
                {check("filter-plac", "Previously looked after", |f| f.plac, |f, v| f.plac = v)}
                {check("filter-eal", "EAL", |f| f.eal, |f, v| f.eal = v)}
                {check("filter-over", "At or over the element-2 threshold", |f| f.over_threshold, |f, v| f.over_threshold = v)}
                {check("filter-leavers", "Including leavers", |f| f.include_leavers, |f, v| f.include_leavers = v)}
            </fieldset>
            <button type="button" class="secondary" on:click=move |_| filter.set(RegisterFilter::default())>
                "Clear filters"
            </button>
            </div>
        </div>
    }
}

/// The fields under "More details", which open when one has a problem.
const MORE_DETAILS: &[PupilField] = &[
    PupilField::ClassName,
    PupilField::Upn,
    PupilField::DateOfBirth,
    PupilField::SenStatus,
    PupilField::PrimaryNeed,
    PupilField::SecondaryNeed,
    PupilField::OnRegisterFrom,
    PupilField::Flags,
];

/// The form that adds a pupil (`pupil` is `None`) or edits one. `on_done`
/// gets the pupil's id after a save, or a cancel of an edit.
#[component]
fn PupilForm(
    pupil: Option<Pupil>,
    on_done: impl Fn(Uuid) + Copy + 'static,
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let editing = pupil.clone();
    let start = pupil.as_ref().map(PupilDraft::of).unwrap_or_default();
    let draft = RwSignal::new(start);
    let problems = FormProblems::<PupilField>::new();
    let given_ref = NodeRef::<leptos::html::Input>::new();
    let heading = match &pupil {
        None => "Add a pupil".to_owned(),
        Some(p) => format!("Edit {}", p.full_name()),
    };
    let is_edit = pupil.is_some();
    if is_edit {
        // Move focus into the form that just opened.
        request_animation_frame(move || {
            if let Some(el) = given_ref.get_untracked() {
                let _ = el.focus();
            }
        });
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ctx.save.get_untracked() == SaveState::Saving {
            return;
        }
        let d = draft.get_untracked();
        let id = editing.as_ref().map(|p| p.id);
        let result = ctx
            .state
            .data()
            .with_untracked(|data| save_pupil(data, id, &d, Timestamp::now()));
        let edit = match result {
            Ok(edit) => edit,
            Err(p) => {
                problems.set(p);
                return;
            }
        };
        problems.clear();
        let saved_id = edit.saved_id();
        spawn_local(async move {
            // On failure the save status says why, and the typed values stay
            // in the form so the user can try again.
            if ctx.commit(edit).await.is_ok() {
                if is_edit {
                    if let Some(id) = saved_id {
                        on_done(id);
                    }
                } else {
                    // Ready for the next pupil: year group and class stay.
                    draft.update(|d| {
                        *d = PupilDraft {
                            year_group: d.year_group.clone(),
                            class_name: d.class_name.clone(),
                            ..PupilDraft::default()
                        };
                    });
                    if let Some(el) = given_ref.get_untracked() {
                        let _ = el.focus();
                    }
                }
            }
        });
    };

    let text = move |id: &'static str,
                     label: &'static str,
                     field: PupilField,
                     get: fn(&PupilDraft) -> String,
                     set: fn(&mut PupilDraft, String),
                     kind: &'static str,
                     node: NodeRef<leptos::html::Input>| {
        let error = problems.error(field);
        let input = view! {
            <input id=id type=kind autocomplete="off" node_ref=node
                prop:value=move || draft.with(get)
                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().map(|_| format!("{id}-error")) />
        };
        view! { <Field id=id label=label error=error>{input}</Field> }
    };
    let choice = move |id: &'static str,
                       label: &'static str,
                       field: PupilField,
                       none: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&PupilDraft) -> String,
                       set: fn(&mut PupilDraft, String)| {
        let error = problems.error(field);
        view! {
            <Field id=id label=label error=error>
                <select id=id
                    prop:value=move || draft.with(get)
                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| set(d, v)) }
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=move || error.get().map(|_| format!("{id}-error"))>
                    <option value="">{none}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </Field>
        }
    };
    let flag = move |id: &'static str,
                     label: &'static str,
                     get: fn(&PupilDraft) -> bool,
                     set: fn(&mut PupilDraft, bool)| {
        view! {
            <label class="check" for=id>
                <input id=id type="checkbox" prop:checked=move || draft.with(get)
                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| set(d, v)) } />
                {label}
            </label>
        }
    };
    let needs = || {
        NeedCode::ALL
            .iter()
            .map(|n| (n.code().to_owned(), format!("{} ({})", n.label(), n.code())))
            .collect::<Vec<_>>()
    };

    let flags_error = problems.error(PupilField::Flags);

    view! {
        <form class="add-pupil" id="pupil-form" class:editing=is_edit on:submit=on_submit novalidate aria-labelledby="pupil-form-heading">
            <h2 id="pupil-form-heading">{heading}</h2>
            {problem_summary(problems)}
            <div class="fields">
                {text("given-name", "Given name", PupilField::GivenName, |d| d.given_name.clone(), |d, v| d.given_name = v, "text", given_ref)}
                {text("family-name", "Family name", PupilField::FamilyName, |d| d.family_name.clone(), |d, v| d.family_name = v, "text", NodeRef::new())}
                {choice("year-group", "Year group", PupilField::YearGroup, "Choose…",
                    YearGroup::all().map(|y| (y.code(), y.label())).collect(),
                    |d| d.year_group.clone(), |d, v| d.year_group = v)}
            </div>
            <details class="more" prop:open=move || is_edit || problems.any_of(MORE_DETAILS)>
                <summary>"More details (optional)"</summary>
                <div class="fields">
                    {text("class-name", "Class or form", PupilField::ClassName, |d| d.class_name.clone(), |d, v| d.class_name = v, "text", NodeRef::new())}
                    {text("upn", "UPN", PupilField::Upn, |d| d.upn.clone(), |d, v| d.upn = v, "text", NodeRef::new())}
                    {text("date-of-birth", "Date of birth", PupilField::DateOfBirth, |d| d.date_of_birth.clone(), |d, v| d.date_of_birth = v, "date", NodeRef::new())}
                    {choice("sen-status", "SEN status", PupilField::SenStatus, "No SEN provision (N)",
                        [SenStatus::SenSupport, SenStatus::Ehcp].iter().map(|s| (s.code().to_owned(), format!("{} ({})", s.label(), s.code()))).collect(),
                        |d| if d.sen_status == "N" { String::new() } else { d.sen_status.clone() }, |d, v| d.sen_status = v)}
                    {choice("primary-need", "Primary need", PupilField::PrimaryNeed, "None", needs(), |d| d.primary_need.clone(), |d, v| d.primary_need = v)}
                    {choice("secondary-need", "Secondary need", PupilField::SecondaryNeed, "None", needs(), |d| d.secondary_need.clone(), |d, v| d.secondary_need = v)}
                    {text("on-register", "On the SEN register from", PupilField::OnRegisterFrom, |d| d.on_register_from.clone(), |d, v| d.on_register_from = v, "date", NodeRef::new())}
                </div>
                <fieldset class="checks">
                    <legend>"Flags"</legend>
                    {flag("flag-pp", "Pupil premium", |d| d.flags.pupil_premium, |d, v| d.flags.pupil_premium = v)}
                    {flag("flag-lac", "Looked after (LAC)", |d| d.flags.lac, |d, v| d.flags.lac = v)}
                    {flag("flag-plac", "Previously looked after (PLAC)", |d| d.flags.plac, |d, v| d.flags.plac = v)}
                    {flag("flag-service", "Service child", |d| d.flags.service_child, |d, v| d.flags.service_child = v)}
                    {flag("flag-eal", "EAL", |d| d.flags.eal, |d, v| d.flags.eal = v)}
                </fieldset>
                <p class="field-error" id="flags-error" role="alert">{move || flags_error.get()}</p>
            </details>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if is_edit { "Save changes" } else { "Add pupil" }}
                </button>
                {match pupil {
                    Some(p) => view! {
                        <button type="button" class="secondary" on:click=move |_| on_done(p.id)>"Cancel"</button>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="secondary" on:click=move |_| on_close()>"Close"</button>
                    }.into_any(),
                }}
            </div>
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
fn PupilRow(
    row: RegisterRow,
    editing: RwSignal<Option<Uuid>>,
    selected: RwSignal<std::collections::BTreeSet<Uuid>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let confirming = RwSignal::new(false);
    let id = row.id;
    let name = row.name.clone();
    let delete = move |_| {
        // The pupil's enrolments and support plans go with them, in one edit.
        let Ok(edit) = ctx
            .state
            .data()
            .with_untracked(|d| delete_pupil(d, id, Timestamp::now()))
        else {
            return;
        };
        spawn_local(async move {
            if ctx.commit(edit).await.is_ok() {
                focus_by_id("register-heading");
            }
        });
    };
    let needs = match (row.primary_need, row.secondary_need) {
        (Some(p), Some(s)) => format!("{p}, {s}"),
        (Some(p), None) => p.to_string(),
        _ => String::new(),
    };
    let f = row.flags;
    let flags: Vec<&str> = [
        (f.pupil_premium, "PP"),
        (f.lac, "LAC"),
        (f.plac, "PLAC"),
        (f.service_child, "Service"),
        (f.eal, "EAL"),
    ]
    .into_iter()
    .filter_map(|(on, l)| on.then_some(l))
    .collect();
    let name_for_edit = name.clone();
    let name_for_delete = name.clone();
    let name_for_confirm = name.clone();
    view! {
        <tr class:left=row.left>
            <td class="select"><label class="tap">
                <input type="checkbox" aria-label=format!("Select {name}") prop:checked=move || selected.with(|s| s.contains(&id))
                    on:change=move |ev| { let on = event_target_checked(&ev); selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } }) } />
            </label></td>
            <td><a href=format!("#/pupils/{id}")>{name}</a>{row.left.then_some(" (left)")}
                {row.shared_upn.then(|| view! { <span class="badge">"UPN shared with another pupil"</span> })}</td>
            <td>{row.year_group.label()}</td>
            <td>{row.class_name}</td>
            <td><abbr title=row.status.label()>{row.status.code()}</abbr></td>
            <td>{needs}</td>
            <td>{flags.join(", ")}</td>
            <td class="money">
                {(row.cost > Money::ZERO).then(|| row.cost.to_string())}
                {row.over_threshold.then(|| view! { <span class="badge">"At or over threshold"</span> })}
            </td>
            <td class="actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        let edit_label = format!("Edit {name_for_edit}");
                        let delete_label = format!("Delete {name_for_delete}");
                        view! {
                            <button type="button" class="secondary" id=format!("edit-{id}") aria-label=edit_label
                                on:click=move |_| editing.set(Some(id))>"Edit"</button>
                            <button type="button" class="secondary" aria-label=delete_label
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

/// After the next render, move focus to the element with `id` (making it
/// focusable if need be), so keyboard users are not left on a removed control.
/// If the user has moved focus themselves before then (a tap into another
/// field on a slow tablet, where the next frame can come late), their focus
/// is kept: taking it back mid-word sent the rest of a family name typed
/// into the given name.
pub fn focus_by_id(id: &str) {
    let id = id.to_owned();
    let before = focused();
    request_animation_frame(move || {
        if !focus_moved(before.as_ref(), focused().as_ref()) {
            focus_now(&id);
        }
    });
}

/// The focused element of the page (the host element when the app is
/// embedded in a shadow root).
fn focused() -> Option<web_sys::Element> {
    document().active_element()
}

/// Whether focus went somewhere of the user's choosing between `before`
/// and `now`: to another element than the body (where focus falls when
/// the focused control is removed).
fn focus_moved(before: Option<&web_sys::Element>, now: Option<&web_sys::Element>) -> bool {
    let body = |e: &web_sys::Element| e.tag_name() == "BODY";
    match (before, now) {
        (_, None) => false,
        (Some(b), Some(n)) => b != n && !body(n),
        (None, Some(n)) => !body(n),
    }
}

pub(crate) fn focus_now(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) =
        crate::ui::find_element(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        if el.tab_index() < 0 && el.tag_name() != "BUTTON" {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
    }
}
