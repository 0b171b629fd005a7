//! Entry and exit data for every pupil in a provision, and its impact.

use jiff::Timestamp;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::commands::{record_scores, ScoreDraft, ScoreProblems};
use crate::domain::costing::ProvisionCost;
use crate::domain::impact::provision_impact_of;
use crate::domain::money::round_pence;
use crate::domain::provision::{Enrolment, MeasureKind, Provision};
use crate::domain::quantity::Dec2;
use crate::domain::Pupil;
use crate::ui::state::{AppCtx, AppStateStoreFields};
use crate::ui::widgets::choice_select;

/// One pupil's line in the entry and exit grid, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ScoreRow {
    name: String,
    draft: ScoreDraft,
}

/// Entry and exit data for every pupil in one grid, and the impact it shows.
#[component]
pub(super) fn Scores(
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
        ctx.read(|d| {
            d.enrolments
                .iter()
                .filter(|e| e.provision_id == pid)
                .count()
        })
    });
    Effect::new(move |first: Option<()>| {
        // Read, not only tracked: a memo never read is never computed, so
        // it would never learn of a change.
        count.with(|_| ());
        dates.with(|_| ());
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
            ctx.read(|d| {
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
        let band = ctx.read(|d| {
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
            {move || impact.with(|i| i.measure.is_some_and(|m| m.is_age())).then(|| view! {
                <p class="hint" id="ratio-gain-definition">{move || crate::domain::impact::ratio_gain_definition(ctx.read(|d| d.settings.min_weeks_to_judge))}</p>
            })}
        </section>
    }
    .into_any()
}
