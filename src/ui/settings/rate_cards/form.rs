//! Add or edit a rate card: the authority, its date and weeks, a rate for
//! each kind of staff, the times of day and tiers it does not cost,
//! resources and a cap. Enter saves; each problem shows beside its field.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::rate_card::{
    category_label, save_rate_card, BasisKind, RateCard, RateCardDraft, WindowDraft,
};
use crate::domain::RateCardField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{draft_input, draft_textarea, problem_summary, FormProblems, InputKind};

/// What the amount of a rate is in, for its label.
fn amount_label(k: BasisKind) -> &'static str {
    match k {
        BasisKind::None => "",
        BasisKind::PerWeeklyHour => "£ for one hour a week over the year",
        BasisKind::PerMinute => "Pence a minute",
        BasisKind::Hourly => "£ an hour",
    }
}

fn kind_code(k: BasisKind) -> &'static str {
    match k {
        BasisKind::None => "none",
        BasisKind::PerWeeklyHour => "per_weekly_hour",
        BasisKind::PerMinute => "per_minute",
        BasisKind::Hourly => "hourly",
    }
}

/// A list of a field's messages, beside the inputs of a field with many parts.
fn messages_list(id: &'static str, messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="field-error" id=id role="alert">
            {move || messages.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
        </div>
    }
}

