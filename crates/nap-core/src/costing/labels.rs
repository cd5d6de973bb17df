//! Names of the classifications a budget office uses.

use crate::model::{ClassificationScheme, Plan};
use crate::text::LocalText;
use std::collections::HashMap;

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

/// The standard name of `code` in `scheme`, if known.
pub fn standard_name(scheme: ClassificationScheme, code: &str) -> Option<&'static str> {
    match scheme {
        ClassificationScheme::Economic => gfs_name(code),
        ClassificationScheme::Functional => cofog_name(code),
    }
}

/// Every code with a standard name in `scheme`, in code order, with that name.
pub fn standard_names(scheme: ClassificationScheme) -> &'static [(&'static str, &'static str)] {
    match scheme {
        ClassificationScheme::Economic => GFS,
        ClassificationScheme::Functional => COFOG,
    }
}

/// The names a plan's tables give classification codes.
pub struct ClassificationNames<'p> {
    own: HashMap<(ClassificationScheme, &'p str), &'p LocalText>,
}

impl<'p> ClassificationNames<'p> {
    /// The names of `plan`, with its own names found once.
    pub fn of(plan: &'p Plan) -> Self {
        let own = plan
            .classification_names
            .iter()
            .map(|n| ((n.scheme, n.code.trim()), &n.name))
            .collect();
        Self { own }
    }

    /// The name of `code` in `scheme`: in the working language the plan's own name if it
    /// has one, else the standard name, else the code itself; in the second language the
    /// plan's own name, if written.
    pub fn name(&self, scheme: ClassificationScheme, code: &str) -> LocalText {
        let own = self.own.get(&(scheme, code.trim()));
        let text = own
            .map(|n| n.text.trim())
            .filter(|t| !t.is_empty())
            .or_else(|| standard_name(scheme, code))
            .unwrap_or(code);
        let l2 = own
            .and_then(|n| n.l2.as_deref())
            .map(str::trim)
            .filter(|t| !t.is_empty());
        LocalText {
            text: text.to_string(),
            l2: l2.map(str::to_string),
            l2_outdated: false,
        }
    }
}
