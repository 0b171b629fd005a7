//! A pupil's support plans, one a term: outcomes, links to provision,
//! pupil's and parents' views, and the review of each outcome.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::calendar::{term_label, TermName};
use crate::domain::commands::delete_plan;
use crate::domain::commands::save_plan;
use crate::domain::plan::{PlanDraft, ReviewResult, SupportPlan};
use crate::domain::PlanField;
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{
    draft_input, draft_textarea, gb, problem_summary, today, FormProblems, InputKind,
};

const RESULTS: [ReviewResult; 3] = [
    ReviewResult::Achieved,
    ReviewResult::Partly,
    ReviewResult::NotYet,
];

/// The plans, newest first, and the form to add or edit one.
#[component]
pub fn Plans(pupil_id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    // None: no form; Some(None): a new plan; Some(Some(id)): editing that plan.
    let editing = RwSignal::new(None::<Option<Uuid>>);
    let plans = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<SupportPlan> = d
                .plans
                .iter()
                .filter(|p| p.pupil_id == pupil_id)
                .cloned()
                .collect();
            crate::domain::sort::by_key(&mut v, |p| {
                std::cmp::Reverse((p.start_year, p.term as u8))
            });
            v
        })
    });
    let names = move |ids: &[Uuid]| {
        ctx.read(|d| {
            ids.iter()
                .filter_map(|i| d.provision(*i).map(|p| p.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    view! {
        <section class="panel" aria-labelledby="plans-heading">
            <h2 id="plans-heading">"Support plans"</h2>
            <Show when=move || !plans.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No support plan yet."</p> }>
                <For each=move || plans.get() key=|p| (p.id, p.updated_at) children=move |p| {
                    let (reviewed, achieved) = p.reviewed();
                    let id = p.id;
                    let heading = term_label(p.start_year, p.term);
                    let linked = names(&p.provision_ids);
                    let article_label = format!("Support plan, {heading}");
                    let edit_label = format!("Edit or review the plan for {heading}");
                    let delete_label = format!("Delete the plan for {heading}");
                    view! {
                        <article class="plan" aria-label=article_label>
                            <h3>{heading.clone()}</h3>
                            <ol class="outcomes">
                                {p.outcomes.iter().map(|o| view! {
                                    <li>{o.text.clone()} <span class="result">{o.result.map_or("Not reviewed yet", ReviewResult::label)}</span></li>
                                }).collect_view()}
                            </ol>
                            <p class="review-summary">{format!("Reviewed {reviewed} of {}; achieved {achieved}.", p.outcomes.len())}
                                {p.review_date.map(|d| format!(" Review date {}.", gb(d)))}</p>
                            {(!linked.is_empty()).then(|| view! { <p>{format!("Provision: {linked}.")}</p> })}
                            {(!p.pupil_views.is_empty()).then(|| view! { <p><strong>"Pupil's views: "</strong>{p.pupil_views.clone()}</p> })}
                            {(!p.parent_views.is_empty()).then(|| view! { <p><strong>"Parents' views: "</strong>{p.parent_views.clone()}</p> })}
                            <div class="actions-row no-print">
                                <button type="button" class="secondary" aria-label=edit_label
                                    on:click=move |_| editing.set(Some(Some(id)))>"Edit or review"</button>
                                <button type="button" class="secondary" aria-label=delete_label.clone()
                                    on:click=move |_| {
                                        if let Ok(edit) = ctx.state.data().with_untracked(|d| delete_plan(d, id)) {
                                            spawn_local(async move { let _ = ctx.commit(edit).await; });
                                        }
                                    }>"Delete"</button>
                            </div>
                        </article>
                    }
                } />
            </Show>
            <div class="actions-row no-print">
                <button type="button" class="secondary" id="add-plan" on:click=move |_| editing.set(Some(None))>"Add a support plan"</button>
            </div>
            {move || editing.get().map(|which| {
                let existing = which.and_then(|id| plans.with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned()));
                view! { <PlanForm pupil_id=pupil_id existing=existing on_done=move || {
                    editing.set(None);
                    crate::ui::pupils::focus_by_id("plans-heading");
                } /> }
            })}
        </section>
    }
}

/// Add or edit (and review) one plan.
#[component]
fn PlanForm(
    pupil_id: Uuid,
    existing: Option<SupportPlan>,
    on_done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let is_edit = existing.is_some();
    let start = existing.as_ref().map(PlanDraft::of).unwrap_or_else(|| {
        // The term in progress, or the first term of the latest year.
        ctx.state.data().with_untracked(|d| {
            let day = today();
            d.settings
                .years
                .iter()
                .flat_map(|y| y.terms.iter().map(move |t| (y.start_year, t)))
                .find(|(_, t)| t.range().contains(day))
                .map(|(y, t)| PlanDraft::new(y, t.name))
                .or_else(|| {
                    d.settings
                        .years
                        .last()
                        .map(|y| PlanDraft::new(y.start_year, TermName::Autumn))
                })
                .unwrap_or_else(|| PlanDraft::new(day.year(), TermName::Autumn))
        })
    });
    let draft = RwSignal::new(start);
    let problems = FormProblems::new();
    let original = StoredValue::new(existing);
    let terms = Memo::new(move |_| ctx.read(|d| d.settings.terms()));
    let provisions = Memo::new(move |_| {
        ctx.read(|d| {
            let mut v: Vec<(Uuid, String)> = d
                .enrolments
                .iter()
                .filter(|e| e.pupil_id == pupil_id)
                .filter_map(|e| d.provision(e.provision_id).map(|p| (p.id, p.name.clone())))
                .collect();
            crate::domain::sort::by(&mut v, Ord::cmp);
            v.dedup();
            v
        })
    });
    let err = move |f| problems.error(f);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = original.with_value(|o| o.as_ref().map(|p| p.id));
        let result = ctx.state.data().with_untracked(|d| {
            draft.with_untracked(|dr| save_plan(d, pupil_id, id, dr, Timestamp::now()))
        });
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
    let outcome_count = Memo::new(move |_| draft.with(|d| d.outcomes.len()));
    let term_error = err(PlanField::Term);
    let outcomes_error = err(PlanField::Outcomes);
    request_animation_frame(move || crate::ui::pupils::focus_now("plan-term"));
    view! {
        <form class="plan-form" on:submit=on_submit novalidate aria-labelledby="plan-form-heading">
            {problem_summary(problems)}
            <h3 id="plan-form-heading">{if is_edit { "Edit or review the support plan" } else { "Add a support plan" }}</h3>
            <div class="field" class:has-error=move || term_error.get().is_some()>
                <label for="plan-term">"Term"</label>
                <select id="plan-term" aria-describedby="plan-term-error"
                    prop:value=move || draft.with(|d| format!("{}-{}", d.start_year, d.term as u8))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((y, t)) = v.split_once('-') {
                            if let (Ok(y), Ok(t)) = (y.parse::<i16>(), t.parse::<usize>()) {
                                draft.update(|d| { d.start_year = y; d.term = TermName::ALL[t.min(2)]; });
                            }
                        }
                    }>
                    {move || terms.get().into_iter().map(|(y, t)| view! {
                        <option value=format!("{y}-{}", t as u8)>{term_label(y, t)}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="plan-term-error" role="alert">{move || term_error.get()}</p>
            </div>
            <fieldset class="outcome-lines" aria-describedby="plan-outcomes-error">
                <legend>"Outcomes"</legend>
                {move || (0..outcome_count.get()).map(|i| {
                    let text_id = format!("plan-outcome-{i}");
                    let result_id = format!("plan-result-{i}");
                    view! {
                        <div class="outcome-line">
                            <div class="field">
                                <label for=text_id.clone()>{format!("Outcome {}", i + 1)}</label>
                                <input id=text_id type="text" autocomplete="off"
                                    prop:value=move || draft.with(|d| d.outcomes.get(i).map(|o| o.0.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(o) = d.outcomes.get_mut(i) { o.0 = v }) } />
                            </div>
                            <div class="field narrow">
                                <label for=result_id.clone()>{format!("Review of outcome {}", i + 1)}</label>
                                <select id=result_id
                                    prop:value=move || draft.with(|d| d.outcomes.get(i).and_then(|o| o.1).and_then(|r| RESULTS.iter().position(|x| *x == r)).map(|n| n.to_string()).unwrap_or_default())
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(o) = d.outcomes.get_mut(i) { o.1 = v.parse::<usize>().ok().and_then(|n| RESULTS.get(n).copied()) }) }>
                                    <option value="">"Not reviewed yet"</option>
                                    {RESULTS.iter().enumerate().map(|(n, r)| view! { <option value=n.to_string()>{r.label()}</option> }).collect_view()}
                                </select>
                            </div>
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="secondary" on:click=move |_| {
                    let n = draft.with_untracked(|d| d.outcomes.len());
                    draft.update(|d| d.outcomes.push((String::new(), None)));
                    request_animation_frame(move || crate::ui::pupils::focus_now(&format!("plan-outcome-{n}")));
                }>"Add an outcome"</button>
                <p class="field-error" id="plan-outcomes-error" role="alert">{move || outcomes_error.get()}</p>
            </fieldset>
            <Show when=move || !provisions.with(Vec::is_empty)>
                <fieldset class="checks">
                    <legend>"Provision that supports this plan"</legend>
                    {move || provisions.get().into_iter().map(|(id, name)| {
                        let cid = format!("plan-provision-{id}");
                        let for_id = cid.clone();
                        view! {
                            <label class="check" for=for_id>
                                <input id=cid type="checkbox" prop:checked=move || draft.with(|d| d.provision_ids.contains(&id))
                                    on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| { d.provision_ids.retain(|x| *x != id); if on { d.provision_ids.push(id); } }) } />
                                {name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
            <div class="fields">
                {draft_input(draft, err(PlanField::ReviewDate), "plan-review-date", "Review date", InputKind::Date, |d| d.review_date.clone(), |d, v| d.review_date = v)}
            </div>
            <div class="fields">
                {draft_textarea(draft, err(PlanField::PupilViews), "plan-pupil-views", "The pupil's views", |d| d.pupil_views.clone(), |d, v| d.pupil_views = v)}
                {draft_textarea(draft, err(PlanField::ParentViews), "plan-parent-views", "Parents' or carers' views", |d| d.parent_views.clone(), |d, v| d.parent_views = v)}
            </div>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>"Save plan"</button>
                <button type="button" class="secondary" on:click=move |_| on_done()>"Cancel"</button>
            </div>
        </form>
    }
}
