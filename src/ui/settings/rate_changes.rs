//! A role's pay awards and other changes of rate, each from a date: the
//! list (from, rate, the hourly cost it gives), and the form that adds or
//! edits one (Enter saves).

use jiff::civil::Date;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::rate_fields::{rate_fields, CHANGE_IDS};
use crate::domain::money::round_pence;
use crate::domain::pay::{rate_words, RateChangeDraft};
use crate::domain::pay_commands::{delete_rate_change, save_rate_change};
use crate::domain::RoleField;
use crate::ui::pupils::focus_by_id;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    draft_input, gb, guarded_delete, problem_summary, FormProblems, InputKind,
};

/// One line of the list: from (none for the rate before any change), the
/// rate in words and the hourly cost it gives on its first day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Line {
    from: Option<Date>,
    /// The date as the list shows it (`Before 01/04/2026` for the first).
    label: String,
    words: String,
    hourly: String,
}

/// Role `role_id`'s rates from dates, to list, add, edit and delete.
#[component]
pub fn RateChanges(role_id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let rows = Memo::new(move |_| {
        ctx.read(|d| {
            let Some(r) = d.role(role_id) else {
                return (String::new(), Vec::new());
            };
            let scales = &d.settings.pay_scales;
            let mut changes = r.rate_changes.clone();
            crate::domain::sort::by_key(&mut changes, |c| c.from);
            let shown = |h: Option<crate::domain::money::Exact>| {
                h.map_or("No rate that day".to_owned(), |x| {
                    round_pence(x).to_string()
                })
            };
            let first_before = changes.first().and_then(|c| c.from.yesterday().ok());
            let mut lines = vec![Line {
                from: None,
                label: changes
                    .first()
                    .map_or("Always".to_owned(), |c| format!("Before {}", gb(c.from))),
                words: rate_words(&r.rate, scales),
                // With no change yet, the cost today (a pay scale's salary
                // may still change by date).
                hourly: match first_before {
                    Some(d) => shown(r.hourly_on(d, scales)),
                    None => format!(
                        "{} today",
                        shown(r.hourly_on(crate::ui::widgets::today(), scales))
                    ),
                },
            }];
            lines.extend(changes.iter().map(|c| Line {
                from: Some(c.from),
                label: gb(c.from),
                words: rate_words(&c.rate, scales),
                hourly: shown(r.hourly_on(c.from, scales)),
            }));
            (r.name.clone(), lines)
        })
    });
    let name = move || rows.with(|r| r.0.clone());
    // The form: closed, adding (None) or editing the change from a date.
    let open = RwSignal::new(None::<Option<Date>>);
    let message = RwSignal::new(None::<String>);
    view! {
        <section class="rate-changes" aria-labelledby="rate-changes-heading" id="rate-changes">
            <h3 id="rate-changes-heading">{move || format!("Pay awards and rate changes: {}", name())}</h3>
            <p class="hint">"Each rate applies from its date until the next. Costs before and after a pay award use the rate of the day the sessions happen."</p>
            <div class="table-scroll">
                <table class="rate-changes-list" id="rate-changes-list">
                    <thead><tr>
                        <th scope="col">"From"</th>
                        <th scope="col">"Rate"</th>
                        <th scope="col" class="money">"Hourly cost it gives"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.get().1 key=|l| l.clone() children=move |l| {
                            let actions = l.from.map(|from| {
                                let key = from.strftime("%Y%m%d").to_string();
                                let label = gb(from);
                                let delete = move |_| {
                                    guarded_delete(message, ctx.state.data().with_untracked(|d| delete_rate_change(d, role_id, from, Timestamp::now())));
                                };
                                view! {
                                    <button type="button" class="secondary" id=format!("edit-rate-change-{key}")
                                        aria-label=format!("Edit the rate from {label}")
                                        on:click=move |_| { open.set(Some(Some(from))); focus_by_id("change-from"); }>"Edit"</button>
                                    <button type="button" class="secondary" id=format!("delete-rate-change-{key}")
                                        aria-label=format!("Delete the rate from {label}") on:click=delete>"Delete"</button>
                                }
                            });
                            view! {
                                <tr>
                                    <td>{l.label.clone()}</td>
                                    <td>{l.words.clone()}</td>
                                    <td class="money">{l.hourly.clone()}</td>
                                    <td class="actions">{actions}</td>
                                </tr>
                            }
                        } />
                    </tbody>
                </table>
            </div>
            <p class="message" role="alert">{move || message.get()}</p>
            <button type="button" class="secondary" id="add-rate-change-open" aria-controls="rate-change-form"
                aria-expanded=move || (open.get() == Some(None)).to_string()
                on:click=move |_| { open.set(Some(None)); focus_by_id("change-from"); }>"Add a pay award or rate change"</button>
            {move || open.get().map(|replacing| view! {
                <RateChangeForm role_id=role_id replacing=replacing on_close=move || {
                    open.set(None);
                    focus_by_id("add-rate-change-open");
                } />
            })}
        </section>
    }
}

/// Add a rate from a date (`replacing` is `None`) or change the one from
/// `replacing`.
#[component]
fn RateChangeForm(
    role_id: Uuid,
    replacing: Option<Date>,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let start = ctx.state.data().with_untracked(|d| {
        let r = d.role(role_id)?;
        Some(match replacing {
            Some(from) => r
                .rate_changes
                .iter()
                .find(|c| c.from == from)
                .map_or_else(|| RateChangeDraft::for_role(r), RateChangeDraft::of),
            None => RateChangeDraft::for_role(r),
        })
    });
    let draft = RwSignal::new(start.clone().map(|s| s.rate).unwrap_or_default());
    let from = RwSignal::new(start.map(|s| s.from).unwrap_or_default());
    let problems = FormProblems::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = RateChangeDraft {
            from: from.get_untracked(),
            rate: draft.get_untracked(),
        };
        let result = ctx.state.data().with_untracked(|data| {
            save_rate_change(data, role_id, replacing, &d, Timestamp::now())
        });
        match result {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        on_close();
                    }
                });
            }
        }
    };
    let heading = match replacing {
        Some(d) => format!("Edit the rate from {}", gb(d)),
        None => "Add a pay award or rate change".to_owned(),
    };
    view! {
        <form class="pay-form" id="rate-change-form" on:submit=on_submit novalidate aria-labelledby="rate-change-form-heading">
            {problem_summary(problems)}
            <h4 id="rate-change-form-heading">{heading}</h4>
            <div class="fields">
                {draft_input(from, problems.error(RoleField::ChangeFrom), "change-from", "Applies from", InputKind::Date, |d: &String| d.clone(), |d, v| *d = v)}
            </div>
            {rate_fields(draft, problems, &CHANGE_IDS)}
            <div class="actions-row">
                <button type="submit" class="primary" id="rate-change-save" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if replacing.is_some() { "Save the rate" } else { "Add the rate" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| on_close()>"Cancel"</button>
            </div>
        </form>
    }
}
