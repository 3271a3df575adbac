#include "core/filing/portal_reply.h"

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/text/ascii.h"

namespace motcua::core {

namespace {

using nlohmann::json;

// Deeper JSON than this is not a portal reply; refusing it early keeps the parser's and the
// destructor's work bounded whatever arrives.
constexpr int MaxJsonDepth = 32;
// Free text fields (TenTTHC) beyond this are not believable and would not fit a receipt.
constexpr std::size_t MaxTextFieldBytes = 1024;
// Transport errors and portal error codes are echoed into details, bounded.
constexpr std::size_t MaxTransportErrorChars = 160;
constexpr std::size_t MaxPortalErrorCodeChars = 64;

// C0 controls, DEL and C1 controls (U+0080–U+009F, UTF-8 C2 80–C2 9F). The text is valid UTF-8
// already: nlohmann-json refuses anything else.
bool has_control_characters(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto byte = static_cast<unsigned char>(s[i]);
        if (byte < 0x20 || byte == 0x7F) return true;
        if (byte == 0xC2 && i + 1 < s.size()) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
    }
    return false;
}

std::string to_nfc(const std::string& s) {
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &out,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (length < 0) return {};
    std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
    std::free(out);
    return result;
}

// [SECTION] Content type and body

bool is_json_like(const MediaType& media) {
    return is_json(media) || media.type == "application/problem+json";
}

bool nesting_within(std::string_view body, int max_depth) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : body) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

// The body as a JSON object, or nothing (too large, too deep, not JSON, not an object, or an
// object with the same key twice at any level: which of two MaHoSo would be the dossier's?).
// `problem`, when given, says which.
std::optional<json> parse_object(const std::string& body, std::string* problem = nullptr) {
    auto refuse = [&](const char* why) -> std::optional<json> {
        if (problem) *problem = why;
        return {};
    };
    if (body.size() > MaxReplyBodyBytes) return refuse("body larger than 1 MiB");
    if (!nesting_within(body, MaxJsonDepth)) return refuse("body nested too deep");
    try {
        // Keys seen so far in each open object, innermost last (arrays have no keys).
        std::vector<std::vector<std::string>> open_objects;
        bool duplicate = false;
        const json::parser_callback_t check_keys = [&](int, json::parse_event_t event,
                                                       json& parsed) {
            if (event == json::parse_event_t::object_start) {
                open_objects.emplace_back();
            } else if (event == json::parse_event_t::object_end && !open_objects.empty()) {
                open_objects.pop_back();
            } else if (event == json::parse_event_t::key && !open_objects.empty() &&
                       parsed.is_string()) {
                auto& keys = open_objects.back();
                const auto& key = parsed.get_ref<const std::string&>();
                for (const auto& seen : keys) duplicate = duplicate || seen == key;
                keys.push_back(key);
            }
            return true;
        };
        json value = json::parse(body, check_keys, /*allow_exceptions=*/false);
        if (value.is_discarded() || !value.is_object()) return refuse("body is not a JSON object");
        if (duplicate) return refuse("body has a duplicate key");
        return value;
    } catch (const json::exception&) {
        return refuse("body is not a JSON object");
    }
}

// [SECTION] Fields

const json* member(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// Why a dossier code is not usable, or empty when it is.
std::string dossier_code_problem(const json& object, const char* key) {
    const json* value = member(object, key);
    if (value == nullptr || value->is_null()) return std::string(key) + " missing";
    if (!value->is_string()) return std::string(key) + " is not a string";
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty()) return std::string(key) + " is empty";
    if (text.size() > MaxDossierCodeBytes) return std::string(key) + " longer than 64 bytes";
    if (has_control_characters(text)) return std::string(key) + " has control characters";
    // The resident reads it off the receipt, types it at a lookup and scans it: visible ASCII
    // only. Spaces, bidi and zero-width controls, emoji and look-alike letters make a code
    // that cannot be read back, or reads as another one.
    bool alphanumeric = false;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F)
            return std::string(key) + " has a character other than visible ASCII";
        alphanumeric = alphanumeric || std::isalnum(byte) != 0;
    }
    if (!alphanumeric) return std::string(key) + " has no letter or digit";
    return {};
}

std::string bounded_text(const json& object, const char* key, std::size_t max_bytes) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_string()) return {};
    const auto& text = value->get_ref<const std::string&>();
    if (text.size() > max_bytes || has_control_characters(text)) return {};
    return text;
}

// "yyyyMMddHHmmss" or empty. Calendar checks belong to portal_time; this only keeps garbage out.
std::string portal_date(const json& object, const char* key) {
    std::string text = bounded_text(object, key, 14);
    if (text.size() != 14) return {};
    for (char c : text) {
        if (c < '0' || c > '9') return {};
    }
    return text;
}

// TrangThaiHoSo 1–10, or 0.
int status_code(const json& object) {
    const json* value = member(object, "TrangThaiHoSo");
    if (value == nullptr) return 0;
    if (value->is_number_unsigned()) {
        const auto n = value->get<std::uint64_t>();
        return n >= 1 && n <= 10 ? static_cast<int>(n) : 0;
    }
    if (value->is_number_integer()) {
        const auto n = value->get<std::int64_t>();
        return n >= 1 && n <= 10 ? static_cast<int>(n) : 0;
    }
    return 0;
}

