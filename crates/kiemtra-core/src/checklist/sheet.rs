//! A checklist template as an editable sheet: one row per item with its section, objective and
//! task, so a lead can export this year's checklist, edit it in a spreadsheet into next year's
//! and import it as a new version of that year (`kiemtra checklist export` / `import`).
//!
//! The sheet is format-neutral here: the CSV reader and writer live in this module, the XLSX
//! ones in `kiemtra-xlsx` (calamine, rust_xlsxwriter), and both hand over a [`SheetInput`] of
//! text cells with their line numbers. [`preview`] parses, validates everything (every problem
//! reported with its line and column, in Vietnamese), stores the template in a transaction that
//! is rolled back and compares its items with the base template (the current version of the same
//! year, else the latest earlier year's): added, removed and changed items, matched by reference.
//! [`import`] does the same and commits, as a new version; earlier versions are never touched,
//! and inspections already started keep the items they froze when they started.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::{
    current_template, insert_template, show_template, ChecklistItem, GroupFile, ItemFile, Op,
    SectionFile, Target, TaskFile, TemplateFile, TemplateInfo,
};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::profile;
use crate::text::{nfc, parse_figure};

/// The columns of the sheet, in order, by their Vietnamese headers.
pub const COLUMNS: [&str; 23] = [
    SECTION,
    SECTION_NAME,
    SECTION_FIELD,
    OBJECTIVE,
    OBJECTIVE_TEXT,
    TASK,
    TASK_TEXT,
    REF,
    TEXT,
    EVIDENCE,
    DEADLINE,
    DUE,
    LEAD,
    COOPERATING,
    APPLIES_TO,
    COOPERATES,
    TARGET_OP,
    TARGET_VALUE,
    TARGET_UNIT,
    PAR_FIELDS,
    PAR_CRITERIA,
    SAME_AS,
    MEASURE,
];

pub const SECTION: &str = "Phần";
pub const SECTION_NAME: &str = "Tên phần";
pub const SECTION_FIELD: &str = "Lĩnh vực PAR của phần";
pub const OBJECTIVE: &str = "Mục tiêu";
pub const OBJECTIVE_TEXT: &str = "Nội dung mục tiêu";
pub const TASK: &str = "Nhiệm vụ";
pub const TASK_TEXT: &str = "Nội dung nhiệm vụ";
pub const REF: &str = "Mã mục";
pub const TEXT: &str = "Nội dung mục kiểm tra";
pub const EVIDENCE: &str = "Kết quả/Sản phẩm";
pub const DEADLINE: &str = "Thời gian";
pub const DUE: &str = "Hạn hoàn thành";
pub const LEAD: &str = "Chủ trì";
pub const COOPERATING: &str = "Phối hợp";
pub const APPLIES_TO: &str = "Áp dụng cho (chủ trì)";
pub const COOPERATES: &str = "Phối hợp (mã)";
pub const TARGET_OP: &str = "Chỉ tiêu: so sánh";
pub const TARGET_VALUE: &str = "Chỉ tiêu: giá trị";
pub const TARGET_UNIT: &str = "Chỉ tiêu: đơn vị";
pub const PAR_FIELDS: &str = "Lĩnh vực PAR";
pub const PAR_CRITERIA: &str = "Tiêu chí PAR";
pub const SAME_AS: &str = "Lặp lại mục";
pub const MEASURE: &str = "Số liệu đo";

/// The name of the items' sheet in the XLSX file, and of the template's own sheet.
pub const ITEMS_SHEET: &str = "Danh mục";
pub const INFO_SHEET: &str = "Thông tin";

/// The template's own fields (the XLSX "Thông tin" sheet, the CSV's `#` lines).
pub const INFO_CODE: &str = "Mã danh mục";
pub const INFO_YEAR: &str = "Năm";
pub const INFO_VERSION: &str = "Phiên bản";
pub const INFO_NAME: &str = "Tên danh mục";
pub const INFO_SOURCE: &str = "Nguồn";

/// A cell of the exported sheet: text, a number (the target's value) or a date (the due date,
/// ISO 8601), so the XLSX writer can type it.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetValue {
    Text(String),
    Number(f64),
    Date(String),
}

impl SheetValue {
    /// As a CSV cell: numbers with a decimal comma ("0,71"), dates dd/mm/yyyy.
    pub fn csv_text(&self) -> String {
        match self {
            SheetValue::Text(s) => s.clone(),
            SheetValue::Number(n) => number_text(*n),
            SheetValue::Date(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|_| d.clone()),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, SheetValue::Text(s) if s.is_empty())
    }
}

fn number_text(n: f64) -> String {
    let s = format!("{}", (n * 1e6).round() / 1e6);
    s.replace('.', ",")
}

