// The due date (NgayHenTra) of a dossier, from the reception rule of Luật Hộ tịch Đ5.3: a dossier
// received on a working day before 15:00 counts from that day, otherwise from the next working
// day; N working days later the result is due at 17:00 (see due_at). Working days are Monday to
// Friday minus the public holidays in a HolidayCalendar, which always comes from configuration.
#pragma once

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
    std::set<CivilDate> days;
    bool contains(const CivilDate& date) const { return days.count(date) != 0; }
};

// Parses "dd/mm/yyyy" (day and month may have one digit) or "yyyy-mm-dd", surrounding spaces
// ignored. Error code "holiday_date_invalid" when it is neither or not a real date.
Result<CivilDate> parse_calendar_date(std::string_view text);

// Builds a calendar from date strings (formats as parse_calendar_date); empty strings and
// lines starting with '#' are skipped so a config file can be passed line by line.
// The first bad entry fails the whole list ("holiday_date_invalid", detail names the entry).
Result<HolidayCalendar> parse_holidays(const std::vector<std::string>& dates);

// Monday to Friday and not in the calendar.
bool is_working_day(const CivilDate& date, const HolidayCalendar& calendar);

// The first working day strictly after `date`.
CivilDate next_working_day(const CivilDate& date, const HolidayCalendar& calendar);

// The day a dossier officially counts as received: the received day when it is a working day
// and the time is before 15:00:00, otherwise the next working day.
CivilDate effective_reception_day(const LocalDateTime& received, const HolidayCalendar& calendar);

// The due date-time: effective reception day plus `working_days` working days (0 = the
// reception day itself; negative counts as 0), at 17:00:00. 17:00 is the end of the afternoon
// reception shift at commune one-stop desks, so a result "due on day D" can be collected until
// then; a kiosk prints it as "17:00 dd/mm/yyyy".
LocalDateTime due_at(const LocalDateTime& received, int working_days,
                     const HolidayCalendar& calendar);

}  // namespace motcua::core