// The portal's own error code from {"error":{"code":"..."}}, when it is a plain token.
std::string portal_error_code(const HttpReply& reply) {
    if (!is_json_like(parse_media_type(reply.content_type))) return {};
    const std::optional<json> object = parse_object(reply.body);
    if (!object) return {};
    const json* error = member(*object, "error");
    if (error == nullptr || !error->is_object()) return {};
    const json* code = member(*error, "code");
    if (code == nullptr || !code->is_string()) return {};
    const auto& text = code->get_ref<const std::string&>();
    if (text.empty() || text.size() > MaxPortalErrorCodeChars) return {};
    for (char c : text) {
        const bool token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        if (!token) return {};
    }
    return text;
}

// [SECTION] Classification shared by submit and lookup

enum class Disposition { Retry, Held };

struct Failure {
    Disposition disposition;
    std::string reason_code;
    std::string detail;
};

std::string status_detail(const HttpReply& reply) {
    std::string detail = "HTTP " + std::to_string(reply.status);
    // Only the portal's error code, never its message: a message may quote what the resident
    // typed, and details go to the log.
    if (const std::string code = portal_error_code(reply); !code.empty()) {
        detail += " (portal error code " + code + ")";
    }
    return detail;
}

// A 2xx that is not the contract's answer. Not JSON: something between us and the portal
// (captive Wi-Fi page, proxy). JSON: the portal, or a gateway, broke the contract.
Failure non_contract_success(const HttpReply& reply, const std::string& why) {
    const MediaType media = parse_media_type(reply.content_type);
    if (!is_json(media)) {
        return {Disposition::Retry, "captive_portal", body_description(reply)};
    }
    return {Disposition::Retry, "portal_bad_reply", body_description(reply) + ": " + why};
}

// Every reply that is neither the contract's success nor (for lookup) a 404.
Failure classify_failure(const HttpReply& reply) {
    const int status = reply.status;
    if (status == 0 && reply.tls_failed) {
        return {
            Disposition::Retry, "portal_tls",
            "TLS failed: " + text::printable_ascii(reply.transport_error, MaxTransportErrorChars)};
    }
    if (status == 0) {
        std::string detail = reply.timed_out ? "no HTTP answer in time" : "no HTTP answer";
        if (!reply.transport_error.empty()) {
            detail += ": " + text::printable_ascii(reply.transport_error, MaxTransportErrorChars);
        }
        // Connected but no answer in time: the portal is slow (as a 408 says), not out of reach.
        return {Disposition::Retry, reply.timed_out ? "portal_timeout" : "portal_unreachable",
                detail};
    }
    if (status < 200 || status > 599) {
        return {Disposition::Retry, "portal_unexpected_status", "HTTP " + std::to_string(status)};
    }
    if (status < 300) return non_contract_success(reply, "not the contract's success status");
    if (status < 400 || status == 407) {
        // Redirects and proxy logins: the classic captive portal. The portal never redirects.
        return {Disposition::Retry, "captive_portal", body_description(reply)};
    }
    if (status >= 500) return {Disposition::Retry, "portal_server_error", status_detail(reply)};
    if (status == 408) return {Disposition::Retry, "portal_timeout", status_detail(reply)};
    if (status == 409) return {Disposition::Retry, "portal_in_progress", status_detail(reply)};
    if (status == 429) return {Disposition::Retry, "portal_rate_limited", status_detail(reply)};
    // The portal speaks JSON (or nothing). A 4xx HTML page comes from whatever stands in between
    // (a filtering proxy, a hotel gateway): the dossier is fine, the network is not.
    if (is_html(parse_media_type(reply.content_type))) {
        return {Disposition::Retry, "captive_portal", body_description(reply)};
    }
    switch (status) {
        case 400:
            return {Disposition::Held, "portal_bad_request", status_detail(reply)};
        case 401:
        case 403:
            return {Disposition::Held, "portal_unauthorized", status_detail(reply)};
        case 404:
            return {Disposition::Held, "portal_not_found", status_detail(reply)};
        case 413:
            return {Disposition::Held, "portal_payload_too_large", status_detail(reply)};
        case 422:
            return {Disposition::Held, "portal_rejected", status_detail(reply)};
        default:
            return {Disposition::Held, "portal_refused", status_detail(reply)};
    }
}

std::optional<int> usable_retry_after(const HttpReply& reply) {
    if (reply.status == 0 || !reply.retry_after_seconds || *reply.retry_after_seconds < 0) {
        return std::nullopt;
    }
    return reply.retry_after_seconds;
}

SubmitOutcome to_submit_outcome(Failure failure, const HttpReply& reply) {
    if (failure.disposition == Disposition::Held) {
        return SubmitHeld{std::move(failure.reason_code), std::move(failure.detail)};
    }
    return SubmitRetry{std::move(failure.reason_code), std::move(failure.detail),
                       usable_retry_after(reply)};
}