/// A template as exported: its own fields, then one row of [`COLUMNS`] per item.
#[derive(Debug, Clone)]
pub struct TemplateSheet {
    pub template: TemplateInfo,
    pub rows: Vec<Vec<SheetValue>>,
}

impl TemplateSheet {
    /// The template's fields as (label, value) pairs, in order.
    pub fn info(&self) -> Vec<(&'static str, String)> {
        vec![
            (INFO_CODE, self.template.code.clone()),
            (INFO_YEAR, self.template.year.to_string()),
            (INFO_VERSION, self.template.version.to_string()),
            (INFO_NAME, self.template.name.clone()),
            (INFO_SOURCE, self.template.source.clone()),
        ]
    }
}

/// The current template of `year` as a sheet. An item the plan states twice (`also_refs`) gives
/// one row per reference: the repeat's row names the item it repeats in «Lặp lại mục», and its
/// other cells are the repeated item's (they are not read back).
pub fn export(conn: &Connection, year: i64) -> Result<TemplateSheet> {
    let (tid, template) = current_template(conn, Some(year))?.ok_or_else(|| Error::Invalid {
        field: "year".into(),
        reason: format!("chưa có danh mục kiểm tra năm {year}"),
    })?;
    let checklist = show_template(conn, tid, template.clone(), None)?;
    let mut groups: HashMap<String, (String, Option<String>)> = HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT ref, text, par_field FROM checklist_groups WHERE template_id = ?1")?;
        let rows = stmt.query_map([tid], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        for row in rows {
            let (r, v): (String, (String, Option<String>)) = row?;
            groups.insert(r, v);
        }
    }
    let text = |s: &str| SheetValue::Text(s.to_string());
    let opt = |s: &Option<String>| SheetValue::Text(s.clone().unwrap_or_default());
    let group_text = |r: &str| groups.get(r).map(|g| g.0.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    for i in &checklist.items {
        let row = |source_ref: &str, same_as: &str| -> Vec<SheetValue> {
            vec![
                text(&i.section_ref),
                text(&group_text(&i.section_ref)),
                opt(&groups.get(&i.section_ref).and_then(|g| g.1.clone())),
                text(&i.objective_ref),
                text(&group_text(&i.objective_ref)),
                text(&i.task_ref),
                text(&group_text(&i.task_ref)),
                text(source_ref),
                text(&i.text),
                opt(&i.evidence),
                opt(&i.deadline),
                i.due.clone().map_or_else(|| text(""), SheetValue::Date),
                opt(&i.lead),
                opt(&i.cooperating),
                text(&i.applies_to.join(", ")),
                text(&i.cooperates.join(", ")),
                text(i.target.as_ref().map_or("", |t| t.op.as_str())),
                i.target
                    .as_ref()
                    .map_or_else(|| text(""), |t| SheetValue::Number(t.value)),
                text(i.target.as_ref().map_or("", |t| t.unit.as_str())),
                text(&i.par_fields.join(", ")),
                text(&i.par_criteria.join(", ")),
                text(same_as),
                opt(&i.measure),
            ]
        };
        rows.push(row(&i.source_ref, ""));
        for also in &i.also_refs {
            rows.push(row(also, &i.source_ref));
        }
    }
    Ok(TemplateSheet { template, rows })
}

/// The sheet as CSV (UTF-8 with a BOM, so Excel reads the diacritics): the template's fields
/// first, one `#field,value` line each, then the header and the rows.
pub fn to_csv(sheet: &TemplateSheet) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| Error::ImportFile {
        reason: format!("không ghi được CSV ({e})"),
    };
    for (k, v) in sheet.info() {
        w.write_record([format!("#{k}"), v]).map_err(fail)?;
    }
    w.write_record(COLUMNS).map_err(fail)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(SheetValue::csv_text))
            .map_err(fail)?;
    }
    w.into_inner().map_err(|e| Error::ImportFile {
        reason: format!("không ghi được CSV ({e})"),
    })
}

// ---- Reading ----

