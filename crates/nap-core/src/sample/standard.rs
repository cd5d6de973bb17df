//! The titles a new plan starts with — the WPS pillars and the sections of the narrative
//! local framework — in the languages the product writes well, so that a French or Thai
//! plan does not start with English headings its readers then have to translate.
//!
//! A language not listed here falls back to English for the working language and to no
//! text at all for the second language (an empty second-language field asks for a
//! translation; an English one would pass for one).

use crate::languages::language;
use crate::model::{NarrativeKind, PillarKind};
use crate::text::LocalText;

/// Languages with standard titles, in the order of the columns of the tables below.
const COLUMNS: [&str; 9] = ["en", "km", "fr", "th", "vi", "id", "lo", "my", "tl"];

/// The four WPS pillars plus Coordination and M&E.
const PILLARS: [(PillarKind, [&str; 9]); 5] = [
    (
        PillarKind::Participation,
        [
            "Participation",
            "ការចូលរួម",
            "Participation",
            "การมีส่วนร่วม",
            "Tham gia",
            "Partisipasi",
            "ການມີສ່ວນຮ່ວມ",
            "ပါဝင်ဆောင်ရွက်မှု",
            "Pakikilahok",
        ],
    ),
    (
        PillarKind::Prevention,
        [
            "Prevention",
            "ការបង្ការ",
            "Prévention",
            "การป้องกัน",
            "Phòng ngừa",
            "Pencegahan",
            "ການປ້ອງກັນ",
            "ကာကွယ်တားဆီးရေး",
            "Pag-iwas",
        ],
    ),
    (
        PillarKind::Protection,
        [
            "Protection",
            "ការការពារ",
            "Protection",
            "การคุ้มครอง",
            "Bảo vệ",
            "Perlindungan",
            "ການປົກປ້ອງ",
            "အကာအကွယ်ပေးရေး",
            "Proteksyon",
        ],
    ),
    (
        PillarKind::ReliefRecovery,
        [
            "Relief and Recovery",
            "ការសង្គ្រោះ និងការស្តារឡើងវិញ",
            "Secours et relèvement",
            "การบรรเทาทุกข์และการฟื้นฟู",
            "Cứu trợ và phục hồi",
            "Bantuan dan Pemulihan",
            "ການຊ່ວຍເຫຼືອ ແລະ ການຟື້ນຟູ",
            "ကယ်ဆယ်ရေးနှင့် ပြန်လည်ထူထောင်ရေး",
            "Tulong at Pagbangon",
        ],
    ),
    (
        PillarKind::CoordinationMe,
        [
            "Coordination, Monitoring and Evaluation",
            "ការសម្របសម្រួល ការតាមដាន និងការវាយតម្លៃ",
            "Coordination, suivi et évaluation",
            "การประสานงาน การติดตาม และการประเมินผล",
            "Điều phối, giám sát và đánh giá",
            "Koordinasi, Pemantauan dan Evaluasi",
            "ການປະສານງານ, ການຕິດຕາມ ແລະ ປະເມີນຜົນ",
            "ညှိနှိုင်းဆောင်ရွက်ရေး၊ စောင့်ကြည့်ခြင်းနှင့် အကဲဖြတ်ခြင်း",
            "Koordinasyon, Pagsubaybay at Pagsusuri",
        ],
    ),
];

