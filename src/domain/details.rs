//! The pupil page's own details: the one-page profile, the EHC plan's
//! details and the dates a pupil leaves the register or the school; and the
//! pseudonym used when a page or export must not name the pupil.

use jiff::Timestamp;

use super::fields::PupilField;
use super::money::Money;
use super::pupil::{parse_date, EhcpDetails, OnePageProfile, Pupil};
use super::validation::Problems;

/// The details as typed on the pupil page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailsDraft {
    pub profile: OnePageProfile,
    /// EHC plan: all four empty means no details recorded.
    pub ehcp_issue_date: String,
    pub ehcp_next_review: String,
    pub ehcp_local_authority: String,
    pub ehcp_top_up: String,
    pub off_register_from: String,
    pub left_on: String,
}

impl DetailsDraft {
    pub fn of(p: &Pupil) -> DetailsDraft {
        let day = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let e = p.ehcp.as_ref();
        DetailsDraft {
            profile: p.profile.clone(),
            ehcp_issue_date: day(e.map(|e| e.issue_date)),
            ehcp_next_review: day(e.and_then(|e| e.next_annual_review)),
            ehcp_local_authority: e.map(|e| e.local_authority.clone()).unwrap_or_default(),
            ehcp_top_up: e.map(|e| e.top_up.plain()).unwrap_or_default(),
            off_register_from: day(p.off_register_from),
            left_on: day(p.left_on),
        }
    }

    /// `p` with these details, or every problem by field (`ehcp_issue_date`,
    /// `ehcp_next_review`, `ehcp_local_authority`, `ehcp_top_up`, `profile`,
    /// `off_register_from`, `left_on`, and the pupil's own rules).
    pub fn apply(&self, p: &Pupil, now: Timestamp) -> Result<Pupil, Problems<PupilField>> {
        let mut probs = Problems::default();
        let mut date = |field: PupilField, what: &str, text: &str| {
            if text.trim().is_empty() {
                return None;
            }
            let d = parse_date(text);
            if d.is_none() {
                probs.push(
                    field,
                    format!("Enter the {what} as a date, like 31/01/2026."),
                );
            }
            d
        };
        let issue = date(
            PupilField::EhcpIssueDate,
            "date the plan was issued",
            &self.ehcp_issue_date,
        );
        let review = date(
            PupilField::EhcpNextReview,
            "next annual review",
            &self.ehcp_next_review,
        );
        let off = date(
            PupilField::OffRegisterFrom,
            "date they left the register",
            &self.off_register_from,
        );
        let left = date(
            PupilField::LeftOn,
            "date they left the school",
            &self.left_on,
        );
        let any_ehcp = [
            &self.ehcp_issue_date,
            &self.ehcp_next_review,
            &self.ehcp_local_authority,
            &self.ehcp_top_up,
        ]
        .iter()
        .any(|t| !t.trim().is_empty());
        let ehcp = if any_ehcp {
            if self.ehcp_issue_date.trim().is_empty() {
                probs.push(
                    PupilField::EhcpIssueDate,
                    "Enter the date the plan was issued.",
                );
            }
            if self.ehcp_local_authority.trim().is_empty() {
                probs.push(
                    PupilField::EhcpLocalAuthority,
                    "Enter the local authority that issued the plan.",
                );
            }
            let top_up = if self.ehcp_top_up.trim().is_empty() {
                Money::ZERO
            } else {
                self.ehcp_top_up.parse::<Money>().unwrap_or_else(|_| {
                    probs.push(
                        PupilField::EhcpTopUp,
                        "Enter the yearly top-up in pounds, like 4500.00 (0 for none).",
                    );
                    Money::ZERO
                })
            };
            issue.map(|issue_date| EhcpDetails {
                issue_date,
                next_annual_review: review,
                local_authority: self.ehcp_local_authority.trim().to_owned(),
                top_up,
            })
        } else {
            None
        };
        let trim = |s: &str| s.trim().to_owned();
        let candidate = Pupil {
            profile: OnePageProfile {
                strengths: trim(&self.profile.strengths),
                what_helps: trim(&self.profile.what_helps),
                what_does_not_help: trim(&self.profile.what_does_not_help),
                communication: trim(&self.profile.communication),
            },
            ehcp,
            off_register_from: off,
            left_on: left,
            updated_at: now,
            ..p.clone()
        };
        for e in candidate.validate().0 {
            let field = if e.field == PupilField::Ehcp {
                PupilField::EhcpIssueDate
            } else {
                e.field
            };
            if probs.for_field(field).is_none() && probs.for_field(e.field).is_none() {
                probs.push(field, e.message);
            }
        }
        if let (Some(on), Some(off)) = (p.on_register_from, off) {
            if off < on && probs.for_field(PupilField::OffRegisterFrom).is_none() {
                probs.push(
                    PupilField::OffRegisterFrom,
                    "The pupil leaves the register before joining it.",
                );
            }
        }
        probs.into_result().map(|()| candidate)
    }
}