/// A sheet read from a file: the template's fields and the items' table, every cell as text
/// with the line (row number in the file or sheet) it came from.
#[derive(Debug, Clone, Default)]
pub struct SheetInput {
    /// (field, value, line) of the template's own fields.
    pub info: Vec<(String, String, usize)>,
    /// Where the template's fields are: `None` in a CSV (same lines as the items), else the
    /// sheet's name.
    pub info_sheet: Option<String>,
    pub header: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV template: `#field,value` lines, then the header, then one row per item.
pub fn read_csv(bytes: &[u8]) -> Result<SheetInput> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut input = SheetInput::default();
    let mut record = csv::ByteRecord::new();
    loop {
        // Where the record starts: the reader's position before it, past the line ends it had
        // not consumed yet (the csv crate's own line count lags by one after CRLF line ends, as
        // Excel writes them, so lines are counted here from the bytes).
        let mut at = (reader.position().byte() as usize).min(bytes.len());
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            at += 1;
        }
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let read = reader.read_byte_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Error::ImportRow {
                line,
                reason: format!("không đọc được CSV ({e})"),
            }
        })?;
        if !read {
            break;
        }
        let mut cells = Vec::with_capacity(record.len());
        for (c, cell) in record.iter().enumerate() {
            let s = std::str::from_utf8(cell).map_err(|_| Error::ImportRow {
                line,
                reason: format!("cột {} không phải văn bản UTF-8", column_letter(c)),
            })?;
            cells.push(nfc(s));
        }
        if input.header.is_empty() {
            if let Some(key) = cells.first().and_then(|c| c.strip_prefix('#')) {
                let value = cells.get(1).cloned().unwrap_or_default();
                input.info.push((key.trim().to_string(), value, line));
                continue;
            }
            if cells.iter().all(String::is_empty) {
                continue;
            }
            input.header = cells;
            input.header_line = line;
            continue;
        }
        input.rows.push((line, cells));
    }
    if input.header.is_empty() {
        return Err(Error::ImportFile {
            reason: "không có dòng tiêu đề (Phần, Mục tiêu, …, Mã mục, …)".into(),
        });
    }
    Ok(input)
}

/// "A", "B", … "Z", "AA": a spreadsheet's column letter for a 0-based position.
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

// ---- Checking ----

/// One problem of an imported sheet: where (line and column) and what, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TemplateProblem {
    /// The sheet it is in, when not the items' sheet ("Thông tin").
    pub sheet: Option<String>,
    /// The line of a CSV file or the row of the sheet (1 is the first).
    #[ts(type = "number | null")]
    pub line: Option<usize>,
    /// The column's letter ("Q") and header ("Chỉ tiêu: so sánh").
    pub column: Option<String>,
    pub header: Option<String>,
    pub message: String,
}

impl std::fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut place = Vec::new();
        if let Some(s) = &self.sheet {
            place.push(format!("trang «{s}»"));
        }
        if let Some(l) = self.line {
            place.push(format!("dòng {l}"));
        }
        match (&self.column, &self.header) {
            (Some(c), Some(h)) => place.push(format!("cột {c} «{h}»")),
            (None, Some(h)) => place.push(format!("cột «{h}»")),
            (Some(c), None) => place.push(format!("cột {c}")),
            (None, None) => {}
        }
        if place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            let mut p = place.join(", ");
            if let Some(first) = p.get(..1) {
                p = first.to_uppercase() + &p[1..];
            }
            write!(f, "{p}: {}", self.message)
        }
    }
}

/// The problems of an import, one line each, as `Error::TemplateInvalid` prints them.
pub fn problems_text(problems: &[TemplateProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("- {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

struct Columns {
    at: HashMap<&'static str, usize>,
}

impl Columns {
    fn cell<'a>(&self, cells: &'a [String], name: &str) -> &'a str {
        self.at
            .get(name)
            .and_then(|&c| cells.get(c))
            .map_or("", |s| s.trim())
    }
}

struct Checker<'a> {
    cols: &'a Columns,
    problems: Vec<TemplateProblem>,
    agencies: &'a HashSet<String>,
    par_codes: &'a HashSet<String>,
}

impl Checker<'_> {
    fn at(&mut self, line: usize, name: &str, message: String) {
        let column = self.cols.at.get(name).map(|&c| column_letter(c));
        self.problems.push(TemplateProblem {
            sheet: None,
            line: Some(line),
            column,
            header: Some(name.to_string()),
            message,
        });
    }

    fn list(&self, cells: &[String], name: &str) -> Vec<String> {
        split_list(self.cols.cell(cells, name))
    }

    fn scopes(&mut self, line: usize, cells: &[String], name: &str) -> Vec<String> {
        let list = self.list(cells, name);
        for s in &list {
            if s != "provincial" && s != "commune" && !self.agencies.contains(s) {
                self.at(
                    line,
                    name,
                    format!("«{s}» không phải mã cơ quan trong danh sách, «provincial» (các sở, ban, ngành) hay «commune» (UBND cấp xã)"),
                );
            }
        }
        list
    }

    fn par(&mut self, line: usize, cells: &[String], name: &str, what: &str) -> Vec<String> {
        let list = self.list(cells, name);
        for c in &list {
            if !self.par_codes.contains(c) {
                self.at(
                    line,
                    name,
                    format!("{what} «{c}» không có trong khung chỉ số CCHC hiện hành"),
                );
            }
        }
        list
    }
}

