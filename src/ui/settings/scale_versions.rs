//! A pay scale's versions: each from the date its salaries apply, with its
//! points and their full-time salaries. The list of one scale's versions,
//! and the form that adds or edits a version (rows of point and salary).

use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::pay_scales::Open;
use crate::domain::pay::{PayScale, PointDraft, ScaleVersionDraft};
use crate::domain::pay_commands::{delete_scale_version, save_scale_version};
use crate::domain::PayScaleField;
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    draft_input, gb, guarded_delete, problem_summary, FormProblems, InputKind,
};

/// The versions of `scale`, newest first, each with its points.
#[component]
pub fn VersionRows(
    scale: PayScale,
    open: RwSignal<Option<Open>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let id = scale.id;
    let mut versions = scale.versions.clone();
    crate::domain::sort::by_key(&mut versions, |v| std::cmp::Reverse(v.from));
    if versions.is_empty() {
        return view! { <p class="empty">"No versions yet: add the salaries and the date they apply from."</p> }
            .into_any();
    }
    let rows = versions
        .into_iter()
        .map(|v| {
            let from = v.from;
            let key = format!("{id}-{}", from.strftime("%Y%m%d"));
            let points = v
                .points
                .iter()
                .map(|p| format!("{}: {}", p.point, p.salary))
                .collect::<Vec<_>>()
                .join("; ");
            let delete = move |_| {
                guarded_delete(
                    message,
                    ctx.state.data().with_untracked(|d| {
                        delete_scale_version(d, id, from, Timestamp::now())
                    }),
                );
            };
            view! {
                <tr>
                    <td>{gb(from)}</td>
                    <td class="points">{points}</td>
                    <td class="actions">
                        <button type="button" class="secondary" id=format!("edit-version-{key}")
                            aria-label=format!("Edit the salaries from {}", gb(from))
                            on:click=move |_| { open.set(Some(Open::EditVersion(id, from))); focus_by_id("version-from"); }>"Edit"</button>
                        <button type="button" class="secondary" id=format!("delete-version-{key}")
                            aria-label=format!("Delete the salaries from {}", gb(from)) on:click=delete>"Delete"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="scale-versions">
                <thead><tr>
                    <th scope="col">"From"</th>
                    <th scope="col">"Points and full-time salaries"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Add a version to scale `scale_id` (`replacing` is `None`, the points of
/// its latest version filled in to raise) or edit its version from
/// `replacing`.
#[component]
pub fn ScaleVersionForm(
    scale_id: Uuid,
    replacing: Option<Date>,
    open: RwSignal<Option<Open>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let (name, start) = ctx.state.data().with_untracked(|d| {
        let scale = d.settings.pay_scale(scale_id);
        let latest = scale.and_then(|s| s.versions.iter().max_by_key(|v| v.from));
        let start = match replacing {
            Some(from) => scale
                .and_then(|s| s.versions.iter().find(|v| v.from == from))
                .map(ScaleVersionDraft::of)
                .unwrap_or_default(),
            None => ScaleVersionDraft::next_after(latest),
        };
        (scale.map(|s| s.name.clone()).unwrap_or_default(), start)
    });
    let from = RwSignal::new(start.from.clone());
    let rows = RwSignal::new(start.points);
    let problems = FormProblems::new();
    let point_messages = problems.messages(PayScaleField::Points);
    let close = move || {
        open.set(None);
        focus_by_id(&format!("add-version-{scale_id}"));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = ScaleVersionDraft {
            from: from.get_untracked(),
            points: rows.get_untracked(),
        };
        match ctx.state.data().with_untracked(|data| {
            save_scale_version(data, scale_id, replacing, &d, Timestamp::now())
        }) {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        close();
                    }
                });
            }
        }
    };
    let count = Memo::new(move |_| rows.with(Vec::len));
    let heading = match replacing {
        Some(d) => format!("Edit the {name} salaries from {}", gb(d)),
        None => format!("Add a version of {name}"),
    };
    let cell = move |i: usize, salary: bool| {
        let (id, label) = if salary {
            (
                format!("version-salary-{i}"),
                format!("Full-time salary (£ a year), row {}", i + 1),
            )
        } else {
            (
                format!("version-point-{i}"),
                format!("Point, row {}", i + 1),
            )
        };
        view! {
            <input id=id type="text" inputmode=if salary { "decimal" } else { "text" } autocomplete="off"
                aria-label=label aria-describedby="version-points-error"
                prop:value=move || rows.with(|r| r.get(i).map(|p| if salary { p.salary.clone() } else { p.point.clone() }).unwrap_or_default())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    rows.update(|r| if let Some(p) = r.get_mut(i) { if salary { p.salary = v } else { p.point = v } });
                } />
        }
    };
    view! {
        <form class="pay-form" id="version-form" on:submit=on_submit novalidate aria-labelledby="version-form-heading">
            {problem_summary(problems)}
            <h3 id="version-form-heading">{heading}</h3>
            <div class="fields">
                {draft_input(from, problems.error(PayScaleField::From), "version-from", "Salaries apply from", InputKind::Date, |d: &String| d.clone(), |d, v| *d = v)}
            </div>
            <div class="table-scroll">
                <table class="version-points" id="version-points">
                    <caption>"Points and full-time salaries (rows left blank are ignored)"</caption>
                    <thead><tr>
                        <th scope="col">"Point"</th>
                        <th scope="col">"Full-time salary (£ a year)"</th>
                        <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                    </tr></thead>
                    <tbody>
                        {move || (0..count.get()).map(|i| view! {
                            <tr>
                                <td>{cell(i, false)}</td>
                                <td>{cell(i, true)}</td>
                                <td>
                                    <button type="button" class="secondary" aria-label=format!("Remove row {}", i + 1)
                                        on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>"Remove"</button>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="field-error problem-list" id="version-points-error" role="alert">
                <ul>{move || point_messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
            <div class="actions-row">
                <button type="button" class="secondary" id="version-add-point"
                    on:click=move |_| {
                        let i = rows.with_untracked(Vec::len);
                        rows.update(|r| r.push(PointDraft::default()));
                        focus_by_id(&format!("version-point-{i}"));
                    }>"Add a point"</button>
                <button type="submit" class="primary" id="version-save" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if replacing.is_some() { "Save the salaries" } else { "Add the version" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| close()>"Cancel"</button>
            </div>
        </form>
    }
}