impl Pupil {
    /// A name that does not identify the pupil: initials and a local
    /// reference from the record's id (no UPN, no full name), for pages and
    /// exports that leave the SENCO's hands.
    pub fn pseudonym(&self) -> String {
        let initial = |s: &str| s.chars().next().map(|c| c.to_uppercase().to_string());
        let initials: String = [initial(&self.given_name), initial(&self.family_name)]
            .into_iter()
            .flatten()
            .map(|c| format!("{c}."))
            .collect();
        let reference = self.id.simple().to_string()[..6].to_owned();
        format!("{initials} (ref {reference})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::needs::{NeedCode, SenStatus};
    use crate::domain::pupil::PupilDraft;

    fn now() -> Timestamp {
        "2026-09-01T08:00:00Z".parse().unwrap()
    }

    fn pupil(status: &str) -> Pupil {
        let mut d = PupilDraft::new("amara", "Okafor", "Y4");
        d.sen_status = status.into();
        if status != "N" {
            d.primary_need = "SLCN".into();
        }
        d.on_register_from = "2025-09-01".into();
        Pupil::create(&d, now()).unwrap()
    }

    #[test]
    fn details_round_trip_and_ehcp_is_all_or_nothing() {
        let p = pupil("E");
        let mut d = DetailsDraft::of(&p);
        assert_eq!(d, DetailsDraft::default());
        d.profile.strengths = " Loves Lego ".into();
        d.ehcp_issue_date = "03/03/2025".into();
        d.ehcp_local_authority = "Leeds".into();
        d.ehcp_top_up = "4500".into();
        let with = d.apply(&p, now()).unwrap();
        assert_eq!(with.profile.strengths, "Loves Lego");
        let e = with.ehcp.clone().unwrap();
        assert_eq!(e.issue_date, jiff::civil::date(2025, 3, 3));
        assert_eq!(e.top_up, Money::pounds(4500));
        assert_eq!(DetailsDraft::of(&with).apply(&with, now()).unwrap(), with);

        // Part of a plan's details: the missing parts are named.
        let part = DetailsDraft {
            ehcp_top_up: "4500".into(),
            ..DetailsDraft::default()
        };
        let probs = part.apply(&p, now()).unwrap_err();
        assert!(probs.for_field(PupilField::EhcpIssueDate).is_some());
        assert!(probs.for_field(PupilField::EhcpLocalAuthority).is_some());
        // Clearing every field removes the details.
        assert_eq!(
            DetailsDraft::default().apply(&with, now()).unwrap().ehcp,
            None
        );
    }

    #[test]
    fn bad_details_are_named_by_field() {
        let k = pupil("K");
        assert_eq!(k.sen_status, SenStatus::SenSupport);
        assert_eq!(k.primary_need, Some(NeedCode::Slcn));
        let d = DetailsDraft {
            ehcp_issue_date: "2025-03-03".into(),
            ehcp_local_authority: "Leeds".into(),
            ehcp_top_up: "lots".into(),
            left_on: "31/13/2026".into(),
            off_register_from: "2024-01-01".into(),
            ..DetailsDraft::default()
        };
        let p = d.apply(&k, now()).unwrap_err();
        assert!(p
            .for_field(PupilField::EhcpTopUp)
            .unwrap()
            .contains("pounds"));
        assert!(p
            .for_field(PupilField::LeftOn)
            .unwrap()
            .contains("date they left"));
        assert_eq!(
            p.for_field(PupilField::OffRegisterFrom),
            Some("The pupil leaves the register before joining it.")
        );
        let fixed = DetailsDraft {
            ehcp_top_up: "4500".into(),
            left_on: String::new(),
            off_register_from: String::new(),
            ..d
        };
        // Plan details on a pupil whose status is K are refused.
        assert_eq!(
            fixed
                .apply(&k, now())
                .unwrap_err()
                .for_field(PupilField::EhcpIssueDate),
            Some("EHC plan details are given but the SEN status is not E.")
        );
        let long = DetailsDraft {
            profile: OnePageProfile {
                what_helps: "x".repeat(4001),
                ..OnePageProfile::default()
            },
            ..DetailsDraft::default()
        };
        assert!(long
            .apply(&k, now())
            .unwrap_err()
            .for_field(PupilField::Profile)
            .is_some());
    }

    #[test]
    fn a_pseudonym_keeps_only_initials_and_a_reference() {
        let p = pupil("K");
        let name = p.pseudonym();
        assert!(name.starts_with("A.O. (ref "), "{name}");
        assert!(name.contains(&p.id.simple().to_string()[..6]));
        assert!(!name.contains("Okafor") && !name.contains("amara"));
        let other = pupil("K");
        assert_ne!(other.pseudonym(), name);
    }
}
