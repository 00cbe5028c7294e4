//! An inspection through the real app, by keyboard. The data directory is prepared with the
//! CLI (a lead, a 2026 plan with Xã Tam Tiến); the lead starts the inspection from the work
//! list and answers items with the documented shortcuts only (j/k to move, 1–4 to answer,
//! v to the figure, the note after N/A, Enter back to the list). Once the autosave indicator
//! says saved, the app is closed and started again on the same data: every answer is there.

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use fantoccini::Locator;
use kiemtra_e2e::{cli, App, DataDir};

const AGENCY: &str = "07264";
const ENTER: &str = "\u{E007}";

fn prepare(dir: &DataDir) -> Result<()> {
    let d = dir.path();
    cli(d, &["init"])?;
    cli(d, &["profile", "add", "Nguyễn Văn An", "--role", "lead"])?;
    cli(
        d,
        &["plan", "create", "--year", "2026", "--include", AGENCY],
    )?;
    Ok(())
}

/// Presses keys as the user does, with nothing in particular focused: sent to the page body.
async fn press(app: &App, keys: &str) -> Result<()> {
    app.client
        .find(Locator::Css("body"))
        .await?
        .send_keys(keys)
        .await
        .with_context(|| format!("pressing {keys:?}"))
}

/// Types into whatever has the focus (a field the shortcut moved to).
async fn type_here(app: &App, text: &str) -> Result<()> {
    app.client
        .active_element()
        .await?
        .send_keys(text)
        .await
        .with_context(|| format!("typing {text:?}"))
}

async fn current_ref(app: &App) -> Result<String> {
    Ok(app
        .attr(
            "[data-testid='inspection-item'][data-current='true']",
            "data-ref",
        )
        .await?
        .unwrap_or_default())
}

/// Presses j until `want` is the current item.
async fn move_to(app: &App, want: &str) -> Result<()> {
    for _ in 0..80 {
        if current_ref(app).await? == want {
            return Ok(());
        }
        press(app, "j").await?;
    }
    bail!(
        "never reached item {want} with j (at {})",
        current_ref(app).await?
    )
}

fn row(r: &str) -> String {
    format!("[data-testid='inspection-item'][data-ref='{r}']")
}

/// Waits until the row of `r` shows the stored status `want`.
async fn until_status(app: &App, r: &str, want: &str) -> Result<()> {
    let css = row(r);
    app.until(&format!("{r} is stored as {want}"), || async {
        let found = app.client.find_all(Locator::Css(&css)).await?;
        match found.first() {
            Some(el) => Ok((el.attr("data-status").await?.as_deref() == Some(want)).then_some(())),
            None => Ok(None),
        }
    })
    .await
}

/// Waits until the field with `testid` in the current row has the focus.
async fn until_focused(app: &App, testid: &str) -> Result<()> {
    app.until(
        &format!("{testid} of the current item has the focus"),
        || async {
            let el = app.client.active_element().await?;
            let id = el.attr("data-testid").await?;
            Ok((id.as_deref() == Some(testid)).then_some(()))
        },
    )
    .await
}

async fn until_saved(app: &App) -> Result<String> {
    app.until("the autosave indicator says saved", || async {
        let el = app.wait_for("[data-testid='save-state']").await?;
        let state = el.attr("data-state").await?;
        let text = el.text().await?;
        Ok((state.as_deref() == Some("saved") && text.contains("Đã lưu lúc")).then_some(text))
    })
    .await
}

