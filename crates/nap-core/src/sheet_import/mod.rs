//! Import of a logframe or a costing from a spreadsheet: one importer for the shapes real
//! plans have (title rows above the header, merged cells, heading rows, numbered titles,
//! several indicators or actors in one cell, amounts per year in columns, Total rows).
//!
//! Pure: the sheet arrives as text cells and merged regions (the application reads the
//! file), and the result is a new plan plus a review of what would be created, matched,
//! ignored and refused. Nothing here writes; the caller writes only when the review allows.
//!
//! Rules, in the order they apply:
//! - The header row is the row among the first 50 with the most recognised column names
//!   (English, French, Khmer, the other languages of the exports, or the names given in the
//!   mapping).
//! - Cells of a region merged over several rows all hold its value; a blank cell in a
//!   hierarchy column (pillar, outcome, output, activity) takes the value above.
//! - A row with only one cell filled is a heading: it starts a record of the level its first
//!   words name when that is above the highest mapped hierarchy column ("AXE 2.
//!   PRÉVENTION" a pillar, "Objectif spécifique 1.1" an outcome), else of the level just
//!   above that column. Rows whose first text is a total ("Total", "Sous-total", "รวม",
//!   "សរុបរង") are checked against the rows they add up, not imported.
//! - Leading numbering is the record's code; a cell of several lines gives several
//!   activities or indicators; an actors cell gives the lead (first) and supporting agencies.
//! - Columns headed by a year of the plan (or "Year 2", "Année 2") hold amounts per year:
//!   lump-sum cost lines (unit "lump sum", unit cost 1, the amount as quantity, not
//!   inflated: the sheet's figures are already those of their year).
//! - A level the sheet does not give (a budget by pillar has no outcome, output or activity)
//!   gets one placeholder record per parent, named as such and listed in the review.

mod cells;
mod placeholder;
mod said;

pub use cells::{
    agency_code, amount_scale, fold, parse_amount, says_nothing, split_actors, split_items,
    split_numbering, DecimalMark,
};
pub use said::{fill, said, Said, KEY_PREFIX};

use crate::currency::currency;
use crate::model::*;
use crate::text::LocalText;
use crate::time::Timestamp;
use crate::validate::validate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use ts_rs::TS;

/// A region of merged cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// One sheet as read from a file: the text of its cells by row (as displayed, numbers as
/// plain decimals) and its merged regions.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
    pub merged: Vec<Merged>,
}

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "SheetField")]
pub enum Field {
    Pillar,
    Outcome,
    Output,
    Activity,
    Indicator,
    Baseline,
    Target,
    MeansOfVerification,
    LeadAgency,
    Agencies,
    Item,
    Unit,
    UnitCost,
    Quantity,
    Currency,
    Year,
    Amount,
    EconomicCode,
    FunctionCode,
    FundingSource,
    Note,
    /// The activity's code, when the sheet keeps it in a column of its own (the fixed
    /// costing CSV of `nap import csv` does): it matches the plan's activity of that code,
    /// and a new activity takes it.
    ActivityCode,
}

impl Field {
    /// Every field, in the order of the help text. The first four are the levels of the
    /// results chain, in order (the importer indexes them by level).
    pub const ALL: [Field; 22] = [
        Self::Pillar,
        Self::Outcome,
        Self::Output,
        Self::Activity,
        Self::Indicator,
        Self::Baseline,
        Self::Target,
        Self::MeansOfVerification,
        Self::LeadAgency,
        Self::Agencies,
        Self::Item,
        Self::Unit,
        Self::UnitCost,
        Self::Quantity,
        Self::Currency,
        Self::Year,
        Self::Amount,
        Self::EconomicCode,
        Self::FunctionCode,
        Self::FundingSource,
        Self::Note,
        Self::ActivityCode,
    ];

    /// The field's name in `--map` and in messages (`unit_cost`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The field called `name` (`unit_cost`, `unit-cost`, `Unit cost`).
    pub fn parse(name: &str) -> Option<Self> {
        let wanted = fold(name).replace(' ', "_");
        Self::ALL.into_iter().find(|f| f.name() == wanted)
    }
}

/// Column names recognised without a mapping, in any case and accents (they are folded as
/// headers are, see [`fold`]): English, French and Khmer names seen in published plans, and
/// in every language NAP Studio writes documents in (Thai, Vietnamese, Indonesian, Lao,
/// Burmese, Filipino) at least the words its own exports print for these columns (a test
/// holds them to the label catalogue).
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Pillar,
        &[
            "pillar",
            "pilier",
            "axe",
            "axes",
            "axe strategique",
            "axes strategiques",
            "piliers",
            "pillars",
            "strategic axes",
            "priority areas",
            "strategic areas",
            "thematic areas",
            "domaines prioritaires",
            "axis",
            "strategic axis",
            "priority area",
            "strategic area",
            "thematic area",
            "domaine prioritaire",
            "orientation strategique",
            "orientations strategiques",
            "សសរស្តម្ភ",
            // Thai plans are ordered by strategies (แผนยุทธศาสตร์), their top level.
            "ยุทธศาสตร์",
            "trụ cột",
            "pilar",
            "เสาหลัก",
            "ເສົາຫຼັກ",
            "မဏ္ဍိုင်",
            "haligi",
        ],
    ),
    (
        Field::Outcome,
        &[
            "outcome",
            "outcomes",
            "objectif specifique",
            "objectifs specifiques",
            "specific objective",
            "expected outcome",
            "effet",
            "effets",
            "effet attendu",
            "លទ្ធផល",
            "លទ្ធផលរំពឹងទុក",
            "kết quả",
            "hasil",
            "ผลลัพธ์",
            "ຜົນລັບ",
            "ရလဒ်",
            "kinalabasan",
        ],
    ),
    (
        Field::Output,
        &[
            "output",
            "outputs",
            "resultat attendu",
            "resultats attendus",
            "resultat",
            "resultats",
            "expected result",
            "expected results",
            "produit",
            "produits",
            "extrant",
            "extrants",
            "ទិន្នផល",
            "đầu ra",
            "keluaran",
            "ผลผลิต",
            "ຜົນຜະລິດ",
            "ထွက်ရှိမှု",
        ],
    ),
    (
        Field::Activity,
        &[
            "activity",
            "activities",
            "action points",
            "action point",
            "key actions",
            "strategic actions",
            "priority actions",
            "programs projects and activities",
            "programmes projects and activities",
            "ppas",
            "interventions",
            "key activities",
            "main activities",
            "actions a mener",
            "actions prioritaires",
            "activites a mener",
            "mesures",
            "mesures a prendre",
            "activite",
            "activites",
            "actions",
            "action",
            "activites principales",
            "activites prevues",
            "actions prevues",
            "taches",
            "taches prevues",
            "សកម្មភាព",
            "hoạt động",
            "nhiệm vụ",
            "nhiệm vụ hoạt động",
            "nhiệm vụ và hoạt động",
            "nội dung hoạt động",
            "các hoạt động",
            "kegiatan",
            "กิจกรรม",
            "ກິດຈະກຳ",
            "လုပ်ဆောင်ချက်",
            "gawain",
        ],
    ),
    (
        Field::Indicator,
        &[
            "indicator",
            "indicators",
            "indicateur",
            "indicateurs",
            "indicateurs de resultat",
            "indicateurs objectivement verifiables",
            "សូចនាករ",
            "chỉ số",
            "indikator",
            "ตัวชี้วัด",
            "ຕົວຊີ້ວັດ",
            "ညွှန်ကိန်း",
            "ညွှန်ကိန်းများ",
            "panukat",
            "mga panukat",
        ],
    ),
    (
        Field::Baseline,
        &[
            "baseline",
            "situation de reference",
            "valeur de reference",
            "reference",
            "situation de base",
            "base",
            "មូលដ្ឋាន",
            "តម្លៃមូលដ្ឋាន",
            "giá trị cơ sở",
            "data dasar",
            "ค่าฐาน",
            "ຂໍ້ມູນພື້ນຖານ",
            "အခြေခံအချက်အလက်",
            "batayang datos",
        ],
    ),
    (
        Field::Target,
        &[
            "target",
            "targets",
            "cible",
            "cibles",
            "valeur cible",
            "final target",
            "គោលដៅ",
            "chỉ tiêu",
            "ค่าเป้าหมาย",
            "เป้าหมาย",
            "ຄາດໝາຍ",
            "ပန်းတိုင်",
        ],
    ),
    (
        Field::MeansOfVerification,
        &[
            "means of verification",
            "source of verification",
            "sources of verification",
            "moyens de verification",
            "sources de verification",
            "source de verification",
            "មធ្យោបាយផ្ទៀងផ្ទាត់",
        ],
    ),
    (
        Field::LeadAgency,
        &[
            "responsible",
            "lead",
            "lead agency",
            "lead agencies",
            "responsible agency",
            "responsible agencies",
            "responsible institution",
            "responsible ministry",
            "implementing agency",
            "implementing agencies",
            "agence responsable",
            "ministere responsable",
            "institution responsable",
            "responsable",
            "responsables",
            "acteurs",
            "acteur",
            "structure responsable",
            "structures responsables",
            "responsibility",
            "ស្ថាប័នទទួលខុសត្រូវ",
            "អ្នកទទួលខុសត្រូវ",
            "institution chef de file",
            "chef de file",
            "ស្ថាប័នដឹកនាំ",
            "cơ quan chủ trì",
            "chủ trì",
            "instansi utama",
            "penanggung jawab",
            "หน่วยงานหลัก",
            "หน่วยงานรับผิดชอบ",
            "ໜ່ວຍງານຮັບຜິດຊອບຫຼັກ",
            "ဦးဆောင်အဖွဲ့အစည်း",
            "nangungunang ahensya",
        ],
    ),
    (
        Field::Agencies,
        &[
            "partners",
            "partenaires",
            "supporting agencies",
            "supporting agency",
            "support agencies",
            "support agency",
            "partner agencies",
            "partner agency",
            "co implementing agencies",
            "collaborating agencies",
            "other agencies",
            "other actors",
            "partenaires techniques",
            "structures d appui",
            "structures partenaires",
            "autres acteurs",
            "acteurs associes",
            "ស្ថាប័នពាក់ព័ន្ធ",
            "ស្ថាប័នគាំទ្រ",
            "หน่วยงานร่วม",
            "ໜ່ວຍງານສະໜັບສະໜູນ",
            "katuwang na ahensya",
            "instansi terkait",
            "pihak terkait",
            "mitra",
            "partenaires de mise en oeuvre",
            "structures associees",
            "implementing partners",
            "ដៃគូ",
            "cơ quan phối hợp",
            "instansi pendukung",
            "หน่วยงานสนับสนุน",
        ],
    ),
    (
        Field::Item,
        &[
            "item",
            "cost item",
            "rubrique",
            "poste de depense",
            "nature de la depense",
            "description",
            "ធាតុ",
            "poste",
            "poste budgetaire",
            "មុខចំណាយ",
            "khoản mục",
            "butir",
            "รายการ",
            "ລາຍການ",
            "အမျိုးအမည်",
            "aytem",
        ],
    ),
    (
        Field::Unit,
        &[
            "unit",
            "unite",
            "ឯកតា",
            "đơn vị",
            "satuan",
            "หน่วย",
            "ຫົວໜ່ວຍ",
            "ယူနစ်",
            "yunit",
        ],
    ),
    (
        Field::UnitCost,
        &[
            "unit cost",
            "unit_cost",
            "cout unitaire",
            "prix unitaire",
            "ថ្លៃឯកតា",
            "តម្លៃឯកតា",
            "đơn giá",
            "harga satuan",
            "ราคาต่อหน่วย",
            "ລາຄາຕໍ່ຫົວໜ່ວຍ",
            "ယူနစ်တန်ဖိုး",
            "halaga bawat yunit",
        ],
    ),
    (
        Field::Quantity,
        &[
            "quantity",
            "quantite",
            "qty",
            "nombre",
            "បរិមាណ",
            "số lượng",
            "จำนวน",
            "ຈຳນວນ",
        ],
    ),
    (
        Field::Currency,
        &[
            "currency",
            "devise",
            "monnaie",
            "រូបិយប័ណ្ណ",
            "đồng tiền",
            "mata uang",
            "สกุลเงิน",
            "ສະກຸນເງິນ",
            "ငွေကြေး",
            "salapi",
        ],
    ),
    (
        Field::Year,
        &[
            "year",
            "annee",
            "ឆ្នាំ",
            "năm",
            "tahun",
            "ปี",
            "ປີ",
            // When the work is done, which is the year of its cost or the years it spreads
            // over ("2026-2028", "Continu"): see `row_years`.
            "period",
            "periode",
            "periode d execution",
            "periode de mise en oeuvre",
            "periode de realisation",
            "echeance",
            "echeances",
            "echeancier",
            "calendrier",
            "calendrier d execution",
            "chronogramme",
            "delai",
            "delais",
            "delai d execution",
            "timeframe",
            "time frame",
            "timeline",
            "implementation period",
            "រយៈពេល",
            "ពេលវេលា",
            "ពេលវេលាអនុវត្ត",
            "ระยะเวลา",
            "ระยะเวลาดำเนินการ",
            "thời gian",
            "thời gian thực hiện",
            "waktu pelaksanaan",
            "jangka waktu",
            "ໄລຍະເວລາ",
            "ໄລຍະເວລາປະຕິບັດ",
            "ကာလ",
            "အချိန်ကာလ",
            "panahon",
            "takdang panahon",
        ],
    ),
    (
        Field::Amount,
        &[
            "amount",
            "montant",
            "cost",
            "cout",
            "budget",
            "cout estime",
            "estimated cost",
            "ចំនួនទឹកប្រាក់",
            "ថវិកា",
            "ngân sách",
            "kinh phí",
            "anggaran",
            "biaya",
            "งบประมาณ",
            "ງົບປະມານ",
            "ဘတ်ဂျက်",
            "အသုံးစရိတ်",
            "badyet",
        ],
    ),
    (
        Field::EconomicCode,
        &[
            "economic code",
            "economic_code",
            "code economique",
            "gfs code",
            "nature economique",
        ],
    ),
    (
        Field::FunctionCode,
        &[
            "function code",
            "function_code",
            "cofog",
            "code fonctionnel",
        ],
    ),
    (
        Field::FundingSource,
        &[
            "funding source",
            "funding_source",
            "source de financement",
            "source of funds",
            "sources de financement",
            "bailleur",
            "financement",
            "funding sources",
            "ប្រភពមូលនិធិ",
            "nguồn vốn",
            "sumber pendanaan",
            "แหล่งเงินทุน",
            "แหล่งเงิน",
            "ແຫຼ່ງທຶນ",
            "ရန်ပုံငွေ ရင်းမြစ်များ",
            "mga pinagmumulan ng pondo",
        ],
    ),
    (
        Field::ActivityCode,
        &[
            "activity code",
            "activity_code",
            "code activite",
            "code de l activite",
            "លេខកូដសកម្មភាព",
        ],
    ),
    (
        Field::Note,
        &[
            "note",
            "notes",
            "remarks",
            "observations",
            "commentaires",
            "comments",
            "កំណត់សម្គាល់",
            "កំណត់ចំណាំ",
            "ghi chú",
            "catatan",
            "หมายเหตุ",
            "ໝາຍເຫດ",
            "မှတ်ချက်",
            "tala",
        ],
    ),
];

/// What a Total row adds up: the rows since the last Total row, every row above it, or
/// whichever of the two it agrees with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TotalKind {
    /// "Sous-total", "Subtotal", "សរុបរង", "รวมย่อย": the rows since the last total.
    Sub,
    /// "Total général", "Grand total", "សរុបរួម", "รวมทั้งสิ้น": every row above.
    Grand,
    /// "Total", "TOTAL AXE 1", "សរុប", "รวม": a section's total or the sheet's.
    Plain,
}

