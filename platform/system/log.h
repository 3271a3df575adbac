// Structured log: one JSON line per event ({"t", "level", "event", "detail"}) to stderr and,
// when configured, to a file. Never personal data: callers pass codes and ids only.
#pragma once

#include <string>

namespace motcua::platform {

void set_log_file(const std::string& path);
void set_log_quiet(bool quiet);  // headless test runs: warnings and errors only
void log_info(const std::string& event, const std::string& detail = {});
void log_warning(const std::string& event, const std::string& detail = {});
void log_error(const std::string& event, const std::string& detail = {});

}  // namespace motcua::platform
