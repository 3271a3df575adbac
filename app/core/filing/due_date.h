// The due date (NgayHenTra) of a dossier, from the reception rule of Luật Hộ tịch Đ5.3: a dossier
// received on a working day before 15:00 counts from that day, otherwise from the next working
// day; N working days later the result is due at 17:00 (see due_at). Working days are Monday to
// Friday minus the public holidays in a HolidayCalendar, which always comes from configuration.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/filing/portal_time.h"
#include "core/result.h"

namespace motcua::core {

// Hour (local) from which a dossier counts as received on the next working day.
inline constexpr int ReceptionCutoffHour = 15;
// Hour (local) at which a result is due on its due day.
inline constexpr int DueHour = 17;

// Public holidays and compensatory days off (ngày nghỉ bù). Weekends need not be listed.
struct HolidayCalendar {
    std::set<Date> days;
    // The span the list was written for (assets/config/holidays.json "covers"); outside it the
    // calendar knows no holidays, so a due date there may fall on one.
    std::optional<Date> covers_from;
    std::optional<Date> covers_to;
    bool contains(const Date& date) const { return days.count(date) != 0; }
    bool covers(const Date& date) const {
        return covers_from && covers_to && *covers_from <= date && date <= *covers_to;
    }
};

// The holiday file, the one format of the kiosk and portal-sim (assets/config/holidays.json):
//   {"format": 1, "_about": "text" | ["lines"], "covers": {"from": "2026-01-01", "to":
//   "2028-12-31"},
//    "holidays": [{"date": "2026-02-16", "name": "Tết Nguyên đán (29 tháng Chạp)",
//                  "basis": "where this day comes from"}, ...]}
// Dates are yyyy-mm-dd only, inside "covers", each listed once; name and basis are required so
// the file says why each day is there. Read with the strict JSON reader (app/core/json): every
// refusal is "holidays_invalid" with "<source>: <JSON path>: <what>".
Result<HolidayCalendar> parse_holiday_file(std::string_view json_text,
                                           std::string_view source_name);

// Monday to Friday and not in the calendar.
bool is_working_day(const Date& date, const HolidayCalendar& calendar);

// The first working day strictly after `date`.
Date next_working_day(const Date& date, const HolidayCalendar& calendar);

// The day a dossier officially counts as received: the received day when it is a working day
// and the time is before 15:00:00, otherwise the next working day.
Date effective_reception_day(const LocalDateTime& received, const HolidayCalendar& calendar);

// The due date-time: effective reception day plus `working_days` working days (0 = the
// reception day itself; negative counts as 0), at 17:00:00. 17:00 is the end of the afternoon
// reception shift at commune one-stop desks, so a result "due on day D" can be collected until
// then; a kiosk prints it as "17:00 dd/mm/yyyy".
LocalDateTime due_at(const LocalDateTime& received, int working_days,
                     const HolidayCalendar& calendar);

}  // namespace motcua::core
