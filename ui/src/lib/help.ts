// The short help panel of each screen (F1, or the "Trợ giúp" button in the header): what the
// screen is for, what can be done on it, and its keys. One entry per screen id; the screen list
// test checks that none is missing. The longer user guides are in docs/ (see the README).

export interface ScreenHelp {
  /** One sentence: what the screen is for. */
  purpose: string;
  /** What the user can do here, one short line each. */
  steps: string[];
  /** Keys that work on this screen, beside the ones every screen has. */
  keys?: string[];
  /** Who may change what here, when not everyone may. */
  roles?: string;
}

/** Keys every screen has. */
export const COMMON_KEYS: string[] = [
  'F1: mở hoặc đóng bảng trợ giúp này',
  'Alt+1 … Alt+9, Alt+0: mở các màn hình theo thứ tự trong thanh bên trái',
  'Tab / Shift+Tab: chuyển giữa các ô và nút',
];

export const HELP: Record<string, ScreenHelp> = {
  dashboard: {
    purpose: 'Số liệu của năm đang chọn: độ bao phủ so với ngưỡng tối thiểu, các cuộc kiểm tra theo trạng thái, kết quả theo lĩnh vực và các kiến nghị quá hạn.',
    steps: [
      'Mỗi con số là một nút: bấm vào để mở danh sách đứng sau nó, đã lọc sẵn.',
      'Thanh bao phủ cho biết mỗi khối (sở, ngành; xã, phường) đã đạt ngưỡng của Kế hoạch chưa.',
      'Các kiến nghị quá hạn dẫn tới màn hình Theo dõi khắc phục để ghi báo cáo; “Công văn đôn đốc” soạn công văn gửi cơ quan còn kiến nghị quá hạn.',
      '“Báo cáo năm” mở báo cáo kết quả kiểm tra của năm; “Xuất bảng tính (XLSX)…” ghi mọi số liệu của năm ra một tệp Excel trong thư mục bạn chọn.',
    ],
    roles: 'Đây là màn hình đầu tiên của Trưởng đoàn.',
  },
  register: {
    purpose: 'Danh sách các sở, ban, ngành và UBND xã, phường thuộc diện kiểm tra.',
    steps: [
      'Gõ tên để tìm, có dấu hay không dấu đều được (ví dụ “thuan thanh”).',
      'Lọc theo khối; bật “Hiện cả đơn vị không thuộc diện kiểm tra” để xem cả những đơn vị đó.',
      'Chọn một dòng (bấm hoặc Enter) để làm cơ quan hiện tại: danh mục và các màn hình khác thu hẹp theo cơ quan đó.',
    ],
    keys: ['Mũi tên lên/xuống, Home/End, PageUp/PageDown: di chuyển giữa các dòng', 'Enter: chọn cơ quan'],
  },
  framework: {
    purpose: 'Khung Chỉ số CCHC (PAR Index): lĩnh vực, tiêu chí, tiêu chí thành phần và điểm tối đa.',
    steps: [
      'Chọn phiên bản khung ở phía trên.',
      'Mở hoặc đóng một nhánh bằng nút bên trái tên của nó.',
      'Tài liệu kiểm chứng được gắn với các tiêu chí ở đây.',
    ],
    keys: ['Mũi tên phải/trái: mở/đóng nhánh', 'Enter hoặc Space: mở/đóng nhánh đang chọn'],
  },
  checklist: {
    purpose: 'Danh mục kiểm tra rút ra từ Kế hoạch CCHC của tỉnh: phần, mục tiêu, nhiệm vụ và từng nội dung cần kiểm tra.',
    steps: [
      'Chọn cơ quan để chỉ xem những việc cơ quan đó chủ trì; những việc phối hợp hiện ở mục “Phối hợp”.',
      'Lọc theo chữ (không cần dấu), theo chỉ tiêu hoặc theo thời hạn.',
      'Mỗi cuộc kiểm tra giữ nguyên danh mục tại lúc bắt đầu; danh mục năm sau không làm thay đổi cuộc kiểm tra đã bắt đầu.',
    ],
  },
  plan: {
    purpose: 'Kế hoạch kiểm tra của năm: chọn cơ quan được kiểm tra, bốc thăm, xếp lịch, phân công đoàn và phê duyệt.',
    steps: [
      'Đánh dấu từng cơ quan, hoặc bốc thăm (có thể lặp lại theo hạt giống) để mỗi khối đạt ngưỡng.',
      'Ghi ngày kiểm tra và đoàn cho từng cơ quan; số và ngày của kế hoạch, quyết định thành lập đoàn.',
      'Phê duyệt khi đủ; sau khi phê duyệt, mỗi thay đổi cần nêu lý do và được ghi lại.',
    ],
    roles: 'Chỉ Trưởng đoàn thay đổi được kế hoạch; người khác xem.',
  },
  worklist: {
    purpose: 'Các cuộc kiểm tra đã lên kế hoạch trong năm, cuộc của đoàn mình trước.',
    steps: [
      'Lọc theo khối và trạng thái.',
      '“Bắt đầu kiểm tra” tạo cuộc kiểm tra với danh mục hiện hành; “Mở” để tiếp tục cuộc đã bắt đầu.',
    ],
    keys: ['Enter: chọn cơ quan của dòng'],
  },
  inspection: {
    purpose: 'Ghi kết quả kiểm tra của một cơ quan theo từng nội dung của danh mục; mọi thay đổi được lưu ngay.',
    steps: [
      'Với mỗi nội dung: chọn kết quả, ghi số liệu (được so với chỉ tiêu) và ghi chú.',
      'Thêm phát hiện và kiến nghị ở thẻ “Phát hiện”; chấm điểm ở thẻ “Điểm”.',
      'Đoàn nộp để Trưởng đoàn duyệt; Trưởng đoàn trả lại (kèm ý kiến) hoặc duyệt.',
      'Nếu hai máy sửa cùng một nội dung khác nhau, nội dung đó có dấu xung đột để Trưởng đoàn chọn.',
    ],
    keys: ['j / k: nội dung sau / trước', '1–4: chọn kết quả', 'n: tới ghi chú, v: tới số liệu', 'f: thêm phát hiện'],
  },
  evidence: {
    purpose: 'Tài liệu kiểm chứng của cuộc kiểm tra đang mở, gắn với tiêu chí Chỉ số CCHC và với nội dung kiểm tra.',
    steps: [
      'Kéo thả tệp vào ô nhận tệp (hoặc vào một dòng của ma trận), hoặc chọn tệp từ máy.',
      'Mỗi tệp phải gắn ít nhất một tiêu chí; mã SHA-256 được tính khi nhận tệp.',
      '“Kiểm tra toàn vẹn” tính lại mã của mọi tệp và báo tệp nào bị thay đổi hoặc mất.',
      'Ma trận cho biết nội dung nào đã có, nội dung nào còn thiếu tài liệu.',
    ],
  },
  documents: {
    purpose: 'Văn bản của quy trình theo thể thức Nghị định 30/2020/NĐ-CP: kế hoạch, quyết định thành lập đoàn, công văn lịch kiểm tra, biên bản, thông báo kết luận, báo cáo kết quả kiểm tra năm, công văn đôn đốc khắc phục.',
    steps: [
      'Chọn văn bản để xem trước từng trang như khi in; bản chưa ban hành có chữ “DỰ THẢO”.',
      '“Mở bằng trình xem PDF” mở tệp trong trình xem của máy; “In” chỉ in các trang.',
      'Trưởng đoàn ban hành thông báo kết luận (số, ngày, người ký); cuộc kiểm tra khi đó được khóa.',
      '“Thiết lập văn bản” giữ cơ quan ban hành, người ký, ký hiệu, nơi nhận và lề giấy.',
    ],
    roles: 'Chỉ Trưởng đoàn ban hành văn bản và sửa thiết lập.',
  },
  followup: {
    purpose: 'Theo dõi việc khắc phục các kiến nghị trong thông báo kết luận đã ban hành.',
    steps: [
      'Mỗi kiến nghị có hạn báo cáo tính theo ngày làm việc; dòng quá hạn ghi số ngày quá hạn.',
      'Lọc theo trạng thái, chỉ quá hạn, hoặc theo cơ quan (tìm không cần dấu).',
      'Chọn một dòng để xem các báo cáo; “Ghi báo cáo khắc phục” ghi ngày nhận, kết quả và tệp kèm.',
    ],
    roles: 'Chỉ Trưởng đoàn ghi báo cáo khắc phục.',
  },
  exchange: {
    purpose: 'Trao đổi dữ liệu giữa các máy của đoàn bằng tệp gói có chữ ký (qua USB, không cần mạng).',
    steps: [
      '“Thiết bị này” cho biết dấu vân tay của máy: đọc cho người nhập tệp của bạn để họ đối chiếu.',
      '“Xuất” ghi một tệp gói của năm vào thư mục bạn chọn.',
      '“Nhập” kiểm tra tệp gói và cho xem trước những gì sẽ thay đổi; máy lạ chỉ được nhận sau khi đối chiếu dấu vân tay.',
      '“Xung đột” liệt kê nội dung hai máy sửa khác nhau; Trưởng đoàn giữ một bên.',
    ],
  },
};

/** The help of `screenId`, or null when it has none. */
export function helpFor(screenId: string): ScreenHelp | null {
  return HELP[screenId] ?? null;
}
