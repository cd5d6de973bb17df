//! JSON interchange of the whole plan.
//!
//! The format is the serde form of [`Plan`], pretty-printed with two-space indentation and a
//! final newline. Its JSON Schema is generated from the Rust types ([`json_schema`]) and
//! committed under `assets/schema/`. Invariant: `to_json(&from_json(s)?) == s` for any `s`
//! produced by `to_json`, so export → import → export is byte-identical.

use crate::error::CoreError;
use crate::model::{Plan, FORMAT_VERSION};
use crate::validate::validate;

/// The plan as interchange JSON.
// The model has only string-keyed maps and no custom serialisers that can fail, so
// serialising it cannot fail (the round-trip tests exercise every record kind).
#[allow(clippy::expect_used)]
pub fn to_json(plan: &Plan) -> String {
    let mut s = serde_json::to_string_pretty(plan).expect("a plan always serialises");
    s.push('\n');
    s
}

/// A plan from interchange JSON, checked for format version and validity.
pub fn from_json(json: &str) -> Result<Plan, CoreError> {
    // Read the version first so that a newer file gets a clear message rather than a
    // confusing "unknown field" from the full parse.
    let probe: serde_json::Value =
        serde_json::from_str(json).map_err(|e| CoreError::BadJson(e.to_string()))?;
    let found = probe
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| CoreError::BadJson("`format_version` is missing".into()))?;
    if found > u64::from(FORMAT_VERSION) {
        return Err(CoreError::NewerFormat {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: FORMAT_VERSION,
        });
    }
    let plan: Plan =
        serde_json::from_value(probe).map_err(|e| CoreError::BadJson(e.to_string()))?;
    let errors = validate(&plan);
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// The JSON Schema of the interchange format, as committed in `assets/schema/plan.schema.json`.
// A generated schema is plain JSON values: serialising it cannot fail.
#[allow(clippy::expect_used)]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Plan);
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{generated_plan, sample_plan, PlanSize};

    #[test]
    fn json_round_trip_is_byte_identical() {
        for plan in [sample_plan(), generated_plan(PlanSize::Medium)] {
            let a = to_json(&plan);
            let back = from_json(&a).expect("valid");
            assert_eq!(back, plan);
            assert_eq!(to_json(&back), a);
        }
    }

    #[test]
    fn newer_format_and_garbage_are_refused_specifically() {
        let mut v: serde_json::Value = serde_json::from_str(&to_json(&sample_plan())).unwrap();
        v["format_version"] = serde_json::json!(FORMAT_VERSION + 1);
        assert!(matches!(
            from_json(&v.to_string()),
            Err(CoreError::NewerFormat { .. })
        ));
        assert!(matches!(from_json("{\"a\":1}"), Err(CoreError::BadJson(_))));
        assert!(matches!(
            from_json("\u{0}\u{1}binary"),
            Err(CoreError::BadJson(_))
        ));
    }

    #[test]
    fn invalid_plans_are_refused_with_the_rule_broken() {
        let mut p = sample_plan();
        p.cost_lines[3].quantities.insert(2040, 1.into());
        let err = from_json(&to_json(&p)).unwrap_err();
        assert!(err.to_string().contains("2040"), "{err}");
    }

    #[test]
    fn decimals_travel_as_strings_with_their_scale() {
        let json = to_json(&sample_plan());
        assert!(
            json.contains("\"contingency\": \"0.05\""),
            "money must be a string"
        );
        assert!(json.contains("\"2029\": \"0.025\""));
    }

    /// The committed schema is what the code generates; regenerate with
    /// `cargo run -p nap-cli -- schema > assets/schema/plan.schema.json`.
    #[test]
    fn committed_schema_is_fresh() {
        let committed = include_str!("../../../assets/schema/plan.schema.json");
        assert!(
            committed == json_schema(),
            "assets/schema/plan.schema.json is stale: run `cargo run -p nap-cli -- schema > assets/schema/plan.schema.json`"
        );
    }
}