/// The words, written folded (a test holds them to [`fold`]), that open a Total row or name
/// a Total column, by kind. A word matches
/// a cell that is the word or starts with it and a space ("Total axe 1", "รวม ยุทธศาสตร์ที่
/// 1"): an activity called "รวมพลังสตรี" is not a total.
const TOTAL_ROW_WORDS: &[(TotalKind, &[&str])] = &[
    (
        TotalKind::Sub,
        &[
            "sous total",
            "subtotal",
            "sub total",
            "total partiel",
            "សរុបរង",
            "รวมย่อย",
            "tong phu",
            "ລວມຍ່ອຍ",
        ],
    ),
    (
        TotalKind::Grand,
        &[
            "grand total",
            "total general",
            "total global",
            "totaux",
            "សរុបរួម",
            "សរុបទាំងអស់",
            "រួមទាំងអស់",
            "รวมทั้งสิ้น",
            "รวมทั้งหมด",
            "ยอดรวมทั้งสิ้น",
            "tong cong",
            "total keseluruhan",
            "jumlah total",
            "ລວມທັງໝົດ",
            "စုစုပေါင်း",
            "kabuuang halaga",
        ],
    ),
    (
        TotalKind::Plain,
        &[
            "total",
            "សរុប",
            "รวม",
            "ยอดรวม",
            "tong so",
            "jumlah",
            "ລວມ",
            "ပေါင်း",
            "kabuuan",
        ],
    ),
];

/// Words (folded) that are a plain total only as the whole cell: Vietnamese "Tổng" opens
/// activities too ("Tổng kết 5 năm…", a five-year review).
const TOTAL_ALONE: &[&str] = &["tong", "cong"];

/// The kind of total `text` names, if it names one ("Total", "Sous-total", "រួមទាំងអស់").
fn total_kind(text: &str) -> Option<TotalKind> {
    let f = fold(text);
    if TOTAL_ALONE.contains(&f.as_str()) {
        return Some(TotalKind::Plain);
    }
    let opens = |w: &str| f == w || f.strip_prefix(w).is_some_and(|rest| rest.starts_with(' '));
    (TOTAL_ROW_WORDS.iter())
        .find(|(_, words)| words.iter().any(|w| opens(w)))
        .map(|(kind, _)| *kind)
}

/// Whether `text` makes a row or column a total.
fn is_total(text: &str) -> bool {
    total_kind(text).is_some()
}

/// Names (folded) of a column of each row's whole cost ("Coût total (FCFA)", "Montant
/// total", "Budget global"): beside year or unit-cost columns a total to check; alone, the
/// amount (see `layout`).
const TOTAL_COST_NAMES: &[&str] = &[
    "cout total",
    "couts totaux",
    "cout global",
    "montant total",
    "budget total",
    "budget global",
    "cout total estime",
    "total cost",
    "total budget",
    "total amount",
    "estimated total cost",
    "សរុបថវិកា",
    "ថវិកាសរុប",
    "งบประมาณรวม",
    "tổng kinh phí",
    "tổng chi phí",
    "total biaya",
    "total anggaran",
];

/// Whether `header` names a column of each row's whole cost, alone or with what prices it
/// ("Coût total (en FCFA)").
fn is_total_cost(header: &str) -> bool {
    let f = fold(header);
    TOTAL_COST_NAMES.iter().map(|n| fold(n)).any(|name| {
        f == name
            || (f.strip_prefix(name.as_str()))
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|rest| qualifies(Field::Amount, rest))
    })
}

/// Words (folded) of a group header that name the State as the funder of the amounts under
/// it ("État", "Budget national", "ថវិកាជាតិ"). A sheet that splits each year's cost between
/// funders has one group of year columns per funder.
const STATE_WORDS: &[&str] = &[
    "etat",
    "gouvernement",
    "budget national",
    "budget de l etat",
    "tresor",
    "ressources internes",
    "contrepartie",
    "government",
    "govt",
    "rgc",
    "national budget",
    "state budget",
    "domestic",
    "counterpart",
    "រាជរដ្ឋាភិបាល",
    "ថវិកាជាតិ",
    "ថវិការដ្ឋ",
    "รัฐบาล",
    "งบประมาณแผ่นดิน",
    "ngan sach nha nuoc",
    "pemerintah",
    "apbn",
];

/// Words (folded) that name civil society as the funder ("ONG", "NGOs").
const CSO_WORDS: &[&str] = &["ong", "ngo", "ngos", "osc", "cso", "csos"];

/// Words (folded) that name development partners as the funder ("PTF", "Development
/// partners", "ដៃគូអភិវឌ្ឍន៍").
const PARTNER_WORDS: &[&str] = &[
    "partenaires",
    "ptf",
    "bailleurs",
    "bailleurs de fonds",
    "ressources exterieures",
    "exterieur",
    "partners",
    "development partners",
    "donors",
    "donor",
    "external",
    "nations unies",
    "united nations",
    "ដៃគូអភិវឌ្ឍន៍",
    "ម្ចាស់ជំនួយ",
    "ผู้บริจาค",
    "หุ้นส่วนการพัฒนา",
    "nha tai tro",
    "doi tac phat trien",
    "mitra pembangunan",
];

/// Words (folded) of a group that totals others ("Total (État + PTF)"): never added to them.
const TOTAL_GROUP_WORDS: &[&str] = &[
    "total",
    "totaux",
    "ensemble",
    "សរុប",
    "รวม",
    "tong",
    "jumlah",
];

/// Words (folded) of a group of what is already funded, by no funder named ("Financement
/// acquis"): beside the funders' columns it would count their money twice.
const FUNDED_WORDS: &[&str] = &["acquis", "disponible", "mobilise", "funded", "secured"];

/// Words (folded) of a group of the cost no funder covers yet ("Gap", "Besoin de
/// financement", "À rechercher"): beside the funders' columns, the rest of the year's cost.
const GAP_WORDS: &[&str] = &[
    "gap",
    "funding gap",
    "unfunded",
    "shortfall",
    "to be mobilised",
    "to be mobilized",
    "ecart",
    "besoin",
    "besoin de financement",
    "a rechercher",
    "a mobiliser",
    "non finance",
    "deficit",
    "manque",
    "គម្លាត",
    "គម្លាតថវិកា",
    "ส่วนขาด",
];

/// What the amounts under a group of year columns are, when the group is one part of each
/// year's cost that the other parts are added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Share {
    /// The share one funder pays, of this kind ("État", "Partenaires techniques et
    /// financiers").
    Funder(SourceKind),
    /// The share no funder covers yet ("Gap").
    Unfunded,
}

/// The share of each year's cost the group header `group` names, or `None` when it names
/// none, several funders ("État et PTF"), a total of others ("Total (État + PTF)") or what
/// is funded by no funder named ("Financement acquis").
fn group_share(group: &str) -> Option<Share> {
    let words = format!(" {} ", fold(group));
    let has = |list: &[&str]| list.iter().any(|w| words.contains(&format!(" {w} ")));
    if group.contains('+') || has(TOTAL_GROUP_WORDS) || has(FUNDED_WORDS) {
        return None;
    }
    if has(GAP_WORDS) {
        return Some(Share::Unfunded);
    }
    match (has(STATE_WORDS), has(CSO_WORDS), has(PARTNER_WORDS)) {
        (true, false, false) => Some(Share::Funder(SourceKind::NationalBudget)),
        (false, true, false) => Some(Share::Funder(SourceKind::Csos)),
        (false, false, true) => Some(Share::Funder(SourceKind::DevelopmentPartner)),
        _ => None,
    }
}

/// The kind of the one funder `group` names (see [`group_share`]).
fn funder_kind(group: &str) -> Option<SourceKind> {
    match group_share(group) {
        Some(Share::Funder(kind)) => Some(kind),
        _ => None,
    }
}

/// A readable code for the funder named `name`: its initials or short name as for an
/// agency ("DP", "ETAT", "PTF"), except where those do not read: a single word cut at eight
/// letters ("GOVERNME", "PARTENAI") or a name without Latin letters ("ថវិកាជាតិ"), which
/// take the usual code of the funder's kind (GOV, DP, CSO) when it is known.
fn funder_code(name: &str) -> String {
    let code = cells::agency_code(name);
    let folded = fold(name);
    let letters = folded.chars().filter(|c| c.is_alphanumeric()).count();
    let cut = code.chars().count() == 8 && letters > 8 && !folded.contains(' ');
    if !cut && code != cells::NUMBERED_AGENCY_CODE {
        return code;
    }
    match funder_kind(name) {
        Some(SourceKind::NationalBudget) => "GOV".into(),
        Some(SourceKind::DevelopmentPartner) => "DP".into(),
        Some(SourceKind::Csos) => "CSO".into(),
        _ => code,
    }
}

/// Where a column's values go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Field(Field),
    /// Amounts of this year of the plan.
    Year(Year),
    /// A Total column: checked against the row's year amounts.
    Total,
}

impl Use {
    /// The column's reading as the review and `--map` name it (`unit_cost`, `year:2028`);
    /// `None` for a Total column, which is checked, not imported.
    fn name(&self) -> Option<String> {
        match self {
            Use::Field(f) => Some(f.name()),
            Use::Year(y) => Some(format!("year:{y}")),
            Use::Total => None,
        }
    }
}

/// How a column was read, for the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ColumnUse {
    /// The column's letter, as the spreadsheet shows it ("C").
    pub column: String,
    pub header: String,
    /// The field it fills (`pillar`, `unit_cost`…), `year:2027`, or `None` when ignored.
    pub field: Option<String>,
    /// How it was read, or why it is ignored (with [`ColumnUse::multiple`] and
    /// [`ColumnUse::currency`], [`ColumnUse::described`] says it all in English).
    pub note: Said,
    /// The multiple the column's amounts are stated in, as its header or a title above the
    /// header says ("1000000": millions); `None` when they are in units.
    pub multiple: Option<String>,
    /// The currency the column's header (or a title above it) states for its amounts, for
    /// the cells that state none.
    pub currency: Option<String>,
    /// A Total column: not imported, but the rows' years must add up to it.
    pub total: bool,
}

impl ColumnUse {
    /// How the column was read, in English, with the multiple and currency its amounts are
    /// stated in ("amounts of the year, in millions (× 1,000,000), in XOF").
    pub fn described(&self) -> String {
        let mut out = self.note.message.clone();
        if let Some(scale) = self.multiple.as_deref().and_then(|m| m.parse().ok()) {
            out.push_str(&format!(", {}", multiple_name(scale)));
        }
        if let Some(c) = &self.currency {
            out.push_str(&format!(", in {c}"));
        }
        out
    }
}

/// A row the import refuses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RefusedRow {
    /// The row number as the spreadsheet shows it (1 is the first row).
    pub row: usize,
    /// The column's letter and header.
    pub column: String,
    pub reason: Said,
}

impl std::fmt::Display for RefusedRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, column {}: {}",
            self.row,
            crate::text::quoted(&self.column),
            crate::text::cut_long(&self.reason.message)
        )
    }
}

/// How many records of a kind the import creates and how many rows matched existing ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindCount {
    pub kind: String,
    pub created: usize,
    pub matched: usize,
}

/// A Total row or column compared with the sum of the rows imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TotalCheck {
    pub row: usize,
    /// The year compared, or `None` for the whole row.
    pub year: Option<Year>,
    pub sheet_total: String,
    pub imported: String,
    /// Sheet total − imported; "0" when they agree.
    pub difference: String,
    /// The currency of `imported`: the one the total's cell or column states, else the
    /// rows' own when all the rows it adds up share one, else the plan's.
    pub currency: String,
    /// The currencies of rows counted in the plan's currency at its rate of their year
    /// (empty when the rows share one currency).
    pub converted: Vec<String>,
}

/// Amounts imported for one pillar and year, in the line's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PillarYearAmount {
    pub pillar: String,
    pub year: Year,
    pub currency: String,
    pub amount: String,
}

/// What an import would do: shown before anything is written (`--dry-run`, the preview).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetReview {
    /// The header row's number (1-based).
    pub header_row: usize,
    /// The number of the header's last row: `header_row`, or the row below it when the
    /// years stand under a merged group ("Budget" over 2026, 2027…).
    pub header_last_row: usize,
    pub columns: Vec<ColumnUse>,
    /// The plan's years: the years a column of amounts can be read as (`year:2028`).
    pub plan_years: Vec<Year>,
    pub counts: Vec<KindCount>,
    /// "CODE Name" of each agency created.
    pub agencies_created: Vec<String>,
    /// Records made for levels the sheet does not give (`placeholder`: their kind and
    /// title).
    pub placeholders: Vec<Said>,
    pub amounts: Vec<PillarYearAmount>,
    pub total_checks: Vec<TotalCheck>,
    pub refused: Vec<RefusedRow>,
    /// Other things to know (costs of a cell with several activities, heading rows kept).
    pub notes: Vec<Said>,
    /// Rows imported.
    pub rows: usize,
}

/// The plan with the sheet imported, and the review.
#[derive(Debug, Clone)]
pub struct SheetImport {
    pub plan: Plan,
    pub review: SheetReview,
}

/// Why a sheet cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the sheet is empty")]
    Empty,
    #[error("no header row found in the first 50 rows: name the columns with --map FIELD=COLUMN (e.g. --map activity=C)")]
    NoHeader,
    #[error("`{}` is not a field; fields are {}, year:YYYY (the amounts of a year of the plan) and ignore (to leave the column out)", crate::text::quoted(.0), Field::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "))]
    UnknownField(String),
    #[error("--map {field}={}: no column has that header or letter", crate::text::quoted(.column))]
    UnknownColumn { field: String, column: String },
    #[error("--map {field}: a column can hold the amounts of a year of the plan period {start}–{end} only")]
    NotAPlanYear {
        field: String,
        start: Year,
        end: Year,
    },
    #[error("the sheet has no column for what a plan is made of (pillar, outcome, output, activity, indicator, or amounts)")]
    NothingToImport,
    #[error("the imported rows would make the plan inconsistent: {}", crate::text::cut_long(.0))]
    Inconsistent(String),
    /// The watcher asked to stop while the rows were checked; nothing was imported.
    #[error("stopped before every row was checked; nothing was imported")]
    Stopped,
}

/// The column letters of index `i` ("A", "Z", "AA").
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The index of column letters "C" or "AB"; `None` when `text` is not letters.
fn column_index(text: &str) -> Option<usize> {
    let t = text.trim();
    if t.is_empty() || t.len() > 3 || !t.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut i = 0usize;
    for c in t.to_ascii_uppercase().bytes() {
        i = i * 26 + usize::from(c - b'A' + 1);
    }
    Some(i - 1)
}

/// What the import is told besides the sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// `FIELD=COLUMN` pairs: COLUMN is a header (any case, accents, spacing) or a letter.
    pub map: Vec<(String, String)>,
}

/// Years past the common era's in the Buddhist Era, which Thai, Lao and Khmer tables may
/// count in (พ.ศ. 2570 is 2027).
const BUDDHIST_ERA: Year = 543;

/// The year a word of four digits writes, when it is one of 1900–2200, or the same year
/// counted in the Buddhist Era (2443–2743, which no plan of the common era reaches). A
/// folded word: "FY2027" is "fy2027", the fiscal year 2027.
fn year_word(word: &str) -> Option<Year> {
    let word = word.strip_prefix("fy").unwrap_or(word);
    let y = word.parse::<Year>().ok().filter(|_| word.len() == 4)?;
    if (1900..=2200).contains(&y) {
        Some(y)
    } else {
        (1900 + BUDDHIST_ERA..=2200 + BUDDHIST_ERA)
            .contains(&y)
            .then_some(y - BUDDHIST_ERA)
    }
}

/// The years a header writes in four digits, each once, in order ("Coût 2026-2030": 2026
/// and 2030).
fn header_years(header: &str) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for y in fold(header).split(' ').filter_map(year_word) {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years
}

