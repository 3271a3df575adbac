#include "platform/http/curl_portal_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string_view>

#include "core/filing/retry_policy.h"

namespace motcua::platform {

namespace {

// A dossier reply is small: more than 1 MiB is not the portal. Reference documents (the
// catalogue, 3,321 wards) are larger and get ReferenceMaxBody.
constexpr std::size_t ReferenceMaxBody = std::size_t{16} << 20;

struct Exchange {
    core::HttpReply reply;
    bool too_large = false;
    std::size_t max_body = 0;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    if (exchange->reply.body.size() + size * count > exchange->max_body) {
        exchange->too_large = true;
        return 0;  // aborts the transfer
    }
    exchange->reply.body.append(data, size * count);
    return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* exchange = static_cast<Exchange*>(user);
    std::string line(data, size * count);
    std::string lower;
    for (char c : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("etag:", 0) == 0) {
        std::string value = line.substr(5);
        const std::size_t start = value.find_first_not_of(" \t");
        const std::size_t end = value.find_last_not_of(" \t\r\n");
        exchange->reply.etag =
            start == std::string::npos ? "" : value.substr(start, end - start + 1);
    }
    if (lower.rfind("retry-after:", 0) == 0) {
        // Clamped, not dropped, when huge; an HTTP-date is ignored (the backoff still applies).
        exchange->reply.retry_after_seconds =
            core::parse_retry_after(std::string_view(line).substr(12));
    }
    return size * count;
}

// By address, never by a name that merely starts with "127.": "127.0.0.1.nip.io" is a public
// DNS name that can point anywhere, and plain http there would send the token in clear.
bool is_loopback_host(const std::string& host) {
    if (host == "localhost" || host == "[::1]" || host == "::1") return true;
    in_addr address{};
    return inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

std::once_flag curl_global;

}  // namespace

core::Result<std::unique_ptr<CurlPortalClient>> CurlPortalClient::create(
    PortalClientOptions options) {
    std::call_once(curl_global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
    if (const std::string problem = token_problem(options.token);
        !problem.empty() && !options.token.empty())
        return core::make_error("token_invalid", "the bearer token " + problem);
    const std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), &curl_url_cleanup);
    if (!url) return core::make_error("portal_client_failed", "curl_url failed");
    CURLUcode rc = curl_url_set(url.get(), CURLUPART_URL, options.base_url.c_str(), 0);
    auto part = [&](CURLUPart which) {
        char* text = nullptr;
        if (rc == CURLUE_OK) rc = curl_url_get(url.get(), which, &text, 0);
        const std::unique_ptr<char, decltype(&curl_free)> owned(text, &curl_free);
        return std::string(text ? text : "");
    };
    const std::string scheme_text = part(CURLUPART_SCHEME);
    const std::string host_text = part(CURLUPART_HOST);
    if (rc != CURLUE_OK)
        return core::make_error("portal_url_invalid", "'" + options.base_url + "' is not a URL");
    if (scheme_text != "https" && !(scheme_text == "http" && is_loopback_host(host_text)))
        return core::make_error(
            "portal_url_invalid",
            "'" + options.base_url + "': use https (plain http only to this machine's loopback)");
    EasyHandle curl(curl_easy_init());
    if (!curl) return core::make_error("portal_client_failed", "curl_easy_init failed");
    return std::unique_ptr<CurlPortalClient>(
        new CurlPortalClient(std::move(options), std::move(curl)));
}

void CurlPortalClient::EasyCleanup::operator()(void* curl) const {
    curl_easy_cleanup(static_cast<CURL*>(curl));
}

CurlPortalClient::~CurlPortalClient() = default;

core::HttpReply CurlPortalClient::perform(const PortalRequest& request) {
    CURL* curl = static_cast<CURL*>(m_curl.get());
    curl_easy_reset(curl);  // keeps the connection cache: keep-alive across requests
    Exchange exchange;
    exchange.max_body = request.max_body;
    char error_buffer[CURL_ERROR_SIZE] = {};
    const std::string url = m_options.base_url + request.path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, m_options.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, m_options.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, m_options.low_speed_seconds);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // a redirect is not the portal answering
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    // No proxy unless one is configured: "" overrides http_proxy, https_proxy and all_proxy.
    curl_easy_setopt(curl, CURLOPT_PROXY, m_options.proxy.c_str());
    if (m_options.proxy.empty()) curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
    if (!m_options.ca_file.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_options.ca_file.c_str());
    if (!m_options.client_cert.empty())
        curl_easy_setopt(curl, CURLOPT_SSLCERT, m_options.client_cert.c_str());
    if (!m_options.client_key.empty())
        curl_easy_setopt(curl, CURLOPT_SSLKEY, m_options.client_key.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &exchange);

    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(nullptr,
                                                                            &curl_slist_free_all);
    curl_slist* headers = nullptr;
    for (const std::string& line : request.headers)
        headers = curl_slist_append(headers, line.c_str());
    if (request.method == "POST" || request.method == "PUT") {
        headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
        headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        if (request.method == "PUT") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    header_list.reset(headers);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(curl);

    if (rc != CURLE_OK) {
        exchange.reply.status = 0;
        switch (rc) {
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE:
            case CURLE_SSL_ENGINE_NOTFOUND:
            case CURLE_SSL_ENGINE_SETFAILED:
            case CURLE_SSL_ENGINE_INITFAILED:
            case CURLE_SSL_CRL_BADFILE:
            case CURLE_SSL_ISSUER_ERROR:
            case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            case CURLE_SSL_INVALIDCERTSTATUS:
            case CURLE_SSL_CLIENTCERT:
                exchange.reply.tls_failed = true;
                break;
            case CURLE_OPERATION_TIMEDOUT: {
                // Also what a connect timeout gives: only a connection that was made and then
                // waited in vain is a slow portal; one never made is an unreachable one. A
                // reused (kept-alive) connection reports no connect time: a request that went
                // out means it was connected (the TSan run saw 64 bytes in, called unreachable).
                curl_off_t connected_us = 0;
                long request_bytes = 0;
                curl_easy_getinfo(curl, CURLINFO_CONNECT_TIME_T, &connected_us);
                curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
                exchange.reply.timed_out = connected_us > 0 || request_bytes > 0;
                break;
            }
            default:
                break;
        }
        exchange.reply.transport_error =
            exchange.too_large
                ? "reply larger than " + std::to_string(request.max_body >> 20) + " MiB"
                : std::string(curl_easy_strerror(rc)) +
                      (error_buffer[0] ? std::string(": ") + error_buffer : "");
        exchange.reply.body.clear();
        return exchange.reply;
    }
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char* content_type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
    exchange.reply.status = static_cast<int>(status);
    exchange.reply.content_type = content_type ? content_type : "";
    return exchange.reply;
}

PortalRequest CurlPortalClient::contract_request(std::string method, std::string path,
                                                 std::string body) const {
    PortalRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers.push_back("Accept: application/json");
    if (!m_options.token.empty())
        request.headers.push_back("Authorization: Bearer " + m_options.token);
    if (request.method == "POST") {
        request.content_type = "application/json; charset=utf-8";
        request.body = std::move(body);
    }
    return request;
}

core::HttpReply CurlPortalClient::submit(const std::string& idempotency_key,
                                         const std::string& payload_json) {
    PortalRequest request = contract_request("POST", "/api/v1/hoso", payload_json);
    if (!idempotency_key.empty())
        request.headers.push_back("Idempotency-Key: \"" + idempotency_key + "\"");
    return perform(request);
}

core::HttpReply CurlPortalClient::lookup(const std::string& code) {
    return perform(contract_request("GET", "/api/v1/hoso/" + escape(code)));
}

core::HttpReply CurlPortalClient::health() {
    return perform(contract_request("GET", "/api/v1/health"));
}

core::HttpReply CurlPortalClient::reference(const std::string& name,
                                            const std::string& if_none_match) {
    PortalRequest request = contract_request("GET", "/api/v1/" + name);
    if (!if_none_match.empty()) request.headers.push_back("If-None-Match: " + if_none_match);
    request.max_body = ReferenceMaxBody;
    return perform(request);
}

core::HttpReply CurlPortalClient::rating(const std::string& body_json) {
    return perform(contract_request("POST", "/api/v1/danhgia", body_json));
}

core::HttpReply CurlPortalClient::heartbeat(const std::string& body_json) {
    return perform(contract_request("POST", "/api/v1/kiosk/heartbeat", body_json));
}

core::HttpReply CurlPortalClient::post_json(const std::string& path, const std::string& body) {
    return perform(contract_request("POST", path, body));
}

core::HttpReply CurlPortalClient::get(const std::string& path) {
    return perform(contract_request("GET", path));
}

core::HttpReply CurlPortalClient::request(const PortalRequest& request) {
    core::HttpReply refused;
    auto has_control = [](const std::string& text) {
        for (char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte < 0x20 || byte == 0x7F) return true;
        }
        return false;
    };
    if (request.method != "GET" && request.method != "POST" && request.method != "PUT") {
        refused.transport_error = "method " + request.method + " is not supported";
        return refused;
    }
    if (request.path.empty() || request.path[0] != '/' || has_control(request.path) ||
        request.path.find(' ') != std::string::npos) {
        refused.transport_error = "the request path is not a plain absolute path";
        return refused;
    }
    for (const std::string& line : request.headers)
        if (has_control(line) || line.find(':') == std::string::npos) {
            // The header's name only: its value may be a credential.
            refused.transport_error =
                "header " + line.substr(0, line.find(':')) + " has a control character";
            return refused;
        }
    if (has_control(request.content_type)) {
        refused.transport_error = "the content type has a control character";
        return refused;
    }
    return perform(request);
}