/// The sections of a narrative local framework, in the order the toolkit presents them.
const SECTIONS: [(NarrativeKind, [&str; 9]); 7] = [
    (
        NarrativeKind::Context,
        [
            "Context and situation analysis",
            "បរិបទ និងការវិភាគស្ថានភាព",
            "Contexte et analyse de la situation",
            "บริบทและการวิเคราะห์สถานการณ์",
            "Bối cảnh và phân tích tình hình",
            "Konteks dan analisis situasi",
            "ສະພາບການ ແລະ ການວິເຄາະສະຖານະການ",
            "နောက်ခံအခြေအနေနှင့် အခြေအနေ သုံးသပ်ချက်",
            "Konteksto at pagsusuri ng sitwasyon",
        ],
    ),
    (
        NarrativeKind::Rationale,
        [
            "Rationale",
            "សេចក្តីសំអាង",
            "Justification",
            "หลักการและเหตุผล",
            "Cơ sở lý luận",
            "Dasar pemikiran",
            "ເຫດຜົນ ແລະ ຄວາມຈຳເປັນ",
            "ဆောင်ရွက်ရခြင်း အကြောင်းရင်း",
            "Katwiran",
        ],
    ),
    (
        NarrativeKind::Alignment,
        [
            "Alignment with national and regional frameworks",
            "ការតម្រឹមជាមួយក្របខ័ណ្ឌជាតិ និងតំបន់",
            "Alignement sur les cadres nationaux et régionaux",
            "ความสอดคล้องกับกรอบระดับชาติและระดับภูมิภาค",
            "Sự phù hợp với các khuôn khổ quốc gia và khu vực",
            "Keselarasan dengan kerangka nasional dan regional",
            "ຄວາມສອດຄ່ອງກັບກອບລະດັບຊາດ ແລະ ລະດັບພາກພື້ນ",
            "အမျိုးသားနှင့် ဒေသဆိုင်ရာ မူဘောင်များနှင့် ကိုက်ညီမှု",
            "Pagkakatugma sa mga pambansa at panrehiyong balangkas",
        ],
    ),
    (
        NarrativeKind::TheoryOfChange,
        [
            "Theory of change",
            "ទ្រឹស្តីនៃការផ្លាស់ប្តូរ",
            "Théorie du changement",
            "ทฤษฎีการเปลี่ยนแปลง",
            "Lý thuyết thay đổi",
            "Teori perubahan",
            "ທິດສະດີການປ່ຽນແປງ",
            "ပြောင်းလဲမှုဆိုင်ရာ သီအိုရီ",
            "Teorya ng pagbabago",
        ],
    ),
    (
        NarrativeKind::Priorities,
        [
            "Priorities and emerging security issues",
            "អាទិភាព និងបញ្ហាសន្តិសុខដែលកំពុងលេចឡើង",
            "Priorités et nouveaux enjeux de sécurité",
            "ลำดับความสำคัญและประเด็นความมั่นคงที่เกิดขึ้นใหม่",
            "Ưu tiên và các vấn đề an ninh mới nổi",
            "Prioritas dan isu keamanan yang muncul",
            "ບູລິມະສິດ ແລະ ບັນຫາຄວາມໝັ້ນຄົງທີ່ເກີດຂຶ້ນໃໝ່",
            "ဦးစားပေးကိစ္စများနှင့် ပေါ်ပေါက်လာသော လုံခြုံရေးပြဿနာများ",
            "Mga prayoridad at mga bagong isyung pangseguridad",
        ],
    ),
    (
        NarrativeKind::GuidingPrinciples,
        [
            "Guiding principles",
            "គោលការណ៍ណែនាំ",
            "Principes directeurs",
            "หลักการชี้นำ",
            "Nguyên tắc chỉ đạo",
            "Prinsip-prinsip panduan",
            "ຫຼັກການຊີ້ນຳ",
            "လမ်းညွှန်မူများ",
            "Mga gabay na prinsipyo",
        ],
    ),
    (
        NarrativeKind::ConsultationProcess,
        [
            "Consultation process",
            "ដំណើរការពិគ្រោះយោបល់",
            "Processus de consultation",
            "กระบวนการปรึกษาหารือ",
            "Quá trình tham vấn",
            "Proses konsultasi",
            "ຂະບວນການປຶກສາຫາລື",
            "အကြံပြုချက် ရယူသည့် လုပ်ငန်းစဉ်",
            "Proseso ng konsultasyon",
        ],
    ),
];

/// The column of the language of BCP 47 tag `tag` ("fr-CI" reads "fr"); `None` when the
/// product has no standard titles in it.
fn column(tag: &str) -> Option<usize> {
    // Filipino is standardised Tagalog: the same titles.
    let code = match language(tag)?.code {
        "fil" => "tl",
        code => code,
    };
    COLUMNS.iter().position(|c| *c == code)
}