/// A fiscal year across two calendar years, as ministries write it ("2026/27", "2026-27",
/// "FY 2026/2027", "FY2026/27", "2569/70" in the Buddhist Era): the year it begins, and the header's
/// own writing of it. The second year follows the first, in two digits or four; four digits
/// after a dash ("2026-2027") are left to mean both years, as a biennium's budget is
/// written, and so are years that do not follow each other ("2026-2030").
fn fiscal_year(header: &str) -> Option<(Year, String)> {
    let chars: Vec<char> = header.chars().map(cells::ascii_digit).collect();
    let digits_from = |at: usize| {
        chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    while i < chars.len() {
        let run = digits_from(i);
        if run == 0 {
            i += 1;
            continue;
        }
        // "FY2026/27" is written without a space.
        let word_start = match chars.get(i.saturating_sub(2)..i) {
            Some(['F' | 'f', 'Y' | 'y']) => i - 2,
            _ => i,
        };
        let starts_word = word_start == 0 || !chars[word_start - 1].is_alphanumeric();
        let first: String = chars[i..i + run].iter().collect();
        let mut j = i + run;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        let separator = chars.get(j).copied();
        j += 1;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        let second_run = if j < chars.len() { digits_from(j) } else { 0 };
        let ends_word = chars
            .get(j + second_run)
            .is_none_or(|c| !c.is_alphanumeric());
        if run == 4 && starts_word && ends_word && matches!(separator, Some('/' | '-' | '–' | '—'))
        {
            let second: String = chars[j..j + second_run].iter().collect();
            if let (Some(year), Ok(written), Ok(next)) = (
                year_word(&first),
                first.parse::<Year>(),
                second.parse::<Year>(),
            ) {
                let follows = match second_run {
                    2 => next == (written + 1) % 100,
                    4 => next == written + 1 && separator == Some('/'),
                    _ => false,
                };
                if follows {
                    return Some((year, format!("{first}/{second}")));
                }
            }
        }
        i += run;
    }
    None
}

/// The year a header names: a year of the plan ("2027", "Budget 2027"), a fiscal year by
/// the year it begins ("2026/27": see [`fiscal_year`]), or "Year 2", "Année 2", "An 2"
/// (the plan's second year). A header that writes two years otherwise ("Coût 2026-2030")
/// names several, not one: `None`.
fn header_year(header: &str, plan: &Plan) -> Option<Year> {
    if let Some((year, _)) = fiscal_year(header) {
        return Some(year);
    }
    match header_years(header).as_slice() {
        [year] => return Some(*year),
        [] => {}
        _ => return None,
    }
    let f = fold(header);
    let words: Vec<&str> = f.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        if ["year", "annee", "an", "ឆ្នាំ"].contains(w) {
            if let Some(n) = words.get(i + 1).and_then(|n| n.parse::<Year>().ok()) {
                if n >= 1 && n <= plan.meta.end_year - plan.meta.start_year + 1 {
                    return Some(plan.meta.start_year + n - 1);
                }
            }
        }
    }
    None
}

/// Whether a header names a part of a year ("T1", "Q3", "S2", "Trim. 2", "1er trimestre",
/// "Semestre 2", "Janv.", "March"): the columns of a chronogramme by quarter or month.
fn is_year_part(header: &str) -> bool {
    const MONTHS: &[&str] = &[
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
        "janv",
        "fevr",
        "fev",
        "avr",
        "juil",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
    ];
    let f = fold(header);
    let words: Vec<&str> = f.split(' ').collect();
    let small = |w: &str, most: u32| w.parse::<u32>().is_ok_and(|n| (1..=most).contains(&n));
    let numbered = |w: &str, letters: &[&str], most: u32| {
        letters
            .iter()
            .any(|l| w.strip_prefix(l).is_some_and(|n| small(n, most)))
    };
    let ordinal = |w: &str| {
        [
            "1er", "1re", "1st", "2e", "2eme", "2nd", "3e", "3eme", "3rd", "4e", "4eme", "4th",
        ]
        .contains(&w)
    };
    const QUARTER: &[&str] = &["trimestre", "trim", "quarter", "qtr"];
    const HALF: &[&str] = &["semestre", "sem", "half"];
    match words.as_slice() {
        [w] => numbered(w, &["t", "q"], 4) || numbered(w, &["s", "h"], 2) || MONTHS.contains(w),
        [name, n] if QUARTER.contains(name) => small(n, 4),
        [name, n] if HALF.contains(name) => small(n, 2),
        [o, name] => ordinal(o) && (QUARTER.contains(name) || HALF.contains(name)),
        _ => false,
    }
}

/// Whether a cell is a mark of a schedule ("X", "x", "✓", "√", "●"): the work is done that
/// year (or quarter), with no amount.
fn is_mark(cell: &str) -> bool {
    matches!(
        cell.trim(),
        "X" | "x"
            | "XX"
            | "xx"
            | "✓"
            | "✔"
            | "√"
            | "●"
            | "•"
            | "■"
            | "▪"
            | "☑"
            | "✗"
            | "✘"
            | "◼"
    )
}

/// Words (folded) of a period cell that mean every year of the plan ("Continu",
/// "Permanent", "Chaque année", "ทุกปี").
const EVERY_YEAR_WORDS: &[&str] = &[
    "continu",
    "continue",
    "en continu",
    "permanent",
    "permanente",
    "chaque annee",
    "tous les ans",
    "annuel",
    "annuelle",
    "annuellement",
    "ongoing",
    "continuous",
    "every year",
    "each year",
    "annual",
    "annually",
    "throughout",
    "ជារៀងរាល់ឆ្នាំ",
    "រៀងរាល់ឆ្នាំ",
    "ជាប្រចាំ",
    "ทุกปี",
    "ต่อเนื่อง",
    "hang nam",
    "thuong xuyen",
    "setiap tahun",
    "berkelanjutan",
];

/// The years of the plan a row's year or period cell gives: one year ("2027", "FY 2026/27",
/// "T2 2027", "2570"), a range ("2026-2028", "2026 à 2028"), a list ("2026, 2028"), or every
/// year ("Continu", "Chaque année"). `Err` gives the years it names outside the plan (or
/// none when it names no year).
fn row_years(cell: &str, plan: &Plan) -> Result<Vec<Year>, Vec<Year>> {
    let period = plan.meta.start_year..=plan.meta.end_year;
    let folded = fold(cell);
    let years: Vec<Year> = if EVERY_YEAR_WORDS.contains(&folded.as_str()) {
        period.clone().collect()
    } else if let Some(y) = header_year(cell, plan).or_else(|| cell.trim().parse().ok()) {
        vec![y]
    } else {
        match header_years(cell).as_slice() {
            [] => return Err(vec![]),
            // A list names its years; otherwise the first and last bound a range.
            named
                if cell.contains([',', ';', '&'])
                    || folded.contains(" et ")
                    || folded.contains(" and ") =>
            {
                named.to_vec()
            }
            [first, .., last] if first < last => (*first..=*last).collect(),
            named => named.to_vec(),
        }
    };
    let outside: Vec<Year> = years
        .iter()
        .copied()
        .filter(|y| !period.contains(y))
        .collect();
    if outside.is_empty() {
        Ok(years)
    } else {
        Err(outside)
    }
}

/// Numbers (rising; one repeated counts once) written short: "2–4, 7" (rows), "2026–2028"
/// (years).
pub(crate) fn ranges(numbers: impl IntoIterator<Item = i64>) -> String {
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((_, last)) if *last == n => {}
            Some((_, last)) if *last + 1 == n => *last = n,
            _ => runs.push((n, n)),
        }
    }
    (runs.iter())
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The review's sentence about `rows` (rising): `one` with the row when there is one,
/// `many` with them written short ("2–4, 7") when there are several, nothing when none.
fn rows_said(
    rows: impl IntoIterator<Item = i64>,
    one: impl FnOnce(String) -> Said,
    many: impl FnOnce(String) -> Said,
) -> Option<Said> {
    let rows: Vec<i64> = rows.into_iter().collect();
    match rows.as_slice() {
        [] => None,
        [row] => Some(one(row.to_string())),
        _ => Some(many(ranges(rows))),
    }
}

/// `amount` in equal shares over `years` (in order, at least one; a year given twice takes
/// two shares), each cut to the minor unit of `currency`; the last share takes what the
/// cutting leaves, so the shares add up to `amount` exactly and only the last year differs.
fn spread_evenly(amount: Decimal, years: &[Year], currency: &str) -> Vec<(Year, Decimal)> {
    let n = Decimal::from(years.len().max(1));
    let share = (amount / n).round_dp_with_strategy(
        crate::currency::minor_units(currency),
        rust_decimal::RoundingStrategy::ToZero,
    );
    let mut left = amount;
    let mut shares = Vec::with_capacity(years.len());
    for (i, y) in years.iter().enumerate() {
        let this = if i + 1 == years.len() { left } else { share };
        left -= this;
        shares.push((*y, this));
    }
    shares
}

/// The field a header names: one of the names above, alone ("Activités prévues") or followed
/// by what only dates or prices it ("Activités prévues pour 2027", "Cible (2030)", "Valeur
/// de référence 2024", "Unit cost (USD)", "Coût unitaire (milliers FCFA)": years, currencies,
/// multiples and the small words between them); the longest name wins ("Coût unitaire USD"
/// is a unit cost, not a cost). An amount's name takes prices but no year: "Montant (FCFA)"
/// is the amount column, "Budget 2027" the column of 2027's amounts (see [`header_year`]);
/// "Coût total" is not read without `--map`. Quantities and years are named alone.
fn recognised(header: &str) -> Option<Field> {
    // "โครงการ/กิจกรรม", "Projets / Activités": two names for one column; a name recognised
    // in it (and no other field's) names it.
    if header.contains('/') {
        let fields: BTreeSet<Field> = header.split('/').filter_map(recognised).collect();
        return match fields.len() {
            1 => fields.into_iter().next(),
            _ => None,
        };
    }
    let f = fold(header);
    if f.is_empty() {
        return None;
    }
    let mut best: Option<(usize, Field)> = None;
    for (field, names) in folded_headers() {
        for name in names {
            let found = if f == *name {
                Some(usize::MAX)
            } else {
                f.strip_prefix(name)
                    .and_then(|rest| rest.strip_prefix(' '))
                    .filter(|rest| qualifies(*field, rest))
                    .map(|_| name.len())
            };
            if let Some(len) = found {
                if best.is_none_or(|(b, _)| len > b) {
                    best = Some((len, *field));
                }
            }
        }
    }
    best.map(|(_, field)| field)
}

/// [`HEADERS`] folded as headers are ([`fold`]), once: the names are written as people
/// write them, in any script and accents.
fn folded_headers() -> &'static [(Field, Vec<String>)] {
    static FOLDED: std::sync::LazyLock<Vec<(Field, Vec<String>)>> =
        std::sync::LazyLock::new(|| {
            (HEADERS.iter())
                .map(|(field, names)| (*field, names.iter().map(|n| fold(n)).collect()))
                .collect()
        });
    &FOLDED
}

/// The hierarchy level (0 pillar … 3 activity) a heading row names by its first words: a
/// column name of that level ([`HEADERS`]), an ordinal word or not, then a number ("AXE 2.
/// PRÉVENTION" a pillar, "Objectif spécifique 1.1 : …" an outcome, "Résultat 1.1.1" an
/// output, "ยุทธศาสตร์ที่ 1" a pillar, "Axe II" a pillar). Without the number a heading
/// names no level: "Effets du conflit" is a title, not an outcome.
fn level_named(heading: &str) -> Option<usize> {
    let folded = fold(heading);
    let numbered = |rest: &str| {
        let rest = rest.trim_start();
        let rest = (cells::ORDINALS.iter())
            .find_map(|o| {
                rest.strip_prefix(o)
                    .filter(|r| r.starts_with([' ']) || r.starts_with(|c: char| c.is_ascii_digit()))
            })
            .unwrap_or(rest)
            .trim_start();
        let number = rest.split(' ').next().unwrap_or_default();
        // Arabic numbers in any script (folded to ASCII) or Roman ones up to XX.
        !number.is_empty()
            && (number.starts_with(|c: char| c.is_ascii_digit())
                || number.len() <= 5 && number.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    };
    (folded_headers().iter())
        .filter_map(|(field, names)| {
            let level = Field::ALL[..4].iter().position(|f| f == field)?;
            let longest = (names.iter())
                .filter(|name| {
                    folded.strip_prefix(name.as_str()).is_some_and(|rest| {
                        // "axes 1" is "axes", not "axe" then "s 1".
                        !rest.starts_with(|c: char| c.is_alphabetic()) || script_word(name)
                    } && numbered(&folded[name.len()..]))
                })
                .map(String::len)
                .max()?;
            Some((longest, level))
        })
        .max()
        .map(|(_, level)| level)
}

/// Whether `name` is written in a script without spaces between words (Khmer, Thai, Lao,
/// Burmese), where an ordinal word follows a level's name directly ("សសរស្តម្ភទី").
fn script_word(name: &str) -> bool {
    name.chars().any(|c| {
        ('\u{0E00}'..='\u{0EFF}').contains(&c)
            || ('\u{1000}'..='\u{109F}').contains(&c)
            || ('\u{1780}'..='\u{17FF}').contains(&c)
    })
}

/// Whether the folded words `rest`, after the name of `field` in a header, only date or price
/// it: at least one year (1900–2200), currency (an ISO 4217 code, "FCFA") or multiple
/// ("millions", "'000"), and otherwise only small words ("pour", "de la", "in the",
/// "période"). An amount takes no year (a year makes the column that year's amounts), and
/// a quantity or a year nothing.
fn qualifies(field: Field, rest: &str) -> bool {
    // Currencies as ministries write them in headers, folded: "Anggaran (Rp)", "Budget
    // (riels)", "งบประมาณ (บาท)", "Kinh phí (đồng)".
    const LOCAL_CURRENCY_WORDS: &[&str] = &[
        "rp",
        "rupiah",
        "riel",
        "riels",
        "រៀល",
        "baht",
        "บาท",
        "kip",
        "ກີບ",
        "dong",
        "peso",
        "pesos",
        "kyat",
        "kyats",
        "ကျပ်",
        "ringgit",
        "rm",
    ];
    const SMALL: &[&str] = &[
        "pour",
        "for",
        "en",
        "in",
        "de",
        "du",
        "des",
        "d",
        "of",
        "la",
        "le",
        "les",
        "l",
        "the",
        "a",
        "au",
        "aux",
        "at",
        "periode",
        "period",
        "annee",
        "year",
        "an",
        "ឆ្នាំ",
        "f",
        "francs",
        "franc",
    ];
    let is_year = |w: &str| year_word(w).is_some();
    let is_price = |w: &str| {
        (w.len() == 3 && crate::currency::currency(&w.to_ascii_uppercase()).is_some())
            || matches!(w, "fcfa" | "cfa")
            || LOCAL_CURRENCY_WORDS.contains(&w)
            || amount_scale(w).is_some()
    };
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    let only = |dated: bool| {
        let counts = |w: &&str| is_price(w) || (dated && is_year(w));
        words.iter().any(counts) && words.iter().all(|w| counts(w) || SMALL.contains(w))
    };
    match field {
        Field::Quantity | Field::Year => false,
        Field::Amount => only(false),
        _ => only(true),
    }
}

/// The one value `read` finds in the cells of `rows` (titles above a header); `None` when
/// it finds none, or different ones (which leave it to each column to say).
fn said_once<T: Ord>(rows: &[Vec<String>], read: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut found: BTreeSet<T> = rows.iter().flatten().filter_map(|c| read(c)).collect();
    match found.len() {
        1 => found.pop_first(),
        _ => None,
    }
}

/// How the review names a multiple of the amounts.
fn multiple_name(scale: Decimal) -> String {
    let name = match scale.to_string().len() - 1 {
        3 => "thousands",
        6 => "millions",
        _ => "billions",
    };
    format!(
        "in {name} (× {})",
        crate::costing::rounding::grouped(scale, ",")
    )
}

/// The sheet with merged regions spread: every cell of a region merged over several rows
/// holds the region's value (a region within one row stays as it is: a heading).
/// The sheet's rows with each cell merged down a column repeated in every row it covers.
/// Borrowed when nothing is merged down (every CSV): copying a 240,000-row sheet cell by
/// cell took a second of a review.
fn spread_merged(sheet: &Sheet) -> std::borrow::Cow<'_, [Vec<String>]> {
    if sheet.merged.iter().all(|m| m.last_row <= m.first_row) {
        return std::borrow::Cow::Borrowed(&sheet.rows);
    }
    let mut rows = sheet.rows.clone();
    for m in &sheet.merged {
        if m.last_row <= m.first_row {
            continue;
        }
        let value = rows
            .get(m.first_row)
            .and_then(|r| r.get(m.first_col))
            .cloned()
            .unwrap_or_default();
        for row in rows.iter_mut().take(m.last_row + 1).skip(m.first_row + 1) {
            if row.len() <= m.first_col {
                row.resize(m.first_col + 1, String::new());
            }
            row[m.first_col] = value.clone();
        }
    }
    std::borrow::Cow::Owned(rows)
}

