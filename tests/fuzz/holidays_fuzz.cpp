// libFuzzer target: a holiday file of any shape is read into a calendar or refused as
// "holidays_invalid"; due dates computed with what was read always terminate and land on a
// working day.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/filing/due_date.h"
#include "fuzz_check.h"

using namespace motcua::core;
using motcua::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto calendar = parse_holiday_file(text, "holidays.json");
    if (!calendar) {
        check(calendar.error().code == "holidays_invalid");
        return 0;
    }
    check(calendar->covers_from && calendar->covers_to);
    for (const auto& day : calendar->days) check(calendar->covers(day));
    if (!calendar->days.empty()) {
        const Date first = *calendar->days.begin();
        const LocalDateTime received{first.year, first.month, first.day, 14, 59, 59};
        const LocalDateTime due = due_at(received, 5, *calendar);
        check(is_working_day(date_of(due), *calendar));
        check(received < due);
    }
    return 0;
}
