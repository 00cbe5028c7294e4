//! The recovery key sheet: one page the team lead prints and keeps locked away when a store is
//! encrypted (or its recovery key replaced). It is not an official document: no number, no
//! signature, only what is needed to open the data if the passphrase is forgotten.

use chrono::NaiveDate;

use crate::document::{date_short, Builder, Document};
use crate::fonts::Face;
use crate::layout::{Align, Block, Cell, Table};
use crate::PdfError;

/// What the sheet prints.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoverySheetInput {
    /// `ABCD-EFGH-…`, as `kiemtra_core::crypt::new_recovery_key` makes it.
    pub recovery_key: String,
    pub made_on: NaiveDate,
    /// The data directory the key opens.
    pub data_dir: String,
}

impl Document for RecoverySheetInput {
    fn check(&self) -> Result<(), PdfError> {
        if self.recovery_key.trim().is_empty() {
            return Err(PdfError::Invalid {
                field: "recovery_key".into(),
                message: "chưa có khoá khôi phục".into(),
            });
        }
        Ok(())
    }

    fn build(&self, b: &mut Builder<'_>) {
        let body = b.settings.issuing_body_name.clone();
        b.title(
            "KHOÁ KHÔI PHỤC",
            "Dữ liệu kiểm tra cải cách hành chính đã mã hoá",
        );
        b.para(&format!(
            "Khoá dưới đây mở được dữ liệu của Kiểm tra CCHC trong thư mục «{}» khi quên mật \
             khẩu. Khoá được tạo ngày {} và chỉ hiện một lần này.",
            self.data_dir,
            date_short(self.made_on)
        ));
        let cols = b.cols(&[(165.0, Align::Center)]);
        let mut table = Table::annex(
            cols,
            &["Khoá khôi phục"],
            vec![vec![Cell::text(self.recovery_key.as_str())]],
        );
        table.size = 16.0;
        b.blocks.push(Block::Table(table));
        b.heading("Cách dùng", Face::Bold);
        b.dash(
            "Khi quên mật khẩu: trên màn hình mở khoá của ứng dụng chọn «Dùng khoá khôi phục», \
             nhập khoá trên rồi đặt mật khẩu mới (hoặc lệnh: kiemtra passphrase change \
             --recovery-key-file TỆP).",
        );
        b.dash("Nhập khoá không cần phân biệt chữ hoa, chữ thường, dấu gạch ngang hay dấu cách.");
        b.dash("Tạo khoá khôi phục mới (kiemtra recovery-key) thì khoá này hết hiệu lực.");
        b.heading("Bảo quản", Face::Bold);
        b.dash(&format!(
            "Cất tờ này ở nơi có khoá của {body}, tách khỏi máy tính; không chụp ảnh, không gửi \
             qua thư điện tử hay tin nhắn."
        ));
        b.dash(
            "Ai có khoá này và máy tính (hoặc bản sao lưu) thì đọc được toàn bộ dữ liệu kiểm tra.",
        );
    }

    fn title(&self) -> String {
        "Khoá khôi phục dữ liệu Kiểm tra CCHC".into()
    }

    fn subject(&self) -> &'static str {
        "Khoá khôi phục"
    }
}
