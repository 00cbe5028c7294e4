// The passphrase of an encrypted store, as the forms check it before asking the backend (which
// checks again: at least 8 characters, no space at either end).

export const MIN_PASSPHRASE = 8;

/** A problem with the new passphrase and its repetition, or null when they will do. */
export function checkPassphrase(pass: string, again: string): { message: string; next: string } | null {
  const length = [...pass.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE) {
    return {
      message: `Mật khẩu cần ít nhất ${MIN_PASSPHRASE} ký tự.`,
      next: 'Chọn một câu dễ nhớ với bạn, khó đoán với người khác.',
    };
  }
  if (pass.trim() !== pass) {
    return { message: 'Mật khẩu không được bắt đầu hay kết thúc bằng dấu cách.', next: 'Bỏ dấu cách ở hai đầu.' };
  }
  if (pass.normalize('NFC') !== again.normalize('NFC')) {
    return { message: 'Hai lần nhập mật khẩu không giống nhau.', next: 'Nhập lại cả hai ô.' };
  }
  return null;
}
