#include <strings.h>
#include <utf8proc.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "portal_sim.h"

namespace motcua::sim {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool is_nfc(const std::string& text) {
    utf8proc_uint8_t* normalized =
        utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    if (normalized == nullptr) return false;  // not valid UTF-8
    const bool same = text == reinterpret_cast<const char*>(normalized);
    std::free(normalized);
    return same;
}

// The request log's flag; each request runs on one worker thread from the pre-routing
// handler to the logger.
thread_local bool t_dropped = false;

constexpr const char* CaptivePage =
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Wi-Fi login</title></head>\n"
    "<body><h1>Wi-Fi login</h1><p>Đăng nhập để sử dụng Wi-Fi miễn phí.</p>\n"
    "<form method=\"post\" action=\"/login\"><input name=\"phone\"><button>Đăng nhập</button>"
    "</form></body></html>\n";

}  // namespace

void sleep_ms(int milliseconds) {
    if (milliseconds > 0) std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
}

void send_captive(httplib::Response& response) {
    response.status = 200;
    response.set_content(CaptivePage, "text/html; charset=utf-8");
}

void drop(const httplib::Request& request, httplib::Response& response) {
    t_dropped = drop_connection(request);
    if (!t_dropped)
        send_error(response, 500, "drop_failed", "could not find the socket to drop");
    else
        response.status = 500;  // never sent: the socket is already shut down
}

void reset_dropped() {
    t_dropped = false;
}

bool was_dropped() {
    return t_dropped;
}

std::string make_ma_ho_so(const std::string& agency, const core::LocalDateTime& received,
                          std::int64_t sequence) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "-%02d%02d%02d-%04lld", received.year % 100,
                  received.month, received.day, static_cast<long long>(sequence));
    return agency + buffer;
}

void send_body_with_faults(SimState& state, httplib::Response& response, const std::string& body) {
    const FaultConfig faults = state.faults.config();
    if (state.faults.roll(faults.malformed_json)) {
        count(state, [](Stats& stats) { ++stats.malformed; });
        response.set_content(body.substr(0, body.size() / 2), JsonType);
        return;
    }
    if (faults.slow_body_ms > 0) {
        const int pause = faults.slow_body_ms;
        auto shared = std::make_shared<std::string>(body);
        response.set_content_provider(
            shared->size(), JsonType,
            [shared, pause](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                sleep_ms(pause);
                return sink.write(shared->data() + offset, std::min<std::size_t>(64, length));
            });
        return;
    }
    response.set_content(body, JsonType);
}

void send_json(httplib::Response& response, int status, const std::string& body) {
    response.status = status;
    response.set_content(body, JsonType);
}

void send_error(httplib::Response& response, int status, const std::string& code,
                const std::string& message, const std::string& field) {
    nlohmann::ordered_json error = {{"code", code}, {"message", message}};
    if (!field.empty()) error["field"] = field;
    send_json(response, status, nlohmann::ordered_json{{"error", error}}.dump());
}

bool bearer_token_ok(const httplib::Request& request, const std::string& required_token) {
    const std::string header = request.get_header_value("Authorization");
    if (header.size() < 7) return false;
    const std::string scheme = header.substr(0, 7);
    if (strncasecmp(scheme.c_str(), "bearer ", 7) != 0) return false;
    const std::string_view token = trim(std::string_view(header).substr(7));
    if (token.empty()) return false;
    return required_token.empty() || token == required_token;
}

// RFC 8941 sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, printable ASCII.
// A bare value is also accepted (many clients send a plain UUID), as visible ASCII.
std::optional<std::string> parse_idempotency_key(std::string_view header_value) {
    const std::string_view value = trim(header_value);
    std::string key;
    if (!value.empty() && value.front() == '"') {
        if (value.size() < 2 || value.back() != '"') return std::nullopt;
        for (std::size_t i = 1; i + 1 < value.size(); ++i) {
            char c = value[i];
            if (c == '\\') {
                if (i + 2 >= value.size()) return std::nullopt;
                c = value[++i];
                if (c != '"' && c != '\\') return std::nullopt;
            } else if (c == '"' || c < 0x20 || c > 0x7e) {
                return std::nullopt;
            }
            key += c;
        }
    } else {
        for (char c : value) {
            if (c <= 0x20 || c > 0x7e || c == '"') return std::nullopt;
            key += c;
        }
    }
    if (key.empty() || key.size() > 255) return std::nullopt;
    return key;
}

std::string fnv1a64_hex(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
    return buffer;
}

std::string strong_etag(std::string_view bytes) {
    return "\"" + fnv1a64_hex(bytes) + "\"";
}

bool if_none_match_hits(const std::string& if_none_match, const std::string& etag) {
    std::string_view rest = if_none_match;
    const std::string_view opaque = std::string_view(etag);
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        std::string_view candidate = trim(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (candidate == "*") return true;
        if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);  // weak comparison
        if (candidate == opaque) return true;
    }
    return false;
}

std::optional<std::string> first_non_nfc_path(const nlohmann::json& value,
                                              const std::string& path) {
    if (value.is_string()) {
        if (!is_nfc(value.get_ref<const std::string&>())) return path.empty() ? "$" : path;
    } else if (value.is_object()) {
        for (const auto& [key, child] : value.items()) {
            const std::string child_path = path.empty() ? key : path + "." + key;
            if (!is_nfc(key)) return child_path;
            if (auto found = first_non_nfc_path(child, child_path)) return found;
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            if (auto found = first_non_nfc_path(value[i], path + "[" + std::to_string(i) + "]"))
                return found;
    }
    return std::nullopt;
}

}  // namespace motcua::sim
