//! The fields problems can name, one enum per kind of record (with the
//! fields of the drafts and commands that make that kind). A form shows a
//! problem beside the input of its field, and every other problem in a
//! summary that names the field by its label: no problem can go unshown.
//! The names are the stored records' and the export format's, so an
//! import's problem paths use them.

crate::field_names! {
    /// A pupil's record, the register's form and the pupil page's details.
    pub enum PupilField {
        GivenName = "given_name", "Given name";
        FamilyName = "family_name", "Family name";
        YearGroup = "year_group", "Year group";
        YearGroupHistory = "year_group_history", "Year groups in past years";
        Upn = "upn", "UPN";
        ClassName = "class_name", "Class or form";
        DateOfBirth = "date_of_birth", "Date of birth";
        SenStatus = "sen_status", "SEN status";
        PrimaryNeed = "primary_need", "Primary need";
        SecondaryNeed = "secondary_need", "Secondary need";
        OnRegisterFrom = "on_register_from", "On the SEN register from";
        OffRegisterFrom = "off_register_from", "Off the SEN register from";
        LeftOn = "left_on", "Left the school on";
        Flags = "flags", "Flags";
        Ehcp = "ehcp", "EHC plan details";
        EhcpIssueDate = "ehcp_issue_date", "EHC plan issued on";
        EhcpLocalAuthority = "ehcp_local_authority", "EHC plan's local authority";
        EhcpNextReview = "ehcp_next_review", "EHC plan's next annual review";
        EhcpTopUp = "ehcp_top_up", "Top-up a year (element 3)";
        Profile = "profile", "One-page profile";
    }
}

crate::field_names! {
    /// A support plan (one a term for a pupil).
    pub enum PlanField {
        PupilId = "pupil_id", "Pupil";
        Term = "term", "Term";
        Outcomes = "outcomes", "Outcomes";
        ProvisionIds = "provision_ids", "Linked provision";
        PupilViews = "pupil_views", "The pupil's views";
        ParentViews = "parent_views", "Parents' views";
        ReviewDate = "review_date", "Review date";
    }
}

crate::field_names! {
    /// An intervention in the library.
    pub enum InterventionField {
        Name = "name", "Name";
        Description = "description", "Description";
        EvidenceNote = "evidence_note", "Evidence";
        Tier = "tier", "Tier";
        BroadAreas = "broad_areas", "Broad areas of need";
        Delivery = "delivery", "How it is delivered";
        StaffCount = "staff_count", "Staff per session";
        GroupSize = "group_size", "Group size";
        SessionsPerWeek = "sessions_per_week", "Sessions a week";
        MinutesPerSession = "minutes_per_session", "Minutes a session";
        Weeks = "weeks", "Weeks";
        FixedCosts = "fixed_costs", "Fixed costs";
        ResourceCosts = "resource_costs", "Resource costs";
        OutcomeMeasure = "outcome_measure", "Outcome measure";
    }
}

crate::field_names! {
    /// A provision, its form and the what-if that changes one.
    pub enum ProvisionField {
        Name = "name", "Name";
        InterventionId = "intervention_id", "Intervention";
        BroadAreas = "broad_areas", "Broad area of need";
        Tier = "tier", "Tier";
        Staff = "staff", "Who delivers it";
        Start = "start", "Start date";
        End = "end", "End date";
        Weeks = "weeks", "Weeks";
        SessionsPerWeek = "sessions_per_week", "Sessions a week";
        MinutesPerSession = "minutes_per_session", "Minutes a session";
        PlannedGroupSize = "planned_group_size", "Planned group size";
        FixedCosts = "fixed_costs", "Fixed costs";
        ResourceCosts = "resource_costs", "Resource costs";
        Funding = "funding", "Funding source";
        Slots = "slots", "Timetable slots";
        Description = "description", "Description";
        Notes = "notes", "Notes";
    }
}

crate::field_names! {
    /// A pupil's place in a provision, with their scores.
    pub enum EnrolmentField {
        PupilId = "pupil_id", "Pupil";
        ProvisionId = "provision_id", "Provision";
        Start = "start", "Start date";
        End = "end", "End date";
        Entry = "entry", "Entry score";
        Exit = "exit", "Exit score";
        Attendance = "attendance", "Attendance";
        Notes = "notes", "Notes";
    }
}

