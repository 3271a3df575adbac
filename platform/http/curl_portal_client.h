// The thin portal client: libcurl, TLS verified, plain http only to loopback, connect/total/
// low-speed timeouts, Bearer token, Idempotency-Key. One instance per thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/ports.h"
#include "core/result.h"

namespace motcua::platform {

struct PortalClientOptions {
    std::string base_url;     // e.g. https://dichvucong.example.gov.vn or http://127.0.0.1:8080
    std::string token;        // Bearer token of this kiosk
    std::string client_cert;  // optional PEM client certificate
    std::string client_key;
    std::string ca_file;  // optional extra CA bundle
    // An HTTP(S) proxy, only when the province's network needs one. Empty: no proxy at all, and
    // the http_proxy/https_proxy/all_proxy variables are ignored (they would send loopback
    // traffic, bearer token included, to a proxy in clear text).
    std::string proxy;
    long connect_timeout_ms = 5000;
    long total_timeout_ms = 20000;
    long low_speed_bytes = 64;   // slower than this ...
    long low_speed_seconds = 8;  // ... for this long is a dead connection
};

// One request of any API through the same transport (TLS, loopback, proxy and timeout rules
// as every other call). Headers are "Name: value" lines; a header with a CR, LF or other control
// character is refused (status 0, transport_error says why) and nothing is sent.
struct PortalRequest {
    std::string method = "GET";  // GET, POST or PUT
    std::string path;            // appended to the base URL, e.g. "/o/rest/v2/dossiers"
    std::vector<std::string> headers;
    std::string content_type;  // sent with a body, e.g. "application/x-www-form-urlencoded"
    std::string body;          // POST and PUT only
    std::size_t max_body = std::size_t{1} << 20;  // a larger reply is a transport error
};

class CurlPortalClient final : public core::PortalClient {
public:
    // Refuses a malformed URL, plain http to anything but loopback, and a token with control
    // characters (a CR/LF would inject HTTP headers).
    static core::Result<std::unique_ptr<CurlPortalClient>> create(PortalClientOptions options);
    ~CurlPortalClient() override;
    CurlPortalClient(const CurlPortalClient&) = delete;
    CurlPortalClient& operator=(const CurlPortalClient&) = delete;

    core::HttpReply submit(const std::string& idempotency_key,
                           const std::string& payload_json) override;
    core::HttpReply lookup(const std::string& code) override;
    core::HttpReply health() override;
    core::HttpReply reference(const std::string& name, const std::string& if_none_match) override;
    core::HttpReply rating(const std::string& body_json) override;
    core::HttpReply heartbeat(const std::string& body_json) override;
    core::HttpReply post_json(const std::string& path, const std::string& body);
    core::HttpReply get(const std::string& path);
    // Sends one request as described, after checking it: only the caller's headers (no bearer
    // token, Idempotency-Key or Accept unless the caller puts them in `headers`). For the
    // adapters of other APIs (OpenCpsPortal).
    core::HttpReply request(const PortalRequest& request);
    // Percent-encodes a path segment or a form value (RFC 3986 unreserved characters stay).
    std::string escape(const std::string& text);

private:
    struct EasyCleanup {
        void operator()(void* curl) const;
    };
    using EasyHandle = std::unique_ptr<void, EasyCleanup>;  // CURL*, kept out of this header
    CurlPortalClient(PortalClientOptions options, EasyHandle curl)
        : m_options(std::move(options)), m_curl(std::move(curl)) {}
    // A request of this contract (docs/portal-api.md): Accept JSON, the Bearer token, a POST's
    // body as JSON; the caller adds Idempotency-Key or If-None-Match.
    PortalRequest contract_request(std::string method, std::string path,
                                   std::string body = {}) const;
    // Sends `request` as it is, headers unchecked: every call, ours or another API's, goes here.
    core::HttpReply perform(const PortalRequest& request);
    PortalClientOptions m_options;
    EasyHandle m_curl;
};

// Reads a bearer token from a file that only the kiosk's user may read (mode 0600 or 0400): a
// regular file (never a FIFO, a device or a directory: opened non-blocking, checked with fstat)
// of at most 4 KiB, whose token (trailing blanks and newlines dropped) is printable ASCII.
// Error codes, each with a detail that says what is wrong: token_missing (no such file),
// token_unreadable (permission, I/O), token_not_file, token_too_large, token_unsafe (mode),
// token_empty, token_invalid (control or non-ASCII characters).
core::Result<std::string> read_token_file(const std::string& path);

// The checks of read_token_file for any small secret file (an OpenCPS "user:password" file):
// the same error codes with `code_prefix` instead of "token" ("<prefix>_missing", ...) and
// `what` naming the file in the details ("token file", "credentials file"). Returns the content
// with trailing blanks and newlines dropped; the caller checks its form.
core::Result<std::string> read_secret_file(const std::string& path, const std::string& code_prefix,
                                           const std::string& what);

// Empty when the token can go into an Authorization header; otherwise why not.
std::string token_problem(const std::string& token);

}  // namespace motcua::platform
