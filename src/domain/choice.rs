//! Closed lists a person chooses from (a broad area, a funding source, a
//! measure): each variant has a stable code, the one the export format
//! uses, so a select keeps values, never positions, and a variant added
//! later cannot shift what an old choice meant.

/// A closed list of choices with codes and labels.
pub trait Choice: Copy + Eq + Send + Sync + 'static {
    /// Every choice, in the order a list shows them.
    const CHOICES: &'static [Self];
    /// The stable code (the export format's name for it).
    fn code(self) -> &'static str;
    /// The choice as a person reads it.
    fn text(self) -> &'static str;
    /// The choice with `code`, if there is one.
    fn from_code(code: &str) -> Option<Self> {
        Self::CHOICES.iter().copied().find(|c| c.code() == code)
    }
}

/// Implements [`Choice`] for an enum with `ALL` and `label()`: `Variant =>
/// "code"` for each variant, the codes being its serde names.
macro_rules! choice_codes {
    ($ty:ty { $($variant:ident => $code:literal,)+ }) => {
        impl $crate::domain::choice::Choice for $ty {
            const CHOICES: &'static [$ty] = &<$ty>::ALL;
            fn code(self) -> &'static str {
                match self {
                    $(<$ty>::$variant => $code,)+
                }
            }
            fn text(self) -> &'static str {
                self.label()
            }
        }
    };
}

choice_codes!(super::needs::BroadArea {
    CommunicationAndInteraction => "communication_and_interaction",
    CognitionAndLearning => "cognition_and_learning",
    Semh => "semh",
    SensoryPhysical => "sensory_physical",
    Other => "other",
});

choice_codes!(super::provision::FundingSource {
    NotionalSen => "notional_sen",
    PupilPremium => "pupil_premium",
    PupilPremiumPlus => "pupil_premium_plus",
    LaTopUp => "la_top_up",
    EhcpPersonalBudget => "ehcp_personal_budget",
    Other => "other",
});

choice_codes!(super::pay::ScaleKind {
    SupportSpine => "support_spine",
    TeacherPay => "teacher_pay",
    Other => "other",
});

choice_codes!(super::provision::CostSplit {
    ActualPupils => "actual_pupils",
    PlannedGroupSize => "planned_group_size",
});

choice_codes!(super::provision::MeasureKind {
    StandardisedScore => "standardised_score",
    ReadingAgeMonths => "reading_age_months",
    SpellingAgeMonths => "spelling_age_months",
    Percentage => "percentage",
    ScaledStep => "scaled_step",
    Text => "text",
});

choice_codes!(super::session::CancelReason {
    StaffAbsence => "staff_absence",
    Trip => "trip",
    PupilsUnavailable => "pupils_unavailable",
    Other => "other",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::needs::BroadArea;
    use crate::domain::provision::{FundingSource, MeasureKind};

    /// Each code is the variant's name in the export format, and reads back.
    fn codes_are_serde_names<T: Choice + serde::Serialize + std::fmt::Debug>() {
        for c in T::CHOICES {
            assert_eq!(
                serde_json::to_value(c).unwrap(),
                serde_json::Value::String(c.code().to_owned()),
                "{c:?}"
            );
            assert_eq!(T::from_code(c.code()), Some(*c));
        }
        assert_eq!(T::from_code("4"), None, "a position is not a code");
    }

    #[test]
    fn codes_match_the_export_format() {
        codes_are_serde_names::<BroadArea>();
        codes_are_serde_names::<FundingSource>();
        codes_are_serde_names::<MeasureKind>();
        codes_are_serde_names::<crate::domain::provision::CostSplit>();
        codes_are_serde_names::<crate::domain::session::CancelReason>();
        assert_eq!(MeasureKind::Text.text(), "Free text");
    }
}
