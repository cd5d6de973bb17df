//! The annex's own words, in English and Khmer.

/// The language of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Km,
}

impl Lang {
    /// The language with this code ("en", "km").
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "en" => Some(Self::En),
            "km" => Some(Self::Km),
            _ => None,
        }
    }

    /// True for the plan's second language (whose text is in `LocalText::l2`).
    pub fn second(self) -> bool {
        self == Self::Km
    }
}

/// (key, English, Khmer)
#[rustfmt::skip]
const LABELS: &[(&str, &str, &str)] = &[
    ("annex", "Costed budget annex", "ឧបសម្ព័ន្ធថវិកាដែលបានប៉ាន់ស្មាន"),
    ("page", "Page {x} of {y}", "ទំព័រ {x} នៃ {y}"),
    ("version", "Version", "កំណែ"),
    ("date", "Date", "កាលបរិច្ឆេទ"),
    ("working_draft", "Working draft", "សេចក្តីព្រាងការងារ"),
    ("draft_for_consultation", "Draft for consultation", "សេចក្តីព្រាងសម្រាប់ពិគ្រោះយោបល់"),
    ("country", "Country", "ប្រទេស"),
    ("period", "Plan period", "រយៈពេលផែនការ"),
    ("status", "Status", "ស្ថានភាព"),
    ("lead_agency", "Lead agency", "ស្ថាប័នដឹកនាំ"),
    ("base_currency", "Base currency", "រូបិយប័ណ្ណគោល"),
    ("presentation_currency", "Amounts shown in", "ចំនួនទឹកប្រាក់បង្ហាញជា"),
    ("exchange_rates", "Exchange rates", "អត្រាប្តូរប្រាក់"),
    ("rate_line", "1 {cur} = {rate} {base} ({year}; {date}; {source})", "1 {cur} = {rate} {base} ({year}; {date}; {source})"),
    ("all_years", "all years", "គ្រប់ឆ្នាំ"),
    ("no_rates", "All amounts are in the base currency; no exchange rate is used.", "ចំនួនទឹកប្រាក់ទាំងអស់គិតជារូបិយប័ណ្ណគោល ដោយមិនប្រើអត្រាប្តូរប្រាក់។"),
    ("summary", "Summary", "សេចក្តីសង្ខេប"),
    ("total_cost", "Total cost", "ចំណាយសរុប"),
    ("of_contingency", "of which contingency", "ក្នុងនោះប្រាក់បម្រុងទុក"),
    ("committed", "Committed funding", "មូលនិធិដែលបានប្តេជ្ញា"),
    ("pledged", "Pledged funding", "មូលនិធិដែលបានសន្យា"),
    ("expected", "Expected funding", "មូលនិធិដែលរំពឹងទុក"),
    ("gap", "Funding gap", "គម្លាតមូលនិធិ"),
    ("gap_with_pledged", "Funding gap with pledges", "គម្លាតមូលនិធិ បើរាប់ទាំងការសន្យា"),
    ("share_of_cost", "{p} % of cost", "{p} % នៃចំណាយ"),
    ("unallocated", "Committed funding its earmarks leave unused", "មូលនិធិដែលបានប្តេជ្ញា តែមិនអាចប្រើដោយសារការកំណត់គោលដៅ"),
    ("by_pillar_year", "Cost by pillar and year", "ចំណាយតាមសសរស្តម្ភ និងឆ្នាំ"),
    ("by_agency_year", "Cost by lead agency and year", "ចំណាយតាមស្ថាប័នដឹកនាំ និងឆ្នាំ"),
    ("by_source_year", "Cost by intended funding source and year", "ចំណាយតាមប្រភពមូលនិធិ និងឆ្នាំ"),
    ("funding_sources", "Funding sources", "ប្រភពមូលនិធិ"),
    ("by_economic", "Cost by economic classification (GFS 2014)", "ចំណាយតាមចំណាត់ថ្នាក់សេដ្ឋកិច្ច (GFS 2014)"),
    ("gap_by_pillar_year", "Funding gap by pillar and year", "គម្លាតមូលនិធិតាមសសរស្តម្ភ និងឆ្នាំ"),
    ("mtef", "Medium-term expenditure framework: budget year {b} and two outer years", "ក្របខណ្ឌចំណាយរយៈពេលមធ្យម៖ ឆ្នាំថវិកា {b} និងពីរឆ្នាំបន្ទាប់"),
    ("mtef_total", "{a}–{b}", "{a}–{b}"),
    ("chart", "Cost per year by pillar, with committed funding and the gap", "ចំណាយប្រចាំឆ្នាំតាមសសរស្តម្ភ ជាមួយមូលនិធិដែលបានប្តេជ្ញា និងគម្លាត"),
    ("chart_scale", "{cur}, millions", "{cur} គិតជាលាន"),
    ("detail", "Detailed costing by outcome, output and activity", "ការប៉ាន់ស្មានចំណាយលម្អិតតាមលទ្ធផល ទិន្នផល និងសកម្មភាព"),
    ("item", "Item", "មុខចំណាយ"),
    ("unit", "Unit", "ឯកតា"),
    ("unit_cost", "Unit cost", "តម្លៃឯកតា"),
    ("econ", "Econ.", "សេដ្ឋកិច្ច"),
    ("econ_class", "Economic classification", "ចំណាត់ថ្នាក់សេដ្ឋកិច្ច"),
    ("source", "Source", "ប្រភព"),
    ("total", "Total", "សរុប"),
    ("lead", "Lead", "ដឹកនាំ"),
    ("subtotal", "Subtotal", "សរុបរង"),
    ("contingency", "Contingency", "ប្រាក់បម្រុងទុក"),
    ("contingency_line", "Contingency ({p} %)", "ប្រាក់បម្រុងទុក ({p} %)"),
    ("pillar", "Pillar", "សសរស្តម្ភ"),
    ("outcome", "Outcome", "លទ្ធផល"),
    ("output", "Output", "ទិន្នផល"),
    ("activity", "Activity", "សកម្មភាព"),
    ("agency", "Lead agency", "ស្ថាប័នដឹកនាំ"),
    ("unfunded", "Unfunded", "គ្មានប្រភពមូលនិធិ"),
    ("quantities", "Each year shows the amount and, below it, the quantity.", "ឆ្នាំនីមួយៗបង្ហាញចំនួនទឹកប្រាក់ ហើយខាងក្រោមជាបរិមាណ។"),
    ("assumptions", "Assumptions", "ការសន្មត"),
    ("catalogue", "Unit-cost catalogue", "បញ្ជីតម្លៃឯកតា"),
    ("code", "Code", "កូដ"),
    ("name", "Name", "ឈ្មោះ"),
    ("currency", "Currency", "រូបិយប័ណ្ណ"),
    ("inflation", "Inflation", "អតិផរណា"),
    ("inflation_text", "Unit costs are priced in {y}. Yearly inflation rates compound from that year; lines marked as fixed-price are not inflated.", "តម្លៃឯកតាកំណត់តាមតម្លៃឆ្នាំ {y}។ អត្រាអតិផរណាប្រចាំឆ្នាំត្រូវបានគណនាបន្តគ្នាពីឆ្នាំនោះ ហើយជួរចំណាយដែលមានតម្លៃថេរមិនរាប់អតិផរណាទេ។"),
    ("year", "Year", "ឆ្នាំ"),
    ("rate", "Rate", "អត្រា"),
    ("factor", "Cumulative factor", "មេគុណបូកបន្ត"),
    ("rate_date", "Date", "កាលបរិច្ឆេទ"),
    ("contingency_text", "A contingency of {p} % of each activity's cost is shown as its own line{overrides}.", "ប្រាក់បម្រុងទុក {p} % នៃចំណាយនៃសកម្មភាពនីមួយៗ ត្រូវបានបង្ហាញជាជួរដាច់ដោយឡែក{overrides}។"),
    ("contingency_overrides", "; activities with their own rate: {list}", "; សកម្មភាពដែលមានអត្រាផ្ទាល់ខ្លួន៖ {list}"),
    ("allocation", "Funding allocation rule", "វិធានបែងចែកមូលនិធិ"),
    ("allocation_text", "Each year on its own: a funding source first pays the cost lines that name it; earmarked sources then pay the uncovered cost within their earmark; the remaining money of unearmarked sources is pooled and pays what is still uncovered. Where money is short, each cost is paid in proportion to its uncovered amount. Funding gap = cost − committed funding allocated; the gap with pledges also counts pledged sources; expected sources do not reduce the gap.", "ឆ្នាំនីមួយៗដាច់ដោយឡែក៖ ប្រភពមូលនិធិបង់ជាមុនសម្រាប់ជួរចំណាយដែលកំណត់ឈ្មោះវា បន្ទាប់មកប្រភពដែលមានគោលដៅបង់ចំណាយដែលនៅសល់ក្នុងគោលដៅរបស់វា ហើយមូលនិធិដែលនៅសល់ពីប្រភពគ្មានគោលដៅត្រូវបានប្រមូលរួមគ្នា ដើម្បីបង់ចំណាយដែលនៅសល់។ នៅពេលមូលនិធិមិនគ្រប់ ចំណាយនីមួយៗត្រូវបានបង់តាមសមាមាត្រ។ គម្លាតមូលនិធិ = ចំណាយ − មូលនិធិដែលបានប្តេជ្ញា។"),
    ("rounding", "Rounding", "ការបង្គត់"),
    ("rounding_unit", "Amounts are computed exactly and shown rounded half away from zero to the {what}.", "ចំនួនទឹកប្រាក់ត្រូវបានគណនាយ៉ាងជាក់លាក់ ហើយបង្ហាញដោយបង្គត់ទៅ{what}។"),
    ("rounding_minor", "currency's minor unit", "ឯកតាតូចបំផុតនៃរូបិយប័ណ្ណ"),
    ("rounding_thousands", "nearest thousand (amounts in thousands)", "ពាន់ដែលជិតបំផុត (ចំនួនគិតជាពាន់)"),
    ("rounding_millions", "nearest million (amounts in millions)", "លានដែលជិតបំផុត (ចំនួនគិតជាលាន)"),
    ("rounding_reconciled", "Rounded cells are reconciled so that every row and column adds up to its shown total.", "ក្រឡាដែលបានបង្គត់ត្រូវបានកែតម្រូវ ដើម្បីឱ្យជួរដេក និងជួរឈរនីមួយៗស្មើនឹងសរុបដែលបានបង្ហាញ។"),
    ("rounding_note", "Totals may not add due to rounding.", "សរុបអាចមិនស្មើគ្នាដោយសារការបង្គត់។"),
    ("in_thousands", "{cur}, thousands", "{cur} គិតជាពាន់"),
    ("in_millions", "{cur}, millions", "{cur} គិតជាលាន"),
    ("in_currency", "{cur}", "{cur}"),
    ("no_costs", "This plan has no cost lines yet. Add activities and their cost lines to produce a costed budget.", "ផែនការនេះមិនទាន់មានជួរចំណាយនៅឡើយទេ។ សូមបន្ថែមសកម្មភាព និងជួរចំណាយ ដើម្បីរៀបចំថវិកា។"),
    ("type", "Type", "ប្រភេទ"),
    ("on_budget", "On budget", "ក្នុងថវិកា"),
    ("off_budget", "Off budget", "ក្រៅថវិកា"),
    ("committed_s", "Committed", "បានប្តេជ្ញា"),
    ("pledged_s", "Pledged", "បានសន្យា"),
    ("expected_s", "Expected", "រំពឹងទុក"),
    ("national_budget", "National budget", "ថវិកាជាតិ"),
    ("development_partner", "Development partner", "ដៃគូអភិវឌ្ឍន៍"),
    ("csos", "Civil society", "សង្គមស៊ីវិល"),
    ("private", "Private", "ឯកជន"),
    ("other", "Other", "ផ្សេងៗ"),
    ("earmark", "Earmark", "គោលដៅ"),
    ("none", "—", "—"),
    ("continued", "(continued)", "(ត)"),
    ("draft", "Draft", "សេចក្តីព្រាង"),
    ("consultation", "Consultation", "ការពិគ្រោះយោបល់"),
    ("submitted", "Submitted", "បានដាក់ស្នើ"),
    ("endorsed", "Endorsed", "បានអនុម័ត"),
    ("report_title", "Progress report {period}", "របាយការណ៍វឌ្ឍនភាព {period}"),
    ("report_indicators", "Indicators in {period}", "សូចនាករក្នុង {period}"),
    ("report_activities", "Activities in {period}", "សកម្មភាពក្នុង {period}"),
    ("report_by_pillar", "Budget execution by pillar, {year} ({cur})", "ការអនុវត្តថវិកាតាមសសរស្តម្ភ {year} ({cur})"),
    ("report_by_agency", "Budget execution by lead agency, {year} ({cur})", "ការអនុវត្តថវិកាតាមស្ថាប័នដឹកនាំ {year} ({cur})"),
    ("report_indicators_line", "Indicators: {total}; {achieved} achieved, {partly} half-way or more, {behind} behind, {no_data} not reported.", "សូចនាករ៖ {total}; សម្រេចបាន {achieved} ពាក់កណ្តាលផ្លូវឬលើស {partly} យឺត {behind} មិនទាន់រាយការណ៍ {no_data}។"),
    ("report_activities_line", "Activities: {total}; {completed} completed, {on_track} on track, {delayed} delayed, {not_started} not started, {dropped} dropped, {not_reported} not reported.", "សកម្មភាព៖ {total}; បានបញ្ចប់ {completed} តាមផែនការ {on_track} យឺតយ៉ាវ {delayed} មិនទាន់ចាប់ផ្តើម {not_started} បានបោះបង់ {dropped} មិនទាន់រាយការណ៍ {not_reported}។"),
    ("report_execution_line", "Budget {year}: {budget} {cur}; spent {spent} {cur} ({rate}).", "ថវិកា {year}៖ {budget} {cur}; បានចំណាយ {spent} {cur} ({rate})។"),
    ("indicators", "Indicators", "សូចនាករ"),
    ("indicator", "Indicator", "សូចនាករ"),
    ("activities", "Activities", "សកម្មភាព"),
    ("baseline", "Baseline", "មូលដ្ឋាន"),
    ("target", "Target", "គោលដៅ"),
    ("target_year", "Target year", "ឆ្នាំគោលដៅ"),
    ("actual", "Actual", "ជាក់ស្តែង"),
    ("achieved", "Achieved", "សម្រេច"),
    ("rating", "Rating", "ការវាយតម្លៃ"),
    ("note", "Note", "កំណត់ចំណាំ"),
    ("budget", "Budget", "ថវិកា"),
    ("budget_in", "Budget {year} ({cur})", "ថវិកា {year} ({cur})"),
    ("spent", "Spent", "បានចំណាយ"),
    ("execution", "Execution", "អនុវត្ត"),
    ("sheet_by_pillar", "By pillar", "តាមសសរស្តម្ភ"),
    ("sheet_by_agency", "By agency", "តាមស្ថាប័ន"),
    ("rating_achieved", "Achieved", "សម្រេចបាន"),
    ("rating_partly", "Half-way", "ពាក់កណ្តាលផ្លូវ"),
    ("rating_behind", "Behind", "យឺត"),
    ("rating_no_data", "Not reported", "មិនទាន់រាយការណ៍"),
    ("rating_not_rated", "Not rated", "មិនវាយតម្លៃ"),
    ("state_not_started", "Not started", "មិនទាន់ចាប់ផ្តើម"),
    ("state_on_track", "On track", "តាមផែនការ"),
    ("state_delayed", "Delayed", "យឺតយ៉ាវ"),
    ("state_completed", "Completed", "បានបញ្ចប់"),
    ("state_dropped", "Dropped", "បានបោះបង់"),
    ("state_not_reported", "Not reported", "មិនទាន់រាយការណ៍"),
    ("doc_contents", "Contents", "មាតិកា"),
    ("doc_narrative", "Narrative local framework", "ក្របខណ្ឌមូលដ្ឋានពិពណ៌នា"),
    ("doc_results", "Results framework", "ក្របខណ្ឌលទ្ធផល"),
    ("doc_goal", "Goal", "គោលដៅរួម"),
    ("doc_result_or_activity", "Outcome, output and activity", "លទ្ធផលរួម លទ្ធផល និងសកម្មភាព"),
    ("doc_partners", "Supporting agencies", "ស្ថាប័នគាំទ្រ"),
    ("doc_timeframe", "Years", "ឆ្នាំ"),
    ("doc_me", "Monitoring and evaluation", "ការតាមដាន និងវាយតម្លៃ"),
    ("doc_verification", "Means of verification", "មធ្យោបាយផ្ទៀងផ្ទាត់"),
    ("doc_reports", "Reports", "អ្នករាយការណ៍"),
    ("doc_reporting_calendar", "Reporting calendar", "ប្រតិទិនរាយការណ៍"),
    ("doc_none_yet", "None recorded yet.", "មិនទាន់មានការកត់ត្រានៅឡើយ។"),
    ("doc_report", "Report", "របាយការណ៍"),
    ("doc_frequency", "How often", "ញឹកញាប់"),
    ("doc_due", "Due", "កាលកំណត់"),
    ("doc_written_by", "Written by", "សរសេរដោយ"),
    ("doc_goes_to", "Goes to", "ផ្ញើទៅ"),
    ("doc_resources", "Resources plan", "ផែនការធនធាន"),
    ("doc_cost_by_pillar", "Cost by pillar and year ({cur})", "ចំណាយតាមសសរស្តម្ភ និងឆ្នាំ ({cur})"),
    ("doc_gap_by_pillar", "Funding gap by pillar and year ({cur})", "គម្លាតមូលនិធិតាមសសរស្តម្ភ និងឆ្នាំ ({cur})"),
    ("doc_cost_by_agency", "Cost by lead agency and year ({cur})", "ចំណាយតាមស្ថាប័នដឹកនាំ និងឆ្នាំ ({cur})"),
    ("doc_annex_note", "The full costed budget annex, with every cost line, is exported as its own PDF.", "ឧបសម្ព័ន្ធថវិកាពេញលេញ ដែលមានបន្ទាត់ចំណាយនីមួយៗ ត្រូវបាននាំចេញជា PDF ដាច់ដោយឡែក។"),
    ("doc_communication", "Communication plan", "ផែនការទំនាក់ទំនង"),
    ("doc_objectives", "Objectives", "គោលបំណង"),
    ("doc_audiences", "Audiences", "ក្រុមគោលដៅ"),
    ("doc_messages", "Key messages", "សារសំខាន់ៗ"),
    ("doc_channels", "Channels", "មធ្យោបាយ"),
    ("doc_comm_activities", "Communication activities", "សកម្មភាពទំនាក់ទំនង"),
    ("doc_audience", "Audience", "ក្រុមគោលដៅ"),
    ("doc_channel", "Channel", "មធ្យោបាយ"),
    ("doc_when", "When", "ពេលណា"),
    ("doc_roles", "Roles of the agencies", "តួនាទីរបស់ស្ថាប័ន"),
    ("doc_roles_hint", "Activities each agency leads (L) and supports (S), by pillar.", "សកម្មភាពដែលស្ថាប័ននីមួយៗដឹកនាំ (L) និងគាំទ្រ (S) តាមសសរស្តម្ភ។"),
    ("doc_agency", "Agency", "ស្ថាប័ន"),
    ("doc_coordination", "Coordination structure and terms of reference", "រចនាសម្ព័ន្ធសម្របសម្រួល និងលក្ខខណ្ឌការងារ"),
    ("doc_body", "Body", "ស្ថាប័នសម្របសម្រួល"),
    ("doc_reports_to", "Reports to", "រាយការណ៍ទៅ"),
    ("doc_chair", "Chair", "ប្រធាន"),
    ("doc_members", "Members", "សមាជិក"),
    ("doc_meets", "Meets", "ប្រជុំ"),
    ("doc_quorum", "Quorum", "កូរ៉ុម"),
    ("doc_tor_of", "Terms of reference: {body}", "លក្ខខណ្ឌការងារ៖ {body}"),
    ("doc_mandate", "Mandate", "អាណត្តិ"),
    ("doc_functions", "Functions", "មុខងារ"),
    ("doc_decisions", "Decisions", "ការសម្រេចចិត្ត"),
    ("doc_consultations", "Consultations", "ការពិគ្រោះយោបល់"),
    ("doc_consultation", "Consultation", "ការពិគ្រោះយោបល់"),
    ("doc_women_men_other", "Women / men / other", "ស្ត្រី / បុរស / ផ្សេងៗ"),
    ("doc_what_was_said", "What participants said", "អ្វីដែលអ្នកចូលរួមបាននិយាយ"),
    ("doc_response", "How the plan responded", "របៀបដែលផែនការឆ្លើយតប"),
    ("freq_quarterly", "Quarterly", "ប្រចាំត្រីមាស"),
    ("freq_six_monthly", "Every six months", "រៀងរាល់ប្រាំមួយខែ"),
    ("freq_annual", "Every year", "ប្រចាំឆ្នាំ"),
    ("freq_mid_term", "At mid-term", "ពាក់កណ្តាលអាណត្តិ"),
    ("freq_end_of_plan", "At the end of the plan", "ចុងបញ្ចប់ផែនការ"),
    ("group_government", "Government", "រដ្ឋាភិបាល"),
    ("group_csos", "Civil society", "សង្គមស៊ីវិល"),
    ("group_women_peacebuilders", "Women peacebuilders", "ស្ត្រីកសាងសន្តិភាព"),
    ("group_youth", "Youth", "យុវជន"),
    ("group_persons_with_disabilities", "Persons with disabilities", "ជនមានពិការភាព"),
    ("group_indigenous_peoples", "Indigenous peoples", "ជនជាតិដើមភាគតិច"),
    ("group_survivors", "Survivors", "ជនរងគ្រោះដែលនៅរស់រានមានជីវិត"),
    ("group_academia", "Academia", "ស្ថាប័នសិក្សា"),
    ("group_development_partners", "Development partners", "ដៃគូអភិវឌ្ឍន៍"),
    ("group_security_sector", "Security sector", "វិស័យសន្តិសុខ"),
    ("group_community", "Communities", "សហគមន៍"),
    ("doc_operational_plan_of", "Operational plan: {agency}", "ផែនការប្រតិបត្តិ៖ {agency}"),
    ("doc_focal_point", "Focal point", "អ្នកសម្របសម្រួល"),
    ("doc_no_operational_plan", "No operational plan has been started for this agency yet.", "មិនទាន់មានផែនការប្រតិបត្តិសម្រាប់ស្ថាប័ននេះនៅឡើយ។"),
    ("doc_role", "Role", "តួនាទី"),
    ("doc_role_lead", "Lead", "ដឹកនាំ"),
    ("doc_role_partner", "Partner", "ដៃគូ"),
    ("doc_cost_in", "Cost ({cur})", "ចំណាយ ({cur})"),
    ("doc_steps_by_quarter", "Steps by quarter", "ជំហានតាមត្រីមាស"),
    ("doc_step", "Step", "ជំហាន"),
    ("doc_year", "Year", "ឆ្នាំ"),
    ("doc_budget_line", "Budget line", "ខ្ទង់ថវិកា"),
    ("doc_indicators_reported", "Indicators it reports on", "សូចនាករដែលស្ថាប័នរាយការណ៍"),
    ("doc_budget_funding_gap", "Budget, committed funding and gap by year ({cur})", "ថវិកា មូលនិធិដែលបានប្តេជ្ញា និងគម្លាតតាមឆ្នាំ ({cur})"),
    ("doc_signatures", "Signatures", "ហត្ថលេខា"),
    ("doc_prepared_by", "Prepared by", "រៀបចំដោយ"),
    ("doc_approved_by", "Approved by the head of the agency", "អនុម័តដោយប្រធានស្ថាប័ន"),
    ("no_funding_recorded", "no funding recorded yet", "មិនទាន់មានការកត់ត្រាមូលនិធិ"),
    ("no_funding_recorded_long", "No funding source has been recorded yet, so the whole cost is shown as unfunded. Record the national budget and partners' funding to see the real gap.", "មិនទាន់មានការកត់ត្រាប្រភពមូលនិធិនៅឡើយ ដូច្នេះចំណាយទាំងមូលត្រូវបានបង្ហាញថាគ្មានមូលនិធិ។ សូមកត់ត្រាថវិកាជាតិ និងមូលនិធិរបស់ដៃគូ ដើម្បីឃើញគម្លាតពិតប្រាកដ។"),
];

/// The label `key` in `lang`; the key itself if unknown (a bug the tests catch).
pub fn t(lang: Lang, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, km)| match lang {
            Lang::En => *en,
            Lang::Km => *km,
        })
        .unwrap_or("?")
}

/// The label with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages_and_khmer_is_khmer() {
        for (key, en, km) in LABELS {
            assert!(!en.is_empty() && !km.is_empty(), "{key}");
            let placeholders = |s: &str| -> Vec<String> {
                s.split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .map(String::from)
                    .collect()
            };
            let (mut a, mut b) = (placeholders(en), placeholders(km));
            a.sort();
            b.sort();
            assert_eq!(a, b, "placeholders differ for {key}");
        }
        let khmer_words = LABELS
            .iter()
            .filter(|(_, _, km)| km.chars().any(|c| ('\u{1780}'..='\u{17FF}').contains(&c)))
            .count();
        assert!(
            khmer_words * 10 > LABELS.len() * 8,
            "most labels are translated"
        );
        let mut keys: Vec<_> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), LABELS.len(), "keys are unique");
    }
}