std::string CurlPortalClient::escape(const std::string& text) {
    const std::unique_ptr<char, decltype(&curl_free)> escaped(
        curl_easy_escape(static_cast<CURL*>(m_curl.get()), text.c_str(),
                         static_cast<int>(text.size())),
        &curl_free);
    return escaped ? std::string(escaped.get()) : std::string();
}

std::string token_problem(const std::string& token) {
    if (token.empty()) return "is empty";
    for (char c : token) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x21 || byte > 0x7E)
            return "has a control, space or non-ASCII character (byte " + std::to_string(byte) +
                   ")";
    }
    return {};
}

core::Result<std::string> read_secret_file(const std::string& path, const std::string& code_prefix,
                                           const std::string& what) {
    constexpr off_t MaxSecretFileBytes = 4096;
    auto error = [&](const char* suffix, const std::string& detail) {
        return core::make_error(code_prefix + suffix, detail);
    };
    // Non-blocking: a FIFO must not hang the start-up; no controlling terminal either.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int open_error = errno;
        if (open_error == ENOENT) return error("_missing", what + " " + path + " does not exist");
        return error("_unreadable",
                     "cannot open " + what + " " + path + ": " + std::strerror(open_error));
    }
    const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* f) {
        ::close(*f);
        delete f;
    });
    struct stat info {};
    if (fstat(fd, &info) != 0)
        return error("_unreadable",
                     "cannot stat " + what + " " + path + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode)) {
        const char* kind = S_ISDIR(info.st_mode)    ? "a directory"
                           : S_ISFIFO(info.st_mode) ? "a FIFO"
                           : S_ISCHR(info.st_mode)  ? "a character device"
                           : S_ISBLK(info.st_mode)  ? "a block device"
                           : S_ISSOCK(info.st_mode) ? "a socket"
                                                    : "not a regular file";
        return error("_not_file", what + " " + path + " is " + kind + ", not a regular file");
    }
    if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return error("_unsafe", path + " must be readable by the kiosk's user only (chmod 600)");
    if (info.st_size > MaxSecretFileBytes)
        return error("_too_large", what + " " + path + " is " + std::to_string(info.st_size) +
                                       " bytes; it may hold at most 4096");
    std::string content(static_cast<std::size_t>(MaxSecretFileBytes) + 1, '\0');
    std::size_t size = 0;
    while (size < content.size()) {
        const ssize_t got = ::read(fd, content.data() + size, content.size() - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0)
            return error("_unreadable",
                         "cannot read " + what + " " + path + ": " + std::strerror(errno));
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    if (size > static_cast<std::size_t>(MaxSecretFileBytes))
        return error("_too_large", what + " " + path + " grew beyond 4096 bytes while read");
    content.resize(size);
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r' ||
                                content.back() == ' ' || content.back() == '\t'))
        content.pop_back();
    if (content.empty()) return error("_empty", what + " " + path + " is empty");
    return content;
}

core::Result<std::string> read_token_file(const std::string& path) {
    auto token = read_secret_file(path, "token", "token file");
    if (!token) return token;
    if (const std::string problem = token_problem(*token); !problem.empty())
        return core::make_error("token_invalid", "the token in " + path + " " + problem);
    return token;
}

}  // namespace motcua::platform
