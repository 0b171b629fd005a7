//! EEF design advice for interventions led by teaching assistants: sessions
//! of 20 to 50 minutes, 3 to 5 times a week, over 8 to 20 weeks. It is advice
//! to show beside the figures, never an error that stops a save.

use super::money::Exact;

/// One piece of advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    SessionsTooShort,
    SessionsTooLong,
    TooFewPerWeek,
    TooManyPerWeek,
    TooFewWeeks,
    TooManyWeeks,
}

impl Advice {
    pub fn message(self) -> &'static str {
        match self {
            Advice::SessionsTooShort => {
                "EEF guidance: TA-led sessions work best at 20 to 50 minutes; these are under 20."
            }
            Advice::SessionsTooLong => {
                "EEF guidance: TA-led sessions work best at 20 to 50 minutes; these are over 50."
            }
            Advice::TooFewPerWeek => "EEF guidance: 3 to 5 sessions a week; this has fewer than 3.",
            Advice::TooManyPerWeek => "EEF guidance: 3 to 5 sessions a week; this has more than 5.",
            Advice::TooFewWeeks => "EEF guidance: run for 8 to 20 weeks; this is under 8.",
            Advice::TooManyWeeks => "EEF guidance: run for 8 to 20 weeks; this is over 20.",
        }
    }
}

/// Advice for a TA-led wave-2 intervention of this shape.
pub fn eef_advice(minutes_per_session: u32, sessions_per_week: u32, weeks: Exact) -> Vec<Advice> {
    let mut v = Vec::new();
    if minutes_per_session < 20 {
        v.push(Advice::SessionsTooShort);
    } else if minutes_per_session > 50 {
        v.push(Advice::SessionsTooLong);
    }
    if sessions_per_week < 3 {
        v.push(Advice::TooFewPerWeek);
    } else if sessions_per_week > 5 {
        v.push(Advice::TooManyPerWeek);
    }
    if weeks < Exact::from_integer(8) {
        v.push(Advice::TooFewWeeks);
    } else if weeks > Exact::from_integer(20) {
        v.push(Advice::TooManyWeeks);
    }
    v
}

/// Whether the advice applies: wave 2 (the tier `wave-2`) and led by a
/// teaching assistant.
pub fn applies(tier: &str, ta_led: bool) -> bool {
    tier == "wave-2" && ta_led
}

/// EEF advice for a provision of `data`, if it is a TA-led wave-2 provision:
/// its weeks are the teaching weeks its dates cover.
pub fn provision_advice(
    p: &super::provision::Provision,
    data: &super::dataset::Dataset,
) -> Vec<Advice> {
    let ta_led = p.staff.iter().any(|l| {
        data.role(l.role_id)
            .is_some_and(|r| r.category == super::staff::RoleCategory::TeachingAssistant)
    });
    if !applies(&p.tier, ta_led) {
        return Vec::new();
    }
    let weeks = super::calendar::weeks_in(&data.settings.years, &p.range());
    eef_advice(p.minutes_per_session, p.sessions_per_week, weeks)
}

/// EEF advice for a library entry's default delivery, if it is TA-led wave 2.
pub fn intervention_advice(
    i: &super::provision::Intervention,
    data: &super::dataset::Dataset,
) -> Vec<Advice> {
    let d = &i.delivery;
    let ta_led = d
        .role_id
        .and_then(|r| data.role(r))
        .is_some_and(|r| r.category == super::staff::RoleCategory::TeachingAssistant);
    if !applies(&i.tier, ta_led) {
        return Vec::new();
    }
    eef_advice(
        d.minutes_per_session,
        d.sessions_per_week,
        Exact::from_integer(i128::from(d.weeks)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: i128) -> Exact {
        Exact::from_integer(n)
    }

    #[test]
    fn advice_at_and_beyond_each_edge() {
        assert!(eef_advice(20, 3, w(8)).is_empty());
        assert!(eef_advice(50, 5, w(20)).is_empty());
        assert_eq!(eef_advice(19, 3, w(8)), [Advice::SessionsTooShort]);
        assert_eq!(eef_advice(51, 3, w(8)), [Advice::SessionsTooLong]);
        assert_eq!(eef_advice(30, 2, w(8)), [Advice::TooFewPerWeek]);
        assert_eq!(eef_advice(30, 6, w(8)), [Advice::TooManyPerWeek]);
        assert_eq!(eef_advice(30, 3, Exact::new(79, 10)), [Advice::TooFewWeeks]);
        assert_eq!(
            eef_advice(30, 3, Exact::new(201, 10)),
            [Advice::TooManyWeeks]
        );
        assert_eq!(
            eef_advice(10, 1, w(30)),
            [
                Advice::SessionsTooShort,
                Advice::TooFewPerWeek,
                Advice::TooManyWeeks
            ]
        );
        for a in eef_advice(10, 1, w(30)) {
            assert!(a.message().starts_with("EEF guidance"));
        }
        assert!(applies("wave-2", true));
        assert!(!applies("wave-3", true));
        assert!(!applies("wave-2", false));
    }
}