/// The columns of the header row, mapped.
struct Layout {
    header_row: usize,
    /// The first row below the header (two rows below it when years stand under a group).
    data_row: usize,
    /// Each column's header as the review names it.
    headers: Vec<String>,
    uses: BTreeMap<usize, Use>,
    columns: Vec<ColumnUse>,
    /// The multiple each amount column's values are stated in, where it is not one: its own
    /// header's ("2027 (millions)"), or the one a title above the header states.
    scales: BTreeMap<usize, Decimal>,
    /// The currency each amount column's header (or a title above it) states, for the cells
    /// that state none ("Budget 2028 (USD)").
    currencies: BTreeMap<usize, String>,
    /// The funder ("État", "PTF") whose group each year column stands under, where the sheet
    /// splits a year's cost between funders: that column's amounts are costed on a line of
    /// their own, funded by a source of that name.
    funders: BTreeMap<usize, String>,
    /// Year columns that hold a schedule, not amounts: every cell filled under them is a
    /// mark ("X", "✓"). A row's marks give the years its cost is spent in (see
    /// [`is_mark`]).
    schedule: BTreeSet<usize>,
}

/// The `--map` field that leaves a column out (`--map ignore=C`).
pub const IGNORE: &str = "ignore";

/// What `--map FIELD=COLUMN` reads a column as: a field (`unit_cost`), the amounts of a year
/// of the plan (`year:2028`), or nothing ([`IGNORE`]: `None`).
fn mapped_use(field: &str, plan: &Plan) -> Result<Option<Use>, SheetError> {
    if field.trim() == IGNORE {
        return Ok(None);
    }
    let Some(year) = field.trim().strip_prefix("year:") else {
        return Field::parse(field)
            .map(|f| Some(Use::Field(f)))
            .ok_or_else(|| SheetError::UnknownField(field.to_string()));
    };
    match year.trim().parse::<Year>() {
        Ok(y) if (plan.meta.start_year..=plan.meta.end_year).contains(&y) => Ok(Some(Use::Year(y))),
        _ => Err(SheetError::NotAPlanYear {
            field: field.to_string(),
            start: plan.meta.start_year,
            end: plan.meta.end_year,
        }),
    }
}

fn layout(
    rows: &[Vec<String>],
    raw: &[Vec<String>],
    plan: &Plan,
    options: &SheetOptions,
) -> Result<Layout, SheetError> {
    // What the officer maps, by column letter and by header: `None` leaves it out.
    let mut by_header: Vec<(Option<Use>, String)> = Vec::new();
    let mut by_letter: Vec<(Option<Use>, usize)> = Vec::new();
    let mapped_name = |m: &Option<Use>| m.and_then(|u| u.name()).unwrap_or(IGNORE.to_string());
    for (field, column) in &options.map {
        let u = mapped_use(field, plan)?;
        match column_index(column) {
            Some(i) if column.trim().len() <= 2 => by_letter.push((u, i)),
            _ => by_header.push((u, fold(column))),
        }
    }
    let score = |row: &Vec<String>| {
        row.iter()
            .filter(|c| {
                let f = fold(c);
                !f.is_empty()
                    && (recognised(c).is_some()
                        || by_header.iter().any(|(_, h)| *h == f)
                        || header_year(c, plan).is_some() && c.trim().len() <= 16)
            })
            .count()
    };
    let (header_row, best) = rows
        .iter()
        .take(50)
        .enumerate()
        .map(|(i, r)| (i, score(r)))
        .fold(
            (0, 0),
            |best, (i, s)| if s > best.1 { (i, s) } else { best },
        );
    let explicit_found = |row: &Vec<String>| {
        row.iter()
            .any(|c| by_header.iter().any(|(_, h)| *h == fold(c)))
    };
    if best < 2 && by_letter.is_empty() && !rows.get(header_row).is_some_and(explicit_found) {
        let missing = by_header.iter().find(|(_, h)| {
            !rows
                .iter()
                .take(50)
                .any(|r| r.iter().any(|c| fold(c) == *h))
        });
        return Err(match missing {
            Some((u, h)) => SheetError::UnknownColumn {
                field: mapped_name(u),
                column: h.clone(),
            },
            None => SheetError::NoHeader,
        });
    }
    // A header over two rows: a group ("Budget (en millions de FCFA)", merged over its
    // columns) above a row of years. The years name the group's columns, the group states
    // their multiple and currency, and the data begins below the years.
    let years_row = |row: &Vec<String>| {
        let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
        let years = filled.iter().filter(|c| header_year(c, plan).is_some());
        years.count() >= 2
            && filled
                .iter()
                .all(|c| header_year(c, plan).is_some() || is_total(c))
    };
    // A header over three rows: the group ("Coût (en millions de FCFA)"), a row of the
    // funders its years are split between ("État", "PTF"), each merged over its years, and
    // the years. Every cell of the funders' row stands over a year.
    let over_years = |middle: &Vec<String>, years: &Vec<String>| {
        let mut filled = middle
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty());
        filled.clone().next().is_some()
            && filled.all(|(i, _)| years.get(i).is_some_and(|y| header_year(y, plan).is_some()))
    };
    let names_fields = |row: &Vec<String>| row.iter().any(|c| recognised(c).is_some());
    // Rows of years or funders are read from the cells as they are: a field's cell merged
    // down the header ("Activité" over the group's row and the years' row) is spread into
    // them in `rows`, and is neither a year nor a funder. Fields are read from `rows`, so a
    // header of two levels of fields finds its merged fields on its lower row.
    // A row above the one found starts the header only if it names fields.
    let starts = |first: usize| first == header_row || names_fields(&rows[first]);
    let three_rows = |first: usize| {
        starts(first)
            && (raw.get(first + 2))
                .is_some_and(|years| years_row(years) && over_years(&raw[first + 1], years))
    };
    let two_rows = |first: usize| starts(first) && raw.get(first + 1).is_some_and(years_row);
    // The header's first row, the funders' row and the years' row, whichever of its rows the
    // search above found (the one with the most recognised headers). Three rows are tried
    // first: fields merged down make the funders' row name fields too.
    let (header_row, funders_row, years_below) =
        match (header_row.saturating_sub(2)..=header_row).find(|&first| three_rows(first)) {
            Some(first) => (first, Some(&raw[first + 1]), Some(&raw[first + 2])),
            None => match (header_row.saturating_sub(1)..=header_row).find(|&f| two_rows(f)) {
                Some(first) => (first, None, Some(&raw[first + 1])),
                None => (header_row, None, None),
            },
        };
    let header = &rows[header_row];
    // A header over two rows: years ("2026", merged over its columns) above the parts of each
    // year ("T1" … "T4", "S1", "Janv."), as a chronogramme by quarter is written. Each part's
    // column is its year's; the parts of a year add up.
    let parts_below = (raw.get(header_row + 1))
        .filter(|_| years_below.is_none())
        .filter(|parts| {
            let filled: Vec<usize> = (parts.iter().enumerate())
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, _)| i)
                .collect();
            let year_over = |i: usize| {
                (0..=i)
                    .rev()
                    .find_map(|j| header.get(j).map(|h| h.trim()).filter(|h| !h.is_empty()))
                    .is_some_and(|h| header_year(h, plan).is_some())
            };
            filled.len() >= 2 && (filled.iter()).all(|i| is_year_part(&parts[*i]) && year_over(*i))
        });
    let data_row = header_row
        + 1
        + usize::from(years_below.is_some())
        + usize::from(funders_row.is_some())
        + usize::from(parts_below.is_some());
    // Each column's header: the year below where there is one (with its group, the nearest
    // header at or left of it, which states the multiple and currency, and the funder above
    // it in a header of three rows), else its own.
    let width = (header.len())
        .max(years_below.map_or(0, Vec::len))
        .max(parts_below.map_or(0, Vec::len));
    let mut group = String::new();
    let mut funder = String::new();
    // (the header, the group above it when it stands under one, the group that would name
    // its funder: the funder's cell of a header of three rows, else the group)
    let headers: Vec<(String, Option<String>, Option<String>)> = (0..width)
        .map(|i| {
            let own = header.get(i).map_or("", |h| h.trim());
            if !own.is_empty() {
                group = own.to_string();
                funder.clear();
            }
            if let Some(f) = funders_row.and_then(|r| r.get(i)).map(|f| f.trim()) {
                if !f.is_empty() {
                    funder = f.to_string();
                }
            }
            match years_below.and_then(|r| r.get(i)).map(|y| y.trim()) {
                Some(year) if !year.is_empty() => {
                    let shown = match (group.is_empty(), funder.is_empty()) {
                        (true, true) => None,
                        (false, true) => Some(group.clone()),
                        (true, false) => Some(funder.clone()),
                        (false, false) => Some(format!("{group} › {funder}")),
                    };
                    let named = if funders_row.is_some() {
                        &funder
                    } else {
                        &group
                    };
                    let named = Some(named.clone()).filter(|n| !n.is_empty());
                    (year.to_string(), shown, named)
                }
                _ => match parts_below.and_then(|r| r.get(i)).map(|p| p.trim()) {
                    // "2026 T1": its year's, and the part said.
                    Some(part) if !part.is_empty() => (format!("{group} {part}"), None, None),
                    _ => (own.to_string(), None, None),
                },
            }
        })
        .collect();
    let is_part =
        |i: usize| parts_below.is_some_and(|r| r.get(i).is_some_and(|p| !p.trim().is_empty()));
    let mut uses = BTreeMap::new();
    let mut columns = Vec::new();
    let mut shown_headers = Vec::with_capacity(width);
    // Fields and years already read from a column: a second column for one ("2028" beside
    // "FY 2028/2029") is left out and said, rather than overwriting the first one's values.
    // What the officer maps is theirs before any column is recognised as it.
    let mut taken: Vec<Field> = Vec::new();
    let mut years_taken: Vec<Year> = Vec::new();
    // The groups of the columns read for each year, where each is a share of the year's cost
    // (a funder's, "État", "Partenaires", or what no funder covers yet, "Gap"): a column of
    // the year under another share's group holds that share, added to the others rather
    // than left out. (Column, group) of each.
    let mut shares: BTreeMap<Year, Vec<(usize, String)>> = BTreeMap::new();
    for u in (by_letter.iter().filter_map(|(u, _)| u.as_ref()))
        .chain(by_header.iter().filter_map(|(u, _)| u.as_ref()))
    {
        match u {
            Use::Field(f) => taken.push(*f),
            Use::Year(y) => years_taken.push(*y),
            Use::Total => {}
        }
    }
    // A multiple or currency stated above the header ("Montants en millions de FCFA") holds
    // for every amount column that states none.
    let base = &plan.meta.base_currency;
    let currency_named = |text: &str| cells::currency_in(text).map(|c| cfa(&c, base));
    let table_scale = said_once(&rows[..header_row], amount_scale);
    let table_currency = said_once(&rows[..header_row], currency_named);
    let mut scales = BTreeMap::new();
    let mut currencies = BTreeMap::new();
    // The multiple and currency amount column `i` is stated in (its header's, else the one
    // a title above says), kept for reading its cells and told in `note`.
    let mut stated = |i: usize, header: &str| {
        let scale = amount_scale(header).or(table_scale);
        let currency = currency_named(header).or_else(|| table_currency.clone());
        if let Some(scale) = scale {
            scales.insert(i, scale);
        }
        if let Some(c) = &currency {
            currencies.insert(i, c.clone());
        }
        (scale.map(|s| s.to_string()), currency)
    };
    let amounts_in = |u: &Use| {
        matches!(
            u,
            Use::Year(_) | Use::Total | Use::Field(Field::Amount | Field::UnitCost)
        )
    };
    for (i, (text, group, share_group)) in headers.iter().enumerate() {
        let folded = fold(text);
        let mapped = by_letter
            .iter()
            .find(|(_, c)| *c == i)
            .map(|(f, _)| *f)
            .or_else(|| {
                by_header
                    .iter()
                    .find(|(_, h)| *h == folded)
                    .map(|(f, _)| *f)
            });
        let (use_, note) = if let Some(u) = mapped {
            match u {
                Some(u) => (Some(u), said("column_mapped", &[])),
                None => (None, said("column_left_out", &[])),
            }
        } else if let Some(f) = recognised(text) {
            if taken.contains(&f) {
                (None, said("column_second", &[("field", f.name())]))
            } else {
                taken.push(f);
                (Some(Use::Field(f)), said("column_recognised", &[]))
            }
        } else if is_total(text) || is_total_cost(text) {
            (Some(Use::Total), said("column_total", &[]))
        } else if let Some((y, fiscal)) = (fiscal_year(text).map(|(y, w)| (y, Some(w))))
            .or_else(|| header_year(text, plan).map(|y| (y, None)))
        {
            // A share of the year's cost: a funder's, or what no funder covers yet.
            let share = share_group.as_ref().filter(|g| group_share(g).is_some());
            // Another share of a year whose columns read so far are shares too; one of them
            // at least a funder's (a gap beside a gap is not a split between funders).
            let another_share = |read: &Vec<(usize, String)>| {
                share.is_some_and(|f| {
                    read.iter().all(|(_, g)| fold(g) != fold(f))
                        && (funder_kind(f).is_some()
                            || read.iter().any(|(_, g)| funder_kind(g).is_some()))
                })
            };
            if is_part(i)
                && (years_taken.contains(&y)
                    || (plan.meta.start_year..=plan.meta.end_year).contains(&y))
            {
                // A quarter (or month) of the year: added to the year's other parts.
                if !years_taken.contains(&y) {
                    years_taken.push(y);
                }
                (
                    Some(Use::Year(y)),
                    said("column_year_part", &[("year", y.to_string())]),
                )
            } else if years_taken.contains(&y) && shares.get(&y).is_some_and(another_share) {
                if let Some(f) = share {
                    shares.entry(y).or_default().push((i, f.clone()));
                }
                (Some(Use::Year(y)), said("column_year", &[]))
            } else if years_taken.contains(&y) {
                (None, said("column_second_year", &[("year", y.to_string())]))
            } else if (plan.meta.start_year..=plan.meta.end_year).contains(&y) {
                years_taken.push(y);
                if let Some(f) = share {
                    shares.entry(y).or_default().push((i, f.clone()));
                }
                let buddhist = (y + BUDDHIST_ERA).to_string();
                let note = match fiscal {
                    Some(written) => said(
                        "column_fiscal_year",
                        &[("written", written), ("year", y.to_string())],
                    ),
                    None if fold(text).split(' ').any(|w| w == buddhist) => {
                        said("column_year_buddhist", &[("written", buddhist)])
                    }
                    None => said("column_year", &[]),
                };
                (Some(Use::Year(y)), note)
            } else {
                let period = [
                    ("year", y.to_string()),
                    ("start", plan.meta.start_year.to_string()),
                    ("end", plan.meta.end_year.to_string()),
                ];
                (None, said("column_outside_period", &period))
            }
        } else if let [first, .., last] = header_years(text).as_slice() {
            let years = [("first", first.to_string()), ("last", last.to_string())];
            (None, said("column_several_years", &years))
        } else if folded.is_empty() {
            (None, said("column_no_header", &[]))
        } else {
            (None, said("column_not_recognised", &[]))
        };
        let field = use_.as_ref().and_then(Use::name);
        let (mut multiple, mut currency) = (None, None);
        if let Some(u) = use_ {
            if amounts_in(&u) {
                let stating = group
                    .as_ref()
                    .map_or(text.clone(), |g| format!("{g} {text}"));
                (multiple, currency) = stated(i, &stating);
            }
            uses.insert(i, u);
        }
        let shown = match group {
            Some(g) => crate::text::quoted(&format!("{g} › {text}")).into_owned(),
            None => crate::text::quoted(text).into_owned(),
        };
        shown_headers.push(shown.clone());
        if !text.trim().is_empty() || field.is_some() {
            columns.push(ColumnUse {
                column: column_letter(i),
                header: shown,
                field,
                note,
                multiple,
                currency,
                total: uses.get(&i) == Some(&Use::Total),
            });
        }
    }
    // Where the sheet splits a year between funders, each year column under a funder's group
    // is that funder's.
    let split = shares.values().any(|read| read.len() > 1);
    // Only a funder's columns are costed on lines of its own; what no funder covers yet is
    // the rest of the year's cost.
    let funder_of: BTreeMap<usize, String> = (shares.values().flatten())
        .filter(|(_, f)| split && funder_kind(f).is_some())
        .map(|(i, f)| (*i, f.clone()))
        .collect();
    // Each column of a year split between funders says so, and with whom.
    for (year, read) in shares.iter().filter(|(_, read)| read.len() > 1) {
        for (i, funder) in read {
            let others: Vec<&str> = (read.iter())
                .filter(|(j, _)| j != i)
                .map(|(_, g)| g.as_str())
                .collect();
            let letter = column_letter(*i);
            if let Some(c) = columns.iter_mut().find(|c| c.column == letter) {
                let values = [
                    ("year", year.to_string()),
                    ("funder", crate::text::quoted(funder).into_owned()),
                    ("others", others.join(", ")),
                ];
                c.note = match funder_kind(funder) {
                    Some(_) => said("column_year_funder", &values),
                    None => said("column_year_unfunded", &values),
                };
            }
        }
    }
    for (u, i) in &by_letter {
        let Some(u) = u else { continue };
        if !uses.contains_key(i) {
            let note = said("column_mapped", &[]);
            let (mut multiple, mut currency) = (None, None);
            if amounts_in(u) {
                (multiple, currency) = stated(*i, "");
            }
            uses.insert(*i, *u);
            columns.push(ColumnUse {
                column: column_letter(*i),
                header: String::new(),
                field: u.name(),
                note,
                multiple,
                currency,
                total: false,
            });
        }
    }
    // Year columns with only marks under them ("X" under 2026, 2027, 2028: a chronogramme)
    // are a schedule: the years each row's cost is spent in. Where the sheet has one, its
    // empty year columns (a quarter no work falls in) are part of it.
    let filled_under = |i: usize| {
        (rows.iter().skip(data_row))
            .filter(|r| !r.first().is_some_and(|c| is_total(c)))
            .filter_map(move |r| r.get(i).map(|c| c.trim()))
            .filter(|c| !c.is_empty())
    };
    let year_cols: Vec<usize> = (uses.iter())
        .filter(|(_, u)| matches!(u, Use::Year(_)))
        .map(|(i, _)| *i)
        .collect();
    let schedule: BTreeSet<usize> = if year_cols.iter().any(|i| filled_under(*i).any(is_mark)) {
        (year_cols.iter().copied())
            .filter(|i| filled_under(*i).all(is_mark))
            .collect()
    } else {
        BTreeSet::new()
    };
    for i in &schedule {
        let letter = column_letter(*i);
        if let Some(c) = columns.iter_mut().find(|c| c.column == letter) {
            c.note = said("column_schedule", &[]);
            (c.multiple, c.currency) = (None, None);
        }
        scales.remove(i);
        currencies.remove(i);
    }
    // A sheet without year, amount or unit-cost columns gives each row's cost in its one
    // Total column ("Coût total (FCFA)" beside "Période"): that is the amount, not a check.
    let totals: Vec<usize> = (uses.iter())
        .filter(|(_, u)| **u == Use::Total)
        .map(|(i, _)| *i)
        .collect();
    let costed = uses.iter().any(|(i, u)| match u {
        Use::Year(_) => !schedule.contains(i),
        u => matches!(
            u,
            Use::Field(Field::Amount | Field::UnitCost | Field::Quantity)
        ),
    });
    let mapped_total = (by_letter.iter().map(|(u, _)| u))
        .chain(by_header.iter().map(|(u, _)| u))
        .any(|u| *u == Some(Use::Total));
    if let ([only], false, false) = (totals.as_slice(), costed, mapped_total) {
        uses.insert(*only, Use::Field(Field::Amount));
        let letter = column_letter(*only);
        if let Some(c) = columns.iter_mut().find(|c| c.column == letter) {
            c.field = Use::Field(Field::Amount).name();
            c.note = said("column_total_amount", &[]);
            c.total = false;
        }
    }
    for (mapped, h) in &by_header {
        let found = match mapped {
            Some(mapped) => uses.values().any(|u| u == mapped),
            None => headers.iter().any(|(text, _, _)| fold(text) == *h),
        };
        if !found {
            return Err(SheetError::UnknownColumn {
                field: mapped_name(mapped),
                column: h.clone(),
            });
        }
    }
    Ok(Layout {
        header_row,
        data_row,
        headers: shown_headers,
        uses,
        columns,
        scales,
        currencies,
        funders: funder_of,
        schedule,
    })
}

