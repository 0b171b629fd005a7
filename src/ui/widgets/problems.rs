//! The problems a command returned, shown so that none is lost: each beside
//! the input of its field, and every problem whose field has no input in
//! the form in a summary at the top that names the field.

use std::marker::PhantomData;

use leptos::prelude::*;

use crate::domain::validation::{FieldName, Problems};

/// One problem as a form shows it: its field's name and label, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    field: &'static str,
    label: &'static str,
    message: String,
}

/// A form's problems and the fields it shows beside an input. An input
/// asks [`FormProblems::error`] for its field's message, which also marks
/// the field as shown; [`problem_summary`] lists the rest. Typed by the
/// kind of record, so a form takes only its command's fields; held by
/// field name, so the reactive parts are one copy for every kind.
pub struct FormProblems<F: FieldName + Send + Sync> {
    shown: RwSignal<Vec<Shown>>,
    beside: StoredValue<Vec<&'static str>>,
    kind: PhantomData<fn() -> F>,
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
            shown: RwSignal::new(Vec::new()),
            beside: StoredValue::new(Vec::new()),
            kind: PhantomData,
        }
    }

    /// What the command refused with.
    pub fn set(&self, problems: Problems<F>) {
        self.shown.set(
            problems
                .0
                .into_iter()
                .map(|e| Shown {
                    field: e.field.name(),
                    label: e.field.label(),
                    message: e.message,
                })
                .collect(),
        );
    }

    /// No problems (after a save).
    pub fn clear(&self) {
        self.shown.set(Vec::new());
    }

    /// Whether any problem names one of `fields` (a form opens a collapsed
    /// section that holds one).
    pub fn any_of(&self, fields: &'static [F]) -> bool {
        self.shown
            .with(|s| s.iter().any(|p| fields.iter().any(|f| f.name() == p.field)))
    }

    /// The messages for `field`, for the input beside which they show; the
    /// field is then left out of the summary while that input is there.
    pub fn error(&self, field: F) -> Signal<Option<String>> {
        error_of(self.shown, self.beside, field.name())
    }

    /// Every message for `field`, one by one, for a list beside the inputs
    /// of a field with many parts; the field is left out of the summary.
    pub fn messages(&self, field: F) -> Signal<Vec<String>> {
        messages_of(self.shown, self.beside, field.name())
    }
}

fn error_of(
    shown: RwSignal<Vec<Shown>>,
    beside: StoredValue<Vec<&'static str>>,
    field: &'static str,
) -> Signal<Option<String>> {
    let messages = messages_of(shown, beside, field);
    Signal::derive(move || messages.with(|m| (!m.is_empty()).then(|| m.join(" "))))
}

fn messages_of(
    shown: RwSignal<Vec<Shown>>,
    beside: StoredValue<Vec<&'static str>>,
    field: &'static str,
) -> Signal<Vec<String>> {
    beside.update_value(|b| b.push(field));
    // An input that goes (a section that closes) shows nothing any more.
    on_cleanup(move || {
        beside.update_value(|b| {
            if let Some(i) = b.iter().position(|f| *f == field) {
                b.remove(i);
            }
        });
    });
    Signal::derive(move || {
        shown.with(|s| {
            s.iter()
                .filter(|p| p.field == field)
                .map(|p| p.message.clone())
                .collect()
        })
    })
}

/// The summary at the top of a form: every problem that no input of the
/// form shows, naming its field. Empty when there is none.
pub fn problem_summary<F: FieldName + Send + Sync>(problems: FormProblems<F>) -> AnyView {
    summary_view(problems.shown, problems.beside)
}

/// The summary's markup, one copy whatever the kind of field.
fn summary_view(shown: RwSignal<Vec<Shown>>, beside: StoredValue<Vec<&'static str>>) -> AnyView {
    (move || {
        let rest: Vec<Shown> = shown.with(|s| {
            let beside = beside.get_value();
            s.iter()
                .filter(|p| !beside.contains(&p.field))
                .cloned()
                .collect()
        });
        (!rest.is_empty()).then(|| {
            view! {
                <div class="problem-summary" role="alert">
                    <p>"This can't be saved yet:"</p>
                    <ul>
                        {rest.into_iter().map(|p| view! {
                            <li><strong>{p.label}</strong>": "{p.message}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    })
    .into_any()
}
