// [ops] portal-sim's flags, read with CLI11: numbers are whole decimal numbers in their range
// ("10abc" and "0x10" are refused), probabilities are 0..1.
#include <CLI/CLI.hpp>
#include <cstdlib>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

CLI::Validator whole_number(long long min, long long max) {
    return CLI::Validator(
        [min, max](std::string& text) -> std::string {
            std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
            bool digits = start < text.size();
            for (std::size_t i = start; i < text.size(); ++i)
                digits = digits && text[i] >= '0' && text[i] <= '9';
            errno = 0;
            const long long value = digits ? std::strtoll(text.c_str(), nullptr, 10) : 0;
            if (!digits || errno == ERANGE || value < min || value > max)
                return "expected a whole number " + std::to_string(min) + ".." +
                       std::to_string(max) + ", got '" + text + "'";
            return {};
        },
        std::to_string(min) + ".." + std::to_string(max));
}

CLI::Validator probability() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() ||
                !(value >= 0.0 && value <= 1.0))
                return "expected a probability 0..1, got '" + text + "'";
            return {};
        },
        "0..1");
}

struct Parser {
    CLI::App app{"portal-sim: the provincial portal's contract (docs/portal-api.md) on loopback",
                 "portal-sim"};
    long long seed = 1;
    std::string now;
    std::string api = "motcua";  // [opencps]
    std::string basic_auth;
    std::vector<CLI::Option*> opencps_only;