/// Codes in one cell: separated by commas, semicolons or spaces.
fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The template parsed from a sheet, with the (target-year) fields it will be stored under.
struct Parsed {
    file: TemplateFile,
    warnings: Vec<String>,
}

fn opt_text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Parses and checks every row; every problem is collected, none stops the others.
fn parse(
    conn: &Connection,
    input: &SheetInput,
    year: i64,
) -> Result<std::result::Result<Parsed, Vec<TemplateProblem>>> {
    let agencies: HashSet<String> = {
        let mut stmt = conn.prepare("SELECT code FROM agencies")?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        v
    };
    let par_codes: HashSet<String> = {
        let mut stmt = conn.prepare(
            "SELECT n.code FROM framework_nodes n JOIN framework_versions v ON v.id = n.version_id
             WHERE v.is_current = 1",
        )?;
        let v = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        v
    };
    let mut at = HashMap::new();
    let mut problems = Vec::new();
    for name in COLUMNS {
        match input
            .header
            .iter()
            .position(|h| nfc(h).trim().to_lowercase() == name.to_lowercase())
        {
            Some(c) => {
                at.insert(name, c);
            }
            None => problems.push(TemplateProblem {
                sheet: None,
                line: Some(input.header_line),
                column: None,
                header: Some(name.to_string()),
                message: "thiếu cột này trong dòng tiêu đề".into(),
            }),
        }
    }
    let cols = Columns { at };
    let mut ck = Checker {
        cols: &cols,
        problems,
        agencies: &agencies,
        par_codes: &par_codes,
    };
    let mut warnings = Vec::new();

    // The template's own fields.
    let info = |key: &str| {
        input
            .info
            .iter()
            .find(|(k, _, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v, l)| (v.trim().to_string(), *l))
    };
    let mut info_problem = |line: Option<usize>, message: String| {
        ck.problems.push(TemplateProblem {
            sheet: input.info_sheet.clone(),
            line,
            column: Some("B".into()),
            header: None,
            message,
        })
    };
    let mut info_text = |key: &str| match info(key) {
        Some((v, _)) if !v.is_empty() => v,
        Some((_, l)) => {
            info_problem(Some(l), format!("«{key}» để trống"));
            String::new()
        }
        None => {
            info_problem(None, format!("thiếu dòng «{key}» của danh mục"));
            String::new()
        }
    };
    let code = info_text(INFO_CODE);
    let name = info_text(INFO_NAME);
    let source = info(INFO_SOURCE).map(|(v, _)| v).unwrap_or_default();
    let file_year = match info(INFO_YEAR) {
        Some((v, l)) => match v.parse::<i64>() {
            Ok(y) if (2000..=2100).contains(&y) => Some(y),
            _ => {
                ck.problems.push(TemplateProblem {
                    sheet: input.info_sheet.clone(),
                    line: Some(l),
                    column: Some("B".into()),
                    header: None,
                    message: format!("«Năm» phải là một năm (ví dụ 2027), không phải «{v}»"),
                });
                None
            }
        },
        None => None,
    };
    let (code, name) = match file_year {
        Some(fy) if fy != year => {
            let (from, to) = (fy.to_string(), year.to_string());
            let (c, n) = (code.replace(&from, &to), name.replace(&from, &to));
            warnings.push(format!(
                "Tệp là danh mục năm {fy}, được nhập cho năm {year}: mã «{c}», tên «{n}»."
            ));
            (c, n)
        }
        _ => (code, name),
    };

    // The rows.
    let mut sections: Vec<SectionFile> = Vec::new();
    // ref → (text, line it was first given on, parent ref)
    let mut seen_groups: HashMap<String, (String, usize, String)> = HashMap::new();
    let mut refs: HashMap<String, usize> = HashMap::new();
    let mut repeats: Vec<(usize, String, String)> = Vec::new();
    let mut late_due = Vec::new();
    for (line, cells) in &input.rows {
        let line = *line;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |n: &str| cols.cell(cells, n).to_string();
        // Groups: the first row naming a group gives its text; another text later is a problem.
        let mut group = |ck: &mut Checker<'_>, col: &str, text_col: &str, parent: &str| {
            let r = cell(col);
            if r.is_empty() {
                ck.at(line, col, "để trống".into());
                return None;
            }
            let text = cell(text_col);
            match seen_groups.get(&r) {
                Some((t, first, p)) => {
                    if p != parent {
                        ck.at(
                            line,
                            col,
                            format!("«{r}» đã thuộc «{p}» ở dòng {first}, không thuộc «{parent}»"),
                        );
                    }
                    if !text.is_empty() && &text != t {
                        ck.at(
                            line,
                            text_col,
                            format!("nội dung khác với dòng {first} cho «{r}»"),
                        );
                    }
                }
                None => {
                    if text.is_empty() {
                        ck.at(line, text_col, format!("«{r}» chưa có nội dung"));
                    }
                    seen_groups.insert(r.clone(), (text, line, parent.to_string()));
                }
            }
            Some(r)
        };
        let Some(sec) = group(&mut ck, SECTION, SECTION_NAME, "") else {
            continue;
        };
        let Some(obj) = group(&mut ck, OBJECTIVE, OBJECTIVE_TEXT, &sec) else {
            continue;
        };
        let Some(task) = group(&mut ck, TASK, TASK_TEXT, &obj) else {
            continue;
        };
        let section_field = cell(SECTION_FIELD);
        if !section_field.is_empty() && !par_codes.contains(&section_field) {
            ck.at(
                line,
                SECTION_FIELD,
                format!("lĩnh vực «{section_field}» không có trong khung chỉ số CCHC hiện hành"),
            );
        }

        let r = cell(REF);
        if r.is_empty() {
            ck.at(line, REF, "mục kiểm tra chưa có mã".into());
            continue;
        }
        if let Some(first) = refs.get(&r) {
            ck.at(line, REF, format!("mã mục «{r}» trùng với dòng {first}"));
        } else {
            refs.insert(r.clone(), line);
        }
        let same_as = opt_text(&cell(SAME_AS));
        let text = cell(TEXT);
        if text.is_empty() && same_as.is_none() {
            ck.at(line, TEXT, "mục kiểm tra chưa có nội dung".into());
        }
        let applies_to = ck.scopes(line, cells, APPLIES_TO);
        if applies_to.is_empty() {
            ck.at(
                line,
                APPLIES_TO,
                "thiếu cơ quan chủ trì: ghi «provincial», «commune» hoặc mã cơ quan".into(),
            );
        }
        let cooperates = ck.scopes(line, cells, COOPERATES);
        let par_fields = ck.par(line, cells, PAR_FIELDS, "lĩnh vực");
        let par_criteria = ck.par(line, cells, PAR_CRITERIA, "tiêu chí");
        let due = match cell(DUE).as_str() {
            "" => None,
            d => match crate::calendar::parse_date(DUE, d) {
                Ok(d) => {
                    if i64::from(chrono::Datelike::year(&d)) < year {
                        late_due.push(format!("{r}: {}", d.format("%d/%m/%Y")));
                    }
                    Some(d.to_string())
                }
                Err(_) => {
                    ck.at(
                        line,
                        DUE,
                        format!("«{d}» không phải ngày (ngày/tháng/năm, ví dụ 31/12/2027)"),
                    );
                    None
                }
            },
        };
        let (op, value, unit) = (cell(TARGET_OP), cell(TARGET_VALUE), cell(TARGET_UNIT));
        let target = if op.is_empty() && value.is_empty() {
            if !unit.is_empty() {
                ck.at(
                    line,
                    TARGET_UNIT,
                    "có đơn vị mà không có phép so sánh và giá trị của chỉ tiêu".into(),
                );
            }
            None
        } else {
            let parsed_op = Op::parse(&op);
            if parsed_op.is_none() {
                ck.at(
                    line,
                    TARGET_OP,
                    if op.is_empty() {
                        "chỉ tiêu có giá trị nhưng thiếu phép so sánh (>, >=, =, <=, <)".into()
                    } else {
                        format!("«{op}» không phải phép so sánh (>, >=, =, <=, <)")
                    },
                );
            }
            let parsed_value = match parse_figure(&value) {
                Ok(Some(v)) => Some(v),
                Ok(None) => {
                    ck.at(
                        line,
                        TARGET_VALUE,
                        "chỉ tiêu có phép so sánh nhưng thiếu giá trị".into(),
                    );
                    None
                }
                Err(reason) => {
                    ck.at(line, TARGET_VALUE, reason);
                    None
                }
            };
            match (parsed_op, parsed_value) {
                (Some(op), Some(value)) => Some(Target { op, value, unit }),
                _ => None,
            }
        };
        if let Some(first) = &same_as {
            repeats.push((line, r.clone(), first.clone()));
        }
        let item = ItemFile {
            r#ref: r,
            text,
            evidence: opt_text(&cell(EVIDENCE)),
            lead: opt_text(&cell(LEAD)),
            cooperating: opt_text(&cell(COOPERATING)),
            deadline_text: opt_text(&cell(DEADLINE)),
            due,
            target,
            par_fields,
            par_criteria,
            applies_to,
            cooperates,
            same_as,
            measure: opt_text(&cell(MEASURE)),
        };
        // Place the item under its section, objective and task (created on first sight).
        let s_idx = match sections.iter().position(|s| s.code == sec) {
            Some(i) => i,
            None => {
                sections.push(SectionFile {
                    code: sec.clone(),
                    name: seen_groups
                        .get(&sec)
                        .map(|g| g.0.clone())
                        .unwrap_or_default(),
                    par_field: opt_text(&section_field),
                    objectives: Vec::new(),
                });
                sections.len() - 1
            }
        };
        let s = &mut sections[s_idx];
        if s.par_field.is_none() {
            s.par_field = opt_text(&section_field);
        }
        let o_idx = match s.objectives.iter().position(|o| o.r#ref == obj) {
            Some(i) => i,
            None => {
                s.objectives.push(GroupFile {
                    r#ref: obj.clone(),
                    text: seen_groups
                        .get(&obj)
                        .map(|g| g.0.clone())
                        .unwrap_or_default(),
                    tasks: Vec::new(),
                });
                s.objectives.len() - 1
            }
        };
        let o = &mut s.objectives[o_idx];
        let t_idx = match o.tasks.iter().position(|t| t.r#ref == task) {
            Some(i) => i,
            None => {
                o.tasks.push(TaskFile {
                    r#ref: task.clone(),
                    text: seen_groups
                        .get(&task)
                        .map(|g| g.0.clone())
                        .unwrap_or_default(),
                    items: Vec::new(),
                });
                o.tasks.len() - 1
            }
        };
        o.tasks[t_idx].items.push(item);
    }

    // Repeats must name an item of the sheet that is not itself a repeat.
    let repeat_refs: HashSet<&str> = repeats.iter().map(|(_, r, _)| r.as_str()).collect();
    for (line, r, first) in &repeats {
        if first == r || repeat_refs.contains(first.as_str()) {
            ck.at(
                *line,
                SAME_AS,
                format!("«{first}» phải là một mục không lặp lại mục khác"),
            );
        } else if !refs.contains_key(first) {
            ck.at(
                *line,
                SAME_AS,
                format!("mục «{first}» không có trong danh mục"),
            );
        }
    }
    if input
        .rows
        .iter()
        .all(|(_, c)| c.iter().all(|c| c.trim().is_empty()))
    {
        ck.problems.push(TemplateProblem {
            sheet: None,
            line: None,
            column: None,
            header: None,
            message: "danh mục không có mục kiểm tra nào".into(),
        });
    }
    for s in &sections {
        for o in &s.objectives {
            if o.tasks
                .iter()
                .all(|t| t.items.iter().all(|i| i.same_as.is_some()))
            {
                let line = seen_groups.get(&o.r#ref).map_or(0, |g| g.1);
                ck.at(
                    line,
                    OBJECTIVE,
                    format!(
                        "mục tiêu «{}» không có mục kiểm tra nào (chỉ có mục lặp lại)",
                        o.r#ref
                    ),
                );
            }
        }
    }
    if !late_due.is_empty() {
        let n = late_due.len();
        let shown: Vec<&str> = late_due.iter().take(3).map(String::as_str).collect();
        warnings.push(format!(
            "{n} mục có hạn hoàn thành trước năm {year} ({}{}); hãy kiểm tra lại hạn.",
            shown.join("; "),
            if n > 3 { "; …" } else { "" }
        ));
    }
    if !ck.problems.is_empty() {
        return Ok(Err(ck.problems));
    }
    Ok(Ok(Parsed {
        file: TemplateFile {
            code,
            year,
            version: 0,
            name,
            source,
            sections,
        },
        warnings,
    }))
}