/// The standard pillars, in order, each with its title in the language `tag`, or `None`
/// where the product has no title in that language.
pub fn pillar_titles(tag: &str) -> impl Iterator<Item = (PillarKind, Option<&'static str>)> {
    let col = column(tag);
    PILLARS
        .iter()
        .map(move |(kind, titles)| (*kind, col.map(|c| titles[c])))
}

/// The standard narrative sections, in order, each with its title in the language `tag`,
/// or `None` where the product has no title in that language.
pub fn section_titles(tag: &str) -> impl Iterator<Item = (NarrativeKind, Option<&'static str>)> {
    let col = column(tag);
    SECTIONS
        .iter()
        .map(move |(kind, titles)| (*kind, col.map(|c| titles[c])))
}

/// Each row of `table` as a two-language text: in the working language `working` (English
/// where the product has no titles in it) and the second language `second` (none where it
/// has none).
fn titled<K: Copy>(
    table: &[(K, [&'static str; 9])],
    working: &str,
    second: Option<&str>,
) -> Vec<(K, LocalText)> {
    let text_column = column(working).unwrap_or(0);
    let l2_column = second.and_then(column);
    (table.iter())
        .map(|(kind, titles)| {
            let text = LocalText {
                text: titles[text_column].to_string(),
                l2: l2_column.map(|c| titles[c].to_string()),
                l2_outdated: false,
            };
            (*kind, text)
        })
        .collect()
}

/// The kind of the standard pillar titled `title` in any of the languages above, when it is
/// one ("PENCEGAHAN", "Relief and recovery", "ការការពារ"), compared as `fold` compares.
pub fn standard_pillar_kind(title: &str, fold: impl Fn(&str) -> String) -> Option<PillarKind> {
    let title = fold(title);
    PILLARS
        .iter()
        .find(|(_, names)| names.iter().any(|n| fold(n) == title))
        .map(|(kind, _)| *kind)
}

/// The standard pillars with their titles in a plan's working and second languages.
pub fn pillars(working: &str, second: Option<&str>) -> Vec<(PillarKind, LocalText)> {
    titled(&PILLARS, working, second)
}

/// The standard narrative sections with their titles in a plan's working and second
/// languages.
pub fn sections(working: &str, second: Option<&str>) -> Vec<(NarrativeKind, LocalText)> {
    titled(&SECTIONS, working, second)
}

/// Whether the product has standard titles in the language of `tag`.
pub fn has_titles(tag: &str) -> bool {
    column(tag).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_is_written_and_distinct_from_the_english_where_the_word_differs() {
        for (_, titles) in PILLARS.iter() {
            assert!(titles.iter().all(|t| !t.trim().is_empty()));
        }
        for (_, titles) in SECTIONS.iter() {
            assert!(titles.iter().all(|t| !t.trim().is_empty()));
            // Section titles are phrases: none of the translations may be the English one
            // left in place.
            assert!(titles[1..].iter().all(|t| *t != titles[0]), "{titles:?}");
        }
    }

    #[test]
    fn a_regional_tag_reads_its_language_and_an_unlisted_language_has_none() {
        let fr: Vec<_> = pillar_titles("fr-CI").collect();
        assert_eq!(fr[1], (PillarKind::Prevention, Some("Prévention")));
        assert!(pillar_titles("ka").all(|(_, t)| t.is_none()));
        assert!(has_titles("th") && !has_titles("ka") && !has_titles("xx"));
        assert!(has_titles("lo") && has_titles("my") && has_titles("tl"));
        let filipino: Vec<_> = pillar_titles("fil-PH").collect();
        assert_eq!(
            filipino[0],
            (PillarKind::Participation, Some("Pakikilahok"))
        );
        let th: Vec<_> = section_titles("th").collect();
        assert_eq!(th[0].0, NarrativeKind::Context);
        assert_eq!(th[0].1, Some("บริบทและการวิเคราะห์สถานการณ์"));
    }
}
