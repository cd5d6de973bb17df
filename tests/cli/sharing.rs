//! Sharing between ministries from the command line: send, scripted edits, merge, undo.

use std::path::Path;
use std::process::{Command, Output};

fn nap(author: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nap"))
        .env("NAP_AUTHOR", author)
        .args(args)
        .output()
        .expect("run nap")
}

fn ok(author: &str, args: &[&str]) -> String {
    let out = nap(author, args);
    assert!(
        out.status.success(),
        "nap {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn ids(file: &Path, kind: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok("x", &["list", s(file), kind, "--format", "json"])).unwrap()
}

#[test]
fn a_round_trip_between_ministries() {
    let dir = tempfile::tempdir().unwrap();
    let sec = dir.path().join("secretariat.nap");
    let moi = dir.path().join("moi.nap");
    ok("MWA", &["sample", s(&sec)]);
    ok(
        "MWA",
        &[
            "send",
            s(&sec),
            "-o",
            s(&moi),
            "--note",
            "please cost your activities",
        ],
    );

    let lines = ids(&moi, "cost-line");
    let line = lines[0]["id"].as_str().unwrap().to_string();
    let activity = ids(&moi, "activity")[3]["id"].as_str().unwrap().to_string();
    ok(
        "MOI planning",
        &[
            "set",
            s(&moi),
            &line,
            r#"quantities={"2026":"120","2027":"130"}"#,
            "note=revised",
        ],
    );
    ok(
        "MOI planning",
        &["set", s(&moi), &activity, "title=Reworded by MOI"],
    );
    ok(
        "MWA",
        &[
            "set",
            s(&sec),
            ids(&sec, "activity")[9]["id"].as_str().unwrap(),
            "cofog=03.6",
        ],
    );

    // Dry run: the report, and nothing changes.
    let before = std::fs::read(&sec).unwrap();
    let dry: serde_json::Value = serde_json::from_str(&ok(
        "MWA",
        &["merge", s(&sec), s(&moi), "--dry-run", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(dry["applied"], false);
    let changes = dry["report"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.iter().all(|c| c["author"] == "MOI planning"));
    let fields: Vec<&str> = changes
        .iter()
        .flat_map(|c| {
            c["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["field"].as_str().unwrap())
        })
        .collect();
    assert!(
        fields.contains(&"quantities") && fields.contains(&"note") && fields.contains(&"title"),
        "{fields:?}"
    );
    assert_eq!(std::fs::read(&sec).unwrap(), before);

    let text = ok("MWA", &["merge", s(&sec), s(&moi)]);
    assert!(text.contains("Merged."), "{text}");
    let merged = ids(&sec, "cost-line");
    let got = merged.iter().find(|l| l["id"] == line.as_str()).unwrap();
    assert_eq!(got["quantities"]["2027"], "130");
    assert_eq!(got["modified_by"], "MOI planning");
    assert!(ok("MWA", &["merge", s(&sec), s(&moi)]).contains("Nothing new"));

    ok("MWA", &["undo-merge", s(&sec)]);
    let undone = ids(&sec, "cost-line");
    assert_ne!(
        undone.iter().find(|l| l["id"] == line.as_str()).unwrap()["quantities"]["2027"],
        "130"
    );
}

#[test]
fn conflicts_stop_the_merge_with_their_own_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let sec = dir.path().join("secretariat.nap");
    let copy = dir.path().join("copy.nap");
    ok("MWA", &["sample", s(&sec)]);
    ok("MWA", &["send", s(&sec), "-o", s(&copy)]);
    let line = ids(&sec, "cost-line")[2]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(
        "MWA",
        &["set", s(&sec), &line, r#"quantities={"2026":"7"}"#],
    );
    ok(
        "MND",
        &["set", s(&copy), &line, r#"quantities={"2026":"8"}"#],
    );
    let out = nap("MWA", &["merge", s(&sec), s(&copy)]);
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Conflicts (1)") && text.contains("by MND") && text.contains("by MWA"),
        "{text}"
    );
    ok("MWA", &["merge", s(&sec), s(&copy), "--resolve", "theirs"]);
    let after = ids(&sec, "cost-line");
    assert_eq!(
        after.iter().find(|l| l["id"] == line.as_str()).unwrap()["quantities"]["2026"],
        "8"
    );
}

#[test]
fn scripted_edits_are_validated_like_app_edits() {
    let dir = tempfile::tempdir().unwrap();
    let sec = dir.path().join("s.nap");
    ok("MWA", &["sample", s(&sec)]);
    let before = std::fs::read(&sec).unwrap();
    let line = ids(&sec, "cost-line")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (args, message) in [
        (
            vec!["set", s(&sec), &line, r#"quantities={"2031":"1"}"#],
            "outside the plan period",
        ),
        (
            vec!["set", s(&sec), &line, r#"quantities={"2026":"-3"}"#],
            "negative",
        ),
        (
            vec!["set", s(&sec), &line, "colour=blue"],
            "has no field `colour`",
        ),
        (
            vec!["set", s(&sec), "not-an-id", "note=x"],
            "not a record id",
        ),
        (vec!["list", s(&sec), "unicorn"], "not a kind of record"),
    ] {
        let out = nap("MWA", &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let activity = ids(&sec, "activity")[0]["id"].as_str().unwrap().to_string();
    let err =
        String::from_utf8_lossy(&nap("MWA", &["delete", s(&sec), &activity]).stderr).to_string();
    assert!(err.contains("still refer to it"), "{err}");
    assert_eq!(
        std::fs::read(&sec).unwrap(),
        before,
        "refused edits change nothing"
    );
    ok("MWA", &["delete", s(&sec), &line]);
    assert_eq!(ids(&sec, "cost-line").len(), 102);
}
