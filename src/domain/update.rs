//! Taking a new version of the app without losing anything: what the
//! "Reload to update" button does ([`update_step`]), and which forms hold
//! typing that is not saved yet ([`Drafts`]).
//!
//! The view only reports what it sees (a save in flight, the forms typed
//! in, what a submit led to) and does what these say.

/// What to do when the user asks for the new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStep {
    /// A change is being written: wait until it is, then decide again.
    WaitForSave,
    /// Typing would be lost: ask this question first.
    Ask(String),
    /// Nothing would be lost: reload.
    Reload,
}

/// The next step: never while a save is in flight (even once the user has
/// said to reload anyway), and never past unsaved typing without asking.
/// `unsaved` names the forms with typing not saved; `confirmed` is whether
/// the user has already said to reload anyway.
pub fn update_step(saving: bool, unsaved: &[String], confirmed: bool) -> UpdateStep {
    if saving {
        UpdateStep::WaitForSave
    } else if confirmed || unsaved.is_empty() {
        UpdateStep::Reload
    } else {
        UpdateStep::Ask(format!(
            "You have unsaved changes in {}: reload anyway?",
            and_list(unsaved)
        ))
    }
}

/// "A", "A and B", "A, B and C" (no serial comma).
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the page showed just after a form was submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSubmit {
    /// Its save is being written.
    Saving,
    /// It did not save: it shows problems, or the last save failed.
    NotSaved,
    /// It did what it does without a save (an export, a setting kept
    /// elsewhere) and shows no problem.
    Done,
}

/// What a submit led to, from what the page shows once the form's handler
/// and the tasks it started have run: whether a save started since the
/// submit began (`started`; it is the form's own), whether the last save
/// failed, whether a save was already in flight when it began (the form's
/// handler then refuses), and whether the form shows a problem.
pub fn after_submit(started: bool, failed: bool, busy_before: bool, problems: bool) -> AfterSubmit {
    if started && !failed {
        AfterSubmit::Saving
    } else if started || busy_before || problems {
        AfterSubmit::NotSaved
    } else {
        AfterSubmit::Done
    }
}

/// The forms with typing not yet saved, each known by `K` (the view uses
/// the form element). A form is unsaved from the first input in it until a
/// submit of it is written; a form no longer on the page is forgotten by
/// [`Drafts::retain`] (its typing went with it, as it always has).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drafts<K> {
    forms: Vec<(K, bool)>,
}

impl<K> Default for Drafts<K> {
    fn default() -> Self {
        Drafts { forms: Vec::new() }
    }
}

impl<K: PartialEq> Drafts<K> {
    /// Something was typed, chosen or ticked in `form`: it is unsaved, even
    /// if a save of it is in flight (that save holds the earlier typing).
    pub fn typed(&mut self, form: K) {
        match self.forms.iter_mut().find(|(k, _)| *k == form) {
            Some((_, awaiting)) => *awaiting = false,
            None => self.forms.push((form, false)),
        }
    }

    /// `form` was submitted, and then the page showed `after`.
    pub fn submitted(&mut self, form: &K, after: AfterSubmit) {
        match after {
            AfterSubmit::Saving => {
                if let Some((_, awaiting)) = self.forms.iter_mut().find(|(k, _)| k == form) {
                    *awaiting = true;
                }
            }
            AfterSubmit::NotSaved => {}
            AfterSubmit::Done => self.forms.retain(|(k, _)| k != form),
        }
    }

    /// The save in flight ended: written (the forms awaiting it are saved)
    /// or not (they stay unsaved). Harmless when nothing awaits it.
    pub fn save_finished(&mut self, written: bool) {
        if written {
            self.forms.retain(|(_, awaiting)| !awaiting);
        } else {
            self.forms
                .iter_mut()
                .for_each(|(_, awaiting)| *awaiting = false);
        }
    }

    /// Keep only the forms for which `on_page` holds.
    pub fn retain(&mut self, mut on_page: impl FnMut(&K) -> bool) {
        self.forms.retain(|(k, _)| on_page(k));
    }

