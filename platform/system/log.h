// Structured log, one entry per event (docs/events.md is the catalogue). Run as a systemd service
// (stderr is the journal: JOURNAL_STREAM matches it, or INVOCATION_ID is set) each event goes to
// journald with sd_journal_send: MESSAGE, PRIORITY, MOTCUA_EVENT, MOTCUA_DETAIL. Otherwise one
// JSON line per event ({"t", "level", "event", "detail"}) on stderr and, when configured, in a
// file. Never personal data: callers pass codes and ids only.
#pragma once

#include <string>

namespace motcua::platform {

void set_log_file(const std::string& path);
void set_log_quiet(bool quiet);  // headless test runs: warnings and errors only
void log_info(const std::string& event, const std::string& detail = {});
void log_warning(const std::string& event, const std::string& detail = {});
void log_error(const std::string& event, const std::string& detail = {});

// True when events go to journald (decided once, at the first event).
bool log_to_journal();

}  // namespace motcua::platform
