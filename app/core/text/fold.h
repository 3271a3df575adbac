// The Vietnamese search key: diacritic-, tone-placement-, case- and spacing-insensitive.
// Recipe (docs: vietnamese-text.md §2): NFD, drop combining marks (Mn), đ→d and Đ→D,
// lowercase, collapse whitespace runs to one space, trim. NFC and NFD input give the same key.
#pragma once

#include <string>
#include <string_view>

namespace motcua::core {

// Search key of `text`, e.g. "Nguyễn Thị Đào, phường Hoà Bình" -> "nguyen thi dao, phuong hoa
// binh".
std::string fold_key(std::string_view text);

// Same as fold_key, writing into `out` (cleared first) so a caller can reuse its buffer.
void fold_key_into(std::string_view text, std::string& out);

}  // namespace motcua::core