// ---- Comparing ----

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ItemBrief {
    pub source_ref: String,
    pub text: String,
}

/// One field of an item that differs: its column's header, the value before and after.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ItemChange {
    pub source_ref: String,
    pub text: String,
    pub fields: Vec<FieldChange>,
}

/// What an import does (or would do): the template it stores, the one it is compared with,
/// items added, removed and changed (matched by reference), and every problem when it cannot.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TemplatePreview {
    /// The template stored (code, version, year…); `None` when the sheet has problems.
    pub template: Option<TemplateInfo>,
    /// The template compared with: the current one of the same year, else the latest earlier.
    pub base: Option<TemplateInfo>,
    #[ts(type = "number")]
    pub items: usize,
    pub added: Vec<ItemBrief>,
    pub removed: Vec<ItemBrief>,
    pub changed: Vec<ItemChange>,
    #[ts(type = "number")]
    pub unchanged: usize,
    /// Every problem found; nothing is imported while there is one.
    pub problems: Vec<TemplateProblem>,
    /// Things worth a look that do not stop the import (a year changed, dates before the year).
    pub warnings: Vec<String>,
    /// True once stored (an import, not a preview).
    pub imported: bool,
}

fn list_text(v: &[String]) -> String {
    v.join(", ")
}

fn sorted(v: &[String]) -> Vec<String> {
    let set: BTreeSet<&String> = v.iter().collect();
    set.into_iter().cloned().collect()
}

