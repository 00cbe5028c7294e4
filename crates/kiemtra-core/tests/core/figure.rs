//! The one figure rule and the one date rule, checked against the case files the UI's tests
//! read too.

use kiemtra_core::text::parse_figure;
use serde_json::Value;

#[test]
fn figures_are_read_the_same_way_as_the_ui_reads_them() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("../figure-cases.json")).expect("case file is JSON");
    assert!(cases.len() >= 20, "the shared case file lost its cases");
    for case in cases {
        let input = case["input"].as_str().expect("each case has an input");
        let got = parse_figure(input);
        if case.get("error").is_some() {
            let message = got.expect_err(&format!("«{input}» must be refused"));
            assert!(
                message.contains(input.trim()),
                "the refusal quotes what was typed: {message}"
            );
        } else {
            let want = case["value"].as_f64();
            assert_eq!(got, Ok(want), "«{input}»");
        }
    }
}

#[test]
fn dates_are_read_the_same_way_as_the_ui_reads_them() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("../date-cases.json")).expect("case file is JSON");
    assert!(cases.len() >= 12, "the shared case file lost its cases");
    for case in cases {
        let input = case["input"].as_str().expect("each case has an input");
        let got = kiemtra_core::calendar::parse_date("ngày", input);
        match case["iso"].as_str() {
            Some(iso) => assert_eq!(
                got.map(|d| d.to_string()).ok().as_deref(),
                Some(iso),
                "«{input}»"
            ),
            None => {
                let err = got.expect_err(&format!("«{input}» must be refused"));
                assert_eq!(err.code(), "invalid");
                assert!(err.to_string().contains(input.trim()), "{err}");
            }
        }
    }
}
