// What to do next after an error, by the backend's error code. The backend's `message` says
// what went wrong; this says how to get going again.

const NEXT_STEP: Record<string, string> = {
  agency_not_found: 'Hãy chọn lại cơ quan trong “Danh sách cơ quan”: mã này không còn trong danh sách.',
  profile_not_found: 'Hãy chọn một người dùng có trong danh sách, hoặc thêm người dùng mới.',
  profile_exists: 'Hãy đặt một tên khác, hoặc chọn người dùng đã có trong danh sách.',
  no_current_profile: 'Hãy chọn người dùng ở góc trên bên phải (hoặc thêm người dùng mới) rồi thử lại.',
  lead_only: 'Chỉ Trưởng đoàn làm được việc này: hãy chuyển sang hồ sơ Trưởng đoàn rồi thử lại.',
  framework_not_found: 'Hãy chọn một phiên bản khác trong danh sách phiên bản.',
  framework_version_exists: 'Hãy đặt tên khác cho phiên bản mới.',
  import_row: 'Hãy sửa dòng được nêu trong tệp rồi nhập lại.',
  import_file: 'Hãy kiểm tra tệp (định dạng, mã hóa UTF-8) rồi nhập lại.',
  plan_not_found: 'Hãy lập kế hoạch của năm này trong màn hình “Kế hoạch kiểm tra” (nút “Lập kế hoạch năm …”).',
  plan_final: 'Kế hoạch đã phê duyệt: hãy ghi lý do điều chỉnh rồi gửi lại thay đổi.',
  coverage_below_threshold:
    'Hãy chọn thêm cơ quan ở khối còn thiếu (hoặc bấm “Bốc thăm cho đủ ngưỡng”). Khi điều chỉnh kế hoạch đã phê duyệt, chọn cơ quan thay thế trước rồi mới bỏ chọn.',
  not_in_plan: 'Hãy đánh dấu chọn cơ quan này vào kế hoạch trước, rồi xếp lịch hoặc đánh dấu đột xuất.',
  schedule_conflict: 'Hãy chọn khoảng ngày khác, hoặc bỏ người bị trùng lịch khỏi đoàn rồi lưu lại.',
  invalid: 'Hãy sửa thông tin đã nhập rồi thử lại.',
  seed: 'Dữ liệu gốc chưa được nạp: hãy đóng rồi mở lại ứng dụng; nếu vẫn lỗi, chạy lệnh “kiemtra init”.',
  io: 'Hãy kiểm tra thư mục dữ liệu (còn chỗ trống, có quyền ghi) rồi thử lại.',
  db: 'Hãy đóng rồi mở lại ứng dụng. Nếu lỗi lặp lại, báo cho quản trị viên kèm nội dung này.',
  migration: 'Dữ liệu được tạo bởi phiên bản khác của ứng dụng: hãy cài phiên bản mới nhất, hoặc báo cho quản trị viên.',
  ipc: 'Hãy mở màn hình này từ ứng dụng Kiểm tra CCHC (không mở trực tiếp trong trình duyệt), rồi thử lại.',
};

const DEFAULT_NEXT_STEP = 'Hãy thử lại. Nếu lỗi lặp lại, báo cho quản trị viên kèm nội dung thông báo này.';

export function nextStep(code: string): string {
  return NEXT_STEP[code] ?? DEFAULT_NEXT_STEP;
}