/// A record the import made or matched, by level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Level {
    Pillar,
    Outcome,
    Output,
    Activity,
}

const LEVELS: [Level; 4] = [
    Level::Pillar,
    Level::Outcome,
    Level::Output,
    Level::Activity,
];

impl Level {
    fn name(self) -> &'static str {
        match self {
            Self::Pillar => "pillar",
            Self::Outcome => "outcome",
            Self::Output => "output",
            Self::Activity => "activity",
        }
    }
}

/// The import under way: the plan growing, and what the review will say.
struct Importer<'a, F: FnMut() -> Id> {
    plan: Plan,
    now: &'a Timestamp,
    author: &'a str,
    new_id: F,
    counts: BTreeMap<&'static str, KindCount>,
    agencies_created: Vec<String>,
    placeholders: Vec<Said>,
    notes: Vec<Said>,
    /// Records made or matched, by (level, parent, folded text), so a value repeated on many
    /// rows is one record.
    seen: HashMap<(Level, Option<Id>, String), Id>,
    new_lines: Vec<Id>,
    /// Lines merged by (activity, item, unit, unit cost, currency, economic code).
    open_lines: HashMap<(Id, String), usize>,
    /// Agencies found or made, by folded name: every row names one, and matching it against
    /// every agency's folded code and names on each row was a quarter of a large review.
    agencies_seen: HashMap<String, Id>,
    /// The plan's funding sources by folded code and by folded name (the first source in
    /// plan order for a name two share).
    sources: HashMap<String, Id>,
    /// The source of each funder a group of year columns names, by folded name.
    funders_seen: HashMap<String, Id>,
    /// Sources made for funders, with their share of each year (their amounts at the end).
    funder_shares: BTreeMap<Id, BTreeMap<Year, Decimal>>,
    /// Years of shares a source made for a funder could not count, by (source, the lines'
    /// currency): the plan has no rate from that currency to the source's that year.
    shares_without_rate: BTreeMap<(Id, String), BTreeSet<Year>>,
}

impl<F: FnMut() -> Id> Importer<'_, F> {
    fn meta(&mut self) -> RecordMeta {
        RecordMeta::new((self.new_id)(), self.now, self.author)
    }

    fn count(&mut self, kind: &'static str, created: bool) {
        let c = self.counts.entry(kind).or_insert_with(|| KindCount {
            kind: kind.to_string(),
            ..Default::default()
        });
        if created {
            c.created += 1;
        } else {
            c.matched += 1;
        }
    }

    /// The record of `level` named `text` under `parent`: matched by code or title (folded),
    /// else created. `placeholder` marks a record made for a level the sheet lacks.
    fn record(&mut self, level: Level, parent: Option<Id>, text: &str, placeholder: bool) -> Id {
        let key = (level, parent, fold(text));
        if let Some(&id) = self.seen.get(&key) {
            return id;
        }
        let (code, given_title) = split_numbering(text);
        let title = if given_title.is_empty() {
            text.trim().to_string()
        } else {
            given_title.clone()
        };
        let same = |c: &str, t: &LocalText| {
            let by_code = code.as_deref().is_some_and(|code| fold(c) == fold(code));
            let by_title = fold(&t.text) == fold(&title)
                || t.l2.as_deref().is_some_and(|l2| fold(l2) == fold(&title));
            // A code alone matches only when the sheet gives no title to compare.
            by_title || (by_code && given_title.is_empty())
        };
        let p = &self.plan;
        let found = match level {
            Level::Pillar => p
                .pillars
                .iter()
                .find(|r| same(&r.code, &r.title))
                .map(|r| r.record.id),
            Level::Outcome => p
                .outcomes
                .iter()
                .find(|r| Some(r.pillar_id) == parent && same(&r.code, &r.title))
                .map(|r| r.record.id),
            Level::Output => p
                .outputs
                .iter()
                .find(|r| Some(r.outcome_id) == parent && same(&r.code, &r.title))
                .map(|r| r.record.id),
            Level::Activity => p
                .activities
                .iter()
                .find(|r| Some(r.output_id) == parent && same(&r.code, &r.title))
                .map(|r| r.record.id),
        };
        let id = match found {
            Some(id) => {
                self.count(level.name(), false);
                id
            }
            None => {
                let id = self.create(level, parent, code, title.clone());
                self.count(level.name(), true);
                if placeholder {
                    self.placeholders.push(said(
                        "placeholder",
                        &[("kind", level.name().to_string()), ("title", title.clone())],
                    ));
                }
                id
            }
        };
        self.seen.insert(key, id);
        id
    }

    /// The plan's funding source named `text` by code or name (folded); `None` for an empty
    /// cell or an unknown source (which the row check refuses first).
    fn funding_source(&self, text: &str) -> Option<Id> {
        let t = fold(text);
        if t.is_empty() {
            return None;
        }
        self.sources.get(&t).copied()
    }

    /// The activity coded `code` (the sheet's activity code column): the plan's activity of
    /// that code wherever it sits (codes are unique in a plan), else a new one under
    /// `parent` titled `text` that takes the code.
    fn activity_coded(&mut self, parent: Option<Id>, code: &str, text: &str) -> Id {
        let key = (
            Level::Activity,
            parent,
            format!("\u{1f}code {}", fold(code)),
        );
        if let Some(&id) = self.seen.get(&key) {
            return id;
        }
        let found = (self.plan.activities.iter())
            .find(|a| fold(&a.code) == fold(code))
            .map(|a| a.record.id);
        let id = match found {
            Some(id) => {
                self.count(Level::Activity.name(), false);
                id
            }
            None => {
                let (_, title) = split_numbering(text);
                let title = if title.is_empty() {
                    text.trim().to_string()
                } else {
                    title
                };
                let id = self.create(
                    Level::Activity,
                    parent,
                    Some(code.trim().to_string()),
                    title,
                );
                self.count(Level::Activity.name(), true);
                id
            }
        };
        self.seen.insert(key, id);
        id
    }

    fn create(
        &mut self,
        level: Level,
        parent: Option<Id>,
        code: Option<String>,
        title: String,
    ) -> Id {
        let record = self.meta();
        let id = record.id;
        let parent_id = parent.unwrap_or_default();
        let parent_code = match level {
            Level::Pillar => String::new(),
            Level::Outcome => self.code_of_pillar(parent_id),
            Level::Output => self
                .plan
                .outcomes
                .iter()
                .find(|o| o.record.id == parent_id)
                .map(|o| o.code.clone())
                .unwrap_or_default(),
            Level::Activity => self
                .plan
                .outputs
                .iter()
                .find(|o| o.record.id == parent_id)
                .map(|o| o.code.clone())
                .unwrap_or_default(),
        };
        let taken: Vec<String> = match level {
            Level::Pillar => self
                .plan
                .pillars
                .iter()
                .map(|r| r.code.to_lowercase())
                .collect(),
            Level::Outcome => self
                .plan
                .outcomes
                .iter()
                .map(|r| r.code.to_lowercase())
                .collect(),
            Level::Output => self
                .plan
                .outputs
                .iter()
                .map(|r| r.code.to_lowercase())
                .collect(),
            Level::Activity => self
                .plan
                .activities
                .iter()
                .map(|r| r.code.to_lowercase())
                .collect(),
        };
        let code = match code {
            Some(c) if !taken.contains(&c.to_lowercase()) => c,
            _ => next_code(&parent_code, &taken),
        };
        let title = LocalText::new(title);
        match level {
            Level::Pillar => self.plan.pillars.push(Pillar {
                record,
                code,
                kind: pillar_kind(&title.text),
                title,
                description: LocalText::default(),
            }),
            Level::Outcome => self.plan.outcomes.push(Outcome {
                record,
                pillar_id: parent_id,
                code,
                title,
                rpa_outcomes: vec![],
            }),
            Level::Output => self.plan.outputs.push(Output {
                record,
                outcome_id: parent_id,
                code,
                title,
            }),
            Level::Activity => self.plan.activities.push(Activity {
                record,
                output_id: parent_id,
                code,
                title,
                description: LocalText::default(),
                lead_agency_id: None,
                supporting_agency_ids: vec![],
                years: vec![],
                cofog: String::new(),
                gender_marker: None,
                contingency: None,
            }),
        }
        id
    }

    fn code_of_pillar(&self, id: Id) -> String {
        self.plan
            .pillars
            .iter()
            .find(|p| p.record.id == id)
            .map(|p| p.code.clone())
            .unwrap_or_default()
    }

    /// The funding source of the funder a group of year columns names (`name`: "État",
    /// "Partenaires techniques et financiers (PTF)"): the plan's source of that name or code
    /// (the name's initials, or the acronym it gives), else a new one of the funder's kind
    /// in the plan's currency (the budget the share is part of is in it), expected (the sheet
    /// states a share of the cost, not a commitment), its amounts the shares of the lines it
    /// funds.
    fn funder_source(&mut self, name: &str) -> Id {
        let f = fold(name);
        if let Some(&id) = self.funders_seen.get(&f) {
            return id;
        }
        // "Partenaires techniques et financiers (PTF)" gives its own acronym.
        let acronym = (name
            .split_once('(')
            .and_then(|(_, rest)| rest.split_once(')')))
        .map(|(inside, _)| inside.trim())
        .filter(|a| (2..=8).contains(&a.chars().count()))
        .filter(|a| a.chars().all(char::is_alphanumeric));
        let code = acronym.map_or_else(|| funder_code(name), str::to_uppercase);
        // A name that gives no code in Latin letters, of no kind known, is numbered.
        let numbered = code == cells::NUMBERED_AGENCY_CODE;
        let code = if numbered { "FS".to_string() } else { code };
        let id = match (self.sources.get(&f)).or_else(|| self.sources.get(&fold(&code))) {
            Some(&id) => {
                let known = (self.plan.funding_sources.iter()).find(|s| s.record.id == id);
                let code = known.map(|s| s.code.clone()).unwrap_or_default();
                self.notes.push(said(
                    "funder_source_matched",
                    &[("funder", quoted(name)), ("code", code)],
                ));
                self.count("funding_source", false);
                id
            }
            None => {
                let taken = |c: &str| {
                    (self.plan.funding_sources.iter()).any(|s| s.code.eq_ignore_ascii_case(c))
                };
                let mut unique = if numbered {
                    format!("{code}1")
                } else {
                    code.clone()
                };
                let mut n = 2;
                while taken(&unique) {
                    unique = format!("{code}{n}");
                    n += 1;
                }
                let kind = funder_kind(name).unwrap_or(SourceKind::Other);
                let record = self.meta();
                let id = record.id;
                self.plan.funding_sources.push(FundingSource {
                    record,
                    code: unique.clone(),
                    name: LocalText::new(name.trim()),
                    kind,
                    agency_id: None,
                    on_budget: kind == SourceKind::NationalBudget,
                    status: FundingStatus::Expected,
                    currency: self.plan.meta.base_currency.clone(),
                    amounts: PerYear::new(),
                    earmarks: Vec::new(),
                });
                self.notes.push(said(
                    "funder_source_created",
                    &[("funder", quoted(name)), ("code", unique)],
                ));
                self.count("funding_source", true);
                self.funder_shares.insert(id, BTreeMap::new());
                id
            }
        };
        self.funders_seen.insert(f, id);
        id
    }

    /// The agency named `name` (by code, name or second-language name), else a new one with
    /// a readable unique code.
    fn agency(&mut self, name: &str) -> Id {
        let f = fold(name);
        if let Some(&id) = self.agencies_seen.get(&f) {
            return id;
        }
        if let Some(a) = self.plan.agencies.iter().find(|a| {
            fold(&a.code) == f
                || fold(&a.name.text) == f
                || a.name.l2.as_deref().is_some_and(|l| fold(l) == f)
        }) {
            let id = a.record.id;
            self.agencies_seen.insert(f, id);
            return id;
        }
        let base = cells::agency_code(name);
        // A code the name cannot give is numbered from 1; a name's own code only when taken.
        let numbered = base == cells::NUMBERED_AGENCY_CODE;
        let mut code = if numbered {
            format!("{base}1")
        } else {
            base.clone()
        };
        let mut n = 2;
        while self
            .plan
            .agencies
            .iter()
            .any(|a| a.code.eq_ignore_ascii_case(&code))
        {
            code = format!("{base}{n}");
            n += 1;
        }
        let record = self.meta();
        let id = record.id;
        self.agencies_created
            .push(format!("{code} {}", name.trim()));
        self.plan.agencies.push(Agency {
            record,
            code,
            name: LocalText::new(name.trim()),
            kind: agency_kind(name),
            programme_code: String::new(),
            contact: String::new(),
        });
        self.count("agency", true);
        self.agencies_seen.insert(f, id);
        id
    }
}