    /// The unsaved forms, in the order they were first typed in (a form
    /// whose save is in flight counts until it is written).
    pub fn unsaved(&self) -> impl Iterator<Item = &K> {
        self.forms.iter().map(|(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    /// A submit that started a save awaits it, whatever else was in
    /// flight before; one that started none is done only if nothing refused
    /// it and it shows no problem.
    #[test]
    fn what_a_submit_led_to() {
        use AfterSubmit::*;
        // (started, failed, busy before, problems) -> after
        let cases = [
            ((true, false, false, false), Saving),
            // A save in flight before, and this one started after it.
            ((true, false, true, false), Saving),
            // Its save started and already failed.
            ((true, true, false, false), NotSaved),
            // Refused: a save was in flight when it began.
            ((false, false, true, false), NotSaved),
            ((false, false, false, true), NotSaved),
            // An earlier save failed; this one needed none (an export).
            ((false, true, false, false), Done),
            ((false, false, false, false), Done),
        ];
        for ((started, failed, busy, problems), want) in cases {
            assert_eq!(
                after_submit(started, failed, busy, problems),
                want,
                "{started} {failed} {busy} {problems}"
            );
        }
    }

    #[test]
    fn a_save_in_flight_is_always_waited_for() {
        assert_eq!(update_step(true, &[], false), UpdateStep::WaitForSave);
        assert_eq!(
            update_step(true, &names(&["Add a pupil"]), false),
            UpdateStep::WaitForSave
        );
        // Even once the user said to reload anyway.
        assert_eq!(
            update_step(true, &names(&["Add a pupil"]), true),
            UpdateStep::WaitForSave
        );
    }

    #[test]
    fn unsaved_typing_is_asked_about_by_name() {
        assert_eq!(
            update_step(false, &names(&["Add a pupil"]), false),
            UpdateStep::Ask("You have unsaved changes in Add a pupil: reload anyway?".into())
        );
        assert_eq!(
            update_step(false, &names(&["Add a pupil", "School"]), false),
            UpdateStep::Ask(
                "You have unsaved changes in Add a pupil and School: reload anyway?".into()
            )
        );
        assert_eq!(
            update_step(false, &names(&["Add a pupil", "School", "Backups"]), false),
            UpdateStep::Ask(
                "You have unsaved changes in Add a pupil, School and Backups: reload anyway?"
                    .into()
            )
        );
    }

    #[test]
    fn reloads_when_nothing_would_be_lost_or_the_user_said_so() {
        assert_eq!(update_step(false, &[], false), UpdateStep::Reload);
        assert_eq!(
            update_step(false, &names(&["School"]), true),
            UpdateStep::Reload
        );
    }

    #[test]
    fn a_form_is_unsaved_until_its_save_is_written() {
        let mut d = Drafts::default();
        d.typed(1);
        d.typed(2);
        d.typed(1);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), [1, 2]);
        // A submit that shows problems saves nothing.
        d.submitted(&1, AfterSubmit::NotSaved);
        d.save_finished(true);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), [1, 2]);
        // In flight it still counts; written, it does not.
        d.submitted(&1, AfterSubmit::Saving);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), [1, 2]);
        d.save_finished(true);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_failed_save_or_typing_during_the_save_keeps_the_form_unsaved() {
        let mut d = Drafts::default();
        d.typed("school");
        d.submitted(&"school", AfterSubmit::Saving);
        d.save_finished(false);
        assert_eq!(d.unsaved().count(), 1);
        // A later save of something else does not clear it.
        d.save_finished(true);
        assert_eq!(d.unsaved().count(), 1);
        d.submitted(&"school", AfterSubmit::Saving);
        d.typed("school");
        d.save_finished(true);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), ["school"]);
    }

    #[test]
    fn a_submit_without_a_save_and_without_problems_is_done() {
        let mut d = Drafts::default();
        d.typed("export");
        d.typed("pupil");
        d.submitted(&"export", AfterSubmit::Done);
        // A submit of a form never typed in changes nothing.
        d.submitted(&"other", AfterSubmit::Saving);
        d.save_finished(true);
        assert_eq!(d.unsaved().copied().collect::<Vec<_>>(), ["pupil"]);
        d.retain(|k| *k != "pupil");
        assert_eq!(d.unsaved().count(), 0);
    }
}
