// Reads the kiosk's assets from disk: strings, procedures, holidays. Core parses; this reads.
#pragma once

#include <string>
#include <vector>

#include "core/catalog/fees.h"
#include "core/catalog/loader.h"
#include "core/filing/due_date.h"
#include "core/i18n/i18n.h"
#include "core/result.h"

namespace motcua::platform {

core::Result<std::string> read_text_file(const std::string& path);
// assets/i18n/vi.json and en.json.
core::Result<core::Strings> load_strings(const std::string& assets_dir);
// Every *.json in dir, sorted by name; unreadable files become catalog problems.
core::Catalog load_catalog(const std::string& dir);
// assets/config/holidays.json: {"holidays": ["2027-02-05", ...]}; missing file = no holidays.
core::Result<core::HolidayCalendar> load_holidays(const std::string& assets_dir);
// The fee amounts: `path` (a province's own file), or assets/config/fees.json when empty.
core::Result<core::FeeSchedule> load_fees(const std::string& assets_dir, const std::string& path = {});

}  // namespace motcua::platform