/// The kind of a pillar titled `title`, from the four WPS pillars' names in English and
/// French.
pub fn pillar_kind(title: &str) -> PillarKind {
    let (_, title) = split_numbering(title);
    if let Some(kind) = crate::sample::standard::standard_pillar_kind(&title, fold) {
        return kind;
    }
    let f = fold(&title);
    let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
    if has(&[
        "participation",
        "partisipasi",
        "tham gia",
        "การมีส่วนร่วม",
        "ការចូលរួម",
    ]) {
        PillarKind::Participation
    } else if has(&[
        "prevention",
        "pencegahan",
        "phong ngua",
        "การป้องกัน",
        "ការបង្ការ",
    ]) {
        PillarKind::Prevention
    } else if has(&[
        "protection",
        "perlindungan",
        "bao ve",
        "การคุ้มครอง",
        "ការការពារ",
    ]) {
        PillarKind::Protection
    } else if has(&[
        "relief",
        "recovery",
        "relevement",
        "secours",
        "pemulihan",
        "cuu tro",
        "phuc hoi",
        "การฟื้นฟู",
        "ការស្តារ",
    ]) {
        PillarKind::ReliefRecovery
    } else if has(&[
        "coordination",
        "suivi",
        "monitoring",
        "evaluation",
        "koordinasi",
        "pemantauan",
        "dieu phoi",
        "giam sat",
        "การประสานงาน",
        "ការសម្របសម្រួល",
    ]) {
        PillarKind::CoordinationMe
    } else {
        PillarKind::Other
    }
}

/// The kind of an agency named `name`: a ministry, civil society, a development partner.
pub fn agency_kind(name: &str) -> AgencyKind {
    let f = fold(name);
    if f.starts_with("minist") {
        AgencyKind::Ministry
    } else if ["osc", "ong", "cso", "csos", "ngo", "ngos"]
        .iter()
        .any(|w| f.split(' ').any(|x| x == *w))
    {
        AgencyKind::Csos
    } else if ["ptf", "donor", "bailleur", "partenaires techniques"]
        .iter()
        .any(|w| f.contains(w))
    {
        AgencyKind::DevelopmentPartner
    } else {
        AgencyKind::Other
    }
}