crate::field_names! {
    /// A staff role and how its hourly rate is found.
    pub enum RoleField {
        Name = "name", "Role name";
        Category = "category", "Kind of role";
        Rate = "rate", "Rate";
        Hourly = "hourly", "Hourly rate";
        LaPerWeeklyHour = "la_per_weekly_hour", "LA rate per weekly hour";
        LaWeeks = "la_weeks", "LA weeks in a year";
        FteSalary = "fte_salary", "Full-time salary";
        FteHoursPerWeek = "fte_hours_per_week", "Full-time hours a week";
        ContractedHoursPerWeek = "contracted_hours_per_week", "Contracted hours a week";
        ContactHoursPerWeek = "contact_hours_per_week", "Hours a week with pupils";
        PaidWeeks = "paid_weeks", "Paid weeks";
        WorkingWeeks = "working_weeks", "Working weeks";
        NiRatePercent = "ni_rate_percent", "Employer NI rate";
        NiThreshold = "ni_threshold", "NI threshold";
        PensionRatePercent = "pension_rate_percent", "Employer pension rate";
        Scale = "scale", "Pay scale point";
        RateChanges = "rate_changes", "Pay awards and rate changes";
        ChangeFrom = "from", "Rate from";
    }
}

crate::field_names! {
    /// A named member of staff.
    pub enum MemberField {
        Name = "name", "Name";
        RoleId = "role_id", "Role";
        HoursAvailablePerWeek = "hours_available_per_week", "Hours available a week";
    }
}

crate::field_names! {
    /// The school's settings, and the Settings forms that change them.
    pub enum SettingsField {
        SchoolName = "school_name", "School name";
        Element2Threshold = "element2_threshold", "Element 2 threshold";
        FinalYearGroup = "final_year_group", "Last year group";
        Years = "years", "Academic years";
        StartYear = "start_year", "Academic year";
        Terms = "terms", "Terms";
        Start = "start", "Start date";
        End = "end", "End date";
        Tiers = "tiers", "Tiers";
        BroadAreas = "broad_areas", "Broad areas of need";
        RatioBands = "ratio_bands", "Ratio-gain bands";
        FundingFigures = "funding_figures", "Funding figures";
        PpPlusAgreed = "pp_plus_agreed", "PP+ agreed with the virtual school";
        MinWeeksToJudge = "min_weeks_to_judge", "Weeks between entry and exit before a gain is judged";
        DayStart = "day_start", "The school day starts";
        DayEnd = "day_end", "The school day ends";
        AttendanceThreshold = "attendance_threshold", "Attendance threshold";
        Budgets = "budgets", "Budgets";
        PayScales = "pay_scales", "Pay scales";
    }
}

crate::field_names! {
    /// A pay scale, its versions and their points (kept in the settings).
    pub enum PayScaleField {
        Name = "name", "Scale name";
        Kind = "kind", "What the scale is for";
        Versions = "versions", "Versions";
        From = "from", "From";
        Points = "points", "Points and salaries";
    }
}

crate::field_names! {
    /// A session of a provision as recorded on the register.
    pub enum SessionField {
        ProvisionId = "provision_id", "Provision";
        Date = "date", "Date";
        Start = "start", "Start time";
        Outcome = "outcome", "What happened";
        Absent = "absent", "Absent";
        Reason = "reason", "Reason";
        Note = "note", "Note";
    }
}

crate::field_names! {
    /// A local authority's rate card (Settings, LA rate cards) and its file.
    pub enum RateCardField {
        Authority = "authority", "Local authority";
        From = "from", "Applies from";
        Weeks = "weeks", "Weeks in the LA's year";
        Rates = "rates", "Rates";
        ExcludedTimes = "excluded_times", "Times not costed";
        ExcludedTiers = "excluded_tiers", "Tiers not costed";
        CostsResources = "costs_resources", "Resources costed";
        CapPerPupil = "cap_per_pupil", "Most a pupil a year";
        Example = "example", "Example";
        Notes = "notes", "Notes";
    }
}
