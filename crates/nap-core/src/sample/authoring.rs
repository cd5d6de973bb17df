//! The content of the built-in sample plan: a fictional NAP WPS 2026–2030 of the fictional
//! Kingdom of Mekara, an ASEAN-like state whose budget is kept in riel (KHR) and whose
//! partners pledge in US dollars. Names of people and organisations are invented.

use super::{dec, Builder, PlanMetaDraft};
use crate::model::*;
use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;

const YEARS: [Year; 5] = [2026, 2027, 2028, 2029, 2030];

/// (code, English name, Khmer name, kind)
const AGENCIES: &[(&str, &str, &str, AgencyKind)] = &[
    (
        "MWA",
        "Ministry of Women's Affairs",
        "ក្រសួងកិច្ចការនារី",
        AgencyKind::Ministry,
    ),
    (
        "MND",
        "Ministry of National Defence",
        "ក្រសួងការពារជាតិ",
        AgencyKind::Ministry,
    ),
    (
        "MOI",
        "Ministry of Interior (National Police)",
        "ក្រសួងមហាផ្ទៃ",
        AgencyKind::Ministry,
    ),
    (
        "MFA",
        "Ministry of Foreign Affairs and International Cooperation",
        "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ",
        AgencyKind::Ministry,
    ),
    (
        "MOJ",
        "Ministry of Justice",
        "ក្រសួងយុត្តិធម៌",
        AgencyKind::Ministry,
    ),
    (
        "MSV",
        "Ministry of Social Affairs, Veterans and Youth Rehabilitation",
        "ក្រសួងសង្គមកិច្ច អតីតយុទ្ធជន និងយុវនីតិសម្បទា",
        AgencyKind::Ministry,
    ),
    (
        "MEF",
        "Ministry of Economy and Finance",
        "ក្រសួងសេដ្ឋកិច្ច និងហិរញ្ញវត្ថុ",
        AgencyKind::Ministry,
    ),
    (
        "MOEYS",
        "Ministry of Education, Youth and Sport",
        "ក្រសួងអប់រំ យុវជន និងកីឡា",
        AgencyKind::Ministry,
    ),
    (
        "MOH",
        "Ministry of Health",
        "ក្រសួងសុខាភិបាល",
        AgencyKind::Ministry,
    ),
    (
        "NCDM",
        "National Committee for Disaster Management",
        "គណៈកម្មាធិការជាតិគ្រប់គ្រងគ្រោះមហន្តរាយ",
        AgencyKind::GovernmentAgency,
    ),
    (
        "WPN",
        "Women Peacebuilders Network",
        "បណ្តាញអ្នកកសាងសន្តិភាពជាស្ត្រី",
        AgencyKind::Csos,
    ),
    (
        "DPF",
        "Federation of Organisations of Persons with Disabilities",
        "",
        AgencyKind::Csos,
    ),
    ("YPF", "Youth for Peace Forum", "", AgencyKind::Csos),
    ("LAS", "Legal Aid Society of Mekara", "", AgencyKind::Csos),
    ("UNW", "UN Women country office", "", AgencyKind::UnAgency),
    (
        "NPD",
        "Nordic Partnership for Development",
        "",
        AgencyKind::DevelopmentPartner,
    ),
    (
        "PRCA",
        "Pacific Rim Cooperation Agency",
        "",
        AgencyKind::DevelopmentPartner,
    ),
];

/// (code, English, Khmer, kind, description)
const PILLARS: &[(&str, &str, &str, PillarKind, &str)] = &[
    ("1", "Participation", "ការចូលរួម", PillarKind::Participation,
     "Women's full, equal and meaningful participation in decision-making on peace and security."),
    ("2", "Prevention", "ការបង្ការ", PillarKind::Prevention,
     "Preventing conflict, violent extremism and emerging threats, with women's leadership."),
    ("3", "Protection", "ការការពារ", PillarKind::Protection,
     "Protecting women and girls from violence and ensuring access to justice and services."),
    ("4", "Relief and Recovery", "ការសង្គ្រោះ និងការស្តារឡើងវិញ", PillarKind::ReliefRecovery,
     "Meeting the needs of women and girls in crises, disasters and recovery."),
    ("5", "Coordination, Monitoring and Evaluation", "ការសម្របសម្រួល ការតាមដាន និងការវាយតម្លៃ", PillarKind::CoordinationMe,
     "Coordinating, financing, monitoring and reporting on the plan."),
];

/// (code, English, Khmer, ASEAN RPA WPS strategic outcomes)
const OUTCOMES: &[(&str, &str, &str, &[u8])] = &[
    (
        "1.1",
        "Women's representation in peace and security decision-making increases",
        "ការតំណាងរបស់ស្ត្រីក្នុងការសម្រេចចិត្តលើវិស័យសន្តិភាព និងសន្តិសុខ ត្រូវបានកើនឡើង",
        &[1],
    ),
    (
        "1.2",
        "Women serve in greater numbers in the security sector and in peace operations",
        "ស្ត្រីបម្រើការងារក្នុងវិស័យសន្តិសុខ និងប្រតិបត្តិការរក្សាសន្តិភាព កាន់តែច្រើនឡើង",
        &[1, 2],
    ),
    (
        "1.3",
        "Women peacebuilders and civil society take part in peace processes and dialogue",
        "អ្នកកសាងសន្តិភាពជាស្ត្រី និងសង្គមស៊ីវិល ចូលរួមក្នុងដំណើរការសន្តិភាព និងកិច្ចសន្ទនា",
        &[1],
    ),
    (
        "2.1",
        "Communities prevent conflict and violent extremism with women's leadership",
        "សហគមន៍បង្ការជម្លោះ និងអំពើហិង្សាជ្រុលនិយម ដោយមានការដឹកនាំរបស់ស្ត្រី",
        &[3],
    ),
    (
        "2.2",
        "Gender-responsive early warning covers climate, trafficking and cyber threats",
        "ប្រព័ន្ធប្រកាសអាសន្នជាមុនដែលឆ្លើយតបនឹងយេនឌ័រ គ្របដណ្តប់លើការគំរាមកំហែងពីអាកាសធាតុ ការជួញដូរមនុស្ស និងបច្ចេកវិទ្យាឌីជីថល",
        &[3, 5],
    ),
    (
        "3.1",
        "Survivors of gender-based violence access justice and quality services",
        "ជនរងគ្រោះពីអំពើហិង្សាផ្អែកលើយេនឌ័រ ទទួលបានយុត្តិធម៌ និងសេវាប្រកបដោយគុណភាព",
        &[2],
    ),
    (
        "3.2",
        "Security and justice institutions respond to women's security needs",
        "ស្ថាប័នសន្តិសុខ និងយុត្តិធម៌ ឆ្លើយតបទៅនឹងតម្រូវការសន្តិសុខរបស់ស្ត្រី",
        &[2],
    ),
    (
        "4.1",
        "Humanitarian and disaster response meets the needs of women and girls",
        "ការឆ្លើយតបមនុស្សធម៌ និងគ្រោះមហន្តរាយ បំពេញតម្រូវការរបស់ស្ត្រី និងក្មេងស្រី",
        &[4],
    ),
    (
        "4.2",
        "Women affected by conflict and landmines rebuild their livelihoods",
        "ស្ត្រីដែលរងផលប៉ះពាល់ពីជម្លោះ និងមីន ស្តារជីវភាពរស់នៅឡើងវិញ",
        &[4],
    ),
    (
        "5.1",
        "The NAP is coordinated, financed and mainstreamed across government",
        "ផែនការសកម្មភាពជាតិ ត្រូវបានសម្របសម្រួល ផ្តល់ហិរញ្ញប្បទាន និងបញ្ជ្រាបទូទាំងរាជរដ្ឋាភិបាល",
        &[6],
    ),
    (
        "5.2",
        "Progress is monitored with sex-disaggregated data and reported publicly",
        "វឌ្ឍនភាពត្រូវបានតាមដានដោយទិន្នន័យបែងចែកតាមភេទ និងរាយការណ៍ជាសាធារណៈ",
        &[6],
    ),
];

