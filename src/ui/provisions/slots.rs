//! A provision's timetable slots: each session's day, start time and room,
//! added and removed in a small form that saves with Enter, and the clashes
//! the provision is in beside them.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::calendar::Calendar;
use crate::domain::commands::{next_slot, set_slots, SlotDraft, SlotProblems};
use crate::domain::provision::{Provision, SchoolDay};
use crate::domain::timetable::rooms;
use crate::domain::timetable_week::{clash_links, clashes_of_provision};
use crate::domain::ProvisionField;
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{problem_summary, FormProblems};

#[component]
pub(super) fn Slots(pid: Uuid, provision: Memo<Option<Provision>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let saved = Memo::new(move |_| {
        provision.with(|p| {
            p.as_ref()
                .map(|p| p.slots.iter().map(SlotDraft::of).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let drafts = RwSignal::new(saved.get_untracked());
    // The inputs show the drafts when they are replaced (saved here, undone,
    // changed in another tab), not on every keystroke: writing a time input's
    // value back while it is typed in would undo the typing.
    let replaced = Trigger::new();
    Effect::new(move |first: Option<()>| {
        let s = saved.get();
        if first.is_some() {
            drafts.set(s);
            replaced.notify();
        }
    });
    let problems = FormProblems::<ProvisionField>::new();
    let slot_messages = problems.messages(ProvisionField::Slots);
    // The slots as they were when a save was refused: each problem beside
    // the slot it is about.
    let refused = RwSignal::new(Vec::<SlotDraft>::new());
    let shown =
        Memo::new(move |_| refused.with(|r| slot_messages.with(|m| SlotProblems::of(r, m))));
    let message = RwSignal::new(None::<String>);
    let count = Memo::new(move |_| drafts.with(Vec::len));
    let room_names = Memo::new(move |_| ctx.read(rooms));
    let clashes = Memo::new(move |_| {
        ctx.read(|d| {
            let cal = Calendar::new(&d.settings.years);
            clashes_of_provision(d, &cal, pid)
                .into_iter()
                .map(|c| {
                    let others: Vec<(Uuid, String)> = clash_links(d, &c)
                        .into_iter()
                        .filter(|(id, _)| *id != pid)
                        .collect();
                    (c.message, others)
                })
                .collect::<Vec<_>>()
        })
    });
    let forget_problems = move || {
        problems.clear();
        refused.set(Vec::new());
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = drafts.get_untracked();
        let result = ctx
            .state
            .data()
            .with_untracked(|d| set_slots(d, pid, &typed, Timestamp::now()));
        match result {
            Err(p) => {
                message.set(None);
                refused.set(typed);
                problems.set(p);
            }
            Ok(edit) => {
                forget_problems();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        message.set(Some("Timetable saved.".to_owned()));
                    }
                });
            }
        }
    };
    let add = move |_| {
        forget_problems();
        message.set(None);
        let n = drafts.with_untracked(Vec::len);
        drafts.update(|d| {
            let next = next_slot(d);
            d.push(next);
        });
        focus_by_id(&format!("slot-day-{n}"));
    };
    let sessions = move || {
        provision.with(|p| {
            p.as_ref().map_or_else(String::new, |p| {
                format!(
                    "{} a week, {} minutes each: give each session a day and a start time. Enter saves.",
                    p.sessions_per_week, p.minutes_per_session
                )
            })
        })
    };
    let row = move |i: usize| {
        let (day_id, start_id, room_id) = (
            format!("slot-day-{i}"),
            format!("slot-start-{i}"),
            format!("slot-room-{i}"),
        );
        let error_id = format!("slot-start-{i}-error");
        let error = move || shown.with(|s| s.each.get(i).cloned().flatten());
        let get = move |f: fn(&SlotDraft) -> String| {
            move || {
                replaced.track();
                drafts.with_untracked(|d| d.get(i).map(f).unwrap_or_default())
            }
        };
        let (day_for, start_for, room_for) = (day_id.clone(), start_id.clone(), room_id.clone());
        view! {
            <div class="slot-line" class:has-error=move || error().is_some()>
                <div class="field">
                    <label for=day_for>{format!("Slot {} day", i + 1)}</label>
                    <select id=day_id prop:value=move || drafts.with(|d| d.get(i).map(|s| format!("{:?}", s.day)).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(day) = SchoolDay::ALL.into_iter().find(|d| format!("{d:?}") == v) {
                                drafts.update(|d| if let Some(s) = d.get_mut(i) { s.day = day });
                            }
                        }>
                        {SchoolDay::ALL.into_iter().map(|d| view! {
                            <option value=format!("{d:?}") selected=move || drafts.with(|x| x.get(i).is_some_and(|s| s.day == d))>{d.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field narrow">
                    <label for=start_for>{format!("Slot {} start", i + 1)}</label>
                    <input id=start_id type="time" autocomplete="off" prop:value=get(|s| s.start.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); drafts.update(|d| if let Some(s) = d.get_mut(i) { s.start = v }) }
                        aria-invalid=move || error().is_some().then_some("true")
                        aria-describedby=error_id.clone() />
                </div>
                <div class="field">
                    <label for=room_for>{format!("Slot {} room (optional)", i + 1)}</label>
                    <input id=room_id type="text" autocomplete="off" list="slot-rooms" prop:value=get(|s| s.room.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); drafts.update(|d| if let Some(s) = d.get_mut(i) { s.room = v }) } />
                </div>
                <button type="button" class="secondary" id=format!("slot-remove-{i}")
                    on:click=move |_| {
                        forget_problems();
                        message.set(None);
                        drafts.update(|d| if i < d.len() { d.remove(i); });
                        focus_by_id("slot-add");
                    }>{format!("Remove slot {}", i + 1)}</button>
                <p class="field-error" id=error_id role="alert">{error}</p>
            </div>
        }
    };
    view! {
        <section class="panel slots" aria-labelledby="slots-heading">
            <h2 id="slots-heading">"Timetable"</h2>
            <p class="hint">{sessions}</p>
            <form id="slots-form" on:submit=on_submit novalidate aria-labelledby="slots-heading">
                {problem_summary(problems)}
                <fieldset class="slot-lines" aria-describedby="slots-error">
                    <legend>"Sessions on the timetable"</legend>
                    {move || (0..count.get()).map(row).collect_view()}
                    <Show when=move || count.get() == 0>
                        <p class="empty">"Not on the timetable yet: add a slot for each session."</p>
                    </Show>
                    <div class="field-error problem-list" id="slots-error" role="alert">
                        <ul>{move || shown.with(|s| s.together.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view())}</ul>
                    </div>
                </fieldset>
                <datalist id="slot-rooms">
                    {move || room_names.get().into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                </datalist>
                <div class="actions-row">
                    <button type="button" class="secondary" id="slot-add" on:click=add>"Add a slot"</button>
                    <button type="submit" class="primary" id="slots-save" disabled=move || ctx.save.get() == SaveState::Saving>"Save timetable"</button>
                </div>
                <p class="message" role="status">{move || message.get()}</p>
            </form>
            <div id="slot-clashes">
                {move || clashes.with(|c| if c.is_empty() {
                    view! { <p class="hint">"No clashes."</p> }.into_any()
                } else {
                    view! {
                        <div class="notice warning" role="note" aria-labelledby="slot-clashes-heading">
                            <h3 id="slot-clashes-heading"><span aria-hidden="true">"⚠ "</span>{format!("Clashes ({})", c.len())}</h3>
                            <ul>
                                {c.iter().map(|(m, others)| view! {
                                    <li>{m.clone()}
                                        {others.iter().map(|(id, name)| view! {
                                            " " <a href=format!("#/provisions/{id}")>{format!("Open {name}")}</a>
                                        }).collect_view()}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any()
                })}
            </div>
        </section>
    }
}
