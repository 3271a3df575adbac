// Reads the kiosk's assets from disk: strings, procedures, holidays. Core parses; this reads.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/catalog/fees.h"
#include "core/catalog/loader.h"
#include "core/filing/due_date.h"
#include "core/i18n/i18n.h"
#include "core/result.h"

namespace motcua::platform {

// The largest file read_small_file accepts unless told otherwise: far above any procedure,
// fee or string table we ship (the largest is ~40 KB), far below what would hurt an old PC.
inline constexpr std::size_t DefaultMaxFileBytes = 4u << 20;

// Reads a small regular file whole, safely on anything a folder may hold: opened with
// O_NONBLOCK (a FIFO does not hang), checked on the opened descriptor (no race with a rename),
// refused unless regular (a folder, /dev/zero, a socket), and never more than `max_bytes` read
// (a file that grows while read is refused, not followed). Errors, detail naming the path:
// "file_missing", "file_not_regular", "file_too_large", "file_unreadable".
core::Result<std::string> read_small_file(const std::string& path,
                                          std::size_t max_bytes = DefaultMaxFileBytes);
// read_small_file with the default cap (kept for callers of the old name).
core::Result<std::string> read_text_file(const std::string& path);
// assets/i18n/vi.json and en.json.
core::Result<core::Strings> load_strings(const std::string& assets_dir);
// Every *.json in dir, sorted by name; unreadable files become catalog problems.
core::Catalog load_catalog(const std::string& dir);
// assets/config/holidays.json (format: core::parse_holiday_file). A missing or broken file is an
// error: the kiosk refuses to start rather than print due dates that ignore Tết.
core::Result<core::HolidayCalendar> load_holidays(const std::string& assets_dir,
                                                  const std::string& path = {});  // [ops] path
// The fee amounts: `path` (a province's own file), or assets/config/fees.json when empty.
core::Result<core::FeeSchedule> load_fees(const std::string& assets_dir,
                                          const std::string& path = {});

}  // namespace motcua::platform
