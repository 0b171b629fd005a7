//! Provisions: the list by term, the form to add or edit one, and a
//! provision's page with its cost breakdown and enrolled pupils.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::domain::advice::provision_advice;
use crate::domain::calendar::DateRange;
use crate::domain::commands::{
    delete_provision, record_scores, remove_enrolment, ScoreDraft, ScoreProblems,
};
use crate::domain::costing::{cost_provision, session_cost, ProvisionCost};
use crate::domain::dataset::Dataset;
use crate::domain::edit::{Change, Record};
use crate::domain::impact::provision_impact_of;
use crate::domain::money::round_pence;
use crate::domain::provision::{CostSplit, Enrolment, MeasureKind, Provision, ProvisionDraft};
use crate::domain::quantity::Dec2;
use crate::domain::{ProvisionField, Pupil};
use crate::ui::state::{AppCtx, AppStateStoreFields, SaveState};
use crate::ui::widgets::{choice_select, draft_input, gb, problem_summary, FormProblems};

/// The cost of `p` over its own dates, with its enrolments.
fn whole_cost(d: &Dataset, p: &Provision) -> Option<ProvisionCost> {
    let es: Vec<&Enrolment> = d
        .enrolments
        .iter()
        .filter(|e| e.provision_id == p.id)
        .collect();
    cost_provision(p, d, &es, &p.range()).ok()
}

