//! The exports' own words (headings, labels, notes), in English, Khmer, French, Thai,
//! Vietnamese and Bahasa Indonesia.

/// The language of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Km,
    Fr,
    Th,
    Vi,
    Id,
}

impl Lang {
    /// Every language the exports are written in.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Km, Lang::Fr, Lang::Th, Lang::Vi, Lang::Id];

    /// The language with this code ("en", "km", "fr", "th", "vi", "id").
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Km => "km",
            Self::Fr => "fr",
            Self::Th => "th",
            Self::Vi => "vi",
            Self::Id => "id",
        }
    }

    /// True when `plan` holds its text in this language as its second language (in
    /// `LocalText::l2`), so that the export reads that half of every two-language text.
    /// Otherwise the working-language text is used: a French plan's export in French reads
    /// `text`, and so does its English edition, whose headings only are English.
    pub fn reads_l2(self, plan: &nap_core::Plan) -> bool {
        plan.meta.working_language != self.code()
            && plan.meta.second_language.as_deref() == Some(self.code())
    }
}

/// (key, English, Khmer, French, Thai, Vietnamese, Bahasa Indonesia)
type Label = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const LABELS: &[Label] = &[
    ("annex", "Costed budget annex", "ឧបសម្ព័ន្ធថវិកាដែលបានប៉ាន់ស្មាន", "Annexe budgétaire chiffrée", "ภาคผนวกงบประมาณที่ประมาณการค่าใช้จ่ายแล้ว", "Phụ lục ngân sách dự toán chi phí", "Lampiran anggaran yang telah dihitung biayanya"),
    ("page", "Page {x} of {y}", "ទំព័រ {x} នៃ {y}", "Page {x} sur {y}", "หน้า {x} จาก {y}", "Trang {x}/{y}", "Halaman {x} dari {y}"),
    ("version", "Version", "កំណែ", "Version", "ฉบับ", "Phiên bản", "Versi"),
    ("date", "Date", "កាលបរិច្ឆេទ", "Date", "วันที่", "Ngày", "Tanggal"),
    ("working_draft", "Working draft", "សេចក្តីព្រាងការងារ", "Projet de travail", "ร่างเพื่อการทำงาน", "Bản dự thảo làm việc", "Draf kerja"),
    ("draft_for_consultation", "Draft for consultation", "សេចក្តីព្រាងសម្រាប់ពិគ្រោះយោបល់", "Projet soumis à consultation", "ร่างเพื่อการปรึกษาหารือ", "Dự thảo lấy ý kiến", "Draf untuk konsultasi"),
    ("country", "Country", "ប្រទេស", "Pays", "ประเทศ", "Quốc gia", "Negara"),
    ("period", "Plan period", "រយៈពេលផែនការ", "Période du plan", "ระยะเวลาของแผน", "Thời kỳ kế hoạch", "Periode rencana"),
    ("status", "Status", "ស្ថានភាព", "Statut", "สถานะ", "Tình trạng", "Status"),
    ("lead_agency", "Lead agency", "ស្ថាប័នដឹកនាំ", "Institution chef de file", "หน่วยงานหลัก", "Cơ quan chủ trì", "Instansi utama"),
    ("base_currency", "Base currency", "រូបិយប័ណ្ណគោល", "Monnaie de base", "สกุลเงินหลัก", "Đồng tiền cơ sở", "Mata uang dasar"),
    ("presentation_currency", "Amounts shown in", "ចំនួនទឹកប្រាក់បង្ហាញជា", "Montants présentés en", "จำนวนเงินแสดงเป็น", "Số tiền thể hiện bằng", "Jumlah ditampilkan dalam"),
    ("exchange_rates", "Exchange rates", "អត្រាប្តូរប្រាក់", "Taux de change", "อัตราแลกเปลี่ยน", "Tỷ giá hối đoái", "Kurs"),
    ("rate_line", "1 {cur} = {rate} {base} ({year}; {date}; {source})", "1 {cur} = {rate} {base} ({year}; {date}; {source})", "1 {cur} = {rate} {base} ({year} ; {date} ; {source})", "1 {cur} = {rate} {base} ({year}; {date}; {source})", "1 {cur} = {rate} {base} ({year}; {date}; {source})", "1 {cur} = {rate} {base} ({year}; {date}; {source})"),
    ("all_years", "all years", "គ្រប់ឆ្នាំ", "toutes les années", "ทุกปี", "tất cả các năm", "semua tahun"),
    ("no_rates", "All amounts are in the base currency; no exchange rate is used.", "ចំនួនទឹកប្រាក់ទាំងអស់គិតជារូបិយប័ណ្ណគោល ដោយមិនប្រើអត្រាប្តូរប្រាក់។", "Tous les montants sont en monnaie de base ; aucun taux de change n'est utilisé.", "จำนวนเงินทั้งหมดเป็นสกุลเงินหลัก ไม่มีการใช้อัตราแลกเปลี่ยน", "Mọi số tiền đều tính bằng đồng tiền cơ sở; không sử dụng tỷ giá hối đoái.", "Semua jumlah dalam mata uang dasar; tidak ada kurs yang digunakan."),
    ("summary", "Summary", "សេចក្តីសង្ខេប", "Synthèse", "สรุป", "Tóm tắt", "Ringkasan"),
    ("total_cost", "Total cost", "ចំណាយសរុប", "Coût total", "ค่าใช้จ่ายรวม", "Tổng chi phí", "Total biaya"),
    ("of_contingency", "of which contingency", "ក្នុងនោះប្រាក់បម្រុងទុក", "dont provision pour imprévus", "ในจำนวนนี้เป็นเงินสำรองฉุกเฉิน", "trong đó dự phòng", "di antaranya dana cadangan"),
    ("committed", "Committed funding", "មូលនិធិដែលបានប្តេជ្ញា", "Financement acquis", "เงินทุนที่ได้รับการยืนยันแล้ว", "Nguồn vốn đã cam kết chắc chắn", "Pendanaan yang telah dikomitmenkan"),
    ("pledged", "Pledged funding", "មូលនិធិដែលបានសន្យា", "Financement annoncé", "เงินทุนที่ได้รับคำมั่น", "Nguồn vốn đã hứa tài trợ", "Pendanaan yang dijanjikan"),
    ("expected", "Expected funding", "មូលនិធិដែលរំពឹងទុក", "Financement attendu", "เงินทุนที่คาดว่าจะได้รับ", "Nguồn vốn dự kiến", "Pendanaan yang diharapkan"),
    ("gap", "Funding gap", "គម្លាតមូលនិធិ", "Besoin de financement", "ช่องว่างด้านเงินทุน", "Thiếu hụt nguồn vốn", "Kesenjangan pendanaan"),
    ("gap_with_pledged", "Funding gap with pledges", "គម្លាតមូលនិធិ បើរាប់ទាំងការសន្យា", "Besoin de financement, annonces comprises", "ช่องว่างด้านเงินทุนเมื่อรวมคำมั่น", "Thiếu hụt nguồn vốn kể cả khoản hứa tài trợ", "Kesenjangan pendanaan termasuk janji"),
    ("share_of_cost", "{p} % of cost", "{p} % នៃចំណាយ", "{p} % du coût", "ร้อยละ {p} ของค่าใช้จ่าย", "{p} % chi phí", "{p} % dari biaya"),
    ("unallocated", "Committed funding its earmarks leave unused", "មូលនិធិដែលបានប្តេជ្ញា តែមិនអាចប្រើដោយសារការកំណត់គោលដៅ", "Financement acquis que ses affectations laissent inutilisé", "เงินทุนที่ยืนยันแล้วแต่ยังไม่ได้ใช้ตามเงื่อนไขการจัดสรร", "Nguồn vốn đã cam kết chưa dùng hết do điều kiện sử dụng", "Pendanaan terkomitmen yang tidak terpakai karena peruntukannya"),
    ("by_pillar_year", "Cost by pillar and year", "ចំណាយតាមសសរស្តម្ភ និងឆ្នាំ", "Coût par axe et par année", "ค่าใช้จ่ายตามเสาหลักและปี", "Chi phí theo trụ cột và năm", "Biaya menurut pilar dan tahun"),
    ("by_agency_year", "Cost by lead agency and year", "ចំណាយតាមស្ថាប័នដឹកនាំ និងឆ្នាំ", "Coût par institution chef de file et par année", "ค่าใช้จ่ายตามหน่วยงานหลักและปี", "Chi phí theo cơ quan chủ trì và năm", "Biaya menurut instansi utama dan tahun"),
    ("by_source_year", "Cost by intended funding source and year", "ចំណាយតាមប្រភពមូលនិធិ និងឆ្នាំ", "Coût par source de financement prévue et par année", "ค่าใช้จ่ายตามแหล่งเงินทุนที่ตั้งใจและปี", "Chi phí theo nguồn vốn dự định và năm", "Biaya menurut sumber pendanaan yang direncanakan dan tahun"),
    ("funding_sources", "Funding sources", "ប្រភពមូលនិធិ", "Sources de financement", "แหล่งเงินทุน", "Nguồn vốn", "Sumber pendanaan"),
    ("by_economic", "Cost by economic classification (GFS 2014)", "ចំណាយតាមចំណាត់ថ្នាក់សេដ្ឋកិច្ច (GFS 2014)", "Coût par classification économique (SFP 2014)", "ค่าใช้จ่ายตามการจำแนกทางเศรษฐกิจ (GFS 2014)", "Chi phí theo phân loại kinh tế (GFS 2014)", "Biaya menurut klasifikasi ekonomi (GFS 2014)"),
    ("gap_by_pillar_year", "Funding gap by pillar and year", "គម្លាតមូលនិធិតាមសសរស្តម្ភ និងឆ្នាំ", "Besoin de financement par axe et par année", "ช่องว่างด้านเงินทุนตามเสาหลักและปี", "Thiếu hụt nguồn vốn theo trụ cột và năm", "Kesenjangan pendanaan menurut pilar dan tahun"),
    ("mtef", "Medium-term expenditure framework: budget year {b} and two outer years", "ក្របខណ្ឌចំណាយរយៈពេលមធ្យម៖ ឆ្នាំថវិកា {b} និងពីរឆ្នាំបន្ទាប់", "Cadre de dépenses à moyen terme : année budgétaire {b} et deux années suivantes", "กรอบรายจ่ายระยะปานกลาง: ปีงบประมาณ {b} และอีกสองปีถัดไป", "Khuôn khổ chi tiêu trung hạn: năm ngân sách {b} và hai năm tiếp theo", "Kerangka pengeluaran jangka menengah: tahun anggaran {b} dan dua tahun berikutnya"),
    ("mtef_total", "{a}–{b}", "{a}–{b}", "{a}–{b}", "{a}–{b}", "{a}–{b}", "{a}–{b}"),
    ("chart", "Cost per year by pillar, with committed funding and the gap", "ចំណាយប្រចាំឆ្នាំតាមសសរស្តម្ភ ជាមួយមូលនិធិដែលបានប្តេជ្ញា និងគម្លាត", "Coût annuel par axe, avec le financement acquis et le besoin de financement", "ค่าใช้จ่ายรายปีตามเสาหลัก พร้อมเงินทุนที่ยืนยันแล้วและช่องว่าง", "Chi phí hằng năm theo trụ cột, với nguồn vốn đã cam kết và phần thiếu hụt", "Biaya per tahun menurut pilar, dengan pendanaan terkomitmen dan kesenjangannya"),
    ("chart_scale", "{cur}, millions", "{cur} គិតជាលាន", "{cur}, millions", "{cur} ล้าน", "{cur}, triệu", "{cur}, juta"),
    ("detail", "Detailed costing by outcome, output and activity", "ការប៉ាន់ស្មានចំណាយលម្អិតតាមលទ្ធផល ទិន្នផល និងសកម្មភាព", "Coûts détaillés par objectif spécifique, résultat attendu et activité", "รายละเอียดการประมาณการค่าใช้จ่ายตามผลลัพธ์ ผลผลิต และกิจกรรม", "Dự toán chi tiết theo kết quả, đầu ra và hoạt động", "Rincian biaya menurut hasil, keluaran, dan kegiatan"),
    ("item", "Item", "មុខចំណាយ", "Poste", "รายการ", "Khoản mục", "Butir"),
    ("unit", "Unit", "ឯកតា", "Unité", "หน่วย", "Đơn vị", "Satuan"),
    ("unit_cost", "Unit cost", "តម្លៃឯកតា", "Coût unitaire", "ราคาต่อหน่วย", "Đơn giá", "Harga satuan"),
    ("econ", "Econ.", "សេដ្ឋកិច្ច", "Éco.", "รหัสเศรษฐกิจ", "Mã KT", "Kode ek."),
    ("econ_class", "Economic classification", "ចំណាត់ថ្នាក់សេដ្ឋកិច្ច", "Classification économique", "การจำแนกทางเศรษฐกิจ", "Phân loại kinh tế", "Klasifikasi ekonomi"),
    ("source", "Source", "ប្រភព", "Source", "แหล่งเงิน", "Nguồn", "Sumber"),
    ("total", "Total", "សរុប", "Total", "รวม", "Tổng", "Total"),
    ("lead", "Lead", "ដឹកនាំ", "Chef de file", "หลัก", "Chủ trì", "Utama"),
    ("subtotal", "Subtotal", "សរុបរង", "Sous-total", "รวมย่อย", "Cộng", "Subtotal"),
    ("contingency", "Contingency", "ប្រាក់បម្រុងទុក", "Imprévus", "เงินสำรองฉุกเฉิน", "Dự phòng", "Dana cadangan"),
    ("contingency_line", "Contingency ({p} %)", "ប្រាក់បម្រុងទុក ({p} %)", "Imprévus ({p} %)", "เงินสำรองฉุกเฉิน (ร้อยละ {p})", "Dự phòng ({p} %)", "Dana cadangan ({p} %)"),
    ("pillar", "Pillar", "សសរស្តម្ភ", "Axe", "เสาหลัก", "Trụ cột", "Pilar"),
    ("outcome", "Outcome", "លទ្ធផល", "Objectif spécifique", "ผลลัพธ์", "Kết quả", "Hasil"),
    ("output", "Output", "ទិន្នផល", "Résultat attendu", "ผลผลิต", "Đầu ra", "Keluaran"),
    ("activity", "Activity", "សកម្មភាព", "Activité", "กิจกรรม", "Hoạt động", "Kegiatan"),
    ("agency", "Lead agency", "ស្ថាប័នដឹកនាំ", "Institution chef de file", "หน่วยงานหลัก", "Cơ quan chủ trì", "Instansi utama"),
    ("unfunded", "Unfunded", "គ្មានប្រភពមូលនិធិ", "Non financé", "ยังไม่มีเงินทุน", "Chưa có nguồn vốn", "Belum didanai"),
    ("quantities", "Each year shows the amount and, below it, the quantity.", "ឆ្នាំនីមួយៗបង្ហាញចំនួនទឹកប្រាក់ ហើយខាងក្រោមជាបរិមាណ។", "Chaque année indique le montant et, en dessous, la quantité.", "แต่ละปีแสดงจำนวนเงิน และแสดงปริมาณไว้ด้านล่าง", "Mỗi năm ghi số tiền, bên dưới là khối lượng.", "Setiap tahun menunjukkan jumlah biaya dan, di bawahnya, kuantitasnya."),
    ("assumptions", "Assumptions", "ការសន្មត", "Hypothèses", "สมมติฐาน", "Giả định", "Asumsi"),
    ("catalogue", "Unit-cost catalogue", "បញ្ជីតម្លៃឯកតា", "Catalogue des coûts unitaires", "บัญชีราคาต่อหน่วย", "Danh mục đơn giá", "Katalog harga satuan"),
    ("code", "Code", "កូដ", "Code", "รหัส", "Mã", "Kode"),
    ("name", "Name", "ឈ្មោះ", "Nom", "ชื่อ", "Tên", "Nama"),
    ("currency", "Currency", "រូបិយប័ណ្ណ", "Monnaie", "สกุลเงิน", "Đồng tiền", "Mata uang"),
    ("inflation", "Inflation", "អតិផរណា", "Inflation", "อัตราเงินเฟ้อ", "Lạm phát", "Inflasi"),
    ("inflation_text", "Unit costs are priced in {y}. Yearly inflation rates compound from that year; lines marked as fixed-price are not inflated.", "តម្លៃឯកតាកំណត់តាមតម្លៃឆ្នាំ {y}។ អត្រាអតិផរណាប្រចាំឆ្នាំត្រូវបានគណនាបន្តគ្នាពីឆ្នាំនោះ ហើយជួរចំណាយដែលមានតម្លៃថេរមិនរាប់អតិផរណាទេ។", "Les coûts unitaires sont établis aux prix de {y}. Les taux d'inflation annuels se cumulent à partir de cette année ; les lignes à prix fixe ne sont pas indexées.", "ราคาต่อหน่วยกำหนด ณ ปี {y} อัตราเงินเฟ้อรายปีคิดทบต้นนับจากปีนั้น รายการที่ระบุว่าเป็นราคาคงที่จะไม่ปรับตามเงินเฟ้อ", "Đơn giá tính theo giá năm {y}. Tỷ lệ lạm phát hằng năm được tính lũy kế từ năm đó; các khoản ghi là giá cố định không điều chỉnh theo lạm phát.", "Harga satuan dihitung pada harga tahun {y}. Laju inflasi tahunan dihitung majemuk sejak tahun itu; butir yang ditandai berharga tetap tidak disesuaikan dengan inflasi."),
    ("year", "Year", "ឆ្នាំ", "Année", "ปี", "Năm", "Tahun"),
    ("rate", "Rate", "អត្រា", "Taux", "อัตรา", "Tỷ lệ", "Laju"),
    ("factor", "Cumulative factor", "មេគុណបូកបន្ត", "Facteur cumulé", "ตัวคูณสะสม", "Hệ số lũy kế", "Faktor kumulatif"),
    ("rate_date", "Date", "កាលបរិច្ឆេទ", "Date", "วันที่", "Ngày", "Tanggal"),
    ("contingency_text", "A contingency of {p} % of each activity's cost is shown as its own line{overrides}.", "ប្រាក់បម្រុងទុក {p} % នៃចំណាយនៃសកម្មភាពនីមួយៗ ត្រូវបានបង្ហាញជាជួរដាច់ដោយឡែក{overrides}។", "Une provision pour imprévus de {p} % du coût de chaque activité figure sur une ligne distincte{overrides}.", "เงินสำรองฉุกเฉินร้อยละ {p} ของค่าใช้จ่ายแต่ละกิจกรรมแสดงเป็นรายการแยกต่างหาก{overrides}", "Khoản dự phòng {p} % chi phí của mỗi hoạt động được thể hiện thành một dòng riêng{overrides}.", "Dana cadangan sebesar {p} % dari biaya setiap kegiatan ditampilkan sebagai baris tersendiri{overrides}."),
    ("contingency_overrides", "; activities with their own rate: {list}", "; សកម្មភាពដែលមានអត្រាផ្ទាល់ខ្លួន៖ {list}", " ; activités avec leur propre taux : {list}", " กิจกรรมที่มีอัตราของตนเอง: {list}", "; các hoạt động có tỷ lệ riêng: {list}", "; kegiatan dengan laju sendiri: {list}"),
    ("allocation", "Funding allocation rule", "វិធានបែងចែកមូលនិធិ", "Règle d'affectation des financements", "หลักเกณฑ์การจัดสรรเงินทุน", "Quy tắc phân bổ nguồn vốn", "Aturan alokasi pendanaan"),
    ("allocation_text", "Each year on its own: a funding source first pays the cost lines that name it; earmarked sources then pay the uncovered cost within their earmark; the remaining money of unearmarked sources is pooled and pays what is still uncovered. Where money is short, each cost is paid in proportion to its uncovered amount. Funding gap = cost − committed funding allocated; the gap with pledges also counts pledged sources; expected sources do not reduce the gap.", "ឆ្នាំនីមួយៗដាច់ដោយឡែក៖ ប្រភពមូលនិធិបង់ជាមុនសម្រាប់ជួរចំណាយដែលកំណត់ឈ្មោះវា បន្ទាប់មកប្រភពដែលមានគោលដៅបង់ចំណាយដែលនៅសល់ក្នុងគោលដៅរបស់វា ហើយមូលនិធិដែលនៅសល់ពីប្រភពគ្មានគោលដៅត្រូវបានប្រមូលរួមគ្នា ដើម្បីបង់ចំណាយដែលនៅសល់។ នៅពេលមូលនិធិមិនគ្រប់ ចំណាយនីមួយៗត្រូវបានបង់តាមសមាមាត្រ។ គម្លាតមូលនិធិ = ចំណាយ − មូលនិធិដែលបានប្តេជ្ញា។", "Année par année : une source de financement paie d'abord les lignes de coût qui la désignent ; les sources affectées paient ensuite le coût non couvert dans leur champ d'affectation ; le reste des sources non affectées est mis en commun et paie ce qui reste à couvrir. Lorsque l'argent manque, chaque coût est payé au prorata de son montant non couvert. Besoin de financement = coût − financement acquis affecté ; le besoin « annonces comprises » compte aussi les sources annoncées ; les sources attendues ne réduisent pas le besoin.", "พิจารณาแยกเป็นรายปี: แหล่งเงินทุนจ่ายให้รายการค่าใช้จ่ายที่ระบุแหล่งนั้นก่อน จากนั้นแหล่งเงินที่มีเงื่อนไขการใช้จ่ายจะจ่ายค่าใช้จ่ายที่ยังไม่ครอบคลุมภายในเงื่อนไขของตน เงินที่เหลือของแหล่งที่ไม่มีเงื่อนไขจะรวมกันเพื่อจ่ายส่วนที่ยังไม่ครอบคลุม หากเงินไม่เพียงพอ ค่าใช้จ่ายแต่ละรายการจะได้รับตามสัดส่วนของจำนวนที่ยังไม่ครอบคลุม ช่องว่างด้านเงินทุน = ค่าใช้จ่าย − เงินทุนที่ยืนยันแล้วที่จัดสรร ช่องว่างเมื่อรวมคำมั่นนับรวมแหล่งที่ให้คำมั่นด้วย ส่วนแหล่งที่คาดว่าจะได้รับไม่ลดช่องว่าง", "Tính riêng từng năm: một nguồn vốn trước hết chi trả các dòng chi phí ghi tên nguồn đó; sau đó các nguồn có điều kiện sử dụng chi trả phần chi phí chưa được đáp ứng trong phạm vi điều kiện của mình; số tiền còn lại của các nguồn không có điều kiện được gộp chung để chi trả phần còn thiếu. Khi không đủ tiền, mỗi khoản chi được chi trả theo tỷ lệ phần chưa được đáp ứng. Thiếu hụt nguồn vốn = chi phí − nguồn vốn đã cam kết được phân bổ; thiếu hụt kể cả khoản hứa tài trợ tính thêm các nguồn đã hứa; các nguồn dự kiến không làm giảm thiếu hụt.", "Setiap tahun dihitung tersendiri: sebuah sumber pendanaan lebih dulu membiayai baris biaya yang menyebut sumber itu; kemudian sumber yang memiliki peruntukan khusus membiayai biaya yang belum tertutup dalam peruntukannya; sisa dana dari sumber tanpa peruntukan khusus digabungkan untuk membiayai yang masih belum tertutup. Jika dana tidak cukup, setiap biaya dibiayai sebanding dengan bagian yang belum tertutup. Kesenjangan pendanaan = biaya − pendanaan terkomitmen yang dialokasikan; kesenjangan termasuk janji juga memperhitungkan sumber yang dijanjikan; sumber yang diharapkan tidak mengurangi kesenjangan."),
    ("rounding", "Rounding", "ការបង្គត់", "Arrondis", "การปัดเศษ", "Làm tròn", "Pembulatan"),
    ("rounding_unit", "Amounts are computed exactly and shown rounded half away from zero to the {what}.", "ចំនួនទឹកប្រាក់ត្រូវបានគណនាយ៉ាងជាក់លាក់ ហើយបង្ហាញដោយបង្គត់ទៅ{what}។", "Les montants sont calculés exactement et présentés arrondis à l'unité la plus proche ({what}), la moitié étant arrondie vers le haut.", "จำนวนเงินคำนวณอย่างแม่นยำและแสดงโดยปัดเศษครึ่งหนึ่งออกจากศูนย์ไปยัง{what}", "Số tiền được tính chính xác và thể hiện sau khi làm tròn nửa ra xa số không đến {what}.", "Jumlah dihitung secara tepat dan ditampilkan dengan pembulatan setengah menjauhi nol ke {what}."),
    ("rounding_minor", "currency's minor unit", "ឯកតាតូចបំផុតនៃរូបិយប័ណ្ណ", "plus petite unité de la monnaie", "หน่วยย่อยของสกุลเงิน", "đơn vị nhỏ nhất của đồng tiền", "satuan terkecil mata uang"),
    ("rounding_thousands", "nearest thousand (amounts in thousands)", "ពាន់ដែលជិតបំផុត (ចំនួនគិតជាពាន់)", "millier le plus proche (montants en milliers)", "หลักพันที่ใกล้ที่สุด (จำนวนเงินเป็นพัน)", "hàng nghìn gần nhất (số tiền tính bằng nghìn)", "ribuan terdekat (jumlah dalam ribuan)"),
    ("rounding_millions", "nearest million (amounts in millions)", "លានដែលជិតបំផុត (ចំនួនគិតជាលាន)", "million le plus proche (montants en millions)", "หลักล้านที่ใกล้ที่สุด (จำนวนเงินเป็นล้าน)", "hàng triệu gần nhất (số tiền tính bằng triệu)", "jutaan terdekat (jumlah dalam jutaan)"),
    ("rounding_reconciled", "Rounded cells are reconciled so that every row and column adds up to its shown total.", "ក្រឡាដែលបានបង្គត់ត្រូវបានកែតម្រូវ ដើម្បីឱ្យជួរដេក និងជួរឈរនីមួយៗស្មើនឹងសរុបដែលបានបង្ហាញ។", "Les cellules arrondies sont ajustées pour que chaque ligne et chaque colonne corresponde au total affiché.", "ช่องที่ปัดเศษแล้วได้รับการปรับให้ทุกแถวและทุกคอลัมน์รวมกันเท่ากับยอดรวมที่แสดง", "Các ô đã làm tròn được điều chỉnh để mọi hàng và cột cộng lại đúng bằng tổng được thể hiện.", "Sel yang dibulatkan disesuaikan agar setiap baris dan kolom berjumlah sama dengan total yang ditampilkan."),
    ("rounding_note", "Totals may not add due to rounding.", "សរុបអាចមិនស្មើគ្នាដោយសារការបង្គត់។", "Les totaux peuvent différer légèrement en raison des arrondis.", "ยอดรวมอาจไม่เท่ากับผลบวกเนื่องจากการปัดเศษ", "Tổng có thể không khớp do làm tròn.", "Total mungkin tidak sama karena pembulatan."),
    ("in_thousands", "{cur}, thousands", "{cur} គិតជាពាន់", "{cur}, milliers", "{cur} พัน", "{cur}, nghìn", "{cur}, ribuan"),
    ("in_millions", "{cur}, millions", "{cur} គិតជាលាន", "{cur}, millions", "{cur} ล้าน", "{cur}, triệu", "{cur}, jutaan"),
    ("in_currency", "{cur}", "{cur}", "{cur}", "{cur}", "{cur}", "{cur}"),
    ("no_costs", "This plan has no cost lines yet. Add activities and their cost lines to produce a costed budget.", "ផែនការនេះមិនទាន់មានជួរចំណាយនៅឡើយទេ។ សូមបន្ថែមសកម្មភាព និងជួរចំណាយ ដើម្បីរៀបចំថវិកា។", "Ce plan n'a pas encore de lignes de coût. Ajoutez des activités et leurs lignes de coût pour établir un budget chiffré.", "แผนนี้ยังไม่มีรายการค่าใช้จ่าย เพิ่มกิจกรรมและรายการค่าใช้จ่ายเพื่อจัดทำงบประมาณ", "Kế hoạch này chưa có dòng chi phí nào. Hãy thêm hoạt động và các dòng chi phí để lập dự toán ngân sách.", "Rencana ini belum memiliki baris biaya. Tambahkan kegiatan dan baris biayanya untuk menyusun anggaran."),
    ("type", "Type", "ប្រភេទ", "Type", "ประเภท", "Loại", "Jenis"),
    ("on_budget", "On budget", "ក្នុងថវិកា", "Inscrit au budget", "ในงบประมาณ", "Trong ngân sách", "Dalam anggaran"),
    ("off_budget", "Off budget", "ក្រៅថវិកា", "Hors budget", "นอกงบประมาณ", "Ngoài ngân sách", "Di luar anggaran"),
    ("committed_s", "Committed", "បានប្តេជ្ញា", "Acquis", "ยืนยันแล้ว", "Đã cam kết", "Dikomitmenkan"),
    ("pledged_s", "Pledged", "បានសន្យា", "Annoncé", "ให้คำมั่นแล้ว", "Đã hứa", "Dijanjikan"),
    ("expected_s", "Expected", "រំពឹងទុក", "Attendu", "คาดว่าจะได้รับ", "Dự kiến", "Diharapkan"),
    ("national_budget", "National budget", "ថវិកាជាតិ", "Budget national", "งบประมาณแผ่นดิน", "Ngân sách nhà nước", "Anggaran negara"),
    ("development_partner", "Development partner", "ដៃគូអភិវឌ្ឍន៍", "Partenaire au développement", "หุ้นส่วนการพัฒนา", "Đối tác phát triển", "Mitra pembangunan"),
    ("csos", "Civil society", "សង្គមស៊ីវិល", "Société civile", "ภาคประชาสังคม", "Xã hội dân sự", "Masyarakat sipil"),
    ("private", "Private", "ឯកជន", "Secteur privé", "ภาคเอกชน", "Tư nhân", "Swasta"),
    ("other", "Other", "ផ្សេងៗ", "Autre", "อื่น ๆ", "Khác", "Lainnya"),
    ("earmark", "Earmark", "គោលដៅ", "Affectation", "เงื่อนไขการใช้จ่าย", "Điều kiện sử dụng", "Peruntukan"),
    ("none", "—", "—", "—", "—", "—", "—"),
    ("continued", "(continued)", "(ត)", "(suite)", "(ต่อ)", "(tiếp theo)", "(lanjutan)"),
    ("draft", "Draft", "សេចក្តីព្រាង", "Projet", "ร่าง", "Dự thảo", "Draf"),
    ("consultation", "Consultation", "ការពិគ្រោះយោបល់", "Consultation", "อยู่ระหว่างปรึกษาหารือ", "Đang lấy ý kiến", "Dalam konsultasi"),
    ("submitted", "Submitted", "បានដាក់ស្នើ", "Soumis", "เสนอแล้ว", "Đã trình", "Diajukan"),
    ("endorsed", "Endorsed", "បានអនុម័ត", "Adopté", "ได้รับความเห็นชอบ", "Đã phê duyệt", "Disahkan"),
    ("report_title", "Progress report {period}", "របាយការណ៍វឌ្ឍនភាព {period}", "Rapport d'avancement {period}", "รายงานความก้าวหน้า {period}", "Báo cáo tiến độ {period}", "Laporan kemajuan {period}"),
    ("report_indicators", "Indicators in {period}", "សូចនាករក្នុង {period}", "Indicateurs en {period}", "ตัวชี้วัดใน {period}", "Các chỉ số trong {period}", "Indikator pada {period}"),
    ("report_activities", "Activities in {period}", "សកម្មភាពក្នុង {period}", "Activités en {period}", "กิจกรรมใน {period}", "Các hoạt động trong {period}", "Kegiatan pada {period}"),
    ("report_by_pillar", "Budget execution by pillar, {year} ({cur})", "ការអនុវត្តថវិកាតាមសសរស្តម្ភ {year} ({cur})", "Exécution budgétaire par axe, {year} ({cur})", "การเบิกจ่ายงบประมาณตามเสาหลัก ปี {year} ({cur})", "Thực hiện ngân sách theo trụ cột, năm {year} ({cur})", "Realisasi anggaran menurut pilar, {year} ({cur})"),
    ("report_by_agency", "Budget execution by lead agency, {year} ({cur})", "ការអនុវត្តថវិកាតាមស្ថាប័នដឹកនាំ {year} ({cur})", "Exécution budgétaire par institution chef de file, {year} ({cur})", "การเบิกจ่ายงบประมาณตามหน่วยงานหลัก ปี {year} ({cur})", "Thực hiện ngân sách theo cơ quan chủ trì, năm {year} ({cur})", "Realisasi anggaran menurut instansi utama, {year} ({cur})"),
    ("report_indicators_line", "Indicators: {total}; {achieved} achieved, {partly} half-way or more, {behind} behind, {no_data} not reported.", "សូចនាករ៖ {total}; សម្រេចបាន {achieved} ពាក់កណ្តាលផ្លូវឬលើស {partly} យឺត {behind} មិនទាន់រាយការណ៍ {no_data}។", "Indicateurs : {total} ; {achieved} atteints, {partly} à mi-parcours ou plus, {behind} en retard, {no_data} non renseignés.", "ตัวชี้วัด: {total} ตัว บรรลุ {achieved} ตัว ได้ครึ่งทางขึ้นไป {partly} ตัว ล่าช้า {behind} ตัว ยังไม่รายงาน {no_data} ตัว", "Chỉ số: {total}; {achieved} đạt, {partly} đạt từ một nửa trở lên, {behind} chậm, {no_data} chưa báo cáo.", "Indikator: {total}; {achieved} tercapai, {partly} setengah jalan atau lebih, {behind} tertinggal, {no_data} belum dilaporkan."),
    ("report_activities_line", "Activities: {total}; {completed} completed, {on_track} on track, {delayed} delayed, {not_started} not started, {dropped} dropped, {not_reported} not reported.", "សកម្មភាព៖ {total}; បានបញ្ចប់ {completed} តាមផែនការ {on_track} យឺតយ៉ាវ {delayed} មិនទាន់ចាប់ផ្តើម {not_started} បានបោះបង់ {dropped} មិនទាន់រាយការណ៍ {not_reported}។", "Activités : {total} ; {completed} achevées, {on_track} en bonne voie, {delayed} en retard, {not_started} non commencées, {dropped} abandonnées, {not_reported} non renseignées.", "กิจกรรม: {total} กิจกรรม เสร็จสิ้น {completed} เป็นไปตามแผน {on_track} ล่าช้า {delayed} ยังไม่เริ่ม {not_started} ยกเลิก {dropped} ยังไม่รายงาน {not_reported}", "Hoạt động: {total}; {completed} hoàn thành, {on_track} đúng tiến độ, {delayed} chậm, {not_started} chưa bắt đầu, {dropped} đã hủy, {not_reported} chưa báo cáo.", "Kegiatan: {total}; {completed} selesai, {on_track} sesuai jadwal, {delayed} terlambat, {not_started} belum dimulai, {dropped} dibatalkan, {not_reported} belum dilaporkan."),
    ("report_execution_line", "Budget {year}: {budget} {cur}; spent {spent} {cur} ({rate}).", "ថវិកា {year}៖ {budget} {cur}; បានចំណាយ {spent} {cur} ({rate})។", "Budget {year} : {budget} {cur} ; dépensé {spent} {cur} ({rate}).", "งบประมาณปี {year}: {budget} {cur} ใช้จ่ายแล้ว {spent} {cur} ({rate})", "Ngân sách {year}: {budget} {cur}; đã chi {spent} {cur} ({rate}).", "Anggaran {year}: {budget} {cur}; terealisasi {spent} {cur} ({rate})."),
    ("indicators", "Indicators", "សូចនាករ", "Indicateurs", "ตัวชี้วัด", "Chỉ số", "Indikator"),
    ("indicator", "Indicator", "សូចនាករ", "Indicateur", "ตัวชี้วัด", "Chỉ số", "Indikator"),
    ("activities", "Activities", "សកម្មភាព", "Activités", "กิจกรรม", "Hoạt động", "Kegiatan"),
    ("baseline", "Baseline", "មូលដ្ឋាន", "Situation de référence", "ค่าฐาน", "Giá trị cơ sở", "Data dasar"),
    ("target", "Target", "គោលដៅ", "Cible", "ค่าเป้าหมาย", "Chỉ tiêu", "Target"),
    ("target_year", "Target year", "ឆ្នាំគោលដៅ", "Année cible", "เป้าหมายของปี", "Chỉ tiêu của năm", "Target tahun"),
    ("actual", "Actual", "ជាក់ស្តែង", "Réalisé", "ผลจริง", "Thực tế", "Realisasi"),
    ("achieved", "Achieved", "សម្រេច", "Atteint", "สัดส่วนที่บรรลุ", "Mức đạt", "Capaian"),
    ("rating", "Rating", "ការវាយតម្លៃ", "Appréciation", "การประเมิน", "Đánh giá", "Penilaian"),
    ("note", "Note", "កំណត់ចំណាំ", "Note", "หมายเหตุ", "Ghi chú", "Catatan"),
    ("budget", "Budget", "ថវិកា", "Budget", "งบประมาณ", "Ngân sách", "Anggaran"),
    ("budget_in", "Budget {year} ({cur})", "ថវិកា {year} ({cur})", "Budget {year} ({cur})", "งบประมาณปี {year} ({cur})", "Ngân sách {year} ({cur})", "Anggaran {year} ({cur})"),
    ("spent", "Spent", "បានចំណាយ", "Dépensé", "ใช้จ่ายแล้ว", "Đã chi", "Terealisasi"),
    ("execution", "Execution", "អនុវត្ត", "Exécution", "อัตราการเบิกจ่าย", "Tỷ lệ thực hiện", "Tingkat realisasi"),
    ("sheet_by_pillar", "By pillar", "តាមសសរស្តម្ភ", "Par axe", "ตามเสาหลัก", "Theo trụ cột", "Menurut pilar"),
    ("sheet_by_agency", "By agency", "តាមស្ថាប័ន", "Par institution", "ตามหน่วยงาน", "Theo cơ quan", "Menurut instansi"),
    ("rating_achieved", "Achieved", "សម្រេចបាន", "Atteint", "บรรลุ", "Đạt", "Tercapai"),
    ("rating_partly", "Half-way", "ពាក់កណ្តាលផ្លូវ", "À mi-parcours", "ครึ่งทาง", "Một nửa", "Setengah jalan"),
    ("rating_behind", "Behind", "យឺត", "En retard", "ล่าช้า", "Chậm", "Tertinggal"),
    ("rating_no_data", "Not reported", "មិនទាន់រាយការណ៍", "Non renseigné", "ยังไม่รายงาน", "Chưa báo cáo", "Belum dilaporkan"),
    ("rating_not_rated", "Not rated", "មិនវាយតម្លៃ", "Non apprécié", "ไม่ประเมิน", "Không đánh giá", "Tidak dinilai"),
    ("state_not_started", "Not started", "មិនទាន់ចាប់ផ្តើម", "Non commencée", "ยังไม่เริ่ม", "Chưa bắt đầu", "Belum dimulai"),
    ("state_on_track", "On track", "តាមផែនការ", "En bonne voie", "เป็นไปตามแผน", "Đúng tiến độ", "Sesuai jadwal"),
    ("state_delayed", "Delayed", "យឺតយ៉ាវ", "En retard", "ล่าช้า", "Chậm", "Terlambat"),
    ("state_completed", "Completed", "បានបញ្ចប់", "Achevée", "เสร็จสิ้น", "Hoàn thành", "Selesai"),
    ("state_dropped", "Dropped", "បានបោះបង់", "Abandonnée", "ยกเลิก", "Đã hủy", "Dibatalkan"),
    ("state_not_reported", "Not reported", "មិនទាន់រាយការណ៍", "Non renseignée", "ยังไม่รายงาน", "Chưa báo cáo", "Belum dilaporkan"),
    ("doc_contents", "Contents", "មាតិកា", "Sommaire", "สารบัญ", "Mục lục", "Daftar isi"),
    ("doc_narrative", "Narrative local framework", "ក្របខណ្ឌមូលដ្ឋានពិពណ៌នា", "Cadre narratif national", "กรอบการดำเนินงานระดับท้องถิ่น", "Khung tường thuật quốc gia", "Kerangka naratif nasional"),
    ("doc_results", "Results framework", "ក្របខណ្ឌលទ្ធផល", "Cadre de résultats", "กรอบผลลัพธ์", "Khung kết quả", "Kerangka hasil"),
    ("doc_goal", "Goal", "គោលដៅរួម", "Objectif général", "เป้าประสงค์", "Mục tiêu chung", "Tujuan"),
    ("doc_result_or_activity", "Outcome, output and activity", "លទ្ធផលរួម លទ្ធផល និងសកម្មភាព", "Objectif spécifique, résultat attendu et activité", "ผลลัพธ์ ผลผลิต และกิจกรรม", "Kết quả, đầu ra và hoạt động", "Hasil, keluaran, dan kegiatan"),
    ("doc_partners", "Supporting agencies", "ស្ថាប័នគាំទ្រ", "Institutions partenaires", "หน่วยงานสนับสนุน", "Cơ quan phối hợp", "Instansi pendukung"),
    ("doc_timeframe", "Years", "ឆ្នាំ", "Années", "ปี", "Các năm", "Tahun"),
    ("doc_me", "Monitoring and evaluation", "ការតាមដាន និងវាយតម្លៃ", "Suivi et évaluation", "การติดตามและประเมินผล", "Theo dõi và đánh giá", "Pemantauan dan evaluasi"),
    ("doc_verification", "Means of verification", "មធ្យោបាយផ្ទៀងផ្ទាត់", "Moyens de vérification", "วิธีการตรวจสอบ", "Phương tiện kiểm chứng", "Cara verifikasi"),
    ("doc_reports", "Reports", "អ្នករាយការណ៍", "Rapporteur", "ผู้รายงาน", "Báo cáo bởi", "Pelapor"),
    ("doc_reporting_calendar", "Reporting calendar", "ប្រតិទិនរាយការណ៍", "Calendrier des rapports", "ปฏิทินการรายงาน", "Lịch báo cáo", "Kalender pelaporan"),
    ("doc_none_yet", "None recorded yet.", "មិនទាន់មានការកត់ត្រានៅឡើយ។", "Rien d'enregistré pour l'instant.", "ยังไม่มีการบันทึก", "Chưa có ghi nhận.", "Belum ada yang dicatat."),
    ("doc_report", "Report", "របាយការណ៍", "Rapport", "รายงาน", "Báo cáo", "Laporan"),
    ("doc_frequency", "How often", "ញឹកញាប់", "Fréquence", "ความถี่", "Tần suất", "Frekuensi"),
    ("doc_due", "Due", "កាលកំណត់", "Échéance", "กำหนดส่ง", "Hạn", "Tenggat"),
    ("doc_written_by", "Written by", "សរសេរដោយ", "Rédigé par", "จัดทำโดย", "Người lập", "Disusun oleh"),
    ("doc_goes_to", "Goes to", "ផ្ញើទៅ", "Destinataire", "เสนอต่อ", "Gửi đến", "Disampaikan kepada"),
    ("doc_resources", "Resources plan", "ផែនការធនធាន", "Plan des ressources", "แผนทรัพยากร", "Kế hoạch nguồn lực", "Rencana sumber daya"),
    ("doc_cost_by_pillar", "Cost by pillar and year ({cur})", "ចំណាយតាមសសរស្តម្ភ និងឆ្នាំ ({cur})", "Coût par axe et par année ({cur})", "ค่าใช้จ่ายตามเสาหลักและปี ({cur})", "Chi phí theo trụ cột và năm ({cur})", "Biaya menurut pilar dan tahun ({cur})"),
    ("doc_gap_by_pillar", "Funding gap by pillar and year ({cur})", "គម្លាតមូលនិធិតាមសសរស្តម្ភ និងឆ្នាំ ({cur})", "Besoin de financement par axe et par année ({cur})", "ช่องว่างด้านเงินทุนตามเสาหลักและปี ({cur})", "Thiếu hụt nguồn vốn theo trụ cột và năm ({cur})", "Kesenjangan pendanaan menurut pilar dan tahun ({cur})"),
    ("doc_cost_by_agency", "Cost by lead agency and year ({cur})", "ចំណាយតាមស្ថាប័នដឹកនាំ និងឆ្នាំ ({cur})", "Coût par institution chef de file et par année ({cur})", "ค่าใช้จ่ายตามหน่วยงานหลักและปี ({cur})", "Chi phí theo cơ quan chủ trì và năm ({cur})", "Biaya menurut instansi utama dan tahun ({cur})"),
    ("doc_annex_note", "The full costed budget annex, with every cost line, is exported as its own PDF.", "ឧបសម្ព័ន្ធថវិកាពេញលេញ ដែលមានបន្ទាត់ចំណាយនីមួយៗ ត្រូវបាននាំចេញជា PDF ដាច់ដោយឡែក។", "L'annexe budgétaire chiffrée complète, avec chaque ligne de coût, est exportée dans un PDF distinct.", "ภาคผนวกงบประมาณฉบับเต็มซึ่งมีรายการค่าใช้จ่ายทุกรายการ ส่งออกเป็นไฟล์ PDF แยกต่างหาก", "Phụ lục ngân sách đầy đủ, với mọi dòng chi phí, được xuất thành một tệp PDF riêng.", "Lampiran anggaran lengkap, dengan setiap baris biaya, diekspor sebagai PDF tersendiri."),
    ("doc_communication", "Communication plan", "ផែនការទំនាក់ទំនង", "Plan de communication", "แผนการสื่อสาร", "Kế hoạch truyền thông", "Rencana komunikasi"),
    ("doc_objectives", "Objectives", "គោលបំណង", "Objectifs", "วัตถุประสงค์", "Mục tiêu", "Tujuan"),
    ("doc_audiences", "Audiences", "ក្រុមគោលដៅ", "Publics", "กลุ่มเป้าหมาย", "Đối tượng", "Khalayak sasaran"),
    ("doc_messages", "Key messages", "សារសំខាន់ៗ", "Messages clés", "สารสำคัญ", "Thông điệp chính", "Pesan utama"),
    ("doc_channels", "Channels", "មធ្យោបាយ", "Canaux", "ช่องทาง", "Kênh", "Saluran"),
    ("doc_comm_activities", "Communication activities", "សកម្មភាពទំនាក់ទំនង", "Activités de communication", "กิจกรรมการสื่อสาร", "Hoạt động truyền thông", "Kegiatan komunikasi"),
    ("doc_audience", "Audience", "ក្រុមគោលដៅ", "Public", "กลุ่มเป้าหมาย", "Đối tượng", "Khalayak"),
    ("doc_channel", "Channel", "មធ្យោបាយ", "Canal", "ช่องทาง", "Kênh", "Saluran"),
    ("doc_when", "When", "ពេលណា", "Quand", "เมื่อใด", "Thời gian", "Waktu"),
    ("doc_roles", "Roles of the agencies", "តួនាទីរបស់ស្ថាប័ន", "Rôles des institutions", "บทบาทของหน่วยงาน", "Vai trò của các cơ quan", "Peran instansi"),
    ("doc_roles_hint", "Activities each agency leads (L) and supports (S), by pillar.", "សកម្មភាពដែលស្ថាប័ននីមួយៗដឹកនាំ (L) និងគាំទ្រ (S) តាមសសរស្តម្ភ។", "Activités que chaque institution conduit (L) et appuie (S), par axe.", "กิจกรรมที่แต่ละหน่วยงานเป็นหน่วยงานหลัก (L) และหน่วยงานสนับสนุน (S) จำแนกตามเสาหลัก", "Các hoạt động mỗi cơ quan chủ trì (L) và phối hợp (S), theo trụ cột.", "Kegiatan yang dipimpin (L) dan didukung (S) oleh setiap instansi, menurut pilar."),
    ("doc_agency", "Agency", "ស្ថាប័ន", "Institution", "หน่วยงาน", "Cơ quan", "Instansi"),
    ("doc_coordination", "Coordination structure and terms of reference", "រចនាសម្ព័ន្ធសម្របសម្រួល និងលក្ខខណ្ឌការងារ", "Dispositif de coordination et termes de référence", "โครงสร้างการประสานงานและขอบเขตอำนาจหน้าที่", "Cơ cấu điều phối và quy chế hoạt động", "Struktur koordinasi dan kerangka acuan"),
    ("doc_body", "Body", "ស្ថាប័នសម្របសម្រួល", "Organe", "คณะกรรมการหรือหน่วยงาน", "Cơ quan điều phối", "Badan"),
    ("doc_reports_to", "Reports to", "រាយការណ៍ទៅ", "Rend compte à", "รายงานต่อ", "Báo cáo cho", "Melapor kepada"),
    ("doc_chair", "Chair", "ប្រធាន", "Présidence", "ประธาน", "Chủ tịch", "Ketua"),
    ("doc_members", "Members", "សមាជិក", "Membres", "สมาชิก", "Thành viên", "Anggota"),
    ("doc_meets", "Meets", "ប្រជុំ", "Réunions", "การประชุม", "Họp", "Rapat"),
    ("doc_quorum", "Quorum", "កូរ៉ុម", "Quorum", "องค์ประชุม", "Số thành viên tối thiểu", "Kuorum"),
    ("doc_tor_of", "Terms of reference: {body}", "លក្ខខណ្ឌការងារ៖ {body}", "Termes de référence : {body}", "ขอบเขตอำนาจหน้าที่: {body}", "Quy chế hoạt động: {body}", "Kerangka acuan: {body}"),
    ("doc_mandate", "Mandate", "អាណត្តិ", "Mandat", "อำนาจหน้าที่", "Nhiệm vụ", "Mandat"),
    ("doc_functions", "Functions", "មុខងារ", "Attributions", "หน้าที่", "Chức năng", "Fungsi"),
    ("doc_decisions", "Decisions", "ការសម្រេចចិត្ត", "Prise de décision", "การตัดสินใจ", "Ra quyết định", "Pengambilan keputusan"),
    ("doc_consultations", "Consultations", "ការពិគ្រោះយោបល់", "Consultations", "การปรึกษาหารือ", "Tham vấn", "Konsultasi"),
    ("doc_consultation", "Consultation", "ការពិគ្រោះយោបល់", "Consultation", "การปรึกษาหารือ", "Cuộc tham vấn", "Konsultasi"),
    ("doc_women_men_other", "Women / men / other", "ស្ត្រី / បុរស / ផ្សេងៗ", "Femmes / hommes / autres", "หญิง / ชาย / อื่น ๆ", "Nữ / nam / khác", "Perempuan / laki-laki / lainnya"),
    ("doc_what_was_said", "What participants said", "អ្វីដែលអ្នកចូលរួមបាននិយាយ", "Ce que les participants ont dit", "สิ่งที่ผู้เข้าร่วมกล่าว", "Ý kiến của người tham dự", "Yang disampaikan peserta"),
    ("doc_response", "How the plan responded", "របៀបដែលផែនការឆ្លើយតប", "Prise en compte dans le plan", "แผนตอบสนองอย่างไร", "Kế hoạch đã tiếp thu như thế nào", "Tanggapan dalam rencana"),
    ("freq_quarterly", "Quarterly", "ប្រចាំត្រីមាស", "Trimestriel", "รายไตรมาส", "Hằng quý", "Triwulanan"),
    ("freq_six_monthly", "Every six months", "រៀងរាល់ប្រាំមួយខែ", "Semestriel", "ทุกหกเดือน", "Sáu tháng một lần", "Setiap enam bulan"),
    ("freq_annual", "Every year", "ប្រចាំឆ្នាំ", "Annuel", "ทุกปี", "Hằng năm", "Setiap tahun"),
    ("freq_mid_term", "At mid-term", "ពាក់កណ្តាលអាណត្តិ", "À mi-parcours", "ช่วงกลางแผน", "Giữa kỳ", "Pada paruh waktu"),
    ("freq_end_of_plan", "At the end of the plan", "ចុងបញ្ចប់ផែនការ", "En fin de plan", "เมื่อสิ้นสุดแผน", "Cuối kỳ kế hoạch", "Pada akhir rencana"),
    ("group_government", "Government", "រដ្ឋាភិបាល", "Gouvernement", "ภาครัฐ", "Chính phủ", "Pemerintah"),
    ("group_csos", "Civil society", "សង្គមស៊ីវិល", "Société civile", "ภาคประชาสังคม", "Xã hội dân sự", "Masyarakat sipil"),
    ("group_women_peacebuilders", "Women peacebuilders", "ស្ត្រីកសាងសន្តិភាព", "Femmes artisanes de paix", "ผู้หญิงผู้สร้างสันติภาพ", "Phụ nữ xây dựng hòa bình", "Perempuan pembangun perdamaian"),
    ("group_youth", "Youth", "យុវជន", "Jeunes", "เยาวชน", "Thanh niên", "Pemuda"),
    ("group_persons_with_disabilities", "Persons with disabilities", "ជនមានពិការភាព", "Personnes handicapées", "คนพิการ", "Người khuyết tật", "Penyandang disabilitas"),
    ("group_indigenous_peoples", "Indigenous peoples", "ជនជាតិដើមភាគតិច", "Peuples autochtones", "ชนเผ่าพื้นเมือง", "Người dân tộc thiểu số bản địa", "Masyarakat adat"),
    ("group_survivors", "Survivors", "ជនរងគ្រោះដែលនៅរស់រានមានជីវិត", "Survivantes et survivants", "ผู้รอดชีวิต", "Người sống sót", "Penyintas"),
    ("group_academia", "Academia", "ស្ថាប័នសិក្សា", "Universités et recherche", "สถาบันการศึกษา", "Giới học thuật", "Akademisi"),
    ("group_development_partners", "Development partners", "ដៃគូអភិវឌ្ឍន៍", "Partenaires au développement", "หุ้นส่วนการพัฒนา", "Đối tác phát triển", "Mitra pembangunan"),
    ("group_security_sector", "Security sector", "វិស័យសន្តិសុខ", "Secteur de la sécurité", "ภาคความมั่นคง", "Lĩnh vực an ninh", "Sektor keamanan"),
    ("group_community", "Communities", "សហគមន៍", "Communautés", "ชุมชน", "Cộng đồng", "Masyarakat"),
    ("doc_operational_plan_of", "Operational plan: {agency}", "ផែនការប្រតិបត្តិ៖ {agency}", "Plan opérationnel : {agency}", "แผนปฏิบัติการ: {agency}", "Kế hoạch hoạt động: {agency}", "Rencana operasional: {agency}"),
    ("doc_focal_point", "Focal point", "អ្នកសម្របសម្រួល", "Point focal", "ผู้ประสานงาน", "Đầu mối", "Narahubung"),
    ("doc_no_operational_plan", "No operational plan has been started for this agency yet.", "មិនទាន់មានផែនការប្រតិបត្តិសម្រាប់ស្ថាប័ននេះនៅឡើយ។", "Aucun plan opérationnel n'a encore été commencé pour cette institution.", "หน่วยงานนี้ยังไม่ได้เริ่มจัดทำแผนปฏิบัติการ", "Cơ quan này chưa bắt đầu lập kế hoạch hoạt động.", "Instansi ini belum mulai menyusun rencana operasional."),
    ("doc_role", "Role", "តួនាទី", "Rôle", "บทบาท", "Vai trò", "Peran"),
    ("doc_role_lead", "Lead", "ដឹកនាំ", "Chef de file", "หลัก", "Chủ trì", "Utama"),
    ("doc_role_partner", "Partner", "ដៃគូ", "Partenaire", "สนับสนุน", "Phối hợp", "Mitra"),
    ("doc_cost_in", "Cost ({cur})", "ចំណាយ ({cur})", "Coût ({cur})", "ค่าใช้จ่าย ({cur})", "Chi phí ({cur})", "Biaya ({cur})"),
    ("doc_steps_by_quarter", "Steps by quarter", "ជំហានតាមត្រីមាស", "Étapes par trimestre", "ขั้นตอนรายไตรมาส", "Các bước theo quý", "Langkah per triwulan"),
    ("doc_step", "Step", "ជំហាន", "Étape", "ขั้นตอน", "Bước", "Langkah"),
    ("doc_year", "Year", "ឆ្នាំ", "Année", "ปี", "Năm", "Tahun"),
    ("doc_budget_line", "Budget line", "ខ្ទង់ថវិកា", "Ligne budgétaire", "รายการงบประมาณ", "Dòng ngân sách", "Mata anggaran"),
    ("doc_indicators_reported", "Indicators it reports on", "សូចនាករដែលស្ថាប័នរាយការណ៍", "Indicateurs dont elle rend compte", "ตัวชี้วัดที่รับผิดชอบรายงาน", "Các chỉ số cơ quan báo cáo", "Indikator yang dilaporkannya"),
    ("doc_budget_funding_gap", "Budget, committed funding and gap by year ({cur})", "ថវិកា មូលនិធិដែលបានប្តេជ្ញា និងគម្លាតតាមឆ្នាំ ({cur})", "Budget, financement acquis et besoin de financement par année ({cur})", "งบประมาณ เงินทุนที่ยืนยันแล้ว และช่องว่างรายปี ({cur})", "Ngân sách, nguồn vốn đã cam kết và thiếu hụt theo năm ({cur})", "Anggaran, pendanaan terkomitmen, dan kesenjangan per tahun ({cur})"),
    ("doc_signatures", "Signatures", "ហត្ថលេខា", "Signatures", "ลายมือชื่อ", "Chữ ký", "Tanda tangan"),
    ("doc_prepared_by", "Prepared by", "រៀបចំដោយ", "Préparé par", "จัดทำโดย", "Người lập", "Disusun oleh"),
    ("doc_approved_by", "Approved by the head of the agency", "អនុម័តដោយប្រធានស្ថាប័ន", "Approuvé par le responsable de l'institution", "อนุมัติโดยหัวหน้าหน่วยงาน", "Thủ trưởng cơ quan phê duyệt", "Disetujui oleh pimpinan instansi"),
    ("no_funding_recorded", "no funding recorded yet", "មិនទាន់មានការកត់ត្រាមូលនិធិ", "aucun financement enregistré", "ยังไม่มีการบันทึกเงินทุน", "chưa ghi nhận nguồn vốn", "belum ada pendanaan yang dicatat"),
    ("no_funding_recorded_long", "No funding source has been recorded yet, so the whole cost is shown as unfunded. Record the national budget and partners' funding to see the real gap.", "មិនទាន់មានការកត់ត្រាប្រភពមូលនិធិនៅឡើយ ដូច្នេះចំណាយទាំងមូលត្រូវបានបង្ហាញថាគ្មានមូលនិធិ។ សូមកត់ត្រាថវិកាជាតិ និងមូលនិធិរបស់ដៃគូ ដើម្បីឃើញគម្លាតពិតប្រាកដ។", "Aucune source de financement n'a encore été enregistrée : tout le coût apparaît donc comme non financé. Enregistrez le budget national et les financements des partenaires pour connaître le besoin réel.", "ยังไม่มีการบันทึกแหล่งเงินทุน ค่าใช้จ่ายทั้งหมดจึงแสดงว่ายังไม่มีเงินทุน บันทึกงบประมาณแผ่นดินและเงินทุนจากหุ้นส่วนเพื่อดูช่องว่างที่แท้จริง", "Chưa ghi nhận nguồn vốn nào, vì vậy toàn bộ chi phí được thể hiện là chưa có nguồn vốn. Hãy ghi nhận ngân sách nhà nước và nguồn vốn của các đối tác để thấy mức thiếu hụt thực tế.", "Belum ada sumber pendanaan yang dicatat, sehingga seluruh biaya ditampilkan sebagai belum didanai. Catat anggaran negara dan pendanaan mitra untuk melihat kesenjangan yang sebenarnya."),
    ("lump_sum", "lump sum, as given in the plan", "ចំនួនសរុប តាមដែលផែនការបានផ្តល់", "montant forfaitaire, tel que donné dans le plan", "จำนวนเงินรวม ตามที่ระบุในแผน", "khoản trọn gói, theo kế hoạch", "jumlah gelondongan, sebagaimana tercantum dalam rencana"),
    ("lump_sum_unit", "lump sum", "ចំនួនសរុប", "forfait", "เหมาจ่าย", "trọn gói", "gelondongan"),
    ("from_catalogue", "unit cost from catalogue item {code}", "ថ្លៃឯកតាពីកាតាឡុក {code}", "coût unitaire du catalogue, article {code}", "ราคาต่อหน่วยจากบัญชีราคา รายการ {code}", "đơn giá lấy từ danh mục, mục {code}", "harga satuan dari katalog, butir {code}"),
    ("no_lead_agency", "No lead agency", "គ្មានស្ថាប័នដឹកនាំ", "Sans institution chef de file", "ไม่มีหน่วยงานหลัก", "Chưa có cơ quan chủ trì", "Tanpa instansi utama"),
    ("not_classified", "Not classified", "មិនបានចាត់ថ្នាក់", "Non classé", "ไม่ได้จำแนก", "Chưa phân loại", "Belum diklasifikasi"),
    ("no_marker", "No marker", "គ្មានសញ្ញាសម្គាល់", "Sans marqueur", "ไม่มีเครื่องหมาย", "Chưa gắn chỉ dấu", "Tanpa penanda"),
];

