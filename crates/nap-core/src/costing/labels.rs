//! Names of the classifications a budget office uses.

/// GFS 2014 economic classification of expense and of the acquisition of non-financial
/// assets: the names of the two- and three-digit codes.
#[rustfmt::skip]
const GFS: &[(&str, &str)] = &[
    ("21", "Compensation of employees"),
    ("211", "Wages and salaries"),
    ("212", "Employers' social contributions"),
    ("22", "Use of goods and services"),
    ("221", "Use of goods and services"),
    ("23", "Consumption of fixed capital"),
    ("24", "Interest"),
    ("25", "Subsidies"),
    ("26", "Grants"),
    ("261", "To foreign governments"),
    ("262", "To international organizations"),
    ("263", "To other general government units"),
    ("27", "Social benefits"),
    ("271", "Social security benefits"),
    ("272", "Social assistance benefits"),
    ("273", "Employment-related social benefits"),
    ("28", "Other expense"),
    ("281", "Property expense other than interest"),
    ("282", "Miscellaneous other expense"),
    ("31", "Net acquisition of non-financial assets"),
    ("311", "Fixed assets"),
    ("312", "Inventories"),
    ("313", "Valuables"),
    ("314", "Nonproduced assets"),
];

/// COFOG divisions and the groups NAPs use most.
#[rustfmt::skip]
const COFOG: &[(&str, &str)] = &[
    ("01", "General public services"),
    ("01.1", "Executive and legislative organs, financial and fiscal affairs, external affairs"),
    ("01.1.1", "Executive and legislative organs"),
    ("01.1.2", "Financial and fiscal affairs"),
    ("01.1.3", "External affairs"),
    ("01.3", "General services"),
    ("02", "Defence"),
    ("02.1", "Military defence"),
    ("03", "Public order and safety"),
    ("03.1", "Police services"),
    ("03.3", "Law courts"),
    ("03.4", "Prisons"),
    ("03.6", "Public order and safety n.e.c."),
    ("04", "Economic affairs"),
    ("05", "Environmental protection"),
    ("06", "Housing and community amenities"),
    ("07", "Health"),
    ("07.4", "Public health services"),
    ("07.6", "Health n.e.c."),
    ("08", "Recreation, culture and religion"),
    ("08.4", "Religious and other community services"),
    ("09", "Education"),
    ("09.2", "Secondary education"),
    ("10", "Social protection"),
    ("10.4", "Family and children"),
    ("10.9", "Social protection n.e.c."),
];

/// The GFS 2014 name of an economic code, if it is a known two- or three-digit code.
pub fn gfs_name(code: &str) -> Option<&'static str> {
    GFS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The COFOG name of a functional code, if known.
pub fn cofog_name(code: &str) -> Option<&'static str> {
    COFOG.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}
