// The kiosk's metrics in the Prometheus text format, for node_exporter's textfile collector
// (docs/events.md lists them). Any thread counts or sets; write_metrics_file() renders every
// family and replaces the file atomically (a temporary file in the same folder, then rename()),
// so the collector never reads half a file. Labels are codes and steps, never personal data.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/result.h"

namespace motcua::platform::metrics {

using Labels = std::map<std::string, std::string>;

// Adds `by` to a counter (`name` ends in _total). Counters only go up.
void count(const std::string& name, const Labels& labels = {}, double by = 1);
// Sets a gauge to `value`.
void set(const std::string& name, const Labels& labels, double value);
inline void set(const std::string& name, double value) {
    set(name, {}, value);
}
// Forgets every series of a gauge (before setting a fresh set of labels, e.g. filings by state).
void clear(const std::string& name);
// Makes `labels` the gauge's only series, in one step: a state gauge (one label is 1 at a time)
// set from another thread than the writer's is never rendered with none or two.
void set_only(const std::string& name, const Labels& labels, double value);

// Every family is declared in metrics.cpp with its # HELP and # TYPE; counting or setting an
// undeclared name is a programmer mistake: it is dropped and logged once.

// The whole exposition, families sorted by name.
std::string render();
// render() to `path` via `path`.tmp + rename().
core::Status write_metrics_file(const std::string& path);

// [ops] The time of the last rendered frame (wall clock, ms since 1970), also in the heartbeat.
void frame_rendered(std::int64_t wall_unix_ms);
std::int64_t last_frame_unix_ms();

}  // namespace motcua::platform::metrics