/// The fields of two items (same reference) that differ, named by their column headers.
pub fn changed_fields(before: &ChecklistItem, after: &ChecklistItem) -> Vec<FieldChange> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let target = |t: &Option<Target>| t.as_ref().map(Target::text).unwrap_or_default();
    let fields: [(&str, String, String); 16] = [
        (TEXT, before.text.clone(), after.text.clone()),
        (
            SECTION,
            before.section_ref.clone(),
            after.section_ref.clone(),
        ),
        (
            OBJECTIVE,
            before.objective_ref.clone(),
            after.objective_ref.clone(),
        ),
        (TASK, before.task_ref.clone(), after.task_ref.clone()),
        (EVIDENCE, opt(&before.evidence), opt(&after.evidence)),
        (DEADLINE, opt(&before.deadline), opt(&after.deadline)),
        (DUE, opt(&before.due), opt(&after.due)),
        (LEAD, opt(&before.lead), opt(&after.lead)),
        (
            COOPERATING,
            opt(&before.cooperating),
            opt(&after.cooperating),
        ),
        (
            APPLIES_TO,
            list_text(&sorted(&before.applies_to)),
            list_text(&sorted(&after.applies_to)),
        ),
        (
            COOPERATES,
            list_text(&sorted(&before.cooperates)),
            list_text(&sorted(&after.cooperates)),
        ),
        ("Chỉ tiêu", target(&before.target), target(&after.target)),
        (
            PAR_FIELDS,
            list_text(&before.par_fields),
            list_text(&after.par_fields),
        ),
        (
            PAR_CRITERIA,
            list_text(&before.par_criteria),
            list_text(&after.par_criteria),
        ),
        (
            SAME_AS,
            list_text(&before.also_refs),
            list_text(&after.also_refs),
        ),
        (MEASURE, opt(&before.measure), opt(&after.measure)),
    ];
    let mut out: Vec<FieldChange> = fields
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(f, b, a)| FieldChange {
            field: f.to_string(),
            before: b,
            after: a,
        })
        .collect();
    // A target's unit alone, or a value changed below the shown precision.
    if before.target != after.target && !out.iter().any(|f| f.field == "Chỉ tiêu") {
        out.push(FieldChange {
            field: "Chỉ tiêu".into(),
            before: format!("{:?}", before.target),
            after: format!("{:?}", after.target),
        });
    }
    out
}