#[component]
pub fn RateCardForm(card: Option<RateCard>, on_done: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = AppCtx::get();
    let draft = RwSignal::new(card.as_ref().map(RateCardDraft::of).unwrap_or_default());
    let problems = FormProblems::<RateCardField>::new();
    let id = card.as_ref().map(|c| c.id);
    let heading = card.as_ref().map_or("Add a rate card".to_owned(), |c| {
        format!("Edit the card of {}", c.authority)
    });
    let tiers = Memo::new(move |_| {
        ctx.read(|d| {
            d.settings
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let result = ctx
            .state
            .data()
            .with_untracked(|data| save_rate_card(data, id, &d, Timestamp::now()));
        match result {
            Err(p) => problems.set(p),
            Ok(edit) => {
                problems.clear();
                spawn_local(async move {
                    if ctx.commit(edit).await.is_ok() {
                        on_done();
                    }
                });
            }
        }
    };
    let err = move |f| problems.error(f);
    let rates_msgs = problems.messages(RateCardField::Rates);
    let times_msgs = problems.messages(RateCardField::ExcludedTimes);
    let tiers_msgs = problems.messages(RateCardField::ExcludedTiers);
    let invalid = move |m: Signal<Vec<String>>| move || (!m.with(Vec::is_empty)).then_some("true");
    let rate_rows = (0..draft.with_untracked(|d| d.rates.len()))
        .map(|i| {
            let category = draft.with_untracked(|d| d.rates[i].category);
            let kind_id = format!("card-rate-kind-{i}");
            let amount_id = format!("card-rate-amount-{i}");
            let kind = move || draft.with(|d| d.rates[i].kind);
            let kind_for = kind_id.clone();
            let amount_for = amount_id.clone();
            view! {
                <div class="card-rate">
                    <div class="field">
                        <label for=kind_for>{category_label(category)}</label>
                        <select id=kind_id
                            aria-invalid=invalid(rates_msgs) aria-describedby="card-rates-error"
                            prop:value=move || kind_code(kind())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(k) = BasisKind::ALL.into_iter().find(|k| kind_code(*k) == v) {
                                    draft.update(|d| d.rates[i].kind = k);
                                }
                            }>
                            {BasisKind::ALL.into_iter().map(|k| view! { <option value=kind_code(k)>{k.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || kind() != BasisKind::None>
                        <div class="field">
                            <label for=amount_for.clone()>
                                <span class="visually-hidden">{format!("{}: ", category_label(category))}</span>
                                {move || amount_label(kind())}
                            </label>
                            <input id=amount_id.clone() type="text" inputmode="decimal" autocomplete="off"
                                aria-invalid=invalid(rates_msgs) aria-describedby="card-rates-error"
                                prop:value=move || draft.with(|d| d.rates[i].amount.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.rates[i].amount = v) } />
                        </div>
                    </Show>
                </div>
            }
        })
        .collect_view();
    let windows = move || {
        let n = draft.with(|d| d.excluded_times.len());
        (0..n)
            .map(|i| {
                let name_id = format!("card-time-name-{i}");
                let start_id = format!("card-time-start-{i}");
                let end_id = format!("card-time-end-{i}");
                let (n_for, s_for, e_for) = (name_id.clone(), start_id.clone(), end_id.clone());
                let get = move |f: fn(&WindowDraft) -> String| draft.with_untracked(|d| d.excluded_times.get(i).map(f).unwrap_or_default());
                let name = get(|w| w.name.clone());
                view! {
                    <div class="card-time">
                        <div class="field">
                            <label for=n_for>"Name"</label>
                            <input id=name_id type="text" autocomplete="off" maxlength="40"
                                aria-invalid=invalid(times_msgs) aria-describedby="card-times-error"
                                prop:value=get(|w| w.name.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.excluded_times[i].name = v) } />
                        </div>
                        <div class="field narrow">
                            <label for=s_for>"From"</label>
                            <input id=start_id type="time"
                                aria-invalid=invalid(times_msgs) aria-describedby="card-times-error"
                                prop:value=get(|w| w.start.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.excluded_times[i].start = v) } />
                        </div>
                        <div class="field narrow">
                            <label for=e_for>"To"</label>
                            <input id=end_id type="time"
                                aria-invalid=invalid(times_msgs) aria-describedby="card-times-error"
                                prop:value=get(|w| w.end.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.excluded_times[i].end = v) } />
                        </div>
                        <button type="button" class="secondary" aria-label=format!("Remove {}", if name.is_empty() { format!("time {}", i + 1) } else { name })
                            on:click=move |_| draft.update(|d| { d.excluded_times.remove(i); })>"Remove"</button>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <form class="role-form rate-card-form" id="rate-card-form" on:submit=on_submit novalidate aria-labelledby="rate-card-form-heading">
            {problem_summary(problems)}
            <h3 id="rate-card-form-heading">{heading}</h3>
            <div class="fields">
                {draft_input(draft, err(RateCardField::Authority), "card-authority", "Local authority", InputKind::Text, |d| d.authority.clone(), |d, v| d.authority = v)}
                {draft_input(draft, err(RateCardField::From), "card-from", "Applies from", InputKind::Date, |d| d.from.clone(), |d, v| d.from = v)}
                {draft_input(draft, err(RateCardField::Weeks), "card-weeks", "Weeks in the LA's year", InputKind::Decimal, |d| d.weeks.clone(), |d, v| d.weeks = v)}
            </div>
            <fieldset class="checks card-rates">
                <legend>"How the LA costs each kind of staff"</legend>
                {rate_rows}
                {messages_list("card-rates-error", rates_msgs)}
            </fieldset>
            <fieldset class="checks card-times">
                <legend>"Times of the day the LA does not cost"</legend>
                {windows}
                <button type="button" class="secondary" id="card-time-add"
                    on:click=move |_| draft.update(|d| d.excluded_times.push(WindowDraft::default()))>"Add a time"</button>
                {messages_list("card-times-error", times_msgs)}
            </fieldset>
            <fieldset class="checks">
                <legend>"Tiers the LA does not cost"</legend>
                {move || tiers.get().into_iter().enumerate().map(|(i, (key, name))| {
                    let id = format!("card-tier-{i}");
                    let for_id = id.clone();
                    let k = key.clone();
                    view! {
                        <label class="check" for=for_id>
                            <input type="checkbox" id=id
                                aria-invalid=invalid(tiers_msgs) aria-describedby="card-tiers-error"
                                prop:checked=move || draft.with(|d| d.excluded_tiers.contains(&key))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let k = k.clone();
                                    draft.update(|d| { d.excluded_tiers.retain(|t| *t != k); if on { d.excluded_tiers.push(k) } });
                                } />
                            {name}
                        </label>
                    }
                }).collect_view()}
                {messages_list("card-tiers-error", tiers_msgs)}
            </fieldset>
            <label class="check" for="card-resources">
                <input type="checkbox" id="card-resources"
                    prop:checked=move || draft.with(|d| d.costs_resources)
                    on:change=move |ev| draft.update(|d| d.costs_resources = event_target_checked(&ev)) />
                "The LA counts resources and fixed costs"
            </label>
            <div class="fields">
                {draft_input(draft, err(RateCardField::CapPerPupil), "card-cap", "Most a pupil a year (£, blank for no cap)", InputKind::Decimal, |d| d.cap.clone(), |d, v| d.cap = v)}
                {draft_textarea(draft, err(RateCardField::Notes), "card-notes", "Notes", |d| d.notes.clone(), |d, v| d.notes = v)}
            </div>
            <div class="actions-row">
                <button type="submit" class="primary" id="card-save" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if id.is_some() { "Save card" } else { "Add card" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
