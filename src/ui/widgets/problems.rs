//! The problems a form's command returned, shown so that none is lost: each
//! beside the input of its field, and every problem whose field has no input
//! in the form in a summary at the top that names the field.

use leptos::prelude::*;

use crate::domain::validation::{FieldName, Problems};

/// A form's problems and the fields it shows beside an input. An input
/// asks [`FormProblems::error`] for its field's message, which also marks
/// the field as shown; [`problem_summary`] lists the rest.
pub struct FormProblems<F: FieldName + Send + Sync> {
    problems: RwSignal<Problems<F>>,
    beside: StoredValue<Vec<F>>,
}

impl<F: FieldName + Send + Sync> Clone for FormProblems<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: FieldName + Send + Sync> Copy for FormProblems<F> {}

impl<F: FieldName + Send + Sync> Default for FormProblems<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F: FieldName + Send + Sync> FormProblems<F> {
    pub fn new() -> Self {
        FormProblems {
            problems: RwSignal::new(Problems::default()),
            beside: StoredValue::new(Vec::new()),
        }
    }

    /// What the command refused with (or none, after a save).
    pub fn set(&self, problems: Problems<F>) {
        self.problems.set(problems);
    }

    pub fn clear(&self) {
        self.problems.set(Problems::default());
    }

    /// Whether any problem is showing.
    pub fn any(&self) -> bool {
        self.problems.with(|p| !p.is_empty())
    }

    /// Whether any problem names one of `fields` (a form opens a collapsed
    /// section that holds one).
    pub fn any_of(&self, fields: &'static [F]) -> bool {
        self.problems.with(|p| fields.iter().any(|f| p.has(*f)))
    }

    /// The messages for `field`, for the input beside which they show; the
    /// field is then left out of the summary while that input is there.
    pub fn error(&self, field: F) -> Signal<Option<String>> {
        let messages = self.messages(field);
        Signal::derive(move || messages.with(|m| (!m.is_empty()).then(|| m.join(" "))))
    }

    /// Every message for `field`, one by one, for a list beside the inputs
    /// of a field with many parts; the field is left out of the summary.
    pub fn messages(&self, field: F) -> Signal<Vec<String>> {
        let beside = self.beside;
        beside.update_value(|b| b.push(field));
        // An input that goes (a section that closes) shows nothing any more.
        on_cleanup(move || {
            beside.update_value(|b| {
                if let Some(i) = b.iter().position(|f| *f == field) {
                    b.remove(i);
                }
            });
        });
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|p| {
                p.0.iter()
                    .filter(|e| e.field == field)
                    .map(|e| e.message.clone())
                    .collect()
            })
        })
    }

    /// The problems no input shows: each field's label and its messages.
    pub fn unshown(&self) -> Vec<(&'static str, String)> {
        let beside = self.beside.get_value();
        self.problems.with(|p| {
            p.0.iter()
                .filter(|e| !beside.contains(&e.field))
                .map(|e| (e.field.label(), e.message.clone()))
                .collect()
        })
    }
}

/// The summary at the top of a form: every problem that no input of the
/// form shows, naming its field. Empty when there is none.
pub fn problem_summary<F: FieldName + Send + Sync>(problems: FormProblems<F>) -> impl IntoView {
    move || {
        let rest = problems.unshown();
        (!rest.is_empty()).then(|| {
            view! {
                <div class="problem-summary" role="alert">
                    <p>"This can't be saved yet:"</p>
                    <ul>
                        {rest.into_iter().map(|(label, message)| view! {
                            <li><strong>{label}</strong>": "{message}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