/// Items added, removed and changed from `base` to `new`, matched by reference.
pub fn compare(
    base: &[ChecklistItem],
    new: &[ChecklistItem],
) -> (Vec<ItemBrief>, Vec<ItemBrief>, Vec<ItemChange>, usize) {
    let brief = |i: &ChecklistItem| ItemBrief {
        source_ref: i.source_ref.clone(),
        text: i.text.clone(),
    };
    let old: HashMap<&str, &ChecklistItem> =
        base.iter().map(|i| (i.source_ref.as_str(), i)).collect();
    let fresh: HashSet<&str> = new.iter().map(|i| i.source_ref.as_str()).collect();
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = 0;
    for i in new {
        match old.get(i.source_ref.as_str()) {
            None => added.push(brief(i)),
            Some(b) => {
                let fields = changed_fields(b, i);
                if fields.is_empty() {
                    unchanged += 1;
                } else {
                    changed.push(ItemChange {
                        source_ref: i.source_ref.clone(),
                        text: i.text.clone(),
                        fields,
                    });
                }
            }
        }
    }
    let removed = base
        .iter()
        .filter(|i| !fresh.contains(i.source_ref.as_str()))
        .map(brief)
        .collect();
    (added, removed, changed, unchanged)
}

/// The template a new one for `year` is compared with: the current version of `year`, else the
/// latest template of an earlier year.
fn base_template(conn: &Connection, year: i64) -> Result<Option<(i64, TemplateInfo)>> {
    if let Some(t) = current_template(conn, Some(year))? {
        return Ok(Some(t));
    }
    Ok(conn
        .query_row(
            "SELECT id, code, version, year, name, source FROM checklist_templates
             WHERE year < ?1 ORDER BY year DESC, version DESC LIMIT 1",
            [year],
            super::template_row,
        )
        .optional()?)
}

fn check_year(year: i64) -> Result<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(Error::Invalid {
            field: "year".into(),
            reason: format!("{year} không phải năm áp dụng hợp lệ"),
        })
    }
}