/// (code, English, Khmer)
const OUTPUTS: &[(&str, &str, &str)] = &[
    (
        "1.1.1",
        "Women leaders trained in negotiation and security policy",
        "អ្នកដឹកនាំស្ត្រីទទួលបានការបណ្តុះបណ្តាលលើការចរចា និងគោលនយោបាយសន្តិសុខ",
    ),
    (
        "1.1.2",
        "Temporary special measures for appointing women adopted",
        "វិធានការពិសេសបណ្តោះអាសន្នសម្រាប់ការតែងតាំងស្ត្រី ត្រូវបានអនុម័ត",
    ),
    (
        "1.2.1",
        "Recruitment and retention policies for women in the police and armed forces revised",
        "គោលនយោបាយជ្រើសរើស និងរក្សាស្ត្រីក្នុងនគរបាល និងកងកម្លាំងប្រដាប់អាវុធ ត្រូវបានកែសម្រួល",
    ),
    (
        "1.2.2",
        "Women peacekeepers prepared for UN deployment",
        "អ្នករក្សាសន្តិភាពជាស្ត្រី ត្រូវបានត្រៀមសម្រាប់ការដាក់ពង្រាយជាមួយអង្គការសហប្រជាជាតិ",
    ),
    (
        "1.3.1",
        "A national platform of women peacebuilders established",
        "វេទិកាជាតិនៃអ្នកកសាងសន្តិភាពជាស្ត្រី ត្រូវបានបង្កើតឡើង",
    ),
    (
        "1.3.2",
        "Women mediators included in cross-border and community dialogue",
        "អ្នកសម្របសម្រួលជាស្ត្រី ត្រូវបានដាក់បញ្ចូលក្នុងកិច្ចសន្ទនាឆ្លងដែន និងសហគមន៍",
    ),
    (
        "2.1.1",
        "Community dialogue groups led by women set up in border provinces",
        "ក្រុមសន្ទនាសហគមន៍ដឹកនាំដោយស្ត្រី ត្រូវបានបង្កើតនៅខេត្តជាប់ព្រំដែន",
    ),
    (
        "2.1.2",
        "Young women and men trained to counter hate speech online",
        "យុវជនទទួលបានការបណ្តុះបណ្តាលដើម្បីទប់ស្កាត់វាចាស្អប់ខ្ពើមតាមអនឡាញ",
    ),
    (
        "2.2.1",
        "Early-warning indicators disaggregated by sex and age",
        "សូចនាករប្រកាសអាសន្នជាមុន ត្រូវបានបែងចែកតាមភេទ និងអាយុ",
    ),
    (
        "2.2.2",
        "Anti-trafficking and online safety campaigns reach women and girls",
        "យុទ្ធនាការប្រឆាំងការជួញដូរមនុស្ស និងសុវត្ថិភាពតាមអនឡាញ ឈានដល់ស្ត្រី និងក្មេងស្រី",
    ),
    (
        "3.1.1",
        "One-stop service centres for survivors operate in priority provinces",
        "មជ្ឈមណ្ឌលសេវាពហុវិស័យសម្រាប់ជនរងគ្រោះ ដំណើរការនៅខេត្តអាទិភាព",
    ),
    (
        "3.1.2",
        "Free legal aid available to women survivors",
        "ជំនួយផ្លូវច្បាប់ដោយឥតគិតថ្លៃ ផ្តល់ជូនស្ត្រីរងគ្រោះ",
    ),
    (
        "3.2.1",
        "Police, prosecutors and judges trained in survivor-centred procedures",
        "នគរបាល ព្រះរាជអាជ្ញា និងចៅក្រម ទទួលបានការបណ្តុះបណ្តាលលើនីតិវិធីផ្តោតលើជនរងគ្រោះ",
    ),
    (
        "3.2.2",
        "Gender desks established in police commissariats",
        "តុយេនឌ័រ ត្រូវបានបង្កើតនៅស្នងការដ្ឋាននគរបាល",
    ),
    (
        "4.1.1",
        "Disaster preparedness plans include women's needs and leadership",
        "ផែនការត្រៀមបង្ការគ្រោះមហន្តរាយ រួមបញ្ចូលតម្រូវការ និងការដឹកនាំរបស់ស្ត្រី",
    ),
    (
        "4.1.2",
        "Dignity kits and safe spaces provided in emergencies",
        "កញ្ចប់សម្ភារៈអនាម័យ និងទីកន្លែងសុវត្ថិភាព ត្រូវបានផ្តល់ជូនក្នុងគ្រាអាសន្ន",
    ),
    (
        "4.2.1",
        "Livelihood grants for women mine survivors and veterans' families",
        "ជំនួយទុនរកប្រាក់ចំណូលសម្រាប់ស្ត្រីរងគ្រោះដោយមីន និងគ្រួសារអតីតយុទ្ធជន",
    ),
    (
        "4.2.2",
        "Psychosocial support available in affected communities",
        "សេវាគាំទ្រផ្លូវចិត្តសង្គម មាននៅក្នុងសហគមន៍ដែលរងផលប៉ះពាល់",
    ),
    (
        "5.1.1",
        "NAP secretariat and working groups functioning",
        "លេខាធិការដ្ឋាន និងក្រុមការងារនៃផែនការសកម្មភាពជាតិ ដំណើរការ",
    ),
    (
        "5.1.2",
        "NAP activities included in ministries' budget strategic plans",
        "សកម្មភាពនៃផែនការសកម្មភាពជាតិ ត្រូវបានដាក់បញ្ចូលក្នុងផែនការយុទ្ធសាស្ត្រថវិការបស់ក្រសួង",
    ),
    (
        "5.2.1",
        "An M&E system with sex-disaggregated data in place",
        "ប្រព័ន្ធតាមដាន និងវាយតម្លៃ ដែលមានទិន្នន័យបែងចែកតាមភេទ ត្រូវបានដាក់ឱ្យដំណើរការ",
    ),
    (
        "5.2.2",
        "Mid-term and final evaluations conducted and published",
        "ការវាយតម្លៃពាក់កណ្តាលអាណត្តិ និងចុងក្រោយ ត្រូវបានធ្វើ និងផ្សព្វផ្សាយ",
    ),
];

/// (code, English, Khmer, unit, unit cost, currency, GFS economic code)
const CATALOGUE: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    (
        "WS-VEN",
        "Workshop venue and catering",
        "ទីកន្លែងសិក្ខាសាលា និងអាហារ",
        "participant-day",
        "60000",
        "KHR",
        "2211",
    ),
    (
        "PD-PROV",
        "Per diem, provincial",
        "ប្រាក់ឧបត្ថម្ភប្រចាំថ្ងៃ ខេត្ត",
        "person-day",
        "80000",
        "KHR",
        "2212",
    ),
    (
        "PD-CAP",
        "Per diem, capital",
        "ប្រាក់ឧបត្ថម្ភប្រចាំថ្ងៃ រាជធានី",
        "person-day",
        "100000",
        "KHR",
        "2212",
    ),
    (
        "TRAVEL",
        "Transport, provincial return trip",
        "ការធ្វើដំណើរ ខេត្ត",
        "trip",
        "120000",
        "KHR",
        "2212",
    ),
    (
        "CONS-NAT",
        "National consultant",
        "ទីប្រឹក្សាជាតិ",
        "day",
        "150",
        "USD",
        "2221",
    ),
    (
        "CONS-INT",
        "International consultant",
        "ទីប្រឹក្សាអន្តរជាតិ",
        "day",
        "550",
        "USD",
        "2221",
    ),
    (
        "PRINT",
        "Printing of materials",
        "ការបោះពុម្ពឯកសារ",
        "copy",
        "8000",
        "KHR",
        "2231",
    ),
    (
        "MEDIA",
        "Radio or TV spot",
        "ការផ្សាយតាមវិទ្យុ ឬទូរទស្សន៍",
        "broadcast",
        "400000",
        "KHR",
        "2231",
    ),
    (
        "MODULE",
        "Training module development",
        "ការរៀបចំម៉ូឌុលបណ្តុះបណ្តាល",
        "module",
        "3500",
        "USD",
        "2221",
    ),
    (
        "STAFF",
        "Programme officer salary",
        "ប្រាក់បៀវត្សមន្ត្រីកម្មវិធី",
        "person-month",
        "3200000",
        "KHR",
        "2111",
    ),
    (
        "GRANT-HH",
        "Livelihood grant",
        "ជំនួយទុនរកប្រាក់ចំណូល",
        "household",
        "1200000",
        "KHR",
        "2721",
    ),
    (
        "KIT",
        "Dignity kit",
        "កញ្ចប់សម្ភារៈអនាម័យ",
        "kit",
        "90000",
        "KHR",
        "2251",
    ),
    (
        "EQUIP",
        "IT equipment set",
        "ឧបករណ៍ព័ត៌មានវិទ្យា",
        "set",
        "1400",
        "USD",
        "3112",
    ),
    (
        "GRANT-CSO",
        "Grant to a civil-society partner",
        "ជំនួយដល់អង្គការសង្គមស៊ីវិល",
        "grant",
        "40000000",
        "KHR",
        "2821",
    ),
    (
        "SURVEY",
        "Survey module",
        "ម៉ូឌុលអង្កេត",
        "survey",
        "25000",
        "USD",
        "2221",
    ),
];