fn staff_text(d: &Dataset, p: &Provision) -> String {
    p.staff
        .iter()
        .map(|l| {
            let role = d
                .role(l.role_id)
                .map_or("(missing role)".to_owned(), |r| r.name.clone());
            format!("{role} × {}", l.count)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list of provisions, filtered by term, and the form to add one.
#[component]
pub fn ProvisionsPage(
    /// A library entry to fill the add form from.
    from: Option<Uuid>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let start = from.and_then(|id| {
        ctx.state.data().with_untracked(|d| {
            d.interventions
                .iter()
                .find(|i| i.id == id)
                .map(ProvisionDraft::from_intervention)
        })
    });
    let from_library = start.is_some();
    if from_library {
        request_animation_frame(|| crate::ui::pupils::focus_now("provision-start"));
    }
    let term = RwSignal::new(String::new());
    let terms = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            d.settings
                .years
                .iter()
                .flat_map(|y| {
                    y.terms
                        .iter()
                        .map(move |t| (format!("{} {}", t.name.label(), y.label()), t.range()))
                })
                .collect::<Vec<_>>()
        })
    });
    let rows = Memo::new(move |_| {
        let chosen: Option<DateRange> =
            term.with(|t| terms.with(|ts| ts.iter().find(|(l, _)| l == t).map(|(_, r)| *r)));
        ctx.state.data().with(|d| {
            let mut v: Vec<(Provision, Option<ProvisionCost>, String, usize)> = d
                .provisions
                .iter()
                .filter(|p| chosen.is_none_or(|r| p.range().intersect(&r).is_some()))
                .map(|p| {
                    let pupils = d
                        .enrolments
                        .iter()
                        .filter(|e| e.provision_id == p.id)
                        .count();
                    (p.clone(), whole_cost(d, p), staff_text(d, p), pupils)
                })
                .collect();
            crate::domain::sort::by(&mut v, |a, b| {
                a.0.start.cmp(&b.0.start).then(a.0.name.cmp(&b.0.name))
            });
            v
        })
    });
    let has_roles = move || ctx.state.data().with(|d| !d.roles.is_empty());
    view! {
        <h1>"Provisions"</h1>
        <Show when=has_roles fallback=|| view! {
            <p class="notice">"Add the staff roles who deliver provision, with their hourly rates, in "
                <a href="#/settings">"Settings"</a>" first."</p>
        }>
            <ProvisionForm provision=None start=start.clone().unwrap_or_default() from_library=from_library on_done=move |id| {
                if from_library {
                    crate::ui::navigate(&format!("#/provisions/{id}"));
                }
            } />
        </Show>
        <section aria-labelledby="provisions-heading">
            <h2 id="provisions-heading">"All provision " <span class="count">{move || format!("({})", rows.with(Vec::len))}</span></h2>
            <div class="filters">
                <div class="field">
                    <label for="provision-term">"Running in"</label>
                    <select id="provision-term" on:change=move |ev| term.set(event_target_value(&ev))>
                        <option value="">"Any term"</option>
                        {move || terms.get().into_iter().map(|(l, _)| view! { <option value=l.clone()>{l.clone()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No provision here yet."</p> }>
                <div class="table-scroll">
                    <table class="provisions">
                        <thead><tr>
                            <th scope="col">"Provision"</th>
                            <th scope="col">"Staff"</th>
                            <th scope="col">"Sessions"</th>
                            <th scope="col">"Dates"</th>
                            <th scope="col">"Funding"</th>
                            <th scope="col">"Pupils"</th>
                            <th scope="col" class="money">"Cost"</th>
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.get() key=|(p, c, s, n)| (p.id, p.updated_at, c.as_ref().map(|c| c.total), s.clone(), *n) children=|(p, c, staff, n)| view! {
                                <tr>
                                    <td><a href=format!("#/provisions/{}", p.id)>{p.name.clone()}</a></td>
                                    <td>{staff}</td>
                                    <td>{format!("{} × {} min a week", p.sessions_per_week, p.minutes_per_session)}</td>
                                    <td>{format!("{} to {}", gb(p.start), gb(p.end))}</td>
                                    <td>{p.funding.label()}</td>
                                    <td>{n}</td>
                                    <td class="money">{c.map(|c| c.total.to_string())}</td>
                                </tr>
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

/// Add a provision (`provision` is `None`) or edit one.
#[component]
fn ProvisionForm(
    provision: Option<Provision>,
    /// A filled-in draft to start a new provision from (`from_library`).
    #[prop(optional)]
    start: ProvisionDraft,
    #[prop(optional)] from_library: bool,
    on_done: impl Fn(Uuid) + Copy + 'static,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let is_edit = provision.is_some();
    let draft = RwSignal::new(provision.as_ref().map_or(start, ProvisionDraft::of));
    let original = StoredValue::new(provision);
    let problems = FormProblems::new();
    let roles = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            d.roles
                .iter()
                .map(|r| (r.id, r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let members = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            d.members
                .iter()
                .map(|m| (m.id, m.role_id, m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let tiers = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            d.settings
                .tiers
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = Timestamp::now();
        let d = draft.get_untracked();
        let result = original.with_value(|p| match p {
            None => d.create(now),
            Some(p) => d.apply(p, now),
        });
        match result {
            Err(p) => problems.set(p),
            Ok(p) => {
                problems.clear();
                let label = format!("{} {}", if is_edit { "Edit" } else { "Add" }, p.name);
                let id = p.id;
                spawn_local(async move {
                    if ctx
                        .save(label, vec![Change::Put(Record::Provision(p))])
                        .await
                        .is_ok()
                    {
                        if !is_edit {
                            draft.set(ProvisionDraft::default());
                        }
                        on_done(id);
                    }
                });
            }
        }
    };
    let err = move |f| problems.error(f);
    let input = move |id: &'static str,
                      label: &'static str,
                      field: ProvisionField,
                      kind: &'static str,
                      mode: &'static str,
                      get: fn(&ProvisionDraft) -> String,
                      set: fn(&mut ProvisionDraft, String)| {
        draft_input(draft, err(field), id, label, kind, mode, get, set)
    };
    let staff_error = err(ProvisionField::Staff);
    // Redraw the staff lines only when one is added or removed, not on every keystroke.
    let lines = Memo::new(move |_| draft.with(|d| d.staff.len()));
    view! {
        <form class="provision-form" on:submit=on_submit novalidate aria-labelledby="provision-form-heading">
            {problem_summary(problems)}
            <h2 id="provision-form-heading">{if is_edit { "Edit provision" } else if from_library { "Start a provision from the library" } else { "Add a provision" }}</h2>
            {from_library.then(|| view! { <p class="hint">"Filled in from the intervention library: give the dates and check the rest."</p> })}
            <div class="fields">
                {input("provision-name", "Name", ProvisionField::Name, "text", "text", |d| d.name.clone(), |d, v| d.name = v)}
                {choice_select("provision-area", "Broad area of need", move || draft.with(|d| d.broad_area), move |a| draft.update(|d| d.broad_area = a))}
                <div class="field">
                    <label for="provision-tier">"Tier"</label>
                    <select id="provision-tier" prop:value=move || draft.with(|d| d.tier.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.tier = v) }>
                        {move || tiers.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <p class="field-error"></p>
                </div>
            </div>
            <fieldset class="staff-lines" aria-describedby="provision-staff-error">
                <legend>"Delivered by"</legend>
                {move || (0..lines.get()).map(|i| {
                    let role_id = format!("provision-role-{i}");
                    let count_id = format!("provision-count-{i}");
                    let member_id = format!("provision-member-{i}");
                    view! {
                        <div class="staff-line">
                            <div class="field">
                                <label for=role_id.clone()>{format!("Staff role {}", i + 1)}</label>
                                <select id=role_id
                                    prop:value=move || draft.with(|d| d.staff.get(i).and_then(|l| l.0).map(|u| u.to_string()).unwrap_or_default())
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.0 = v.parse().ok() }) }>
                                    <option value="">"Choose…"</option>
                                    {move || roles.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=member_id.clone()>{format!("Named member (optional, {})", i + 1)}</label>
                                <select id=member_id
                                    prop:value=move || draft.with(|d| d.staff.get(i).and_then(|l| l.1).map(|u| u.to_string()).unwrap_or_default())
                                    on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.1 = v.parse().ok() }) }>
                                    <option value="">"Anyone in the role"</option>
                                    {move || {
                                        let role = draft.with(|d| d.staff.get(i).and_then(|l| l.0));
                                        members.get().into_iter().filter(|(_, r, _)| Some(*r) == role)
                                            .map(|(id, _, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()
                                    }}
                                </select>
                            </div>
                            <div class="field narrow">
                                <label for=count_id.clone()>{format!("How many ({})", i + 1)}</label>
                                <input id=count_id type="number" inputmode="numeric" min="1"
                                    prop:value=move || draft.with(|d| d.staff.get(i).map(|l| l.2.clone()).unwrap_or_default())
                                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|d| if let Some(l) = d.staff.get_mut(i) { l.2 = v }) } />
                            </div>
                            {(i > 0).then(|| view! {
                                <button type="button" class="secondary" on:click=move |_| draft.update(|d| { d.staff.remove(i); })>
                                    {format!("Remove staff line {}", i + 1)}
                                </button>
                            })}
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="secondary" on:click=move |_| draft.update(|d| d.staff.push((None, None, "1".into())))>"Add another role"</button>
                <p class="field-error" id="provision-staff-error" role="alert">{move || staff_error.get()}</p>
            </fieldset>
            <div class="fields">
                {input("provision-sessions", "Sessions a week", ProvisionField::SessionsPerWeek, "number", "numeric", |d| d.sessions_per_week.clone(), |d, v| d.sessions_per_week = v)}
                {input("provision-minutes", "Minutes per session", ProvisionField::MinutesPerSession, "number", "numeric", |d| d.minutes_per_session.clone(), |d, v| d.minutes_per_session = v)}
                {input("provision-start", "Start date", ProvisionField::Start, "date", "text", |d| d.start.clone(), |d, v| d.start = v)}
                {input("provision-end", "End date", ProvisionField::End, "date", "text", |d| d.end.clone(), |d, v| d.end = v)}
                {input("provision-fixed", "Fixed and resource costs (£)", ProvisionField::FixedCosts, "text", "decimal", |d| d.fixed_costs.clone(), |d, v| d.fixed_costs = v)}
                {input("provision-group", "Planned group size", ProvisionField::PlannedGroupSize, "number", "numeric", |d| d.planned_group_size.clone(), |d, v| d.planned_group_size = v)}
                {choice_select("provision-funding", "Charged to", move || draft.with(|d| d.funding), move |f| draft.update(|d| d.funding = f))}
                <div class="field">
                    <label for="provision-split">"Share the cost among"</label>
                    <select id="provision-split"
                        prop:value=move || draft.with(|d| if d.split == CostSplit::PlannedGroupSize { "planned" } else { "actual" }.to_owned())
                        on:change=move |ev| { let v = event_target_value(&ev); draft.update(|d| d.split = if v == "planned" { CostSplit::PlannedGroupSize } else { CostSplit::ActualPupils }) }>
                        <option value="actual">"The pupils enrolled"</option>
                        <option value="planned">"A full group at the planned size"</option>
                    </select>
                    <p class="field-error"></p>
                </div>
            </div>
            <label class="check" for="provision-recurring">
                <input id="provision-recurring" type="checkbox" prop:checked=move || draft.with(|d| d.recurring)
                    on:change=move |ev| { let v = event_target_checked(&ev); draft.update(|d| d.recurring = v) } />
                "Runs again next year (copied at rollover)"
            </label>
            <div class="actions-row">
                <button type="submit" class="primary" disabled=move || ctx.save.get() == SaveState::Saving>
                    {if is_edit { "Save provision" } else { "Add provision" }}
                </button>
            </div>
        </form>
    }
}

/// What a provision's page shows that comes from the rest of the dataset.
#[derive(Debug, Clone, PartialEq)]
struct Facts {
    cost: Option<ProvisionCost>,
    session: Option<crate::domain::money::Exact>,
    advice: Vec<crate::domain::advice::Advice>,
    tier: String,
    staff: String,
}

/// One provision: its facts, advice, cost breakdown and pupils.
///
/// Built once; an edit changes the text and rows that depend on it rather
/// than drawing the page again (an edit is painted in a few milliseconds).
#[component]
pub fn ProvisionPage(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let provision = Memo::new(move |_| ctx.state.data().with(|d| d.provision(id).cloned()));
    let found = Memo::new(move |_| provision.with(Option::is_some));
    let facts = Memo::new(move |_| {
        let p = provision.get()?;
        Some(ctx.state.data().with(|d| {
            Facts {
                cost: whole_cost(d, &p),
                session: session_cost(&p, &d.roles).ok(),
                advice: provision_advice(&p, d),
                tier: d
                    .settings
                    .tier(&p.tier)
                    .map_or(p.tier.clone(), |t| t.name.clone()),
                staff: staff_text(d, &p),
            }
        }))
    });
    let cost = Signal::derive(move || facts.with(|f| f.as_ref().and_then(|f| f.cost.clone())));
    let text = move |f: fn(&Provision) -> String| {
        move || provision.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let fact = move |f: fn(&Facts) -> String| {
        move || facts.with(|x| x.as_ref().map(f).unwrap_or_default())
    };
    let money = move |f: fn(&ProvisionCost) -> String| move || cost.with(|c| c.as_ref().map(f));
    let editing = RwSignal::new(false);
    move || {
        if !found.get() {
            return view! {
                <h1>"Provision not found"</h1>
                <p>"It may have been deleted. " <a href="#/provisions">"Back to all provision"</a></p>
            }
            .into_any();
        }
        view! {
            <p><a href="#/provisions">"All provision"</a></p>
            <h1>{text(|p| p.name.clone())}</h1>
            <dl class="facts">
                <dt>"Delivered by"</dt><dd>{fact(|f| f.staff.clone())}</dd>
                <dt>"Sessions"</dt><dd>{text(|p| format!("{} a week, {} minutes each", p.sessions_per_week, p.minutes_per_session))}</dd>
                <dt>"Dates"</dt><dd>{text(|p| format!("{} to {}", gb(p.start), gb(p.end)))}</dd>
                <dt>"Tier"</dt><dd>{fact(|f| f.tier.clone())}</dd>
                <dt>"Area of need"</dt><dd>{text(|p| p.broad_area.label().to_owned())}</dd>
                <dt>"Charged to"</dt><dd>{text(|p| p.funding.label().to_owned())}</dd>
                <dt>"Planned group size"</dt><dd>{text(|p| p.planned_group_size.to_string())}</dd>
            </dl>
            <Show when=move || facts.with(|f| f.as_ref().is_some_and(|f| !f.advice.is_empty()))>
                <div class="notice advice" role="note" aria-label="EEF advice">
                    <ul>{move || facts.with(|f| f.as_ref().map(|f| f.advice.iter().map(|a| view! { <li>{a.message()}</li> }).collect_view()))}</ul>
                </div>
            </Show>
            <section class="panel" aria-labelledby="cost-heading">
                <h2 id="cost-heading">"Cost"</h2>
                <Show when=move || cost.with(Option::is_some)
                    fallback=|| view! { <p>"This provision cannot be costed: check its staff roles in Settings."</p> }>
                    <dl class="facts" id="cost-breakdown">
                        <dt>"One session"</dt><dd id="cost-session">{fact(|f| f.session.map(|s| round_pence(s).to_string()).unwrap_or_default())}</dd>
                        <dt>"Teaching weeks"</dt><dd id="cost-weeks">{money(|c| Dec2::from_exact(c.weeks).to_string())}</dd>
                        <dt>"Staff time"</dt><dd id="cost-staff">{money(|c| c.staff.to_string())}</dd>
                        <dt>"Fixed and resource costs"</dt><dd id="cost-fixed">{money(|c| c.fixed.to_string())}</dd>
                        <dt>"Total"</dt><dd id="cost-total">{money(|c| c.total.to_string())}</dd>
                        <dt>"Per pupil (average)"</dt><dd id="cost-per-pupil">{money(|c| c.mean_per_pupil().map_or("No pupils yet".to_owned(), |m| m.to_string()))}</dd>
                        <dt>"Not carried by any pupil"</dt><dd id="cost-unallocated">{money(|c| c.unallocated.to_string())}</dd>
                    </dl>
                </Show>
            </section>
            <Enrolments pid=id cost=cost />
            <Scores provision=provision cost=cost />
            <div class="actions-row">
                <button type="button" class="secondary" on:click=move |_| editing.update(|e| *e = !*e)>
                    {move || if editing.get() { "Close the edit form" } else { "Edit provision" }}
                </button>
                <DeleteProvision id=id />
            </div>
            <Show when=move || editing.get()>
                <ProvisionForm provision=provision.get_untracked() on_done=move |_| editing.set(false) />
            </Show>
        }
        .into_any()
    }
}

/// Delete a provision and its enrolments, in one edit, after a confirmation.
#[component]
fn DeleteProvision(id: Uuid) -> impl IntoView {
    let ctx = AppCtx::get();
    let confirming = RwSignal::new(false);
    let delete = move |_| {
        let Ok(edit) = ctx
            .state
            .data()
            .with_untracked(|d| delete_provision(d, id, Timestamp::now()))
        else {
            return;
        };
        spawn_local(async move {
            if ctx.commit(edit).await.is_ok() {
                crate::ui::navigate("#/provisions");
            }
        });
    };
    view! {
        <Show when=move || confirming.get() fallback=move || view! {
            <button type="button" class="secondary" on:click=move |_| confirming.set(true)>"Delete provision"</button>
        }>
            <span class="confirm" role="group" aria-label="Confirm deleting this provision">
                <button type="button" class="danger" on:click=delete>"Yes, delete it and its enrolments"</button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
            </span>
        </Show>
    }
}

/// A pupil who can be added to a provision, as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: Uuid,
    /// "Ada Lovelace (Year 3)".
    label: String,
    /// The name in lower case, to find by.
    name: String,
}

/// The pupils in a provision with their shares, and enrolling more at once.
#[component]
fn Enrolments(pid: Uuid, cost: Signal<Option<ProvisionCost>>) -> impl IntoView {
    let ctx = AppCtx::get();
    let enrolled = Memo::new(move |_| {
        cost.with(|cost| {
            ctx.state.data().with(|d| {
                let mut es: Vec<&Enrolment> = d
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == pid)
                    .collect();
                crate::domain::sort::by_key(&mut es, |e| e.share_order());
                es.into_iter()
                    .map(|e| {
                        let name = d
                            .pupil(e.pupil_id)
                            .map_or("(pupil not found)".to_owned(), Pupil::full_name);
                        let share = cost
                            .as_ref()
                            .and_then(|c| c.shares.iter().find(|s| s.enrolment_id == e.id))
                            .map(|s| (s.days, s.amount));
                        (e.id, name, e.start, e.end, share)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // Who can be added changes only when a pupil, or who is in this
    // provision, does (every change of a pupil moves its `updated_at`): an
    // edit of anything else (the minutes, say) keeps the list as it is.
    let who = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            let mut enrolled: Vec<Uuid> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .map(|e| e.pupil_id)
                .collect();
            crate::domain::sort::by(&mut enrolled, Ord::cmp);
            let pupils: Vec<(Uuid, Timestamp)> =
                d.pupils.iter().map(|p| (p.id, p.updated_at)).collect();
            (pupils, enrolled)
        })
    });
    let candidates = Memo::new(move |_| {
        who.track();
        ctx.state.data().with_untracked(|d| {
            // Once over the enrolments, not once per pupil (that was
            // pupils x enrolments on every edit at whole-school scale).
            let enrolled: std::collections::HashSet<Uuid> = d
                .enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .map(|e| e.pupil_id)
                .collect();
            let mut v: Vec<&Pupil> = d
                .pupils
                .iter()
                .filter(|p| p.left_on.is_none() && !enrolled.contains(&p.id))
                .collect();
            crate::domain::sort::by(&mut v, |a, b| Pupil::register_order(a, b));
            // What the list shows, not whole pupils: this runs on every edit.
            v.into_iter()
                .map(|p| Candidate {
                    id: p.id,
                    label: format!("{} ({})", p.full_name(), p.year_group.label()),
                    name: p.full_name().to_lowercase(),
                })
                .collect::<Vec<_>>()
        })
    });
    // A whole school is thousands of pupils: list at most SHOWN, found by name.
    const SHOWN: usize = 60;
    let search = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let needle = search.with(|t| t.trim().to_lowercase());
        candidates.with(|c| {
            let matching: Vec<&Candidate> = c
                .iter()
                .filter(|p| needle.is_empty() || p.name.contains(&needle))
                .collect();
            let n = matching.len();
            (
                matching
                    .into_iter()
                    .take(SHOWN)
                    .cloned()
                    .collect::<Vec<_>>(),
                n,
            )
        })
    });
    let chosen = RwSignal::new(Vec::<Uuid>::new());
    let enrol = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            return;
        }
        let changes: Vec<Change> = ctx.state.data().with_untracked(|d| {
            d.enrol(pid, &ids, Timestamp::now())
                .into_iter()
                .map(|e| Change::Put(Record::Enrolment(e)))
                .collect()
        });
        let label = format!(
            "Enrol {} pupil{}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" }
        );
        spawn_local(async move {
            if ctx.save(label, changes).await.is_ok() {
                chosen.set(Vec::new());
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="enrolled-heading">
            <h2 id="enrolled-heading">"Pupils " <span class="count">{move || format!("({})", enrolled.with(Vec::len))}</span></h2>
            <Show when=move || !enrolled.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No pupils in this provision yet."</p> }>
                <div class="table-scroll">
                    <table class="enrolled">
                        <thead><tr>
                            <th scope="col">"Pupil"</th><th scope="col">"Dates"</th>
                            <th scope="col">"School days"</th><th scope="col" class="money">"Share of cost"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            // Keyed by who and when: a change of cost updates the share cells
                            // in place rather than drawing every row again.
                            <For each=move || enrolled.get() key=|r| (r.0, r.1.clone(), r.2, r.3) children=move |(eid, name, s, e, _)| {
                                let share = move || enrolled.with(|rs| rs.iter().find(|r| r.0 == eid).and_then(|r| r.4));
                                let remove_label = format!("Remove {name}");
                                view! {
                                    <tr>
                                        <td>{name.clone()}</td>
                                        <td>{format!("{} to {}", gb(s), gb(e))}</td>
                                        <td>{move || share().map(|(days, _)| days)}</td>
                                        <td class="money">{move || share().map(|(_, m)| m.to_string())}</td>
                                        <td class="actions">
                                            <button type="button" class="secondary" aria-label=remove_label.clone()
                                                on:click=move |_| {
                                                    if let Ok(edit) = ctx.state.data().with_untracked(|d| remove_enrolment(d, eid)) {
                                                        spawn_local(async move {
                                                            let _ = ctx.commit(edit).await;
                                                        });
                                                    }
                                                }>"Remove"</button>
                                        </td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
            <Show when=move || !candidates.with(Vec::is_empty)>
                <div class="field enrol-search">
                    <label for="enrol-search">"Find pupils to add"</label>
                    <input id="enrol-search" type="search" autocomplete="off" prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev)) />
                </div>
                <p class="hint" role="status">{move || shown.with(|(v, n)| if *n > v.len() {
                    format!("Showing {} of {n} pupils: type a name to find others.", v.len())
                } else { String::new() })}</p>
                <fieldset class="checks enrol-list">
                    <legend>"Add pupils (from the start to the end of the provision)"</legend>
                    <For each=move || shown.with(|s| s.0.clone()) key=|p| (p.id, p.label.clone()) children=move |p| {
                        let id = p.id;
                        let input_id = format!("enrol-{id}");
                        let label_for = input_id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input id=input_id type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| if on { c.push(id) } else { c.retain(|x| *x != id) });
                                    } />
                                {p.label}
                            </label>
                        }
                    } />
                </fieldset>
                <button type="button" class="primary" on:click=enrol disabled=move || chosen.with(Vec::is_empty)>
                    {move || match chosen.with(Vec::len) { 0 => "Enrol pupils".to_owned(), 1 => "Enrol 1 pupil".to_owned(), n => format!("Enrol {n} pupils") }}
                </button>
            </Show>
        </section>
    }
}

/// One pupil's line in the entry and exit grid, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScoreRow {
    name: String,
    draft: ScoreDraft,
}

/// Entry and exit data for every pupil in one grid, and the impact it shows.
#[component]
fn Scores(
    provision: Memo<Option<Provision>>,
    cost: Signal<Option<ProvisionCost>>,
) -> impl IntoView {
    let ctx = AppCtx::get();
    let Some(pid) = provision.with_untracked(|p| p.as_ref().map(|p| p.id)) else {
        return ().into_any();
    };
    // A pupil with no data yet starts from the provision's dates.
    let dates = Memo::new(move |_| provision.with(|p| p.as_ref().map(|p| (p.start, p.end))));
    let first_kind = ctx.state.data().with_untracked(|d| {
        d.enrolments
            .iter()
            .filter(|e| e.provision_id == pid)
            .find_map(|e| e.entry.as_ref().map(|a| a.score.kind()))
            .unwrap_or(MeasureKind::StandardisedScore)
    });
    let kind = RwSignal::new(first_kind);
    let rows_of = move || {
        let Some((start, end)) = dates.get_untracked() else {
            return Vec::new();
        };
        ctx.state.data().with_untracked(|d| {
            d.enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .map(|e| ScoreRow {
                    name: d
                        .pupil(e.pupil_id)
                        .map_or("(pupil not found)".to_owned(), Pupil::full_name),
                    draft: ScoreDraft::of(e, start, end),
                })
                .collect::<Vec<_>>()
        })
    };
    let rows = RwSignal::new(rows_of());
    // Pupils added or removed elsewhere on the page: start the grid again.
    let count = Memo::new(move |_| {
        ctx.state.data().with(|d| {
            d.enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .count()
        })
    });
    Effect::new(move |first: Option<()>| {
        count.track();
        dates.track();
        if first.is_some() {
            rows.set(rows_of());
        }
    });
    // The grid's shape (who is in it): redrawn when pupils come or go, not on every keystroke.
    let shape = Memo::new(move |_| {
        rows.with(|rs| {
            rs.iter()
                .map(|r| (r.draft.enrolment_id, r.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let errors = RwSignal::new(ScoreProblems::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let drafts: Vec<ScoreDraft> =
            rows.with_untracked(|rs| rs.iter().map(|r| r.draft.clone()).collect());
        let result = ctx.state.data().with_untracked(|d| {
            record_scores(d, pid, kind.get_untracked(), &drafts, Timestamp::now())
        });
        match result {
            Err(problems) => errors.set(problems),
            Ok(edit) => {
                errors.set(ScoreProblems::new());
                if !edit.forward.is_empty() {
                    spawn_local(async move {
                        let _ = ctx.commit(edit).await;
                    });
                }
            }
        }
    };
    let impact = Memo::new(move |_| {
        cost.with(|cost| {
            ctx.state.data().with(|d| {
                let es: Vec<&Enrolment> = d
                    .enrolments
                    .iter()
                    .filter(|e| e.provision_id == pid)
                    .collect();
                provision_impact_of(pid, &es, &d.settings, cost.as_ref())
            })
        })
    });
    let summary = move || {
        let i = impact.get();
        let m = i.measure?;
        let band = ctx.state.data().with(|d| {
            i.mean_gain
                .ok()
                .and_then(|g| d.settings.band_for(g).map(|b| b.name.clone()))
        });
        let gain = i.mean_gain.ok().map(|g| {
            if m.is_age() {
                format!(
                    "mean ratio gain {}{}",
                    Dec2::from_exact(g),
                    band.map(|b| format!(" ({b})")).unwrap_or_default()
                )
            } else {
                format!("mean change {}", Dec2::from_exact(g))
            }
        });
        let share = i.share_significant.map(|s| {
            format!(
                "{}% at or above modest impact",
                Dec2::from_exact(s * crate::domain::money::Exact::from_integer(100))
            )
        });
        let unit = if m.is_age() {
            "month gained"
        } else {
            "point gained"
        };
        let cost = match i.cost_per_unit_gain {
            Ok(c) => format!("{} per pupil per {unit}", round_pence(c)),
            Err(e) => format!("cost per {unit}: not enough data ({e})"),
        };
        Some(format!(
            "{} of {} pupils have entry and exit data: {}. {}",
            i.pupils_with_data,
            i.pupils_with_data + i.pupils_without_data,
            [gain, share]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            cost
        ))
    };
    view! {
        <section class="panel" aria-labelledby="scores-heading">
            <h2 id="scores-heading">"Entry and exit data"</h2>
            <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="empty">"Enrol pupils to record their entry and exit data."</p> }>
                <form class="scores" on:submit=save novalidate>
                    {choice_select("score-measure", "Measure", move || kind.get(), move |k| kind.set(k))}
                    <div class="table-scroll">
                        <table class="scores-grid">
                            <thead><tr>
                                <th scope="col">"Pupil"</th><th scope="col">"Entry"</th><th scope="col">"Entry date"</th>
                                <th scope="col">"Exit"</th><th scope="col">"Exit date"</th>
                            </tr></thead>
                            <tbody>
                                {move || shape.get().into_iter().enumerate().map(|(i, (id, pupil))| {
                                    // Every problem of the row, entry's and exit's alike.
                                    let error = move || errors.with(|e| e.iter().find(|(x, _)| *x == id).map(|(_, p)| p.0.iter().map(|x| x.message.as_str()).collect::<Vec<_>>().join(" ")));
                                    let pupil_name = pupil.clone();
                                    let cell = move |field: &'static str, input_type: &'static str, get: fn(&ScoreRow) -> String, set: fn(&mut ScoreRow, String)| {
                                        let label = format!("{} for {}", field, pupil_name);
                                        let mode = move || if input_type == "date" || kind.get() == MeasureKind::Text { "text" } else { "decimal" };
                                        view! {
                                            <td><input type=input_type aria-label=label inputmode=mode
                                                prop:value=move || rows.with(|rs| rs.get(i).map(get).unwrap_or_default())
                                                on:input=move |ev| { let v = event_target_value(&ev); rows.update(|rs| if let Some(r) = rs.get_mut(i) { set(r, v) }) } /></td>
                                        }
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{pupil}
                                                <span class="field-error" role="alert">{error}</span></th>
                                            {cell("Entry", "text", |r| r.draft.entry.clone(), |r, v| r.draft.entry = v)}
                                            {cell("Entry date", "date", |r| r.draft.entry_date.clone(), |r, v| r.draft.entry_date = v)}
                                            {cell("Exit", "text", |r| r.draft.exit.clone(), |r, v| r.draft.exit = v)}
                                            {cell("Exit date", "date", |r| r.draft.exit_date.clone(), |r, v| r.draft.exit_date = v)}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <button type="submit" class="primary">"Save entry and exit data"</button>
                </form>
            </Show>
            <p class="impact" id="impact-summary">{summary}</p>
        </section>
    }
    .into_any()
}