    explicit Parser(Options& options) {
        app.option_defaults()->always_capture_default();
        app.add_option("--port", options.port, "TCP port on --host (0 = any free port)")
            ->check(whole_number(0, 65535));
        app.add_option("--host", options.host, "bind address");
        app.add_option("--store", options.store_path,
                       "JSON-lines store of accepted dossiers (created if missing)")
            ->required();
        app.add_option("--data", options.data_dir, "directory holding vn-admin-units.json")
            ->required();
        app.add_option("--procedures", options.procedures_dir,
                       "*.json procedure files served by GET /api/v1/thutuc");
        app.add_option("--token", options.token,
                       "require exactly this bearer token (default: any non-empty)")
            ->check(CLI::Validator(
                [](std::string& t) { return t.empty() ? "expected a non-empty token" : ""; },
                "TOKEN"));
        app.add_option("--agency", options.agency, "agency code in MaHoSo")
            ->check(CLI::Validator(
                [](std::string& t) { return t.empty() ? "expected an agency code" : ""; }, "CODE"));
        app.add_option("--holidays", options.holidays_path,
                       "holidays in the kiosk's format (assets/config/holidays.json)");
        app.add_option("--now", now,
                       "yyyyMMddHHmmss: freeze the portal clock (deterministic "
                       "NgayTiepNhan)");
        app.add_option("--seed", seed, "seed for fault draws")->check(whole_number(0, 1LL << 62));
        auto* faults = "faults (docs/portal-api.md)";
        app.add_option("--latency-ms", options.faults.latency_ms, "delay every answer (ms)")
            ->check(whole_number(0, 600000))
            ->group(faults);
        app.add_option("--slow-body-ms", options.faults.slow_body_ms, "send bodies slowly (ms)")
            ->check(whole_number(0, 60000))
            ->group(faults);
        app.add_option("--retry-after", options.faults.retry_after_s,
                       "Retry-After seconds on a 429")
            ->check(whole_number(0, 86400))
            ->group(faults);
        app.add_option("--fail-rate", options.faults.fail_rate, "answer 503")
            ->check(probability())
            ->group(faults);
        app.add_option("--drop-before-read", options.faults.drop_before_read,
                       "drop the connection before reading the request")
            ->check(probability())
            ->group(faults);
        app.add_option("--drop-after-commit", options.faults.drop_after_commit,
                       "store the dossier, then drop the connection")
            ->check(probability())
            ->group(faults);
        app.add_option("--malformed-json", options.faults.malformed_json, "answer broken JSON")
            ->check(probability())
            ->group(faults);
        app.add_option("--rate-limit", options.faults.rate_limit, "answer 429")
            ->check(probability())
            ->group(faults);
        app.add_option("--refuse-rate", options.faults.refuse_rate,  // [staff]
                       "refuse the dossier (422, held for staff)")
            ->check(probability())
            ->group(faults);
        app.add_flag("--captive-portal", options.faults.captive_portal,
                     "answer every request with an HTML login page")
            ->group(faults);
        // [opencps] OpenCPS's /o/rest/v2 instead of /api/v1 (/work/helpers/opencps-wire.md).
        app.add_option("--api", api, "which portal to play: motcua (docs/portal-api.md) or opencps")
            ->check(CLI::Validator(
                [](std::string& t) {
                    return t == "motcua" || t == "opencps"
                               ? std::string()
                               : "expected motcua or opencps, got '" + t + "'";
                },
                "motcua|opencps"));
        auto* opencps = "OpenCPS (--api opencps)";
        opencps_only = {
            app.add_option("--basic-auth", basic_auth,
                           "USER:PASSWORD the Authorization: Basic header must carry "
                           "(default kiosk:kiosk-dev)")
                ->check(CLI::Validator(
                    [](std::string& t) {
                        const auto colon = t.find(':');
                        return colon != std::string::npos && colon > 0
                                   ? std::string()
                                   : "expected USER:PASSWORD with a non-empty user, got '" + t +
                                         "'";
                    },
                    "USER:PASSWORD"))
                ->group(opencps),
            app.add_option("--group-id", options.opencps_group_id,
                           "the site's groupId every request must carry")
                ->check(CLI::Validator(
                    [](std::string& t) {
                        bool digits = !t.empty() && t.size() <= 18;
                        for (char c : t) digits = digits && c >= '0' && c <= '9';
                        return digits ? std::string()
                                      : "expected a groupId of 1..18 digits, got '" + t + "'";
                    },
                    "DIGITS"))
                ->group(opencps),
            app.add_option("--gov-agency-code", options.opencps_agency,
                           "the agency's govAgencyCode (also the prefix of dossierNo)")
                ->check(CLI::Validator(
                    [](std::string& t) { return t.empty() ? "expected an agency code" : ""; },
                    "CODE"))
                ->group(opencps),
            app.add_option("--opencps-mapping", options.opencps_mapping_path,
                           "the processes: a mapping file (default: the assets' "
                           "config/opencps-mapping.json)")
                ->group(opencps),
            app.add_option("--opencps-no-dossier-id", options.faults.opencps_no_dossier_id,
                           "answer 200 without dossierId")
                ->check(probability())
                ->group(opencps),
        };
    }
};

}  // namespace

std::string usage_text() {
    Options options;
    Parser parser(options);
    return parser.app.help();
}

std::variant<Options, std::string> parse_options(int argc, char** argv) {
    Options options;
    Parser parser(options);
    try {
        parser.app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return std::string(error.what()) + " (portal-sim --help lists the options)";
    }
    options.seed = static_cast<std::uint64_t>(parser.seed);
    // [opencps]
    options.api = parser.api == "opencps" ? Api::OpenCps : Api::Motcua;
    if (options.api == Api::Motcua) {
        for (const CLI::Option* option : parser.opencps_only)
            if (option->count() > 0) return option->get_name() + " needs --api opencps";
    }
    if (!parser.basic_auth.empty()) {
        const auto colon = parser.basic_auth.find(':');
        options.opencps_user = parser.basic_auth.substr(0, colon);
        options.opencps_password = parser.basic_auth.substr(colon + 1);
    }
    // [/opencps]
    if (!parser.now.empty()) {
        options.fixed_time = core::parse_portal_time(parser.now);
        if (!options.fixed_time) return "--now: expected yyyyMMddHHmmss, got '" + parser.now + "'";
    }
    return options;
}

}  // namespace motcua::sim