// The JSON object of a 2xx reply that claims to be the contract's answer, or why it is not.
struct ContractBody {
    std::optional<json> object;
    std::string problem;
};

ContractBody contract_body(const HttpReply& reply) {
    const MediaType media = parse_media_type(reply.content_type);
    if (!is_json(media)) return {{}, "not JSON"};
    if (!charset_is_utf8(media)) return {{}, "charset is not utf-8"};
    if (reply.body.size() > MaxReplyBodyBytes) return {{}, "body larger than 1 MiB"};
    std::string problem;
    std::optional<json> object = parse_object(reply.body, &problem);
    if (!object) return {{}, problem};
    return {std::move(object), {}};
}

}  // namespace

SubmitOutcome interpret_submit_reply(const HttpReply& reply) {
    try {
        if (reply.status != 201) return to_submit_outcome(classify_failure(reply), reply);
        ContractBody body = contract_body(reply);
        if (!body.object) {
            return to_submit_outcome(non_contract_success(reply, body.problem), reply);
        }
        const json& object = *body.object;
        if (std::string problem = dossier_code_problem(object, "MaHoSo"); !problem.empty()) {
            return to_submit_outcome(non_contract_success(reply, problem), reply);
        }
        // MaHoSo is what matters: once the portal has created the dossier, a malformed optional
        // field must not make us resend it forever. Bad optional fields read as absent.
        SubmitAccepted accepted;
        accepted.ma_ho_so = object["MaHoSo"].get<std::string>();
        accepted.ma_tam = bounded_text(object, "MaTam", MaxDossierCodeBytes);
        accepted.trang_thai = status_code(object);
        accepted.ngay_tiep_nhan = portal_date(object, "NgayTiepNhan");
        accepted.ngay_hen_tra = portal_date(object, "NgayHenTra");
        return accepted;
    } catch (const std::exception& e) {
        // Only an allocation failure can land here: the JSON access above is type-checked.
        return SubmitRetry{"portal_bad_reply", std::string("reply not understood: ") + e.what(),
                           std::nullopt};
    }
}

LookupOutcome interpret_lookup_reply(const HttpReply& reply) {
    try {
        if (reply.status == 404 && !is_html(parse_media_type(reply.content_type))) {
            return LookupNotFound{};
        }
        if (reply.status != 200) {
            Failure failure = classify_failure(reply);
            return LookupUnavailable{std::move(failure.reason_code), std::move(failure.detail)};
        }
        ContractBody body = contract_body(reply);
        std::string problem = body.problem;
        if (body.object) {
            problem = dossier_code_problem(*body.object, "MaHoSo");
            if (problem.empty() && status_code(*body.object) == 0) {
                problem = "TrangThaiHoSo missing or not 1-10";
            }
        }
        if (!problem.empty()) {
            Failure failure = non_contract_success(reply, problem);
            return LookupUnavailable{std::move(failure.reason_code), std::move(failure.detail)};
        }
        const json& object = *body.object;
        DossierStatus status;
        status.ma_ho_so = object["MaHoSo"].get<std::string>();
        status.ma_tam = bounded_text(object, "MaTam", MaxDossierCodeBytes);
        status.ma_tthc = bounded_text(object, "MaTTHC", MaxDossierCodeBytes);
        status.ten_tthc = to_nfc(bounded_text(object, "TenTTHC", MaxTextFieldBytes));
        status.trang_thai = status_code(object);
        status.ngay_tiep_nhan = portal_date(object, "NgayTiepNhan");
        status.ngay_hen_tra = portal_date(object, "NgayHenTra");
        return LookupFound{std::move(status)};
    } catch (const std::exception& e) {
        return LookupUnavailable{"portal_bad_reply",
                                 std::string("reply not understood: ") + e.what()};
    }
}

// [SECTION] Reading a reply

MediaType parse_media_type(std::string_view header) {
    MediaType media;
    const std::vector<std::string_view> parts = text::split(header, ';');
    media.type = text::ascii_lower(text::trim(parts.front(), text::HeaderBlanks));
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const std::string_view parameter = text::trim(parts[i], text::HeaderBlanks);
        const std::size_t equals = parameter.find('=');
        if (equals == std::string_view::npos) continue;
        if (text::ascii_lower(text::trim(parameter.substr(0, equals), text::HeaderBlanks)) !=
            "charset")
            continue;
        std::string_view value = text::trim(parameter.substr(equals + 1), text::HeaderBlanks);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
            value = value.substr(1, value.size() - 2);
        media.charset = text::ascii_lower(value);
    }
    return media;
}

bool is_json(const MediaType& media) {
    return media.type == "application/json";
}

bool is_html(const MediaType& media) {
    return media.type == "text/html" || media.type == "application/xhtml+xml";
}

bool charset_is_utf8(const MediaType& media) {
    return media.charset.empty() || media.charset == "utf-8" || media.charset == "utf8";
}

std::string body_description(const HttpReply& reply) {
    return "HTTP " + std::to_string(reply.status) + " with content type '" +
           text::printable_ascii(reply.content_type, 80) + "' (" +
           std::to_string(reply.body.size()) + " bytes)";
}

}  // namespace motcua::core