/// Parses, checks and stores the sheet in `tx` as a new version of `year`, and compares it with
/// the base template. With problems, nothing is stored and they are returned in the preview.
fn run(tx: &Connection, input: &SheetInput, year: i64, at: &str) -> Result<TemplatePreview> {
    let base = base_template(tx, year)?;
    let mut preview = TemplatePreview {
        template: None,
        base: base.as_ref().map(|(_, t)| t.clone()),
        items: 0,
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        unchanged: 0,
        problems: Vec::new(),
        warnings: Vec::new(),
        imported: false,
    };
    let mut parsed = match parse(tx, input, year)? {
        Ok(p) => p,
        Err(problems) => {
            preview.problems = problems;
            return Ok(preview);
        }
    };
    let version: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM checklist_templates WHERE code = ?1",
        [&parsed.file.code],
        |r| r.get(0),
    )?;
    parsed.file.version = version;
    let tid = insert_template(tx, &parsed.file, at)?;
    let info = TemplateInfo {
        code: parsed.file.code.clone(),
        version,
        year,
        name: nfc(&parsed.file.name),
        source: nfc(&parsed.file.source),
    };
    let new = show_template(tx, tid, info.clone(), None)?;
    let old = match &base {
        Some((bid, b)) => show_template(tx, *bid, b.clone(), None)?.items,
        None => Vec::new(),
    };
    let (added, removed, changed, unchanged) = compare(&old, &new.items);
    preview.template = Some(info);
    preview.items = new.items.len();
    preview.added = added;
    preview.removed = removed;
    preview.changed = changed;
    preview.unchanged = unchanged;
    preview.warnings = parsed.warnings;
    Ok(preview)
}

/// What importing the sheet for `year` would do; nothing is changed.
pub fn preview(db: &mut Db, input: &SheetInput, year: i64) -> Result<TemplatePreview> {
    check_year(year)?;
    let at = db.now_text();
    db.preview(|tx| run(tx, input, year, &at))
}

/// Imports the sheet as a new version of `year`'s checklist (team lead only), in one
/// transaction: every problem refuses the whole import (`template_invalid`, one line each).
pub fn import(db: &mut Db, input: &SheetInput, year: i64) -> Result<TemplatePreview> {
    check_year(year)?;
    let at = db.now_text();
    db.write(|tx| {
        let lead = profile::require_lead(tx, "nhập danh mục kiểm tra")?;
        let mut p = run(tx, input, year, &at)?;
        if !p.problems.is_empty() {
            return Err(Error::TemplateInvalid {
                problems: p.problems,
            });
        }
        let t = p.template.clone().ok_or_else(|| Error::Invalid {
            field: "file".into(),
            reason: "không đọc được danh mục".into(),
        })?;
        audit::record(
            tx,
            &at,
            Some(&lead.name),
            Change {
                action: "checklist.import",
                entity: "checklist_template",
                key: &format!("{} v{}", t.code, t.version),
                old: p
                    .base
                    .as_ref()
                    .map(|b| json!({ "code": b.code, "version": b.version, "year": b.year })),
                new: Some(json!({
                    "year": t.year, "items": p.items, "added": p.added.len(),
                    "removed": p.removed.len(), "changed": p.changed.len(),
                })),
            },
        )?;
        p.imported = true;
        Ok(p)
    })
}

/// How many templates and items the store holds (tests and summaries: an import refused
/// changes neither).
pub fn counts(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM checklist_templates), (SELECT COUNT(*) FROM checklist_items)",
        params![],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(16), "Q");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn a_problem_reads_with_its_place() {
        let p = TemplateProblem {
            sheet: None,
            line: Some(5),
            column: Some("Q".into()),
            header: Some(TARGET_OP.into()),
            message: "«≈» không phải phép so sánh (>, >=, =, <=, <)".into(),
        };
        assert_eq!(
            p.to_string(),
            "Dòng 5, cột Q «Chỉ tiêu: so sánh»: «≈» không phải phép so sánh (>, >=, =, <=, <)"
        );
    }

    #[test]
    fn csv_lines_count_crlf_and_cells_over_several_lines() {
        for nl in ["\n", "\r\n"] {
            let text = format!("#Mã danh mục,X{nl}Phần,Mã mục{nl}I,\"a{nl}b\"{nl}II,c{nl}");
            let input = read_csv(text.as_bytes()).unwrap();
            assert_eq!(input.info[0].2, 1);
            assert_eq!(input.header_line, 2);
            let lines: Vec<usize> = input.rows.iter().map(|r| r.0).collect();
            assert_eq!(lines, [3, 5], "line ends {nl:?}");
        }
    }

    #[test]
    fn numbers_are_written_with_a_decimal_comma_and_read_back() {
        for n in [100.0, 0.71, 85.0, 2.5, 1250.0] {
            let t = number_text(n);
            assert_eq!(parse_figure(&t).unwrap(), Some(n), "{t}");
        }
        assert_eq!(number_text(0.71), "0,71");
    }
}
