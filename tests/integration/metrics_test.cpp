// The metrics registry behind --metrics-file (platform/system/metrics.*).
#include "platform/system/metrics.h"

#include <catch2/catch.hpp>
#include <string>

namespace metrics = motcua::platform::metrics;

TEST_CASE("a state gauge set with set_only holds that one label, never the one before",
          "[metrics][ops]") {
    metrics::set("motcua_printer_status", {{"status", "paper_out"}}, 1);
    metrics::set("motcua_printer_status", {{"status", "cover_open"}}, 1);
    metrics::set_only("motcua_printer_status", {{"status", "near_end"}}, 1);
    const std::string text = metrics::render();
    CHECK(text.find("motcua_printer_status{status=\"near_end\"} 1") != std::string::npos);
    CHECK(text.find("status=\"paper_out\"") == std::string::npos);
    CHECK(text.find("status=\"cover_open\"") == std::string::npos);
}