/// The next free hierarchical code under `parent` ("3" under "", "2.4" under "2").
fn next_code(parent: &str, taken: &[String]) -> String {
    let prefix = if parent.is_empty() {
        String::new()
    } else {
        format!("{parent}.")
    };
    let max = taken
        .iter()
        .filter_map(|c| c.strip_prefix(prefix.as_str()))
        .filter_map(|rest| rest.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{}", max + 1)
}

/// Imports `sheet` into `plan`. Refused rows are left out and listed in the review; the
/// caller writes the result only when the review has none (or the user skips them).
/// `watch` is told how many rows are checked, and can stop the import ([`SheetError::Stopped`]).
pub fn import_sheet(
    plan: &Plan,
    sheet: &Sheet,
    options: &SheetOptions,
    now: &Timestamp,
    author: &str,
    new_id: impl FnMut() -> Id,
    watch: &dyn crate::watch::Watch,
) -> Result<SheetImport, SheetError> {
    let rows = spread_merged(sheet);
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(SheetError::Empty);
    }
    // The data is read with merges spread (an outcome merged down its results' rows is each
    // row's); the header's rows of years and funders from the cells as they are.
    let layout = layout(&rows, &sheet.rows, plan, options)?;
    let has = |f: Field| layout.uses.values().any(|u| *u == Use::Field(f));
    // Year columns of amounts, and those of a schedule (marks: the years a row's cost is
    // spent in).
    type YearColumns = Vec<(usize, Year)>;
    let (schedule_columns, year_columns): (YearColumns, YearColumns) = layout
        .uses
        .iter()
        .filter_map(|(i, u)| match u {
            Use::Year(y) => Some((*i, *y)),
            _ => None,
        })
        .partition(|(i, _)| layout.schedule.contains(i));
    let total_column = layout
        .uses
        .iter()
        .find(|(_, u)| **u == Use::Total)
        .map(|(i, _)| *i);
    let column_of = |f: Field| {
        layout
            .uses
            .iter()
            .find(|(_, u)| **u == Use::Field(f))
            .map(|(i, _)| *i)
    };
    // The multiple a column's amounts are stated in (one unless the sheet says otherwise).
    let scale_of = |column: Option<usize>| {
        column
            .and_then(|i| layout.scales.get(&i).copied())
            .unwrap_or(Decimal::ONE)
    };
    let mapped_levels: Vec<usize> = LEVELS
        .iter()
        .enumerate()
        .filter(|(i, _)| has(Field::ALL[*i]))
        .map(|(i, _)| i)
        .collect();
    let carries_cost = !year_columns.is_empty() || has(Field::Amount) || has(Field::UnitCost);
    if mapped_levels.is_empty() && !has(Field::Indicator) && !carries_cost {
        return Err(SheetError::NothingToImport);
    }
    let highest = mapped_levels.first().copied().unwrap_or(4);
    let amount_cells = rows.iter().skip(layout.data_row).flat_map(|r| {
        r.iter().enumerate().filter(|(i, _)| {
            matches!(
                layout.uses.get(i),
                Some(
                    Use::Year(_)
                        | Use::Total
                        | Use::Field(Field::Amount | Field::UnitCost | Field::Quantity)
                )
            )
        })
    });
    let mark = DecimalMark::detect(amount_cells.map(|(_, c)| c.as_str()));
    let base_currency = plan.meta.base_currency.clone();
    // The currency of an amount in `column`: the one its cell writes, else the one the
    // column's header (or a title) states.
    let currency_of_amount = |text: &str, column: Option<usize>| {
        cells::currency_in(text)
            .map(|c| cfa(&c, &base_currency))
            .or_else(|| column.and_then(|i| layout.currencies.get(&i).cloned()))
    };
    let mut im = Importer {
        plan: plan.clone(),
        now,
        author,
        new_id,
        counts: BTreeMap::new(),
        agencies_created: vec![],
        placeholders: vec![],
        notes: vec![],
        seen: HashMap::new(),
        new_lines: vec![],
        open_lines: HashMap::new(),
        agencies_seen: HashMap::new(),
        sources: plan_sources(plan),
        funders_seen: HashMap::new(),
        funder_shares: BTreeMap::new(),
        shares_without_rate: BTreeMap::new(),
    };
    let mut refused = Vec::new();
    let mut total_checks = Vec::new();
    // What a lump-sum line of a row without an item is called, in the plan's language.
    let lump_sum_name = placeholder::lump_sum_item(&plan.meta.working_language);
    // The value of each hierarchy level in force (filled down) and, for the levels above
    // the highest column, the heading row's that gave it.
    let mut current: [Option<String>; 4] = Default::default();
    let mut headings: [Option<String>; 4] = Default::default();
    // The level of the first heading numbered in each style (see `cells::numbering_style`).
    let mut heading_styles: HashMap<cells::NumberingStyle, usize> = HashMap::new();
    // Amounts imported since the last Total row, per year and currency.
    let mut since_total = Counted::new();
    // Amounts imported in all, for a grand total under sub-totals (which restart
    // `since_total`).
    let mut since_start = Counted::new();
    let mut imported_rows = 0;
    // Rows whose amount was spread over the several years of their period, for the review.
    let mut spread_rows: Vec<usize> = Vec::new();
    // Amount cells that said "none" ("-", "n/a") and were read as empty, for the review.
    let said_nothing = std::cell::Cell::new(0usize);
    // Rows with an amount still to be determined ("PM", "TBD"), read as none, for the review.
    let to_be_determined = std::cell::RefCell::new(BTreeSet::<usize>::new());
    let header_label = |i: usize| {
        let h = layout.headers.get(i).map(|h| h.trim()).unwrap_or_default();
        if h.is_empty() {
            column_letter(i)
        } else {
            format!("{} ({h})", column_letter(i))
        }
    };

    // How the rows that are plainly data (three cells or more) are numbered, by numbering
    // column: a row of a number and a title numbered as they are ("3" | "Layanan konseling")
    // is an activity with nothing else filled yet, not a heading.
    let data_numbering: HashSet<(usize, cells::NumberingStyle)> = (rows.iter())
        .skip(layout.data_row)
        .filter_map(|row| {
            let mut filled = (row.iter().enumerate()).filter(|(_, c)| !c.trim().is_empty());
            let (n, number) = filled.next()?;
            let style = cells::numbering_style(number).filter(|_| !layout.uses.contains_key(&n))?;
            (filled.count() >= 2).then_some((n, style))
        })
        .collect();
    for (r, row) in rows.iter().enumerate().skip(layout.data_row) {
        if r % crate::watch::REPORT_EVERY == 0 && !watch.step(r as u64, rows.len() as u64) {
            return Err(SheetError::Stopped);
        }
        let number = r + 1;
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map(|c| c.trim()).unwrap_or("");
        // Where an amount, unit cost or quantity goes, a dash or "n/a" is no amount.
        let amount_cell = |i: Option<usize>| {
            let text = cell(i);
            if says_nothing(text) {
                said_nothing.set(said_nothing.get() + 1);
                ""
            } else if cells::to_be_determined(text) {
                to_be_determined.borrow_mut().insert(number);
                ""
            } else {
                text
            }
        };
        let filled: Vec<usize> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        if filled.is_empty() {
            continue;
        }
        let first_text = row[filled[0]].trim();
        if let Some(kind) = total_kind(first_text) {
            // The sheet's total of each year: a year split between funders has one in each
            // of its columns, whose sum is the year's (see `layout`).
            // With the currency the cell or its column states, if any.
            let mut sheet_totals: Vec<(Option<Year>, Decimal, Option<String>)> = Vec::new();
            for (i, y) in year_columns
                .iter()
                .map(|(i, y)| (*i, Some(*y)))
                .chain(column_of(Field::Amount).map(|i| (i, None)))
                .chain(total_column.map(|i| (i, None)))
            {
                let text = cell(Some(i));
                if text.is_empty() {
                    continue;
                }
                let Some(total) = parse_amount(text, mark)
                    .ok()
                    .and_then(|t| t.checked_mul(scale_of(Some(i))))
                else {
                    continue;
                };
                match sheet_totals
                    .iter_mut()
                    .find(|(year, _, _)| y.is_some() && *year == y)
                {
                    Some((_, sum, _)) => *sum = sum.saturating_add(total),
                    None => sheet_totals.push((y, total, currency_of_amount(text, Some(i)))),
                }
            }
            for (y, total, stated) in sheet_totals {
                let stated = stated.as_deref();
                let section = || counted_total(&im.plan, &since_total, y, stated);
                let sheet = || counted_total(&im.plan, &since_start, y, stated);
                let agrees =
                    |c: &Result<CountedTotal, NoRate>| c.as_ref().is_ok_and(|c| c.amount == total);
                let counted = match kind {
                    TotalKind::Sub => section(),
                    TotalKind::Grand => sheet(),
                    // A section's total when it agrees with the rows since the last total,
                    // else the sheet's when it agrees with every row; when it agrees with
                    // neither, the section's, unless no row came since the last total.
                    TotalKind::Plain => match (section(), sheet()) {
                        (section, _) if agrees(&section) => section,
                        (_, sheet) if agrees(&sheet) => sheet,
                        (section, sheet) => {
                            if since_total.is_empty() {
                                sheet
                            } else {
                                section
                            }
                        }
                    },
                };
                match counted {
                    Ok(CountedTotal {
                        amount,
                        currency,
                        converted,
                    }) => total_checks.push(TotalCheck {
                        row: number,
                        year: y,
                        sheet_total: total.normalize().to_string(),
                        imported: amount.normalize().to_string(),
                        difference: total.saturating_sub(amount).normalize().to_string(),
                        currency,
                        converted,
                    }),
                    Err(NoRate {
                        currency,
                        base,
                        years,
                    }) => im.notes.push(said(
                        "total_without_rate",
                        &[
                            ("row", number.to_string()),
                            ("currency", currency),
                            ("base", base),
                            (
                                "years",
                                years
                                    .iter()
                                    .map(Year::to_string)
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        ],
                    )),
                }
            }
            since_total.clear();
            continue;
        }
        // A heading row: one cell filled (or one merged across the table), or one beside its
        // number in a numbering column the import does not read ("II" | "PENANGANAN").
        let numbered = match filled.as_slice() {
            [n, text] if !layout.uses.contains_key(n) => {
                let number = row[*n].trim();
                let as_data = cells::numbering_style(number)
                    .is_some_and(|style| data_numbering.contains(&(*n, style)));
                cells::numbering_code(number)
                    .filter(|_| !as_data)
                    .map(|code| (code, *text))
            }
            _ => None,
        };
        // How the heading is numbered ("II", "2.1", "B"), wherever its number stands.
        let numbering = match &numbered {
            Some(_) => row[filled[0]].trim(),
            None => first_text
                .split([' ', ':', '\u{a0}'])
                .next()
                .unwrap_or_default(),
        };
        let (heading_cell, heading_text) = match &numbered {
            Some((code, text)) => (*text, format!("{code}. {}", row[*text].trim())),
            None => (filled[0], first_text.to_string()),
        };
        let is_heading = (filled.len() == 1 || numbered.is_some())
            && !matches!(
                layout.uses.get(&heading_cell),
                Some(Use::Year(_) | Use::Field(Field::Amount | Field::UnitCost | Field::Quantity))
            );
        let first_text = heading_text.as_str();
        if is_heading && highest > 0 && highest < 4 {
            // The level it names when that is above the columns, else the one just above.
            // A heading that is a standard pillar's title ("PENCEGAHAN", "PROTECTION") is
            // that pillar.
            let pillar =
                crate::sample::standard::standard_pillar_kind(&split_numbering(first_text).1, fold)
                    .map(|_| 0);
            // A heading numbered as an earlier one ("II" after "I", a pillar) is at its level.
            let style = cells::numbering_style(numbering);
            let level = (level_named(first_text).or(pillar))
                .or_else(|| style.and_then(|s| heading_styles.get(&s).copied()))
                .filter(|l| *l < highest)
                .unwrap_or(highest - 1);
            if let Some(style) = style {
                heading_styles.entry(style).or_insert(level);
            }
            headings[level] = Some(first_text.to_string());
            headings[level + 1..].fill(None);
            current = Default::default();
            continue;
        }
        if is_heading && highest == 0 && !has(Field::Indicator) && !carries_cost {
            im.notes.push(said(
                "single_cell_pillar",
                &[
                    ("row", number.to_string()),
                    ("text", crate::text::quoted(first_text).into_owned()),
                ],
            ));
        }

        // The hierarchy in force on this row.
        let mut changed_at = None;
        for (level, slot) in current.iter_mut().enumerate() {
            let Some(col) = column_of(Field::ALL[level]) else {
                continue;
            };
            let value = cell(Some(col));
            if !value.is_empty() {
                if slot.as_deref() != Some(value) && changed_at.is_none() {
                    changed_at = Some(level);
                }
                *slot = Some(value.to_string());
            } else if changed_at.is_some_and(|c| c < level) {
                *slot = None;
            }
        }
        let mut row_refusals = Vec::new();
        let mut refuse = |col: usize, reason: Said| {
            row_refusals.push(RefusedRow {
                row: number,
                column: header_label(col),
                reason,
            });
        };

        // Amounts first, so that a refused amount leaves the row out entirely.
        let currency_cell = cell(column_of(Field::Currency));
        let row_currency = if currency_cell.is_empty() {
            None
        } else {
            match currency_of(currency_cell, &base_currency) {
                Some(c) => Some(c),
                None => {
                    refuse(
                        column_of(Field::Currency).unwrap_or(0),
                        said("not_currency", &[("value", quoted(currency_cell))]),
                    );
                    None
                }
            }
        };
        let mut lump: BTreeMap<Year, Decimal> = BTreeMap::new();
        // The amounts of columns under a funder's group, by funder in the sheet's order of
        // columns: each funder's are costed on a line of its own, the rest of `lump` on one
        // line as before.
        let mut lump_by_funder: Vec<(&str, BTreeMap<Year, Decimal>)> = Vec::new();
        let mut currency_seen = row_currency.clone();
        // The note of a row whose amount is spread over several years.
        let mut spread_from: Option<String> = None;
        for (col, year) in &year_columns {
            let text = amount_cell(Some(*col));
            if text.is_empty() {
                continue;
            }
            match entry_amount(text, mark, scale_of(Some(*col))) {
                Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                    refuse(*col, said("negative", &[("value", quoted(text))]))
                }
                Ok(v) => {
                    if currency_seen.is_none() {
                        currency_seen = currency_of_amount(text, Some(*col));
                    }
                    if !v.is_zero() {
                        // Several columns of a year are its funders' shares (see `layout`).
                        let e = lump.entry(*year).or_default();
                        *e = e.saturating_add(v);
                        if let Some(funder) = layout.funders.get(col) {
                            let at = match lump_by_funder.iter().position(|(f, _)| f == funder) {
                                Some(at) => at,
                                None => {
                                    lump_by_funder.push((funder, BTreeMap::new()));
                                    lump_by_funder.len() - 1
                                }
                            };
                            let e = lump_by_funder[at].1.entry(*year).or_default();
                            *e = e.saturating_add(v);
                        }
                    }
                }
                Err(e) => refuse(*col, e),
            }
        }
        // The years the row's year or period cell gives (one, or several that an amount is
        // spread over: "2026-2028", "Continu"), else those its schedule marks.
        // One year per mark: an amount over marked quarters is spread over the quarters.
        let marks: Vec<Year> = (schedule_columns.iter())
            .filter(|(i, _)| is_mark(cell(Some(*i))))
            .map(|(_, y)| *y)
            .collect();
        let given_year = cell(column_of(Field::Year));
        let by_marks = given_year.is_empty();
        let row_years: Vec<Year> = if by_marks {
            marks
                .iter()
                .copied()
                .collect::<BTreeSet<Year>>()
                .into_iter()
                .collect()
        } else {
            row_years(given_year, plan).unwrap_or_else(|_| {
                refuse(
                    column_of(Field::Year).unwrap_or(0),
                    said(
                        "not_plan_year",
                        &[
                            ("value", quoted(given_year)),
                            ("start", plan.meta.start_year.to_string()),
                            ("end", plan.meta.end_year.to_string()),
                        ],
                    ),
                );
                vec![]
            })
        };
        // The year cell as the sheet gives it, or the years its schedule marks, for messages
        // (and non-empty when the row said when, even where that could not be read).
        let marked_text = (row_years.iter())
            .map(Year::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let year_cell = if by_marks {
            marked_text.as_str()
        } else {
            given_year
        };
        let row_year = match row_years.as_slice() {
            [y] => Some(*y),
            _ => None,
        };
        let amount_text = amount_cell(column_of(Field::Amount));
        if !amount_text.is_empty() {
            match entry_amount(amount_text, mark, scale_of(column_of(Field::Amount))) {
                Ok(v) if v.is_sign_negative() && !v.is_zero() => refuse(
                    column_of(Field::Amount).unwrap_or(0),
                    said("negative", &[("value", quoted(amount_text))]),
                ),
                Ok(v) => {
                    if currency_seen.is_none() {
                        currency_seen = currency_of_amount(amount_text, column_of(Field::Amount));
                    }
                    match (row_year, year_columns.is_empty()) {
                        (Some(y), _) => {
                            if !v.is_zero() {
                                let e = lump.entry(y).or_default();
                                *e = e.saturating_add(v);
                            }
                        }
                        // An amount for several years: spread evenly over them, and said.
                        (None, true) if row_years.len() > 1 => {
                            if !v.is_zero() {
                                let currency = currency_seen
                                    .clone()
                                    .unwrap_or_else(|| base_currency.clone());
                                // Over the marks when the schedule gives the years
                                // (two quarters of 2026 and one of 2027: two thirds in
                                // 2026), else evenly over the years.
                                let over = if by_marks { &marks } else { &row_years };
                                for (y, share) in spread_evenly(v, over, &currency) {
                                    let e = lump.entry(y).or_default();
                                    *e = e.saturating_add(share);
                                }
                                spread_rows.push(number);
                                // The sheet's figure as written, with the multiple it
                                // is stated in ("45 000 × 1000" in a table in thousands).
                                let scale = scale_of(column_of(Field::Amount));
                                let written = if scale == Decimal::ONE {
                                    amount_text.to_string()
                                } else {
                                    format!("{amount_text} × {}", scale.normalize())
                                };
                                spread_from = Some(placeholder::spread_note(
                                    &plan.meta.working_language,
                                    &written,
                                    over,
                                ));
                            }
                        }
                        (None, true) if !year_cell.is_empty() => {}
                        (None, true) => refuse(
                            column_of(Field::Amount).unwrap_or(0),
                            said("amount_needs_year", &[]),
                        ),
                        // With year columns, a plain amount column is the row's total: checked.
                        (None, false) => {
                            let sum = lump
                                .values()
                                .fold(Decimal::ZERO, |s, v| s.saturating_add(*v));
                            if sum != v {
                                im.notes.push(said(
                                    "amount_differs",
                                    &[
                                        ("row", number.to_string()),
                                        ("amount", quoted(amount_text)),
                                        ("sum", grouped(sum)),
                                    ],
                                ));
                            }
                        }
                    }
                }
                Err(e) => refuse(column_of(Field::Amount).unwrap_or(0), e),
            }
        }
        let unit_cost_text = amount_cell(column_of(Field::UnitCost));
        let quantity_text = amount_cell(column_of(Field::Quantity));
        let mut unit_line = None;
        // A unit cost still to be determined makes no line yet, whatever the quantity.
        let unit_cost_pending = cells::to_be_determined(cell(column_of(Field::UnitCost)));
        if !unit_cost_pending && (!unit_cost_text.is_empty() || !quantity_text.is_empty()) {
            let uc = entry_amount(unit_cost_text, mark, scale_of(column_of(Field::UnitCost)))
                .map_err(|e| (column_of(Field::UnitCost), e));
            let q = if quantity_text.is_empty() {
                Ok(Decimal::ONE)
            } else {
                entry_amount(quantity_text, mark, Decimal::ONE)
                    .map_err(|e| (column_of(Field::Quantity), e))
            };
            match (uc, q, row_year) {
                (Ok(uc), Ok(q), Some(y)) if !uc.is_sign_negative() && !q.is_sign_negative() => {
                    if currency_seen.is_none() {
                        currency_seen =
                            currency_of_amount(unit_cost_text, column_of(Field::UnitCost));
                    }
                    unit_line = Some((uc, q, y));
                }
                (Ok(_), Ok(_), Some(_)) => refuse(
                    column_of(Field::UnitCost).unwrap_or(0),
                    said("negative_unit_cost", &[]),
                ),
                // A unit cost's quantity is of one year: over a period it could be each
                // year's or the period's.
                (Ok(_), Ok(_), None) if row_years.len() > 1 => refuse(
                    (column_of(Field::Year))
                        .or(schedule_columns.first().map(|(i, _)| *i))
                        .unwrap_or(0),
                    said("unit_cost_over_years", &[("value", quoted(year_cell))]),
                ),
                (Ok(_), Ok(_), None) if !year_cell.is_empty() => {}
                (Ok(_), Ok(_), None) => refuse(
                    column_of(Field::Year)
                        .or(column_of(Field::UnitCost))
                        .unwrap_or(0),
                    said("unit_cost_needs_year", &[]),
                ),
                (Err((c, e)), _, _) | (_, Err((c, e)), _) => refuse(c.unwrap_or(0), e),
            }
        }
        // Classification and funding are checked here too, so that a row refused for them
        // is refused whole, with its column.
        let economic_cell = cell(column_of(Field::EconomicCode));
        if !economic_cell.chars().all(|c| c.is_ascii_digit()) {
            refuse(
                column_of(Field::EconomicCode).unwrap_or(0),
                said("not_economic_code", &[("value", quoted(economic_cell))]),
            );
        }
        let source_cell = cell(column_of(Field::FundingSource));
        if !source_cell.is_empty() && im.funding_source(source_cell).is_none() {
            let known: Vec<&str> = (im.plan.funding_sources.iter())
                .map(|f| f.code.as_str())
                .collect();
            refuse(
                column_of(Field::FundingSource).unwrap_or(0),
                if known.is_empty() {
                    said("unknown_source_none", &[("value", quoted(source_cell))])
                } else {
                    said(
                        "unknown_source",
                        &[
                            ("value", quoted(source_cell)),
                            ("sources", known.join(", ")),
                        ],
                    )
                },
            );
        }
        if !row_refusals.is_empty() {
            refused.extend(row_refusals);
            continue;
        }
        let cost_currency = currency_seen.unwrap_or_else(|| base_currency.clone());
        // A Total column: the row's years, or its unit cost times its quantity, must come to
        // it.
        let row_total = total_column.and_then(|col| {
            parse_amount(cell(Some(col)), mark)
                .ok()
                .and_then(|t| t.checked_mul(scale_of(Some(col))))
        });
        if let Some(total) = row_total {
            let values = |sum: Decimal| {
                [
                    ("row", number.to_string()),
                    ("sum", grouped(sum)),
                    ("total", grouped(total)),
                ]
            };
            let years = (lump.values()).fold(Decimal::ZERO, |s, v| s.saturating_add(*v));
            match unit_line {
                _ if !lump.is_empty() && years != total => {
                    im.notes.push(said("total_differs", &values(years)));
                }
                Some((uc, q, _)) if lump.is_empty() && uc.saturating_mul(q) != total => {
                    let line = uc.saturating_mul(q);
                    im.notes.push(said("line_total_differs", &values(line)));
                }
                _ => {}
            }
        }

        // Records: top down, a placeholder for each level the sheet does not give.
        // What this row gives at each level: the levels above the highest mapped column come
        // from heading rows, the others from the row (or the rows above).
        let given_text = |level: usize| {
            if level < highest {
                headings[level].as_ref()
            } else {
                current[level].as_ref()
            }
        };
        let given = |level: usize| given_text(level).is_some();
        let needs_activity = carries_cost && (!lump.is_empty() || unit_line.is_some()) || given(3);
        let indicator_text = cell(column_of(Field::Indicator));
        let deepest = if needs_activity {
            3
        } else if !indicator_text.is_empty() {
            mapped_levels
                .iter()
                .copied()
                .filter(|l| *l <= 2)
                .max()
                .unwrap_or(1)
                .max(1)
        } else {
            // A row that only names a pillar (or an outcome) creates that, not placeholders
            // below it down to the deepest column the sheet has.
            (0..4).rev().find(|l| given(*l)).unwrap_or(0)
        };
        let mut parent: Option<Id> = None;
        let mut parent_title = String::new();
        let mut activities: Vec<Id> = Vec::new();
        for (level, kind) in LEVELS.iter().enumerate().take(deepest + 1) {
            match given_text(level).cloned() {
                Some(text) if level == 3 => {
                    let items = split_items(&text);
                    if items.len() > 1 && (!lump.is_empty() || unit_line.is_some()) {
                        im.notes.push(said(
                            "activities_in_one_cell",
                            &[("row", number.to_string()), ("n", items.len().to_string())],
                        ));
                    }
                    let code = cell(column_of(Field::ActivityCode));
                    for (k, item) in items.into_iter().enumerate() {
                        // A code column names the row's (first) activity.
                        activities.push(if k == 0 && !code.is_empty() {
                            im.activity_coded(parent, code, &item)
                        } else {
                            im.record(*kind, parent, &item, false)
                        });
                    }
                    parent_title = text;
                }
                Some(text) => {
                    parent = Some(im.record(*kind, parent, &text, false));
                    parent_title = split_numbering(&text).1;
                }
                None => {
                    let above = if level == 0 { "" } else { &parent_title };
                    let title = placeholder::placeholder_title(
                        &im.plan.meta.working_language,
                        kind.name(),
                        &title_part(above),
                    );
                    let id = im.record(*kind, parent, &title, true);
                    if level == 3 {
                        activities.push(id);
                    } else {
                        parent = Some(id);
                    }
                }
            }
        }
        imported_rows += 1;

        // Agencies.
        let mut actors = cells::split_actors(cell(column_of(Field::LeadAgency)));
        let supporting_cell = cells::split_actors(cell(column_of(Field::Agencies)));
        let mut row_lead = None;
        if !actors.is_empty() || !supporting_cell.is_empty() {
            let lead = if actors.is_empty() {
                None
            } else {
                Some(im.agency(&actors.remove(0)))
            };
            row_lead = lead;
            let supporting: Vec<Id> = actors
                .iter()
                .chain(&supporting_cell)
                .map(|a| im.agency(a))
                .collect();
            for id in &activities {
                if let Some(a) = im.plan.activities.iter_mut().find(|a| a.record.id == *id) {
                    if a.lead_agency_id.is_none() {
                        a.lead_agency_id = lead;
                    }
                    for s in &supporting {
                        if Some(*s) != a.lead_agency_id && !a.supporting_agency_ids.contains(s) {
                            a.supporting_agency_ids.push(*s);
                        }
                    }
                }
            }
        }

        // Indicators.
        if !indicator_text.is_empty() {
            let (level, parent_id) = match (deepest.min(2), parent) {
                (2, Some(p)) if has(Field::Output) || headings[2].is_some() => {
                    (IndicatorLevel::Output, p)
                }
                (_, Some(p)) if im.plan.outputs.iter().any(|o| o.record.id == p) => {
                    (IndicatorLevel::Output, p)
                }
                (_, Some(p)) => (IndicatorLevel::Outcome, p),
                (_, None) => (IndicatorLevel::Impact, Id::default()),
            };
            let statements = split_items(indicator_text);
            let per = |f: Field| {
                let items = split_items(cell(column_of(f)));
                if items.len() == statements.len() {
                    items
                } else {
                    vec![cell(column_of(f)).to_string(); statements.len()]
                }
            };
            // A baseline or target of "-" or "n/a" is none: the indicator stays a number.
            let stated = |values: Vec<String>| -> Vec<String> {
                (values.into_iter())
                    .map(|v| if says_nothing(&v) { String::new() } else { v })
                    .collect()
            };
            let (baselines, targets, sources) = (
                stated(per(Field::Baseline)),
                stated(per(Field::Target)),
                per(Field::MeansOfVerification),
            );
            for (i, statement) in statements.iter().enumerate() {
                let (code, text) = split_numbering(statement);
                let exists = im.plan.indicators.iter().any(|x| {
                    x.parent_id == Some(parent_id) && fold(&x.statement.text) == fold(&text)
                });
                if exists {
                    im.count("indicator", false);
                    continue;
                }
                let numbers = [&baselines[i], &targets[i]]
                    .iter()
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| parse_amount(v, mark))
                    .collect::<Result<Vec<_>, _>>();
                let percent = baselines[i].contains('%') || targets[i].contains('%');
                let (kind, baseline, target) = match numbers {
                    Ok(_) => {
                        let n = |v: &str| {
                            (!v.trim().is_empty()).then(|| {
                                parse_amount(v, mark)
                                    .map(|d| d.normalize().to_string())
                                    .unwrap_or_default()
                            })
                        };
                        (
                            if percent {
                                IndicatorType::Percentage
                            } else {
                                IndicatorType::Number
                            },
                            n(&baselines[i]),
                            n(&targets[i]),
                        )
                    }
                    Err(_) => (
                        IndicatorType::Qualitative,
                        Some(baselines[i].clone()).filter(|b| !b.is_empty()),
                        Some(targets[i].clone()).filter(|t| !t.is_empty()),
                    ),
                };
                let taken: Vec<String> = im
                    .plan
                    .indicators
                    .iter()
                    .map(|x| x.code.to_lowercase())
                    .collect();
                let code = match code {
                    Some(c) if !taken.contains(&c.to_lowercase()) => c,
                    _ => (1..)
                        .map(|n| format!("IND{n:03}"))
                        .find(|c| !taken.contains(&c.to_lowercase()))
                        .unwrap_or_default(),
                };
                let record = im.meta();
                im.plan.indicators.push(Indicator {
                    record,
                    level,
                    parent_id: (level != IndicatorLevel::Impact).then_some(parent_id),
                    code,
                    statement: LocalText::new(text),
                    kind,
                    unit: if percent { "%".into() } else { String::new() },
                    disaggregation: vec![],
                    baseline_value: baseline,
                    baseline_year: None,
                    baseline_source: String::new(),
                    targets: target
                        .map(|t| [(plan.meta.end_year, t)].into_iter().collect())
                        .unwrap_or_default(),
                    means_of_verification: LocalText::new(sources[i].clone()),
                    frequency: Frequency::Annual,
                    // Who reports on it: the row's lead actor (a logframe without
                    // activities names its actors against its results).
                    responsible_agency_id: row_lead,
                });
                im.count("indicator", true);
            }
        }

        // Cost lines on the row's first activity.
        let Some(&activity) = activities.first() else {
            continue;
        };
        let item_text = cell(column_of(Field::Item));
        let economic = cell(column_of(Field::EconomicCode)).to_string();
        // The row's own note, and what the import did to its amount.
        let note = match (cell(column_of(Field::Note)), &spread_from) {
            (own, Some(spread)) if !own.is_empty() => format!("{own}; {spread}"),
            (_, Some(spread)) => spread.clone(),
            (own, None) => own.to_string(),
        };
        let source = im.funding_source(cell(column_of(Field::FundingSource)));
        if let Some(f) = cell(column_of(Field::FunctionCode))
            .get(..)
            .filter(|f| !f.is_empty())
        {
            if let Some(a) = im
                .plan
                .activities
                .iter_mut()
                .find(|a| a.record.id == activity)
            {
                if a.cofog.is_empty() {
                    a.cofog = f.to_string();
                }
            }
        }
        let mut add_line = |im: &mut Importer<'_, _>,
                            item: String,
                            unit: String,
                            unit_cost: Decimal,
                            quantities: BTreeMap<Year, Decimal>,
                            inflate: bool,
                            source: Option<Id>| {
            // A source made for a funder is in the plan's currency (`funder_source`); a
            // share in another currency is counted in its amounts at the plan's rate of that
            // year.
            if let Some(s) = source.filter(|s| im.funder_shares.contains_key(s)) {
                for (y, q) in &quantities {
                    let share = q.saturating_mul(unit_cost);
                    let converted = if cost_currency == base_currency {
                        Some(share)
                    } else {
                        share_in(&im.plan, share, &cost_currency, &base_currency, *y)
                    };
                    match converted {
                        Some(share) => {
                            let shares = im.funder_shares.entry(s).or_default();
                            let e = shares.entry(*y).or_default();
                            *e = e.saturating_add(share);
                        }
                        None => {
                            (im.shares_without_rate.entry((s, cost_currency.clone())))
                                .or_default()
                                .insert(*y);
                        }
                    }
                }
            }
            for (y, q) in &quantities {
                for sum in [&mut since_total, &mut since_start] {
                    let e = (sum.entry(*y).or_default())
                        .entry(cost_currency.clone())
                        .or_default();
                    *e = e.saturating_add(q.saturating_mul(unit_cost));
                }
            }
            let key = format!("{}\u{1f}{unit}\u{1f}{unit_cost}\u{1f}{cost_currency}\u{1f}{economic}\u{1f}{source:?}", fold(&item));
            if let Some(&li) = im.open_lines.get(&(activity, key.clone())) {
                let line: &mut CostLine = &mut im.plan.cost_lines[li];
                if quantities.keys().all(|y| !line.quantities.contains_key(y)) {
                    line.quantities.extend(quantities);
                    return;
                }
            }
            let record = im.meta();
            im.new_lines.push(record.id);
            im.plan.cost_lines.push(CostLine {
                record,
                activity_id: activity,
                item: LocalText::new(item),
                catalogue_item_id: None,
                unit: Some(unit),
                unit_cost: Some(unit_cost),
                currency: Some(cost_currency.clone()),
                economic_code: Some(economic.clone()),
                quantities,
                funding_source_id: source,
                inflate,
                note: note.clone(),
            });
            im.open_lines
                .insert((activity, key), im.plan.cost_lines.len() - 1);
            im.count("cost_line", true);
        };
        let item = if item_text.is_empty() {
            None
        } else {
            Some(item_text.to_string())
        };
        if !lump.is_empty() {
            let item = item.clone().unwrap_or_else(|| lump_sum_name.clone());
            // What no funder's column gave (other columns of a year, an amount column).
            let mut rest = lump;
            for (y, a) in lump_by_funder.iter().flat_map(|(_, amounts)| amounts) {
                if let Some(e) = rest.get_mut(y) {
                    *e -= *a;
                }
            }
            rest.retain(|_, a| !a.is_zero());
            let parts = (!rest.is_empty())
                .then_some((None, rest))
                .into_iter()
                .chain(
                    (lump_by_funder.into_iter()).map(|(funder, amounts)| (Some(funder), amounts)),
                );
            for (funder, amounts) in parts {
                let source = match funder {
                    Some(funder) => Some(im.funder_source(funder)),
                    None => source,
                };
                add_line(
                    &mut im,
                    item.clone(),
                    crate::costing::lump_sum::LUMP_SUM_UNIT.into(),
                    Decimal::ONE,
                    amounts,
                    false,
                    source,
                );
            }
        }
        if let Some((unit_cost, quantity, year)) = unit_line {
            let unit = cell(column_of(Field::Unit));
            let unit = if unit.is_empty() {
                "unit".to_string()
            } else {
                unit.to_string()
            };
            let item = item.unwrap_or_else(|| parent_title.clone());
            add_line(
                &mut im,
                item,
                unit,
                unit_cost,
                [(year, quantity)].into_iter().collect(),
                true,
                source,
            );
        }
    }

    // The years of the activities that got lines, once at the end: on a 30,000-row sheet a
    // pass over every line per row was quadratic.
    let new_lines: HashSet<Id> = im.new_lines.iter().copied().collect();
    let mut years: HashMap<Id, BTreeSet<Year>> = HashMap::new();
    for l in im
        .plan
        .cost_lines
        .iter()
        .filter(|l| new_lines.contains(&l.record.id))
    {
        years.entry(l.activity_id).or_default();
    }
    for l in &im.plan.cost_lines {
        if let Some(y) = years.get_mut(&l.activity_id) {
            y.extend(l.quantities.keys().copied());
        }
    }
    for a in &mut im.plan.activities {
        if let Some(y) = years.get(&a.record.id) {
            let mut all: BTreeSet<Year> = a.years.iter().copied().collect();
            all.extend(y);
            a.years = all.into_iter().collect();
        }
    }

    let spread_rows = spread_rows.iter().map(|r| *r as i64);
    im.notes.extend(rows_said(
        spread_rows,
        |row| said("amounts_spread_one", &[("rows", row)]),
        |rows| said("amounts_spread", &[("rows", rows)]),
    ));
    let pending = to_be_determined.take().into_iter().map(|r| r as i64);
    im.notes.extend(rows_said(
        pending,
        |row| said("to_be_determined_one", &[("row", row)]),
        |rows| said("to_be_determined", &[("rows", rows)]),
    ));
    match said_nothing.get() {
        0 => {}
        1 => im.notes.push(said("dashes_one", &[])),
        n => im.notes.push(said("dashes", &[("n", n.to_string())])),
    }
    // Said in the order the sources were made, as the notes that made them are.
    let position = |id: &Id| (im.plan.funding_sources.iter()).position(|s| s.record.id == *id);
    let mut without_rate: Vec<_> = std::mem::take(&mut im.shares_without_rate)
        .into_iter()
        .collect();
    without_rate.sort_by_key(|((id, currency), _)| (position(id), currency.clone()));
    for ((id, currency), years) in without_rate {
        let source = (im.plan.funding_sources.iter()).find(|s| s.record.id == id);
        let code = source.map(|s| s.code.clone()).unwrap_or_default();
        let years: Vec<String> = years.iter().map(Year::to_string).collect();
        im.notes.push(said(
            "funder_share_without_rate",
            &[
                ("code", code),
                ("currency", currency),
                ("source_currency", base_currency.clone()),
                ("years", years.join(", ")),
            ],
        ));
    }
    for (id, shares) in std::mem::take(&mut im.funder_shares) {
        if let Some(s) = (im.plan.funding_sources.iter_mut()).find(|s| s.record.id == id) {
            s.amounts = shares;
        }
    }
    let problems = validate(&im.plan);
    if let Some(first) = problems.first() {
        return Err(SheetError::Inconsistent(first.to_string()));
    }
    let amounts = pillar_year_amounts(&im.plan, &new_lines);
    let review = SheetReview {
        header_row: layout.header_row + 1,
        header_last_row: layout.data_row,
        columns: layout.columns,
        plan_years: plan.years().collect(),
        counts: im.counts.into_values().collect(),
        agencies_created: im.agencies_created,
        placeholders: im.placeholders,
        amounts,
        total_checks,
        refused,
        notes: im.notes,
        rows: imported_rows,
    };
    Ok(SheetImport {
        plan: im.plan,
        review,
    })
}

