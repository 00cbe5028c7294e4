// What to do next after an error, by the backend's error code. The backend's `message` says
// what went wrong; this says how to get going again. NEXT_STEP lists every code: a code added
// on the Rust side (bindings/ErrorCode.ts) without a next step here fails svelte-check.

import { toApiError, type UiErrorCode } from './api';

const NEXT_STEP: Record<UiErrorCode, string> = {
  agency_not_found: 'Hãy chọn lại cơ quan trong “Danh sách cơ quan”: mã này không còn trong danh sách.',
  profile_not_found: 'Hãy chọn một người dùng có trong danh sách, hoặc thêm người dùng mới.',
  profile_exists: 'Hãy đặt một tên khác, hoặc chọn người dùng đã có trong danh sách.',
  no_current_profile: 'Hãy chọn người dùng ở góc trên bên phải (hoặc thêm người dùng mới) rồi thử lại.',
  lead_only: 'Chỉ Trưởng đoàn làm được việc này: hãy chuyển sang hồ sơ Trưởng đoàn rồi thử lại.',
  framework_not_found: 'Hãy chọn một phiên bản khác trong danh sách phiên bản.',
  framework_version_exists: 'Hãy đặt tên khác cho phiên bản mới.',
  import_row: 'Hãy sửa dòng được nêu trong tệp rồi nhập lại.',
  import_file: 'Hãy kiểm tra tệp (định dạng, mã hóa UTF-8) rồi nhập lại.',
  template_invalid: 'Hãy sửa từng ô được nêu (dòng, cột) trong bảng tính rồi kiểm tra lại; danh mục chưa thay đổi.',
  plan_not_found: 'Hãy lập kế hoạch của năm này trong màn hình “Kế hoạch kiểm tra” (nút “Lập kế hoạch năm …”).',
  plan_final: 'Kế hoạch đã phê duyệt: hãy ghi lý do điều chỉnh rồi gửi lại thay đổi.',
  coverage_below_threshold:
    'Hãy chọn thêm cơ quan ở khối còn thiếu (hoặc bấm “Bốc thăm cho đủ ngưỡng”). Khi điều chỉnh kế hoạch đã phê duyệt, chọn cơ quan thay thế trước rồi mới bỏ chọn.',
  not_in_plan: 'Hãy đánh dấu chọn cơ quan này vào kế hoạch trước, rồi xếp lịch hoặc đánh dấu đột xuất.',
  schedule_conflict: 'Hãy chọn khoảng ngày khác, hoặc bỏ người bị trùng lịch khỏi đoàn rồi lưu lại.',
  inspection_not_found:
    'Cuộc kiểm tra này không còn trong dữ liệu: hãy mở lại từ “Việc cần làm” (nút “Mở” hoặc “Bắt đầu kiểm tra”).',
  inspection_locked:
    'Cuộc kiểm tra đã nộp, đã duyệt hoặc đã ban hành nên không sửa được. Nếu cần sửa, Trưởng đoàn trả lại cuộc kiểm tra (khi đang chờ duyệt) rồi làm lại.',
  inspection_exists: 'Cơ quan này đã được bắt đầu kiểm tra trong năm: hãy bấm “Mở” để tiếp tục cuộc kiểm tra đó.',
  item_not_found: 'Mục này không có trong danh mục của cuộc kiểm tra: hãy tải lại cuộc kiểm tra rồi chọn lại mục.',
  evidence_refused:
    'Hãy chọn tệp khác: tệp phải là tệp thông thường, có nội dung, không quá giới hạn dung lượng và chưa đính kèm cho cuộc kiểm tra này.',
  followup_not_found: 'Mục theo dõi này không còn trong danh sách: hãy tải lại danh sách theo dõi khắc phục.',
  followup_status: 'Hãy chọn trạng thái khác; mở lại một mục đã hoàn thành kèm tài liệu thì phải ghi lý do vào ô ghi chú.',
  followup_before_notice: 'Hãy ghi ngày nhận báo cáo từ ngày ban hành thông báo kết luận trở đi.',
  evidence_not_found: 'Tài liệu này không còn trong danh sách: hãy tải lại danh sách tài liệu kiểm chứng.',
  key_invalid:
    'Nếu là khóa của máy này, hãy báo cho quản trị viên kèm nội dung này; nếu là khóa của máy khác trong đoàn, hãy nhờ người đó xuất lại tệp trao đổi.',
  signature_invalid:
    'Hãy nhờ người gửi xuất lại tệp trao đổi, rồi đối chiếu mã nhận diện thiết bị với họ qua điện thoại trước khi nhập.',
  bundle_corrupt:
    'Tệp trao đổi đã bị hỏng hoặc bị sửa: hãy nhờ người gửi xuất lại tệp rồi chép lại sang USB. Dữ liệu của máy này không bị thay đổi.',
  bundle_truncated:
    'Tệp trao đổi chưa được chép đủ: hãy chép lại tệp từ máy gửi (đợi chép xong, “Tháo USB an toàn” rồi mới rút) rồi nhập lại.',
  bundle_member_refused:
    'Tệp này không phải tệp trao đổi do Kiểm tra CCHC tạo, hoặc đã bị sửa: hãy nhờ người gửi xuất lại tệp.',
  bundle_too_large:
    'Tệp trao đổi vượt giới hạn dung lượng: hãy nhờ người gửi xuất tệp nhỏ hơn (ít cơ quan hơn mỗi lần), rồi nhập lại.',
  bundle_format:
    'Tệp trao đổi do một phiên bản khác của ứng dụng tạo: hãy cài cùng phiên bản mới nhất của Kiểm tra CCHC trên cả hai máy rồi xuất lại.',
  bundle_evidence_changed:
    'Một tài liệu kiểm chứng trong kho đã bị sửa hoặc hỏng: hãy chạy kiểm tra tài liệu kiểm chứng, thay lại tệp bị hỏng, rồi xuất lại tệp trao đổi.',
  bundle_invalid:
    'Tệp trao đổi có nội dung không hợp lệ: hãy nhờ người gửi cài cùng phiên bản ứng dụng rồi xuất lại tệp.',
  untrusted_device:
    'Gọi điện cho người gửi và đọc to dấu vân tay: nếu khớp với máy của họ (“Thiết bị này” trên màn hình Trao đổi), hãy nhập lại và chọn tin cậy thiết bị.',
  device_key_changed:
    'Đừng nhập tệp này: hãy hỏi người gửi xem máy của họ có được cài lại không, đối chiếu dấu vân tay mới qua điện thoại, rồi báo cho Trưởng đoàn.',
  unsaved: 'Mở lại màn hình “Kiểm tra”, nhập lại kết quả của mục đó (kèm ghi chú lý do nếu được yêu cầu) rồi chờ dòng “Đã lưu lúc …”.',
  invalid: 'Hãy sửa thông tin đã nhập rồi thử lại.',
  notice_number_taken: 'Số này đã dùng cho thông báo của cơ quan khác: hãy ghi số tiếp theo trong sổ văn bản đi.',
  signer_missing: 'Mở “Thiết lập văn bản” (hoặc ô người ký trong hộp thoại ban hành), ghi thẩm quyền ký, chức vụ và họ tên người ký, rồi ban hành lại.',
  notice_before_visit: 'Hãy chọn ngày ban hành từ ngày kiểm tra trở đi.',
  plan_reference_missing:
    'Kế hoạch kiểm tra chưa có số, ngày ban hành: hãy ghi số, ngày của kế hoạch (lệnh “kiemtra plan issue --year … --number … --date …”) rồi ban hành lại.',
  team_decision_missing:
    'Chưa có số, ngày Quyết định thành lập Đoàn kiểm tra tại cơ quan này: hãy ghi số, ngày quyết định (lệnh “kiemtra decision set --year … --agency … --number … --date …”) rồi ban hành lại.',
  notice_items_unanswered: 'Mở màn hình “Kiểm tra”, ghi kết quả cho các nội dung còn trống, hoặc chọn “Không áp dụng” kèm lý do cho nội dung không kiểm tra, rồi ban hành lại.',
  pdf_invalid: 'Hãy sửa “Thiết lập văn bản” (lề, cỡ chữ, cơ quan ban hành) hoặc dữ liệu được nêu, rồi thử lại.',
  pdf_font: 'Bản cài đặt thiếu phông chữ văn bản: hãy cài lại ứng dụng, hoặc báo cho quản trị viên.',
  pdf_write: 'Hãy kiểm tra thư mục dữ liệu (còn chỗ trống, có quyền ghi) rồi thử lại.',
  seed: 'Dữ liệu gốc chưa được nạp: hãy đóng rồi mở lại ứng dụng; nếu vẫn lỗi, chạy lệnh “kiemtra init”.',
  io: 'Hãy kiểm tra thư mục dữ liệu (còn chỗ trống, có quyền ghi) rồi thử lại.',
  db: 'Hãy đóng rồi mở lại ứng dụng. Nếu lỗi lặp lại, báo cho quản trị viên kèm nội dung này.',
  migration: 'Dữ liệu được tạo bởi phiên bản khác của ứng dụng: hãy cài phiên bản mới nhất, hoặc báo cho quản trị viên.',
  database_too_new:
    'Dữ liệu này do một phiên bản mới hơn của ứng dụng ghi: hãy cài phiên bản mới nhất của ứng dụng rồi mở lại. Dữ liệu vẫn còn nguyên, chưa bị thay đổi.',
  store_busy:
    'Dữ liệu đang bị một chương trình khác giữ (một cửa sổ Kiểm tra CCHC khác, hoặc lệnh kiemtra đang chạy): hãy đóng chương trình đó rồi mở lại ứng dụng.',
  store_corrupt:
    'Tệp dữ liệu không đọc được: hãy khôi phục thư mục dữ liệu từ bản sao lưu, hoặc báo cho quản trị viên kèm nội dung này và đường dẫn thư mục dữ liệu.',
  disk_full:
    'Ổ đĩa đã đầy: hãy xoá bớt tệp không cần (hoặc chuyển sang ổ khác) rồi làm lại. Thao tác vừa rồi không được ghi, dữ liệu trước đó còn nguyên.',
  read_only:
    'Thư mục dữ liệu không ghi được: hãy kiểm tra ổ đĩa (USB bị khoá ghi?) hoặc nhờ quản trị viên cấp quyền ghi. Dữ liệu không bị thay đổi.',
  backup_damaged:
    'Bản sao lưu đã bị thay đổi hoặc hỏng khi sao chép: hãy dùng một bản sao lưu khác (chẳng hạn bản trên USB khác). Không có gì được ghi.',
  wrong_passphrase:
    'Hãy gõ lại mật khẩu (kiểm tra bộ gõ tiếng Việt và phím Caps Lock). Quên mật khẩu thì chọn «Dùng khoá khôi phục» và nhập khoá trên tờ khoá khôi phục.',
  store_locked: 'Nhập mật khẩu của dữ liệu để mở.',
  backup_locked:
    'Nhập mật khẩu của dữ liệu đã sao lưu (hoặc khoá khôi phục của dữ liệu đó) vào ô bên dưới rồi bấm «Khôi phục».',
  key_file_invalid:
    'Tệp khoá của dữ liệu đã hỏng: hãy khôi phục thư mục dữ liệu từ bản sao lưu, hoặc báo cho quản trị viên.',
  restore_target:
    'Hãy chọn một thư mục mới hoặc trống để khôi phục; dữ liệu đang có không bao giờ bị ghi đè.',
  store_unavailable:
    'Không mở được dữ liệu (xem nội dung lỗi ở trên): hãy đóng hẳn ứng dụng rồi mở lại. Nếu vẫn lỗi, báo cho quản trị viên kèm nội dung này và đường dẫn thư mục dữ liệu.',
  internal: 'Hãy thử lại. Nếu lỗi lặp lại, đóng rồi mở lại ứng dụng và báo cho quản trị viên kèm nội dung thông báo này.',
  ipc: 'Hãy mở màn hình này từ ứng dụng Kiểm tra CCHC (không mở trực tiếp trong trình duyệt), rồi thử lại.',
};

const DEFAULT_NEXT_STEP = 'Hãy thử lại. Nếu lỗi lặp lại, báo cho quản trị viên kèm nội dung thông báo này.';

/** The next step for a code; codes this UI does not know (an older UI) get a general one. */
export function nextStep(code: string): string {
  return Object.prototype.hasOwnProperty.call(NEXT_STEP, code) ? NEXT_STEP[code as UiErrorCode] : DEFAULT_NEXT_STEP;
}

/** What a dialog shows under its form after a refusal: what went wrong, and what to do next. */
export interface Described {
  message: string;
  next: string;
}

/** Any rejection (an ApiError or not) as the message and next step a dialog shows. */
export function describe(reason: unknown): Described {
  const err = toApiError(reason);
  return { message: err.message, next: nextStep(err.code) };
}