/// (code, name, kind, funder agency, on budget, status, currency, amount per year by year,
/// earmark)
type SourceRow = (
    &'static str,
    &'static str,
    SourceKind,
    &'static str,
    bool,
    FundingStatus,
    &'static str,
    [&'static str; 5],
    Option<(EarmarkTarget, &'static str)>,
);

const SOURCES: &[SourceRow] = &[
    (
        "NB-MWA",
        "National budget: Ministry of Women's Affairs",
        SourceKind::NationalBudget,
        "MWA",
        true,
        FundingStatus::Committed,
        "KHR",
        [
            "420000000",
            "440000000",
            "460000000",
            "480000000",
            "500000000",
        ],
        None,
    ),
    (
        "NB-MOI",
        "National budget: Ministry of Interior",
        SourceKind::NationalBudget,
        "MOI",
        true,
        FundingStatus::Committed,
        "KHR",
        [
            "260000000",
            "270000000",
            "280000000",
            "290000000",
            "300000000",
        ],
        None,
    ),
    (
        "NB-MND",
        "National budget: Ministry of National Defence",
        SourceKind::NationalBudget,
        "MND",
        true,
        FundingStatus::Committed,
        "KHR",
        [
            "180000000",
            "180000000",
            "190000000",
            "190000000",
            "200000000",
        ],
        None,
    ),
    (
        "NB-MOJ",
        "National budget: Ministry of Justice",
        SourceKind::NationalBudget,
        "MOJ",
        true,
        FundingStatus::Committed,
        "KHR",
        [
            "90000000",
            "95000000",
            "100000000",
            "105000000",
            "110000000",
        ],
        None,
    ),
    (
        "NPD-PROT",
        "Nordic Partnership for Development: protection programme",
        SourceKind::DevelopmentPartner,
        "NPD",
        false,
        FundingStatus::Committed,
        "USD",
        ["150000", "150000", "150000", "0", "0"],
        Some((EarmarkTarget::Pillar, "3")),
    ),
    (
        "UNW-PART",
        "UN Women: women's participation",
        SourceKind::DevelopmentPartner,
        "UNW",
        false,
        FundingStatus::Pledged,
        "USD",
        ["60000", "60000", "60000", "60000", "0"],
        Some((EarmarkTarget::Outcome, "1.3")),
    ),
    (
        "PRCA-RR",
        "Pacific Rim Cooperation Agency: recovery window",
        SourceKind::DevelopmentPartner,
        "PRCA",
        false,
        FundingStatus::Expected,
        "USD",
        ["0", "0", "200000", "200000", "200000"],
        Some((EarmarkTarget::Pillar, "4")),
    ),
    (
        "WPN-OWN",
        "Women Peacebuilders Network: own funds",
        SourceKind::Csos,
        "WPN",
        false,
        FundingStatus::Committed,
        "KHR",
        ["20000000", "20000000", "20000000", "20000000", "20000000"],
        None,
    ),
];

/// A cost line of an activity: (catalogue code, or "!name|unit|cost|currency|econ" for a
/// line outside the catalogue; quantity per year 2026–2030; funding source code or "").
type LineRow = (&'static str, [u32; 5], &'static str);

/// (output code, title, lead, supporting, COFOG, gender marker, lines)
type ActivityRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    u8,
    &'static [LineRow],
);

const ACTIVITIES: &[ActivityRow] = &[
    (
        "1.1.1",
        "Leadership and negotiation course for women civil servants",
        "MWA",
        &["WPN", "UNW"],
        "01.1.3",
        2,
        &[
            ("WS-VEN", [90, 90, 90, 90, 0], "NB-MWA"),
            ("PD-PROV", [60, 60, 60, 60, 0], "NB-MWA"),
            ("MODULE", [1, 0, 0, 0, 0], "UNW-PART"),
            ("CONS-NAT", [10, 10, 10, 10, 0], ""),
        ],
    ),
    (
        "1.1.1",
        "Mentoring programme pairing women leaders with senior officials",
        "MWA",
        &["WPN"],
        "01.1.3",
        2,
        &[
            ("WS-VEN", [40, 40, 40, 40, 40], "NB-MWA"),
            ("CONS-NAT", [20, 15, 15, 10, 10], ""),
        ],
    ),
    (
        "1.1.2",
        "Draft sub-decree on targets for women in senior security posts",
        "MWA",
        &["MOI", "MND", "MOJ"],
        "01.1.3",
        2,
        &[
            ("CONS-INT", [25, 0, 0, 0, 0], ""),
            ("WS-VEN", [120, 60, 0, 0, 0], "NB-MWA"),
            ("PRINT", [0, 2000, 0, 0, 0], "NB-MWA"),
        ],
    ),
    (
        "1.1.2",
        "Public hearings with parliamentarians on women's appointment",
        "MWA",
        &["WPN"],
        "01.1.3",
        2,
        &[
            ("WS-VEN", [0, 150, 150, 0, 0], "NB-MWA"),
            ("MEDIA", [0, 10, 10, 0, 0], ""),
        ],
    ),
    (
        "1.2.1",
        "Gender audit of police and armed forces human-resource policies",
        "MOI",
        &["MND", "MWA"],
        "03.1",
        1,
        &[
            (
                "!Gender audit of HR policies|study|18000|USD|2221",
                [1, 0, 0, 0, 0],
                "",
            ),
            ("WS-VEN", [60, 0, 0, 0, 0], "NB-MOI"),
        ],
    ),
    (
        "1.2.1",
        "Women's recruitment drives in provincial police academies",
        "MOI",
        &["MOEYS"],
        "03.1",
        1,
        &[
            ("TRAVEL", [40, 40, 40, 40, 40], "NB-MOI"),
            ("PD-PROV", [80, 80, 80, 80, 80], "NB-MOI"),
            ("PRINT", [5000, 5000, 3000, 3000, 3000], "NB-MOI"),
            ("MEDIA", [20, 20, 10, 10, 10], ""),
        ],
    ),
    (
        "1.2.2",
        "Pre-deployment training for women peacekeepers",
        "MND",
        &["MFA", "UNW"],
        "02",
        1,
        &[
            ("WS-VEN", [300, 300, 300, 300, 300], "NB-MND"),
            ("PD-CAP", [300, 300, 300, 300, 300], "NB-MND"),
            ("CONS-INT", [15, 15, 10, 10, 10], ""),
        ],
    ),
    (
        "1.2.2",
        "Women-friendly facilities at the peacekeeping training centre",
        "MND",
        &[],
        "02",
        1,
        &[
            (
                "!Refurbishment of barracks and sanitation|lot|320000000|KHR|3111",
                [0, 1, 0, 0, 0],
                "NB-MND",
            ),
            ("EQUIP", [0, 4, 0, 0, 0], "NB-MND"),
        ],
    ),
    (
        "1.3.1",
        "Establish and run the national women peacebuilders platform",
        "WPN",
        &["MWA", "UNW"],
        "01.1.3",
        2,
        &[
            ("GRANT-CSO", [1, 1, 1, 1, 0], "UNW-PART"),
            ("WS-VEN", [100, 100, 100, 100, 100], "WPN-OWN"),
            ("TRAVEL", [30, 30, 30, 30, 30], ""),
        ],
    ),
    (
        "1.3.1",
        "Annual national women, peace and security forum",
        "MWA",
        &["WPN", "YPF", "DPF"],
        "01.1.3",
        2,
        &[
            ("WS-VEN", [400, 400, 400, 400, 400], "NB-MWA"),
            ("PD-CAP", [150, 150, 150, 150, 150], ""),
            ("TRAVEL", [80, 80, 80, 80, 80], ""),
        ],
    ),
    (
        "1.3.2",
        "Train women mediators for cross-border community dialogue",
        "MFA",
        &["WPN"],
        "01.1.3",
        2,
        &[
            ("WS-VEN", [0, 120, 120, 120, 0], ""),
            ("CONS-INT", [0, 20, 0, 0, 0], ""),
            ("PD-PROV", [0, 120, 120, 120, 0], ""),
        ],
    ),
    (
        "1.3.2",
        "Include women in ASEAN and bilateral border committees",
        "MFA",
        &["MND", "MOI"],
        "01.1.3",
        1,
        &[
            ("PD-CAP", [20, 20, 20, 20, 20], ""),
            ("TRAVEL", [10, 10, 10, 10, 10], ""),
        ],
    ),
    (
        "2.1.1",
        "Set up women-led dialogue groups in six border provinces",
        "WPN",
        &["MOI", "MWA"],
        "03.6",
        2,
        &[
            ("GRANT-CSO", [2, 2, 2, 2, 2], ""),
            ("TRAVEL", [60, 60, 60, 60, 60], "WPN-OWN"),
            ("WS-VEN", [200, 200, 200, 200, 200], ""),
        ],
    ),
    (
        "2.1.1",
        "Train provincial officials in gender-sensitive conflict analysis",
        "MOI",
        &["MWA"],
        "03.6",
        1,
        &[
            ("WS-VEN", [150, 150, 0, 0, 0], "NB-MOI"),
            ("PD-PROV", [150, 150, 0, 0, 0], "NB-MOI"),
            ("MODULE", [1, 0, 0, 0, 0], ""),
        ],
    ),
    (
        "2.1.2",
        "Digital literacy and counter hate-speech camps for youth",
        "YPF",
        &["MOEYS"],
        "08.4",
        1,
        &[
            ("WS-VEN", [250, 250, 250, 250, 250], ""),
            ("CONS-NAT", [20, 20, 20, 20, 20], ""),
            ("EQUIP", [5, 0, 0, 0, 0], ""),
        ],
    ),
    (
        "2.1.2",
        "Online campaign on respectful speech in Khmer and minority languages",
        "MOEYS",
        &["YPF", "MWA"],
        "08.4",
        1,
        &[
            ("MEDIA", [40, 40, 40, 40, 40], ""),
            ("CONS-NAT", [30, 10, 10, 10, 10], ""),
        ],
    ),
    (
        "2.2.1",
        "Add sex- and age-disaggregated indicators to early-warning systems",
        "NCDM",
        &["MOI", "MWA"],
        "03.6",
        1,
        &[
            ("CONS-INT", [30, 10, 0, 0, 0], ""),
            ("WS-VEN", [80, 80, 0, 0, 0], ""),
        ],
    ),
    (
        "2.2.1",
        "Women's climate-security monitors in flood and drought provinces",
        "NCDM",
        &["WPN"],
        "03.6",
        1,
        &[
            ("STAFF", [24, 24, 24, 24, 24], ""),
            ("TRAVEL", [48, 48, 48, 48, 48], ""),
            ("EQUIP", [6, 0, 0, 0, 0], ""),
        ],
    ),
    (
        "2.2.2",
        "Anti-trafficking awareness campaign in migrant-sending districts",
        "MOI",
        &["MSV", "WPN"],
        "03.1",
        1,
        &[
            ("MEDIA", [60, 60, 60, 60, 60], "NB-MOI"),
            ("PRINT", [20000, 20000, 15000, 15000, 15000], "NB-MOI"),
        ],
    ),
    (
        "2.2.2",
        "Online safety modules for secondary schools",
        "MOEYS",
        &["MOI"],
        "09.2",
        1,
        &[
            ("MODULE", [2, 0, 0, 0, 0], ""),
            ("WS-VEN", [0, 200, 200, 200, 200], ""),
            ("PRINT", [0, 30000, 30000, 30000, 30000], ""),
        ],
    ),
    (
        "3.1.1",
        "Operate one-stop service centres in four provinces",
        "MSV",
        &["MOH", "MOI"],
        "10.4",
        2,
        &[
            ("STAFF", [96, 96, 96, 96, 96], "NPD-PROT"),
            ("KIT", [500, 500, 500, 500, 500], "NPD-PROT"),
            ("EQUIP", [8, 0, 0, 4, 0], "NPD-PROT"),
        ],
    ),
    (
        "3.1.1",
        "Referral pathway training for health and social workers",
        "MOH",
        &["MSV"],
        "07.6",
        2,
        &[
            ("WS-VEN", [200, 200, 200, 0, 0], "NPD-PROT"),
            ("PD-PROV", [200, 200, 200, 0, 0], "NPD-PROT"),
        ],
    ),
    (
        "3.1.2",
        "Free legal aid clinics for women survivors",
        "LAS",
        &["MOJ"],
        "03.3",
        2,
        &[
            ("GRANT-CSO", [2, 2, 2, 2, 2], "NPD-PROT"),
            ("TRAVEL", [100, 100, 100, 100, 100], ""),
        ],
    ),
    (
        "3.1.2",
        "Court accompaniment and witness protection for survivors",
        "MOJ",
        &["LAS"],
        "03.3",
        2,
        &[
            ("STAFF", [36, 36, 36, 36, 36], "NB-MOJ"),
            ("TRAVEL", [150, 150, 150, 150, 150], "NB-MOJ"),
        ],
    ),
    (
        "3.2.1",
        "Survivor-centred investigation training for police",
        "MOI",
        &["MWA", "UNW"],
        "03.1",
        1,
        &[
            ("WS-VEN", [400, 400, 400, 400, 400], "NB-MOI"),
            ("PD-PROV", [400, 400, 400, 400, 400], "NB-MOI"),
            ("MODULE", [1, 0, 0, 0, 0], "NPD-PROT"),
        ],
    ),
    (
        "3.2.1",
        "Judicial training on gender-based violence cases",
        "MOJ",
        &["LAS"],
        "03.3",
        1,
        &[
            ("WS-VEN", [120, 120, 120, 120, 120], "NB-MOJ"),
            ("CONS-INT", [10, 10, 0, 0, 0], "NPD-PROT"),
        ],
    ),
    (
        "3.2.2",
        "Set up gender desks in 25 police commissariats",
        "MOI",
        &["MWA"],
        "03.1",
        2,
        &[
            ("EQUIP", [10, 10, 5, 0, 0], "NB-MOI"),
            ("STAFF", [60, 120, 150, 150, 150], "NB-MOI"),
        ],
    ),
    (
        "3.2.2",
        "Standard operating procedures for gender desks",
        "MOI",
        &["MWA", "LAS"],
        "03.1",
        2,
        &[
            ("CONS-NAT", [30, 0, 0, 0, 0], "NPD-PROT"),
            ("PRINT", [3000, 0, 0, 0, 0], "NB-MOI"),
        ],
    ),
    (
        "4.1.1",
        "Gender review of provincial disaster preparedness plans",
        "NCDM",
        &["MWA", "DPF"],
        "03.6",
        1,
        &[
            ("CONS-NAT", [40, 40, 0, 0, 0], ""),
            ("WS-VEN", [150, 150, 0, 0, 0], ""),
        ],
    ),
    (
        "4.1.1",
        "Women's committees in commune disaster-management teams",
        "NCDM",
        &["WPN"],
        "03.6",
        2,
        &[
            ("WS-VEN", [0, 300, 300, 300, 300], ""),
            ("TRAVEL", [0, 60, 60, 60, 60], ""),
        ],
    ),
    (
        "4.1.2",
        "Pre-position dignity kits in flood-prone provinces",
        "NCDM",
        &["MSV"],
        "10.9",
        1,
        &[
            ("KIT", [2000, 2000, 2000, 2000, 2000], "PRCA-RR"),
            ("TRAVEL", [20, 20, 20, 20, 20], ""),
        ],
    ),
    (
        "4.1.2",
        "Safe spaces for women and girls in evacuation centres",
        "MSV",
        &["NCDM", "DPF"],
        "10.9",
        2,
        &[
            (
                "!Tent and furniture set for a safe space|set|6500000|KHR|3112",
                [0, 10, 10, 0, 0],
                "PRCA-RR",
            ),
            ("STAFF", [0, 12, 12, 12, 12], ""),
        ],
    ),
    (
        "4.2.1",
        "Livelihood grants for women mine survivors",
        "MSV",
        &["NCDM"],
        "10.9",
        2,
        &[
            ("GRANT-HH", [100, 150, 150, 150, 150], "PRCA-RR"),
            ("CONS-NAT", [20, 20, 20, 20, 20], ""),
        ],
    ),
    (
        "4.2.1",
        "Business skills training for veterans' widows and families",
        "MSV",
        &["WPN"],
        "10.9",
        2,
        &[
            ("WS-VEN", [120, 120, 120, 120, 120], ""),
            ("PD-PROV", [120, 120, 120, 120, 120], ""),
        ],
    ),
    (
        "4.2.2",
        "Community psychosocial support groups",
        "MOH",
        &["MSV", "WPN"],
        "07.4",
        2,
        &[
            ("STAFF", [24, 24, 24, 24, 24], ""),
            ("WS-VEN", [100, 100, 100, 100, 100], ""),
        ],
    ),
    (
        "4.2.2",
        "Training of health workers in trauma-informed care",
        "MOH",
        &[],
        "07.4",
        1,
        &[
            ("WS-VEN", [80, 80, 80, 0, 0], ""),
            ("CONS-INT", [10, 10, 0, 0, 0], ""),
        ],
    ),
    (
        "5.1.1",
        "Staff the NAP secretariat",
        "MWA",
        &[],
        "01.3",
        2,
        &[
            ("STAFF", [36, 36, 36, 36, 36], "NB-MWA"),
            ("EQUIP", [3, 0, 0, 3, 0], "NB-MWA"),
        ],
    ),
    (
        "5.1.1",
        "Quarterly meetings of the steering committee and working groups",
        "MWA",
        &["MND", "MOI", "MFA", "MOJ", "MSV", "WPN"],
        "01.3",
        1,
        &[
            ("WS-VEN", [200, 200, 200, 200, 200], "NB-MWA"),
            ("PD-CAP", [40, 40, 40, 40, 40], "NB-MWA"),
        ],
    ),
    (
        "5.1.2",
        "Costing and gender budget tagging training for ministry budget officers",
        "MEF",
        &["MWA"],
        "01.1.2",
        1,
        &[
            ("WS-VEN", [100, 100, 0, 0, 0], ""),
            ("CONS-INT", [15, 0, 0, 0, 0], ""),
        ],
    ),
    (
        "5.1.2",
        "Integrate NAP activities into budget strategic plans",
        "MEF",
        &["MWA"],
        "01.1.2",
        1,
        &[("CONS-NAT", [30, 20, 20, 20, 20], "")],
    ),
    (
        "5.2.1",
        "Develop the NAP monitoring database and reporting templates",
        "MWA",
        &["MEF"],
        "01.3",
        1,
        &[
            ("CONS-NAT", [40, 10, 10, 10, 10], "NB-MWA"),
            ("EQUIP", [2, 0, 0, 0, 0], "NB-MWA"),
        ],
    ),
    (
        "5.2.1",
        "Women, peace and security module in the national household survey",
        "MWA",
        &["MOI"],
        "01.3",
        1,
        &[("SURVEY", [0, 1, 0, 0, 1], "")],
    ),
    (
        "5.2.2",
        "Mid-term review of the NAP",
        "MWA",
        &["WPN"],
        "01.3",
        1,
        &[
            ("CONS-INT", [0, 0, 30, 0, 0], ""),
            ("WS-VEN", [0, 0, 150, 0, 0], "NB-MWA"),
        ],
    ),
    (
        "5.2.2",
        "Final evaluation and public report",
        "MWA",
        &["WPN", "UNW"],
        "01.3",
        1,
        &[
            ("CONS-INT", [0, 0, 0, 0, 40], ""),
            ("PRINT", [0, 0, 0, 0, 2000], "NB-MWA"),
            ("WS-VEN", [0, 0, 0, 0, 200], "NB-MWA"),
        ],
    ),
];

pub(super) fn build() -> Plan {
    let now = Timestamp::try_from("2026-01-15T09:00:00.000Z".to_string()).expect("literal");
    let mut b = Builder::new(
        "sample",
        now,
        "MWA NAP secretariat",
        PlanMetaDraft {
            country: "XM",
            country_name: LocalText::both("Kingdom of Mekara", "ព្រះរាជាណាចក្រមេការា"),
            title: LocalText::both(
                "National Action Plan on Women, Peace and Security 2026–2030",
                "ផែនការសកម្មភាពជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ ២០២៦–២០៣០",
            ),
            goal: LocalText::both(
                "Women and girls in Mekara live free from violence and insecurity, and shape peace and security decisions at every level.",
                "ស្ត្រី និងក្មេងស្រីនៅមេការា រស់នៅដោយគ្មានអំពើហិង្សា និងអសន្តិសុខ ហើយចូលរួមក្នុងការសម្រេចចិត្តលើសន្តិភាព និងសន្តិសុខគ្រប់កម្រិត។",
            ),
            start_year: 2026,
            end_year: 2030,
            base_currency: "KHR",
            presentation_currency: Some("USD"),
        },
    );
    b.plan.meta.status = PlanStatus::Consultation;
    b.plan.meta.contingency = dec("0.05");
    for (y, r) in [
        (2027, "0.03"),
        (2028, "0.03"),
        (2029, "0.025"),
        (2030, "0.025"),
    ] {
        b.plan.meta.inflation.insert(y, dec(r));
    }

    for (code, en, km, kind) in AGENCIES {
        let name = if km.is_empty() {
            LocalText::new(*en)
        } else {
            LocalText::both(*en, *km)
        };
        let record = b.meta(&format!("agency/{code}"));
        b.plan.agencies.push(Agency {
            record,
            code: (*code).into(),
            name,
            kind: *kind,
            programme_code: if kind.is_government() {
                format!("{code}-P04")
            } else {
                String::new()
            },
            contact: String::new(),
        });
    }
    b.plan.meta.lead_agency_id = Some(b.id("agency/MWA"));
    narrative(&mut b);

    for (code, en, km, kind, desc) in PILLARS {
        let record = b.meta(&format!("pillar/{code}"));
        b.plan.pillars.push(Pillar {
            record,
            code: (*code).into(),
            kind: *kind,
            title: LocalText::both(*en, *km),
            description: LocalText::new(*desc),
        });
    }
    for (code, en, km, rpa) in OUTCOMES {
        let pillar = &code[..1];
        let record = b.meta(&format!("outcome/{code}"));
        b.plan.outcomes.push(Outcome {
            record,
            pillar_id: b.id(&format!("pillar/{pillar}")),
            code: (*code).into(),
            title: LocalText::both(*en, *km),
            rpa_outcomes: rpa.to_vec(),
        });
    }
    for (code, en, km) in OUTPUTS {
        let outcome = &code[..3];
        let record = b.meta(&format!("output/{code}"));
        b.plan.outputs.push(Output {
            record,
            outcome_id: b.id(&format!("outcome/{outcome}")),
            code: (*code).into(),
            title: LocalText::both(*en, *km),
        });
    }
    for (code, en, km, unit, cost, cur, econ) in CATALOGUE {
        let record = b.meta(&format!("item/{code}"));
        b.plan.catalogue.push(CatalogueItem {
            record,
            code: (*code).into(),
            name: LocalText::both(*en, *km),
            unit: (*unit).into(),
            unit_cost: dec(cost),
            currency: (*cur).into(),
            economic_code: (*econ).into(),
        });
    }
    let record = b.meta("rate/USD");
    b.plan.exchange_rates.push(ExchangeRate {
        record,
        currency: "USD".into(),
        year: None,
        rate: dec("4100"),
        date: IsoDate::from_ymd(2025, 12, 31).expect("literal"),
        source: "National Bank of Mekara, official reference rate (fictional)".into(),
    });
    // The fictional finance ministry's Khmer terms for the codes the sample uses most, to
    // show what the secretariat enters once in the settings. Illustrative, like everything
    // in the sample: they are not the official terms of any ministry.
    for (scheme, code, km) in [
        (ClassificationScheme::Economic, "22", "ការប្រើប្រាស់ទំនិញ និងសេវា"),
        (
            ClassificationScheme::Economic,
            "221",
            "ការប្រើប្រាស់ទំនិញ និងសេវា",
        ),
        (ClassificationScheme::Functional, "01.1.3", "កិច្ចការបរទេស"),
        (ClassificationScheme::Functional, "03.1", "សេវានគរបាល"),
    ] {
        let mut record = b.meta(&format!("classification/{code}"));
        record.id = ClassificationName::id_for(scheme, code);
        b.plan.classification_names.push(ClassificationName {
            record,
            scheme,
            code: code.into(),
            name: LocalText {
                text: String::new(),
                l2: Some(km.into()),
                l2_outdated: false,
            },
        });
    }
    for (code, name, kind, funder, on_budget, status, cur, amounts, earmark) in SOURCES {
        let earmarks = earmark
            .iter()
            .map(|(target, key)| Earmark {
                target: *target,
                target_id: b.id(&match target {
                    EarmarkTarget::Pillar => format!("pillar/{key}"),
                    EarmarkTarget::Outcome => format!("outcome/{key}"),
                    EarmarkTarget::Output => format!("output/{key}"),
                    EarmarkTarget::Activity => format!("activity/{key}"),
                    EarmarkTarget::Agency => format!("agency/{key}"),
                }),
            })
            .collect();
        let record = b.meta(&format!("source/{code}"));
        b.plan.funding_sources.push(FundingSource {
            record,
            code: (*code).into(),
            name: LocalText::new(*name),
            kind: *kind,
            agency_id: Some(b.id(&format!("agency/{funder}"))),
            on_budget: *on_budget,
            status: *status,
            currency: (*cur).into(),
            amounts: YEARS
                .iter()
                .zip(amounts)
                .filter(|(_, a)| **a != "0")
                .map(|(y, a)| (*y, dec(a)))
                .collect(),
            earmarks,
        });
    }

    let mut per_output: std::collections::HashMap<&str, u32> = Default::default();
    let mut line_no = 0;
    for (output, title, lead, support, cofog, marker, lines) in ACTIVITIES {
        let n = per_output.entry(output).or_default();
        *n += 1;
        let code = format!("{output}.{n}");
        let activity_id = b.id(&format!("activity/{code}"));
        let mut years: Vec<Year> = YEARS
            .iter()
            .enumerate()
            .filter(|(i, _)| lines.iter().any(|(_, q, _)| q[*i] > 0))
            .map(|(_, y)| *y)
            .collect();
        years.dedup();
        let record = b.meta(&format!("activity/{code}"));
        b.plan.activities.push(Activity {
            record,
            output_id: b.id(&format!("output/{output}")),
            code: code.clone(),
            title: LocalText::new(*title),
            description: LocalText::default(),
            lead_agency_id: Some(b.id(&format!("agency/{lead}"))),
            supporting_agency_ids: support
                .iter()
                .map(|s| b.id(&format!("agency/{s}")))
                .collect(),
            years,
            cofog: (*cofog).into(),
            gender_marker: Some(match marker {
                0 => GenderMarker::NotTargeted,
                1 => GenderMarker::Significant,
                _ => GenderMarker::Principal,
            }),
            // Refurbishment works carry a higher contingency than the plan's 5 %.
            contingency: (code == "1.2.2.2").then(|| dec("0.10")),
        });
        for (item, quantities, source) in lines.iter() {
            line_no += 1;
            let quantities: PerYear<Decimal> = YEARS
                .iter()
                .zip(quantities)
                .filter(|(_, q)| **q > 0)
                .map(|(y, q)| (*y, Decimal::from(*q)))
                .collect();
            let funding_source_id = (!source.is_empty()).then(|| b.id(&format!("source/{source}")));
            let record = b.meta(&format!("line/{line_no}"));
            let line = if let Some(free) = item.strip_prefix('!') {
                let f: Vec<&str> = free.split('|').collect();
                CostLine {
                    record,
                    activity_id,
                    item: LocalText::new(f[0]),
                    catalogue_item_id: None,
                    unit: Some(f[1].into()),
                    unit_cost: Some(dec(f[2])),
                    currency: Some(f[3].into()),
                    economic_code: Some(f[4].into()),
                    quantities,
                    funding_source_id,
                    // Works and equipment are bought at a fixed contract price.
                    inflate: false,
                    note: "Fixed-price contract quoted in 2025".into(),
                }
            } else {
                let (_, en, km, ..) = CATALOGUE
                    .iter()
                    .find(|c| c.0 == *item)
                    .unwrap_or_else(|| panic!("unknown catalogue item {item} in sample"));
                CostLine {
                    record,
                    activity_id,
                    item: LocalText::both(*en, *km),
                    catalogue_item_id: Some(b.id(&format!("item/{item}"))),
                    unit: None,
                    unit_cost: None,
                    currency: None,
                    economic_code: None,
                    quantities,
                    funding_source_id,
                    inflate: true,
                    note: String::new(),
                }
            };
            b.plan.cost_lines.push(line);
        }
    }

    indicators(&mut b);
    communication(&mut b);
    agency_plans(&mut b);
    bodies(&mut b);
    reporting_calendar(&mut b);
    consultations(&mut b);
    let record = b.meta("version/consultation-draft");
    b.plan.versions.push(NamedVersion {
        record,
        name: "Draft for consultation".into(),
        note: "Circulated to line ministries and CSOs before the provincial consultations.".into(),
        status: PlanStatus::Consultation,
    });
    b.plan
}

fn narrative(b: &mut Builder) {
    let sections: &[(NarrativeKind, &str, &str, &str, &str)] = &[
        (NarrativeKind::Context, "Context and situation analysis", "បរិបទ និងការវិភាគស្ថានភាព",
         "## Context\n\nMekara has enjoyed three decades of peace since the end of its internal conflict, yet the legacy of that conflict remains: **landmine contamination** in the north-west, families of veterans living in poverty, and survivors of conflict-related sexual violence who have never seen justice.\n\nWomen hold 21 % of seats in the National Assembly but only:\n\n- 6 % of senior posts in the Ministry of Interior;\n- 4 % of officers in the armed forces;\n- 2 of 34 ambassadorships.\n\nEmerging threats — floods and drought, trafficking of migrant women, and online harassment — affect women and men differently.\n\n| Indicator | Women | Men |\n|---|---|---|\n| Police officers | 9 % | 91 % |\n| Peacekeepers deployed | 7 % | 93 % |\n",
         "## បរិបទ\n\nមេការាមានសន្តិភាពអស់រយៈពេលបីទសវត្សរ៍ ប៉ុន្តែកេរដំណែលនៃជម្លោះនៅតែមាន។"),
        (NarrativeKind::Rationale, "Rationale", "សនិទានភាព",
         "This first National Action Plan turns commitments under UNSCR 1325 into **costed** actions with named lead agencies, so that they can be funded through the national budget.", ""),
        (NarrativeKind::Alignment, "Alignment with national and regional frameworks", "ការតម្រឹមជាមួយក្របខណ្ឌជាតិ និងតំបន់",
         "The plan aligns with:\n\n1. the national strategic development plan and the five-year strategic plan for gender equality;\n2. the **ASEAN Regional Plan of Action on Women, Peace and Security** (strategic outcomes 1–6);\n3. UNSCR 1325 and its nine follow-up resolutions;\n4. CEDAW General Recommendation 30;\n5. SDG 5 and SDG 16.\n", ""),
        (NarrativeKind::TheoryOfChange, "Theory of change", "ទ្រឹស្តីនៃការផ្លាស់ប្តូរ",
         "*If* women take part in decisions on peace and security, *and* institutions prevent and respond to violence against women, *and* recovery meets women's needs, *then* peace will be more inclusive and lasting, *because* decisions will reflect the security of the whole population.", ""),
        (NarrativeKind::Priorities, "Priorities and emerging security issues", "អាទិភាព និងបញ្ហាសន្តិសុខថ្មីៗ",
         "- Climate-related disasters and displacement\n- Trafficking in persons along migration routes\n- Online harassment and hate speech\n- Health emergencies\n", ""),
        (NarrativeKind::GuidingPrinciples, "Guiding principles", "គោលការណ៍ណែនាំ",
         "National ownership; inclusion of women in all their diversity; do no harm; survivor-centred approaches; accountability through public reporting.", ""),
        (NarrativeKind::ConsultationProcess, "Consultation process", "ដំណើរការពិគ្រោះយោបល់",
         "The plan was drafted by an inter-ministerial working group and discussed in three consultations, in the capital and two border provinces, with women peacebuilders, youth and persons with disabilities.", ""),
    ];
    for (i, (kind, en, km, body, body_km)) in sections.iter().enumerate() {
        let record = b.meta(&format!("narrative/{i}"));
        b.plan.narrative.push(NarrativeSection {
            record,
            kind: *kind,
            title: LocalText::both(*en, *km),
            body: if body_km.is_empty() {
                LocalText::new(*body)
            } else {
                LocalText::both(*body, *body_km)
            },
        });
    }
}

fn indicators(b: &mut Builder) {
    use IndicatorLevel as L;
    use IndicatorType as T;
    // (code, level, parent key, statement, type, unit, baseline, baseline year, targets,
    //  responsible agency)
    type Row = (
        &'static str,
        L,
        &'static str,
        &'static str,
        T,
        &'static str,
        &'static str,
        [&'static str; 5],
        &'static str,
    );
    let rows: &[Row] = &[
        (
            "I.1",
            L::Impact,
            "",
            "Share of women who feel safe walking alone in their area at night",
            T::Percentage,
            "%",
            "48",
            ["", "", "53", "", "58"],
            "MWA",
        ),
        (
            "I.2",
            L::Impact,
            "",
            "Share of women among signatories and negotiators of peace and border agreements",
            T::Percentage,
            "%",
            "5",
            ["", "", "12", "", "20"],
            "MFA",
        ),
        (
            "1.1.a",
            L::Outcome,
            "outcome/1.1",
            "Share of women in senior posts of security ministries",
            T::Percentage,
            "%",
            "6",
            ["7", "9", "11", "13", "15"],
            "MWA",
        ),
        (
            "1.2.a",
            L::Outcome,
            "outcome/1.2",
            "Share of women among police officers",
            T::Percentage,
            "%",
            "9",
            ["9.5", "10.5", "11.5", "12.5", "14"],
            "MOI",
        ),
        (
            "1.3.a",
            L::Outcome,
            "outcome/1.3",
            "Peace and dialogue processes with women peacebuilders at the table",
            T::Number,
            "processes",
            "1",
            ["2", "3", "4", "5", "6"],
            "MFA",
        ),
        (
            "2.1.a",
            L::Outcome,
            "outcome/2.1",
            "Border communes with an active women-led dialogue group",
            T::Number,
            "communes",
            "0",
            ["6", "12", "18", "24", "30"],
            "MOI",
        ),
        (
            "2.2.a",
            L::Outcome,
            "outcome/2.2",
            "Early-warning reports that include sex-disaggregated data",
            T::Percentage,
            "%",
            "0",
            ["10", "40", "70", "90", "100"],
            "NCDM",
        ),
        (
            "3.1.a",
            L::Outcome,
            "outcome/3.1",
            "Survivors of GBV receiving services at one-stop centres",
            T::Number,
            "survivors per year",
            "350",
            ["600", "900", "1200", "1400", "1600"],
            "MSV",
        ),
        (
            "3.2.a",
            L::Outcome,
            "outcome/3.2",
            "GBV cases reported to police that reach court",
            T::Percentage,
            "%",
            "18",
            ["20", "24", "28", "32", "35"],
            "MOJ",
        ),
        (
            "4.1.a",
            L::Outcome,
            "outcome/4.1",
            "Provincial disaster plans with a gender analysis",
            T::Number,
            "provinces",
            "2",
            ["4", "10", "16", "20", "25"],
            "NCDM",
        ),
        (
            "4.2.a",
            L::Outcome,
            "outcome/4.2",
            "Women grant recipients with higher income after two years",
            T::Percentage,
            "%",
            "0",
            ["", "40", "50", "55", "60"],
            "MSV",
        ),
        (
            "5.1.a",
            L::Outcome,
            "outcome/5.1",
            "Ministries with NAP activities in their budget strategic plan",
            T::Number,
            "ministries",
            "1",
            ["3", "6", "8", "9", "9"],
            "MEF",
        ),
        (
            "5.2.a",
            L::Outcome,
            "outcome/5.2",
            "Annual NAP progress report published",
            T::YesNo,
            "",
            "no",
            ["yes", "yes", "yes", "yes", "yes"],
            "MWA",
        ),
        (
            "1.1.1.a",
            L::Output,
            "output/1.1.1",
            "Women civil servants completing the leadership course",
            T::Number,
            "women",
            "0",
            ["60", "120", "180", "240", "240"],
            "MWA",
        ),
        (
            "1.2.2.a",
            L::Output,
            "output/1.2.2",
            "Women peacekeepers trained for deployment",
            T::Number,
            "women",
            "40",
            ["70", "100", "130", "160", "190"],
            "MND",
        ),
        (
            "2.2.2.a",
            L::Output,
            "output/2.2.2",
            "People reached by the anti-trafficking campaign",
            T::Number,
            "people",
            "0",
            ["50000", "100000", "150000", "200000", "250000"],
            "MOI",
        ),
        (
            "3.2.2.a",
            L::Output,
            "output/3.2.2",
            "Police commissariats with a functioning gender desk",
            T::Number,
            "commissariats",
            "3",
            ["10", "20", "25", "25", "25"],
            "MOI",
        ),
        (
            "5.2.1.a",
            L::Output,
            "output/5.2.1",
            "Quality of the NAP monitoring system (1 = none to 5 = complete)",
            T::Scale,
            "score",
            "1",
            ["2", "3", "4", "4", "5"],
            "MWA",
        ),
    ];
    for (code, level, parent, statement, kind, unit, baseline, targets, agency) in rows {
        let disaggregation = match kind {
            T::Number | T::Percentage => vec![
                Disaggregation::Sex,
                Disaggregation::Age,
                Disaggregation::Location,
            ],
            _ => vec![],
        };
        let record = b.meta(&format!("indicator/{code}"));
        b.plan.indicators.push(Indicator {
            record,
            level: *level,
            parent_id: (!parent.is_empty()).then(|| b.id(parent)),
            code: (*code).into(),
            statement: LocalText::new(*statement),
            kind: *kind,
            unit: (*unit).into(),
            disaggregation,
            baseline_value: Some((*baseline).into()),
            baseline_year: Some(2025),
            baseline_source: "Ministry administrative data, 2025".into(),
            targets: YEARS
                .iter()
                .zip(targets)
                .filter(|(_, t)| !t.is_empty())
                .map(|(y, t)| (*y, (*t).to_string()))
                .collect(),
            means_of_verification: LocalText::new(
                "Annual ministry reports; NAP monitoring database",
            ),
            frequency: if *level == L::Impact {
                Frequency::MidTerm
            } else {
                Frequency::Annual
            },
            responsible_agency_id: Some(b.id(&format!("agency/{agency}"))),
        });
    }
    for (i, (code, value)) in [("1.2.a", "9.8"), ("2.1.a", "5"), ("3.2.2.a", "11")]
        .iter()
        .enumerate()
    {
        let record = b.meta(&format!("progress/{i}"));
        b.plan.progress.push(ProgressValue {
            record,
            indicator_id: b.id(&format!("indicator/{code}")),
            year: 2026,
            period: "2026".into(),
            value: (*value).into(),
            note: "Reported at the 2026 annual review".into(),
            date: IsoDate::from_ymd(2027, 2, 15),
            source: "Ministry annual reports, 2026".into(),
            breakdown: vec![],
        });
    }
    // Where some activities stood at the 2026 review, and what they spent.
    let statuses = [
        ("1.1.1.1", ActivityState::OnTrack, ""),
        ("1.1.1.2", ActivityState::Completed, ""),
        (
            "1.2.1.1",
            ActivityState::Delayed,
            "Venue contract signed late",
        ),
        ("2.1.1.1", ActivityState::OnTrack, ""),
        (
            "2.2.1.1",
            ActivityState::NotStarted,
            "Waiting for the 2027 budget",
        ),
    ];
    for (code, status, note) in statuses {
        let record = b.meta(&format!("activity-status/{code}/2026"));
        b.plan.activity_statuses.push(ActivityStatus {
            record,
            activity_id: b.id(&format!("activity/{code}")),
            year: 2026,
            period: "2026".into(),
            status,
            note: note.into(),
        });
    }
    let spent = [
        ("1.1.1.1", "18500000", "KHR", "NB-MWA"),
        ("1.1.1.1", "1200", "USD", "UNW-PART"),
        ("1.1.1.2", "12350000", "KHR", "NB-MWA"),
        ("1.2.1.1", "9000000", "KHR", ""),
        ("2.1.1.1", "61000000", "KHR", ""),
    ];
    for (i, (code, amount, currency, source)) in spent.into_iter().enumerate() {
        let record = b.meta(&format!("expenditure/{i}"));
        b.plan.expenditures.push(Expenditure {
            record,
            activity_id: b.id(&format!("activity/{code}")),
            year: 2026,
            amount: dec(amount),
            currency: currency.into(),
            funding_source_id: (!source.is_empty()).then(|| b.id(&format!("source/{source}"))),
            note: String::new(),
        });
    }
}

fn communication(b: &mut Builder) {
    use CommunicationItemKind as K;
    let items: &[(K, &str)] = &[
        (
            K::Objective,
            "Make the NAP known to every ministry, province and women's organisation",
        ),
        (
            K::Objective,
            "Change attitudes to women's roles in security institutions",
        ),
        (
            K::Audience,
            "Senior officials of security and justice ministries",
        ),
        (
            K::Audience,
            "Women and youth in border and flood-prone provinces",
        ),
        (K::Audience, "Parliamentarians and the media"),
        (K::KeyMessage, "Peace lasts longer when women help make it"),
        (
            K::KeyMessage,
            "Security institutions serve everyone better when women serve in them",
        ),
        (
            K::KeyMessage,
            "Survivors have the right to justice and services",
        ),
        (
            K::Channel,
            "National radio and television in Khmer and minority languages",
        ),
        (K::Channel, "Social media pages of ministries and CSOs"),
        (K::Channel, "Commune council meetings"),
    ];
    for (i, (kind, text)) in items.iter().enumerate() {
        let record = b.meta(&format!("comm-item/{i}"));
        b.plan.communication.push(CommunicationItem {
            record,
            kind: *kind,
            text: LocalText::new(*text),
        });
    }
    // (title, audience, channel, timing, year, responsible agency, costed activity)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<Year>,
        &'static str,
        &'static str,
    );
    let acts: &[Row] = &[
        (
            "Launch of the NAP with the Prime Minister and civil society",
            "All audiences",
            "Television, press",
            "2026 Q2",
            Some(2026),
            "MWA",
            "5.1.1.2",
        ),
        (
            "Radio series on women in the police and armed forces",
            "Women and youth in provinces",
            "National radio",
            "2026–2030, monthly",
            None,
            "MOI",
            "1.2.1.2",
        ),
        (
            "Anti-trafficking campaign in migrant-sending districts",
            "Women and girls in sending districts",
            "Radio, leaflets, commune meetings",
            "Every year before the dry season",
            None,
            "MOI",
            "2.2.2.1",
        ),
        (
            "Publication of the annual NAP progress report",
            "Parliamentarians and the media",
            "Report, press conference",
            "Every March 8",
            None,
            "MWA",
            "5.2.2.2",
        ),
    ];
    for (i, (title, audience, channel, timing, year, agency, activity)) in acts.iter().enumerate() {
        let record = b.meta(&format!("comm-activity/{i}"));
        b.plan.communication_activities.push(CommunicationActivity {
            record,
            title: LocalText::new(*title),
            audience: (*audience).into(),
            channel: (*channel).into(),
            timing: (*timing).into(),
            year: *year,
            responsible_agency_id: Some(b.id(&format!("agency/{agency}"))),
            languages: vec!["km".into(), "en".into()],
            activity_id: Some(b.id(&format!("activity/{activity}"))),
        });
    }
}

fn agency_plans(b: &mut Builder) {
    // (agency, focal point, sub-activities: (activity, title, year, quarters, budget line,
    //  economic code, budget))
    type Sub = (
        &'static str,
        &'static str,
        Year,
        &'static [u8],
        &'static str,
        &'static str,
        &'static str,
    );
    let plans: &[(&str, &str, &str, &[Sub])] = &[
        (
            "MOI",
            "Lt. Col. Sokha Chan, Department of Gender",
            "gender.dept@moi.example",
            &[
                (
                    "1.2.1.2",
                    "Recruitment fair at the Southern Police Academy",
                    2026,
                    &[2],
                    "MOI-P04-03",
                    "2212",
                    "24000000",
                ),
                (
                    "1.2.1.2",
                    "Recruitment fair at the Northern Police Academy",
                    2026,
                    &[3],
                    "MOI-P04-03",
                    "2212",
                    "24000000",
                ),
                (
                    "3.2.1.1",
                    "Training of trainers for survivor-centred investigation",
                    2026,
                    &[1, 2],
                    "MOI-P04-07",
                    "2211",
                    "48000000",
                ),
                (
                    "3.2.1.1",
                    "Provincial rollout of the investigation course",
                    2026,
                    &[3, 4],
                    "MOI-P04-07",
                    "2211",
                    "96000000",
                ),
                (
                    "3.2.2.1",
                    "Equip the first ten gender desks",
                    2026,
                    &[2, 3],
                    "MOI-P04-09",
                    "3112",
                    "",
                ),
            ],
        ),
        (
            "MWA",
            "Ms Dara Keo, NAP secretariat",
            "nap.secretariat@mwa.example",
            &[
                (
                    "5.1.1.1",
                    "Recruit secretariat officers",
                    2026,
                    &[1],
                    "MWA-P04-01",
                    "2111",
                    "",
                ),
                (
                    "5.1.1.2",
                    "First steering committee meeting",
                    2026,
                    &[1],
                    "MWA-P04-01",
                    "2211",
                    "6000000",
                ),
                (
                    "5.1.1.2",
                    "Quarterly working group meetings",
                    2026,
                    &[1, 2, 3, 4],
                    "MWA-P04-01",
                    "2211",
                    "18000000",
                ),
                (
                    "1.1.1.1",
                    "Leadership course, first cohort",
                    2026,
                    &[2, 3],
                    "MWA-P04-02",
                    "2211",
                    "",
                ),
            ],
        ),
    ];
    for (agency, focal, contact, subs) in plans {
        let plan_key = format!("agency-plan/{agency}");
        let plan_id = b.id(&plan_key);
        let record = b.meta(&plan_key);
        b.plan.agency_plans.push(AgencyPlan {
            record,
            agency_id: b.id(&format!("agency/{agency}")),
            focal_point: (*focal).into(),
            focal_point_contact: (*contact).into(),
            notes: LocalText::new("Operational plan for 2026, the first year of the NAP."),
        });
        for (i, (activity, title, year, quarters, line, econ, budget)) in subs.iter().enumerate() {
            let record = b.meta(&format!("{plan_key}/{i}"));
            b.plan.sub_activities.push(SubActivity {
                record,
                agency_plan_id: plan_id,
                activity_id: b.id(&format!("activity/{activity}")),
                code: format!("{agency}-{:02}", i + 1),
                title: LocalText::new(*title),
                year: *year,
                quarters: quarters.to_vec(),
                budget_line: (*line).into(),
                economic_code: (*econ).into(),
                budget: (!budget.is_empty()).then(|| dec(budget)),
            });
        }
    }
}

fn bodies(b: &mut Builder) {
    let agencies = |codes: &[&str], b: &Builder| -> Vec<Id> {
        codes.iter().map(|c| b.id(&format!("agency/{c}"))).collect()
    };
    let all_gov = [
        "MWA", "MND", "MOI", "MFA", "MOJ", "MSV", "MEF", "MOEYS", "MOH", "NCDM",
    ];
    let sc = b.id("body/SC");
    let record = b.meta("body/SC");
    b.plan.bodies.push(CoordinatingBody {
        record,
        code: "SC".into(),
        name: LocalText::both("National Steering Committee on Women, Peace and Security", "គណៈកម្មាធិការដឹកនាំជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ"),
        kind: BodyKind::SteeringCommittee,
        pillar_id: None,
        mandate: LocalText::new("Provide strategic direction, approve annual work plans and budgets, and report to the Council of Ministers on the NAP."),
        chair_ids: agencies(&["MWA"], b),
        member_ids: agencies(&[&all_gov[1..], &["WPN", "DPF", "UNW"][..]].concat(), b),
        meeting_frequency: "Twice a year".into(),
        quorum: "Half of the members plus one".into(),
        decision_rule: LocalText::new("Consensus; failing consensus, a two-thirds majority of members present."),
        reports_to_id: None,
        responsibilities: LocalText::new("- Approve the annual NAP work plan and budget\n- Review progress reports\n- Resolve coordination issues between ministries"),
    });
    let record = b.meta("body/SEC");
    b.plan.bodies.push(CoordinatingBody {
        record,
        code: "SEC".into(),
        name: LocalText::both("NAP Secretariat", "លេខាធិការដ្ឋានផែនការសកម្មភាពជាតិ"),
        kind: BodyKind::Secretariat,
        pillar_id: None,
        mandate: LocalText::new("Support the steering committee and working groups, consolidate plans and budgets, and run the monitoring system."),
        chair_ids: agencies(&["MWA"], b),
        member_ids: agencies(&["MWA"], b),
        meeting_frequency: "Weekly".into(),
        quorum: "Not applicable".into(),
        decision_rule: LocalText::new("Decisions by the head of the secretariat."),
        reports_to_id: Some(sc),
        responsibilities: LocalText::new("- Prepare meetings and minutes\n- Merge agency plans and costings\n- Publish the annual progress report"),
    });
    // (pillar, English, Khmer, co-chairs, members)
    type Group = (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );
    let groups: &[Group] = &[
        (
            "1",
            "Pillar 1 Working Group: Participation",
            "ក្រុមការងារសសរស្តម្ភទី១៖ ការចូលរួម",
            &["MWA", "WPN"],
            &["MFA", "MND", "MOI", "YPF", "UNW"],
        ),
        (
            "2",
            "Pillar 2 Working Group: Prevention",
            "ក្រុមការងារសសរស្តម្ភទី២៖ ការបង្ការ",
            &["MOI", "YPF"],
            &["NCDM", "MOEYS", "WPN"],
        ),
        (
            "3",
            "Pillar 3 Working Group: Protection",
            "ក្រុមការងារសសរស្តម្ភទី៣៖ ការការពារ",
            &["MOJ", "LAS"],
            &["MOI", "MSV", "MOH", "NPD"],
        ),
        (
            "4",
            "Pillar 4 Working Group: Relief and Recovery",
            "ក្រុមការងារសសរស្តម្ភទី៤៖ ការសង្គ្រោះ និងការស្តារឡើងវិញ",
            &["MSV", "DPF"],
            &["NCDM", "MOH", "WPN", "PRCA"],
        ),
    ];
    for (pillar, en, km, chairs, members) in groups {
        let record = b.meta(&format!("body/PWG{pillar}"));
        b.plan.bodies.push(CoordinatingBody {
            record,
            code: format!("PWG{pillar}"),
            name: LocalText::both(*en, *km),
            kind: BodyKind::PillarWorkingGroup,
            pillar_id: Some(b.id(&format!("pillar/{pillar}"))),
            mandate: LocalText::new("Plan, cost and monitor the pillar's activities; bring CSO and community voices into decisions."),
            chair_ids: agencies(chairs, b),
            member_ids: agencies(members, b),
            meeting_frequency: "Quarterly".into(),
            quorum: "Both co-chairs and a third of members".into(),
            decision_rule: LocalText::new("Consensus of the members present."),
            reports_to_id: Some(sc),
            responsibilities: LocalText::new("- Draft the pillar's annual work plan and costing\n- Report progress against indicators to the secretariat"),
        });
    }
}

fn consultations(b: &mut Builder) {
    use StakeholderGroup as G;
    // (title, date, place, groups, participants women/men/other, inputs, response)
    type Row = (
        &'static str,
        (i32, u32, u32),
        &'static str,
        &'static [G],
        (u32, u32, u32),
        &'static str,
        &'static str,
    );
    let rows: &[Row] = &[
        ("National consultation on the draft NAP", (2025, 9, 18), "Capital, Ministry of Women's Affairs",
         &[G::Government, G::Csos, G::WomenPeacebuilders, G::DevelopmentPartners, G::SecuritySector], (64, 38, 0),
         "Ministries asked for a costed plan they can put in their budget requests; CSOs asked to co-lead working groups.",
         "Added the resources plan and CSO co-leads for every pillar working group."),
        ("Provincial consultation, north-western border provinces", (2025, 10, 7), "Provincial hall, Northern Province",
         &[G::WomenPeacebuilders, G::Youth, G::Survivors, G::Community], (71, 22, 1),
         "Landmine survivors and veterans' widows described the lack of livelihood support; young women raised online harassment.",
         "Added livelihood grants (output 4.2.1) and the online safety activities under output 2.2.2."),
        ("Consultation with persons with disabilities and youth", (2025, 11, 12), "Capital, Youth Centre",
         &[G::PersonsWithDisabilities, G::Youth, G::Csos], (33, 29, 2),
         "Evacuation centres are not accessible; disability organisations are not consulted on disaster plans.",
         "DPF joins the relief and recovery working group as co-lead; accessibility added to the safe-spaces activity."),
    ];
    for (i, (title, (y, m, d), place, groups, (w, men, other), inputs, response)) in
        rows.iter().enumerate()
    {
        let record = b.meta(&format!("consultation/{i}"));
        b.plan.consultations.push(Consultation {
            record,
            title: LocalText::new(*title),
            date: IsoDate::from_ymd(*y, *m, *d).expect("literal date"),
            place: (*place).into(),
            groups: groups.to_vec(),
            participants_women: *w,
            participants_men: *men,
            participants_other: *other,
            inputs: LocalText::new(*inputs),
            response: LocalText::new(*response),
        });
    }
}

fn reporting_calendar(b: &mut Builder) {
    let events: [(&str, &str, Frequency, &str, &str, &str); 3] = [
        (
            "Quarterly monitoring note",
            "កំណត់ត្រាតាមដានប្រចាំត្រីមាស",
            Frequency::Quarterly,
            "Two weeks after each quarter",
            "MWA",
            "National Steering Committee",
        ),
        (
            "Annual NAP progress report",
            "របាយការណ៍វឌ្ឍនភាពប្រចាំឆ្នាំ",
            Frequency::Annual,
            "31 March",
            "MWA",
            "Council of Ministers; published",
        ),
        (
            "Mid-term review",
            "ការពិនិត្យពាក់កណ្តាលអាណត្តិ",
            Frequency::MidTerm,
            "June 2028",
            "MWA",
            "Council of Ministers, development partners",
        ),
    ];
    for (i, (title, l2, frequency, due, agency, recipient)) in events.into_iter().enumerate() {
        let record = b.meta(&format!("reporting/{i}"));
        b.plan.reporting_events.push(ReportingEvent {
            record,
            title: LocalText::both(title, l2),
            frequency,
            due: due.into(),
            responsible_agency_id: Some(b.id(&format!("agency/{agency}"))),
            recipient: recipient.into(),
        });
    }
}