/// The label `key` in `lang`; the key itself if unknown (a bug the tests catch).
pub fn t(lang: Lang, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|l| l.0 == key)
        .map(|(_, en, km, fr, th, vi, id)| match lang {
            Lang::En => *en,
            Lang::Km => *km,
            Lang::Fr => *fr,
            Lang::Th => *th,
            Lang::Vi => *vi,
            Lang::Id => *id,
        })
        .unwrap_or("?")
}

/// The name of a row or column of a costing view in `lang`: a record's name in the half of
/// its text the edition reads, and the view's own members (contingency, "no lead agency",
/// "unfunded", "not classified", the total) in the export's words rather than the
/// English-and-Khmer names the costing engine gives them.
pub fn member_name(
    lang: Lang,
    plan: &nap_core::Plan,
    dimension: nap_core::costing::Dimension,
    info: &nap_core::costing::MemberInfo,
) -> String {
    use nap_core::costing::{Dimension, Member};
    let key = match (&info.member, dimension) {
        (Member::Contingency, _) => "contingency",
        (Member::Total, _) => "total",
        (Member::Unassigned, Dimension::Agency) => "no_lead_agency",
        (Member::Unassigned, Dimension::Source | Dimension::SourceType) => "unfunded",
        (Member::Unassigned, Dimension::Marker) => "no_marker",
        (Member::Unassigned, _) => "not_classified",
        _ => return info.label.get(lang.reads_l2(plan)).to_string(),
    };
    t(lang, key).to_string()
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
    fn every_label_has_every_language_and_khmer_is_khmer() {
        let placeholders = |s: &str| -> Vec<String> {
            let mut p: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split('}').next())
                .map(String::from)
                .collect();
            p.sort();
            p
        };
        for (key, en, km, fr, th, vi, id) in LABELS {
            for (lang, text) in [("km", km), ("fr", fr), ("th", th), ("vi", vi), ("id", id)] {
                assert!(!text.is_empty(), "{key} in {lang}");
                assert_eq!(
                    placeholders(en),
                    placeholders(text),
                    "placeholders of {key} in {lang}"
                );
            }
        }
        let in_script = |range: std::ops::RangeInclusive<char>, pick: fn(&Label) -> &str| {
            LABELS
                .iter()
                .filter(|l| pick(l).chars().any(|c| range.contains(&c)))
                .count()
        };
        assert!(
            in_script('\u{1780}'..='\u{17FF}', |l| l.2) * 10 > LABELS.len() * 8,
            "most labels are in Khmer"
        );
        assert!(
            in_script('\u{0E00}'..='\u{0E7F}', |l| l.4) * 10 > LABELS.len() * 8,
            "most labels are in Thai"
        );
        // Vietnamese is written with its tone marks; most labels carry one.
        let vietnamese = LABELS
            .iter()
            .filter(|l| {
                l.5.chars()
                    .any(|c| "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưă".contains(c))
            })
            .count();
        assert!(
            vietnamese * 10 > LABELS.len() * 6,
            "{vietnamese} labels look Vietnamese"
        );
        let mut keys: Vec<_> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), LABELS.len(), "keys are unique");
    }
}
