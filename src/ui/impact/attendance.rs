//! Attendance on the impact view: the switch that leaves out pupils who
//! attended under the school's threshold, and their gains, each marked.

use leptos::prelude::*;

/// A gain whose pupil attended under the threshold, as the view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marked {
    pub pupil: String,
    pub provision: String,
    pub gain: String,
    /// "attended 50% (1 of 2), under 80%".
    pub mark: String,
}

/// "Leave out pupils who attended under N%", and how many that leaves out.
#[component]
pub(super) fn LeaveOut(
    leave_out: RwSignal<bool>,
    threshold: Signal<u32>,
    left_out: Signal<usize>,
) -> impl IntoView {
    view! {
        <div class="field leave-out">
            <label class="check" for="impact-leave-out">
                <input id="impact-leave-out" type="checkbox" prop:checked=move || leave_out.get()
                    aria-describedby="impact-left-out"
                    on:change=move |ev| leave_out.set(event_target_checked(&ev)) />
                {move || format!("Leave out pupils who attended under {}%", threshold.get())}
            </label>
            <p class="hint" id="impact-left-out" role="status">{move || {
                if !leave_out.get() {
                    return "Every pupil counts in the figures.".to_owned();
                }
                match left_out.get() {
                    0 => "No pupil attended under the threshold: none is left out.".to_owned(),
                    1 => "1 pupil left out of the figures.".to_owned(),
                    n => format!("{n} pupils left out of the figures."),
                }
            }}</p>
        </div>
    }
}

/// The gains of pupils who attended under the threshold, each with its mark.
#[component]
pub(super) fn MarkedGains(marked: Signal<Vec<Marked>>, threshold: Signal<u32>) -> impl IntoView {
    view! {
        <Show when=move || !marked.with(Vec::is_empty)>
            <div class="table-scroll">
                <table class="data-table" id="impact-marked">
                    <caption>{move || format!("Pupils who attended under {}% of delivered sessions", threshold.get())}</caption>
                    <thead><tr>
                        <th scope="col">"Pupil"</th>
                        <th scope="col">"Provision"</th>
                        <th scope="col">"Gain"</th>
                        <th scope="col">"Attendance"</th>
                    </tr></thead>
                    <tbody>
                        {move || marked.get().into_iter().map(|m| view! {
                            <tr>
                                <th scope="row">{m.pupil}</th>
                                <td>{m.provision}</td>
                                <td>{m.gain}</td>
                                <td><span class="attendance-mark">{m.mark}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