async fn open_from_worklist(app: &App, how: &str) -> Result<()> {
    app.click("[data-testid='nav-worklist']").await?;
    app.click(&format!(
        "[data-testid='work-item'][data-code='{AGENCY}'] [data-testid='{how}']"
    ))
    .await?;
    app.wait_for(
        "[data-testid='inspection-screen'][data-status='in_progress'][data-loading='false']",
    )
    .await?;
    app.wait_for("[data-testid='inspection-item'][data-current='true']")
        .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
struct Answer {
    status: &'static str,
    value: Option<&'static str>,
    note: Option<&'static str>,
}

/// Lets WebKit paint the last change (its screenshots lag a frame behind), then takes one.
async fn picture(app: &App, name: &str) -> Result<()> {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.snapshot(name).await
}

#[tokio::test(flavor = "multi_thread")]
async fn items_answered_by_keyboard_are_saved_and_still_there_after_a_restart() -> Result<()> {
    let dir = DataDir::new()?;
    prepare(&dir)?;

    let app = App::start(&dir).await?;
    open_from_worklist(&app, "start-inspection").await?;
    let total: usize = app
        .attr("[data-testid='inspection-progress']", "data-total")
        .await?
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    assert!(
        total > 10,
        "the commune's checklist has its items ({total})"
    );
    assert_eq!(
        app.attr("[data-testid='inspection-progress']", "data-answered")
            .await?
            .as_deref(),
        Some("0")
    );

    let mut answers: BTreeMap<String, Answer> = BTreeMap::new();
    let started = Instant::now();

    // 1 = Đạt, j, 3 = Chưa đạt, j, 2 = Đạt một phần — on the first three items.
    let first = current_ref(&app).await?;
    press(&app, "1").await?;
    until_status(&app, &first, "met").await?;
    answers.insert(
        first.clone(),
        Answer {
            status: "met",
            value: None,
            note: None,
        },
    );

    press(&app, "j").await?;
    let second = current_ref(&app).await?;
    ensure!(second != first, "j moved to the next item");
    press(&app, "3").await?;
    until_status(&app, &second, "unmet").await?;
    answers.insert(
        second.clone(),
        Answer {
            status: "unmet",
            value: None,
            note: None,
        },
    );

    press(&app, "j").await?;
    let third = current_ref(&app).await?;
    press(&app, "2").await?;
    until_status(&app, &third, "partial").await?;
    answers.insert(
        third.clone(),
        Answer {
            status: "partial",
            value: None,
            note: None,
        },
    );

    // k goes back, j forward again.
    press(&app, "k").await?;
    assert_eq!(
        current_ref(&app).await?,
        second,
        "k moves to the previous item"
    );
    press(&app, "j").await?;
    assert_eq!(current_ref(&app).await?, third);

    // 4 = Không áp dụng: the note takes the focus for the reason; Enter saves it.
    press(&app, "j").await?;
    let fourth = current_ref(&app).await?;
    press(&app, "4").await?;
    until_focused(&app, "item-note").await?;
    let reason = "Xã không được giao nhiệm vụ rà soát TTHC năm 2026";
    type_here(&app, &format!("{reason}{ENTER}")).await?;
    until_status(&app, &fourth, "na").await?;
    answers.insert(
        fourth.clone(),
        Answer {
            status: "na",
            value: None,
            note: Some(reason),
        },
    );

    // II.6.CT.1 (> 95% of files on time): v to the figure, "93,5", Enter; 3 = Chưa đạt agrees
    // with the automatic judgement, so no note is needed.
    let target = "II.6.CT.1";
    move_to(&app, target).await?;
    press(&app, "v").await?;
    until_focused(&app, "item-value").await?;
    type_here(&app, &format!("93,5{ENTER}")).await?;
    let judgement = format!("{} [data-testid='item-judgement']", row(target));
    app.until("the figure is judged against the target", || async {
        Ok(
            (app.attr(&judgement, "data-judgement").await?.as_deref() == Some("unmet"))
                .then_some(()),
        )
    })
    .await?;
    let said = app.wait_for(&judgement).await?.text().await?;
    assert!(said.contains("Không đạt chỉ tiêu"), "{said}");
    press(&app, "3").await?;
    until_status(&app, target, "unmet").await?;
    answers.insert(
        target.to_string(),
        Answer {
            status: "unmet",
            value: Some("93,5"),
            note: None,
        },
    );

    // And the next one, Đạt.
    press(&app, "j").await?;
    let sixth = current_ref(&app).await?;
    press(&app, "1").await?;
    until_status(&app, &sixth, "met").await?;
    answers.insert(
        sixth.clone(),
        Answer {
            status: "met",
            value: None,
            note: None,
        },
    );

    let saved = until_saved(&app).await?;
    eprintln!(
        "{} answers by keyboard in {:?}; {saved}",
        answers.len(),
        started.elapsed()
    );
    assert_eq!(
        app.attr("[data-testid='inspection-progress']", "data-answered")
            .await?
            .as_deref(),
        Some(answers.len().to_string().as_str())
    );
    assert_eq!(
        app.count("[data-testid='inspection-item'][data-current='true']")
            .await?,
        1
    );

    // The picture: the top of the list, where the first answers are.
    app.client
        .execute(
            "document.activeElement && document.activeElement.blur();\
             document.getElementById('content').scrollTop = 0;",
            vec![],
        )
        .await?;
    picture(&app, "inspection").await?;
    app.close().await?;

    // Restart on the same data: open the inspection again from the work list.
    let app = App::start(&dir).await?;
    open_from_worklist(&app, "open-inspection").await?;
    for (r, a) in &answers {
        let el = app.wait_for(&row(r)).await?;
        assert_eq!(
            el.attr("data-status").await?.as_deref(),
            Some(a.status),
            "status of {r}"
        );
        if let Some(v) = a.value {
            let input = app
                .wait_for(&format!("{} [data-testid='item-value']", row(r)))
                .await?;
            assert_eq!(
                input.prop("value").await?.as_deref(),
                Some(v),
                "figure of {r}"
            );
        }
        let note = app
            .wait_for(&format!("{} [data-testid='item-note']", row(r)))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        assert_eq!(note, a.note.unwrap_or(""), "note of {r}");
    }
    assert_eq!(
        app.attr("[data-testid='inspection-progress']", "data-answered")
            .await?
            .as_deref(),
        Some(answers.len().to_string().as_str())
    );
    let state = app.wait_for("[data-testid='save-state']").await?;
    assert_eq!(state.attr("data-state").await?.as_deref(), Some("saved"));
    app.close().await
}

/// A status against the automatic judgement is not sent without a note: the row says what is
/// missing and the note takes the focus; with the note it is saved. A finding is added with f,
/// the inspection submitted, and the lead returns it with a comment the screen then shows.
#[tokio::test(flavor = "multi_thread")]
async fn a_disagreement_needs_a_note_and_the_lead_returns_a_submitted_inspection() -> Result<()> {
    let dir = DataDir::new()?;
    prepare(&dir)?;
    let app = App::start(&dir).await?;
    open_from_worklist(&app, "start-inspection").await?;

    let target = "II.6.CT.1";
    move_to(&app, target).await?;
    press(&app, "v").await?;
    until_focused(&app, "item-value").await?;
    type_here(&app, &format!("93,5{ENTER}")).await?;
    until_saved(&app).await?;

    // 1 = Đạt goes against "Không đạt chỉ tiêu": nothing is sent, the note is asked for.
    press(&app, "1").await?;
    until_focused(&app, "item-note").await?;
    let need = app
        .wait_for(&format!("{} [data-testid='item-error']", row(target)))
        .await?
        .text()
        .await?;
    assert!(need.contains("ghi chú lý do"), "{need}");
    let state = app.wait_for("[data-testid='save-state']").await?;
    assert_eq!(state.attr("data-state").await?.as_deref(), Some("error"));
    assert!(
        state.text().await?.contains("Chưa lưu được"),
        "the indicator says it is not saved"
    );
    assert_eq!(
        app.attr(&row(target), "data-status").await?.as_deref(),
        Some(""),
        "nothing stored yet"
    );
    let figure = app
        .wait_for(&format!("{} [data-testid='item-value']", row(target)))
        .await?
        .prop("value")
        .await?;
    assert_eq!(figure.as_deref(), Some("93,5"), "the figure typed is kept");
    app.wait_for(&format!(
        "{} [data-testid='status-met'][aria-pressed='true']",
        row(target)
    ))
    .await?;

    type_here(
        &app,
        &format!("Số liệu hệ thống chưa cập nhật hồ sơ rút{ENTER}"),
    )
    .await?;
    until_status(&app, target, "met").await?;
    until_saved(&app).await?;
    assert_eq!(
        app.count(&format!("{} [data-testid='item-error']", row(target)))
            .await?,
        0
    );
    assert_eq!(
        app.attr("[data-testid='inspection-progress']", "data-answered")
            .await?
            .as_deref(),
        Some("1")
    );
    app.click("[data-testid='item-view-disagreements']").await?;
    app.until("the disagreement filter shows that item", || async {
        let rows = app
            .client
            .find_all(Locator::Css("[data-testid='inspection-item']"))
            .await?;
        if rows.len() != 1 {
            return Ok(None);
        }
        Ok((rows[0].attr("data-ref").await?.as_deref() == Some(target)).then_some(()))
    })
    .await?;
    app.click("[data-testid='item-view-all']").await?;

    // f: a finding for the current item.
    press(&app, "f").await?;
    app.wait_for("[data-testid='finding-dialog'][open]").await?;
    app.type_into(
        "[data-testid='finding-text']",
        "Tỷ lệ hồ sơ đúng hạn 93,5%, dưới chỉ tiêu 95%",
    )
    .await?;
    app.click("[data-testid='finding-submit']").await?;
    let under = app
        .until("the finding shows under its item", || async {
            let t = app.wait_for(&row(target)).await?.text().await?;
            Ok(t.contains("dưới chỉ tiêu 95%").then_some(t))
        })
        .await?;
    assert!(under.contains("Hạn chế"), "{under}");
    picture(&app, "inspection-disagreement").await?;

    // The findings tab lists it; the score tab explains why there is nothing to score yet.
    app.click("[data-testid='inspection-tab-findings']").await?;
    let listed = app
        .wait_for("[data-testid='finding-row']")
        .await?
        .text()
        .await?;
    assert!(
        listed.contains("dưới chỉ tiêu 95%") && listed.contains(target),
        "{listed}"
    );
    picture(&app, "inspection-findings").await?;
    app.click("[data-testid='inspection-tab-scores']").await?;
    let empty = app
        .wait_for("[data-testid='score-empty']")
        .await?
        .text()
        .await?;
    assert!(empty.contains("chưa có điểm tối đa"), "{empty}");
    picture(&app, "inspection-scores").await?;
    app.click("[data-testid='inspection-tab-items']").await?;

    // Submit, then (as the lead) return it with a comment.
    app.click("[data-testid='inspection-submit']").await?;
    app.click("[data-testid='submit-dialog'] [data-testid='confirm-submit']")
        .await?;
    app.wait_for("[data-testid='inspection-screen'][data-status='submitted']")
        .await?;
    app.click("[data-testid='inspection-return']").await?;
    app.click("[data-testid='return-dialog'] [data-testid='confirm-submit']")
        .await?;
    let asked = app
        .wait_for("[data-testid='return-dialog'] .dlg-error")
        .await?
        .text()
        .await?;
    assert!(
        asked.contains("ý kiến"),
        "a return needs a comment: {asked}"
    );
    app.type_into(
        "[data-testid='confirm-comment']",
        "Bổ sung ảnh chụp số liệu mục II.6.CT.1",
    )
    .await?;
    app.click("[data-testid='return-dialog'] [data-testid='confirm-submit']")
        .await?;
    app.wait_for("[data-testid='inspection-screen'][data-status='returned']")
        .await?;
    let comment = app
        .wait_for("[data-testid='review-comment']")
        .await?
        .text()
        .await?;
    assert!(comment.contains("Bổ sung ảnh chụp số liệu"), "{comment}");
    let badge = app
        .wait_for("[data-testid='inspection-status']")
        .await?
        .text()
        .await?;
    assert!(badge.contains("Được trả lại"), "{badge}");
    app.close().await
}

/// With an official framework that has max points, the score tab puts the agency's
/// self-assessment beside the team's appraisal; a different appraisal needs a reason, and the
/// field's totals follow.
#[tokio::test(flavor = "multi_thread")]
async fn scores_need_a_reason_when_the_appraisal_differs_and_add_up_per_field() -> Result<()> {
    let dir = DataDir::new()?;
    prepare(&dir)?;
    // An "official" framework: the seeded tree with 2 points per criterion.
    let tree: serde_json::Value =
        serde_json::from_str(&cli(dir.path(), &["framework", "show", "--json"])?)?;
    let mut csv = String::from("code,name,parent_code,max_points\n");
    fn rows(out: &mut String, nodes: &serde_json::Value, parent: &str) {
        for n in nodes.as_array().into_iter().flatten() {
            let kids = &n["children"];
            let points = if n["level"] == "field" {
                2 * kids.as_array().map_or(0, Vec::len)
            } else {
                2
            };
            let name = n["name"].as_str().unwrap_or_default().replace('"', "\"\"");
            let code = n["code"].as_str().unwrap_or_default();
            out.push_str(&format!("{code},\"{name}\",{parent},{points}\n"));
            rows(out, kids, code);
        }
    }
    rows(&mut csv, &tree["nodes"], "");
    let file = dir.path().join("khung-chinh-thuc.csv");
    std::fs::write(&file, csv)?;
    cli(
        dir.path(),
        &[
            "framework",
            "import",
            &file.display().to_string(),
            "--as",
            "KHUNG-2026",
        ],
    )?;

    let app = App::start(&dir).await?;
    open_from_worklist(&app, "start-inspection").await?;
    app.click("[data-testid='inspection-tab-scores']").await?;
    let crit = "[data-testid='score-row'][data-criterion='3.2']";
    app.wait_for(crit).await?;
    assert_eq!(app.count("[data-testid='score-empty']").await?, 0);

    app.type_into(&format!("{crit} [data-testid='score-self']"), "2")
        .await?;
    app.type_into(
        &format!("{crit} [data-testid='score-appraised']"),
        &format!("1,5{ENTER}"),
    )
    .await?;
    let refused = app
        .wait_for(&format!("{crit} [data-testid='score-error']"))
        .await?
        .text()
        .await?;
    assert!(refused.contains("lý do"), "{refused}");

    app.type_into(
        &format!("{crit} [data-testid='score-justification']"),
        &format!("Chưa rà soát đủ danh mục TTHC{ENTER}"),
    )
    .await?;
    let diff = format!("{crit} [data-testid='score-difference']");
    app.until("the difference is shown", || async {
        Ok((app.wait_for(&diff).await?.text().await? == "-0,5").then_some(()))
    })
    .await?;
    assert_eq!(
        app.count(&format!("{crit} [data-testid='score-error']"))
            .await?,
        0
    );
    let field = app
        .wait_for("[data-testid='score-field'][data-field='3']")
        .await?
        .text()
        .await?;
    assert!(
        field.contains("1,5") && field.contains('2'),
        "field 3 totals: {field}"
    );
    app.client
        .execute("document.getElementById('content').scrollTop = 0;", vec![])
        .await?;
    picture(&app, "inspection-scores-official").await?;
    app.close().await
}
