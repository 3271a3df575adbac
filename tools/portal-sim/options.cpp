#include <charconv>
#include <cstdlib>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

bool parse_int(std::string_view text, long long min, long long max, long long& out) {
    long long value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return false;
    if (value < min || value > max) return false;
    out = value;
    return true;
}

bool parse_probability(const std::string& text, double& out) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) return false;
    if (!(value >= 0.0 && value <= 1.0)) return false;
    out = value;
    return true;
}

}  // namespace

std::string usage_text() {
    return "usage: portal-sim --store FILE --data DIR [options]\n"
           "  --port N             TCP port on --host (0 = any free port; default 0)\n"
           "  --host ADDR          bind address (default 127.0.0.1)\n"
           "  --store FILE         JSON-lines store of accepted dossiers (created if missing)\n"
           "  --data DIR           directory holding vn-admin-units.json\n"
           "  --procedures DIR     *.json procedure files served by GET /api/v1/thutuc\n"
           "  --token T            require exactly this bearer token (default: any non-empty)\n"
           "  --agency CODE        agency code in MaHoSo (default 000.00.01.H99)\n"
           "  --holidays FILE      holidays in the kiosk's format (assets/config/holidays.json)\n"
           "  --now yyyyMMddHHmmss freeze the portal clock (deterministic NgayTiepNhan)\n"
           "  --seed S             seed for fault draws (default 1)\n"
           "faults (see docs/portal-api.md):\n"
           "  --latency-ms N  --fail-rate P  --drop-before-read P  --drop-after-commit P\n"
           "  --slow-body-ms N  --malformed-json P  --captive-portal  --rate-limit P\n"
           "  --retry-after S  --refuse-rate P\n";
}

std::variant<Options, std::string> parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--help" || flag == "-h") return usage_text();
        if (flag == "--captive-portal") {
            options.faults.captive_portal = true;
            continue;
        }
        if (i + 1 >= argc) return "missing value after " + flag;
        const std::string value = argv[++i];
        long long number = 0;
        double probability = 0;
        auto bad = [&](const char* expected) {
            return "bad value for " + flag + ": '" + value + "' (expected " + expected + ")";
        };
        if (flag == "--port") {
            if (!parse_int(value, 0, 65535, number)) return bad("0..65535");
            options.port = static_cast<int>(number);
        } else if (flag == "--host") {
            options.host = value;
        } else if (flag == "--store") {
            options.store_path = value;
        } else if (flag == "--data") {
            options.data_dir = value;
        } else if (flag == "--procedures") {
            options.procedures_dir = value;
        } else if (flag == "--token") {
            if (value.empty()) return bad("a non-empty token");
            options.token = value;
        } else if (flag == "--agency") {
            if (value.empty()) return bad("an agency code");
            options.agency = value;
        } else if (flag == "--holidays") {
            options.holidays_path = value;
        } else if (flag == "--now") {
            options.fixed_time = core::parse_portal_time(value);
            if (!options.fixed_time) return bad("yyyyMMddHHmmss");
        } else if (flag == "--seed") {
            if (!parse_int(value, 0, (1LL << 62), number)) return bad("a non-negative integer");
            options.seed = static_cast<std::uint64_t>(number);
        } else if (flag == "--latency-ms") {
            if (!parse_int(value, 0, 600000, number)) return bad("0..600000");
            options.faults.latency_ms = static_cast<int>(number);
        } else if (flag == "--slow-body-ms") {
            if (!parse_int(value, 0, 60000, number)) return bad("0..60000");
            options.faults.slow_body_ms = static_cast<int>(number);
        } else if (flag == "--retry-after") {
            if (!parse_int(value, 0, 86400, number)) return bad("0..86400");
            options.faults.retry_after_s = static_cast<int>(number);
        } else if (flag == "--fail-rate" || flag == "--drop-before-read" ||
                   flag == "--drop-after-commit" || flag == "--malformed-json" ||
                   flag == "--rate-limit" || flag == "--refuse-rate") {  // [staff] refuse-rate
            if (!parse_probability(value, probability)) return bad("a probability 0..1");
            if (flag == "--fail-rate") options.faults.fail_rate = probability;
            if (flag == "--drop-before-read") options.faults.drop_before_read = probability;
            if (flag == "--drop-after-commit") options.faults.drop_after_commit = probability;
            if (flag == "--malformed-json") options.faults.malformed_json = probability;
            if (flag == "--rate-limit") options.faults.rate_limit = probability;
            if (flag == "--refuse-rate") options.faults.refuse_rate = probability;  // [staff]
        } else {
            return "unknown option " + flag + "\n" + usage_text();
        }
    }
    if (options.store_path.empty()) return "--store FILE is required\n" + usage_text();
    if (options.data_dir.empty()) return "--data DIR is required\n" + usage_text();
    return options;
}

}  // namespace motcua::sim