/// The plan's funding sources by folded code and folded name; a name two sources share
/// names the first in plan order, as a search in plan order would find.
fn plan_sources(plan: &Plan) -> HashMap<String, Id> {
    let mut sources = HashMap::new();
    for f in &plan.funding_sources {
        for key in [fold(&f.code), fold(&f.name.text)] {
            sources.entry(key).or_insert(f.record.id);
        }
    }
    sources
}

/// An amount, unit cost or quantity of a row, stated in multiples of `scale` (one, or the
/// thousands or millions its column is in), within what a plan takes
/// ([`crate::validate::AMOUNT_LIMIT`]).
fn entry_amount(text: &str, mark: DecimalMark, scale: Decimal) -> Result<Decimal, Said> {
    let too_large = || {
        if scale == Decimal::ONE {
            said("too_large", &[("value", quoted(text))])
        } else {
            said(
                "too_large_multiple",
                &[("value", quoted(text)), ("multiple", grouped(scale))],
            )
        }
    };
    let v = parse_amount(text, mark)?
        .checked_mul(scale)
        .ok_or_else(too_large)?;
    if v.abs() > crate::validate::AMOUNT_LIMIT {
        return Err(too_large());
    }
    Ok(v)
}

/// The most characters of a parent's title repeated in a placeholder's title.
const TITLE_PART_CHARS: usize = 200;

/// A parent's title as a placeholder's title repeats it: whole, or cut after a word with
/// "…" when very long (a record title, unlike a message, does not say how long it was).
fn title_part(title: &str) -> String {
    if title.chars().count() <= TITLE_PART_CHARS {
        return title.to_string();
    }
    let head: String = title.chars().take(TITLE_PART_CHARS).collect();
    let cut = head
        .rfind(' ')
        .filter(|i| *i > head.len() / 2)
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end())
}

/// Text of the sheet as the review quotes it (a long cell cut short).
fn quoted(text: &str) -> String {
    crate::text::quoted(text).into_owned()
}

/// An amount as the review writes it: "1,250,000.5".
fn grouped(amount: Decimal) -> String {
    crate::costing::rounding::grouped(amount.normalize(), ",")
}

/// Amounts imported by year and currency, for checking a Total row.
type Counted = BTreeMap<Year, BTreeMap<String, Decimal>>;

/// What the rows counted for a Total row add up to.
#[derive(Debug)]
struct CountedTotal {
    amount: Decimal,
    /// The currency of `amount`: see [`counted_total`].
    currency: String,
    /// The currencies counted in `currency` at the plan's rate of each year.
    converted: Vec<String>,
}

/// Why a Total row cannot be checked: the plan has no rate from `currency` to `base` (the
/// total's) in `years`.
#[derive(Debug)]
struct NoRate {
    currency: String,
    base: String,
    years: Vec<Year>,
}

/// The rows of `counted` in `year` (every year for `None`) added up for a Total row, in the
/// currency the total's cell or column states, else in the one currency all the rows it
/// adds up share (a sheet in dollars totals dollars), else in the plan's. Amounts in another
/// currency are counted at the plan's rate of their year, as the costing counts them: a
/// Total that added euros to francs as they are then differs, and the review says so.
fn counted_total(
    plan: &Plan,
    counted: &Counted,
    year: Option<Year>,
    stated: Option<&str>,
) -> Result<CountedTotal, NoRate> {
    let all: BTreeSet<&String> = counted.values().flat_map(BTreeMap::keys).collect();
    let currency = match (stated, all.first()) {
        (Some(stated), _) => stated.to_string(),
        (None, Some(only)) if all.len() == 1 => (*only).clone(),
        _ => plan.meta.base_currency.clone(),
    };
    let mut amount = Decimal::ZERO;
    let mut converted = BTreeSet::new();
    let mut without_rate: BTreeMap<&String, Vec<Year>> = BTreeMap::new();
    let years = (counted.iter()).filter(|(y, _)| year.is_none_or(|year| **y == year));
    for (y, by) in years {
        for (from, value) in by {
            let value = if *from == currency {
                Some(*value)
            } else {
                converted.insert(from.clone());
                share_in(plan, *value, from, &currency, *y)
            };
            match value {
                Some(v) => amount = amount.saturating_add(v),
                None => without_rate.entry(from).or_default().push(*y),
            }
        }
    }
    if let Some((from, years)) = without_rate.into_iter().next() {
        return Err(NoRate {
            currency: from.clone(),
            base: currency,
            years,
        });
    }
    Ok(CountedTotal {
        amount,
        currency,
        converted: converted.into_iter().collect(),
    })
}

/// `share` (an amount in `from`) in `to` at the plan's rate of `year`, rounded half away from
/// zero to `to`'s minor units, as an amount of a funding source is written; `None` when the
/// plan has no rate between the two that year.
fn share_in(plan: &Plan, share: Decimal, from: &str, to: &str, year: Year) -> Option<Decimal> {
    let factor = crate::costing::exchange_factor(plan, from, to, year)?;
    Some(crate::costing::quantize(
        share.checked_mul(factor)?,
        crate::currency::minor_units(to),
    ))
}

/// The ISO code of a currency cell ("USD", "usd", "$", "FCFA").
fn currency_of(text: &str, base: &str) -> Option<String> {
    let t = text.trim().to_uppercase();
    if currency(&t).is_some() {
        return Some(t);
    }
    cells::currency_in(&t).map(|c| cfa(&c, base))
}

/// "FCFA" is the CFA franc of the plan's own region: XAF for a plan in XAF, else XOF.
fn cfa(code: &str, base: &str) -> String {
    if code == "XOF" && base == "XAF" {
        base.to_string()
    } else {
        code.to_string()
    }
}

/// The amounts of the lines `new` by pillar and year, in each line's currency (before
/// exchange rates, inflation and contingency: the sheet's own figures).
fn pillar_year_amounts(plan: &Plan, new: &HashSet<Id>) -> Vec<PillarYearAmount> {
    let activity_pillar: HashMap<Id, &Pillar> = plan
        .activities
        .iter()
        .filter_map(|a| {
            let output = plan.outputs.iter().find(|o| o.record.id == a.output_id)?;
            let outcome = plan
                .outcomes
                .iter()
                .find(|o| o.record.id == output.outcome_id)?;
            let pillar = plan
                .pillars
                .iter()
                .find(|p| p.record.id == outcome.pillar_id)?;
            Some((a.record.id, pillar))
        })
        .collect();
    let mut sums: BTreeMap<(String, Year, String), Decimal> = BTreeMap::new();
    for line in plan
        .cost_lines
        .iter()
        .filter(|l| new.contains(&l.record.id))
    {
        let Some(pillar) = activity_pillar.get(&line.activity_id) else {
            continue;
        };
        let label = format!("{} {}", pillar.code, pillar.title.text)
            .trim()
            .to_string();
        let unit_cost = line.unit_cost.unwrap_or_default();
        for (y, q) in &line.quantities {
            let e = sums
                .entry((label.clone(), *y, line.currency.clone().unwrap_or_default()))
                .or_default();
            *e = e.saturating_add(q.saturating_mul(unit_cost));
        }
    }
    sums.into_iter()
        .map(|((pillar, year, currency), amount)| PillarYearAmount {
            pillar,
            year,
            currency,
            amount: amount.normalize().to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
