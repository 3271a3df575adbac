// The interfaces the core needs from the world. Core code never reads a clock, a file or the
// network itself: platform/ implements these, and tests pass real or scripted ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motcua::core {

// Milliseconds. Monotonic time drives timers; wall time (Unix ms, UTC) goes on dossiers.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t monotonic_ms() = 0;
    virtual std::int64_t wall_unix_ms() = 0;
};

class Random {
public:
    virtual ~Random() = default;
    // Uniform in [0, bound). bound > 0.
    virtual std::uint64_t below(std::uint64_t bound) = 0;
};

// One HTTP exchange as the transport saw it. status == 0 means no HTTP answer at all
// (connection refused, dropped, timed out); transport_error then says why.
struct HttpReply {
    int status = 0;
    std::string transport_error;
    std::string content_type;
    std::string body;
    std::optional<int> retry_after_seconds;  // from a Retry-After header, when present
    std::string etag;                        // from an ETag header, when present
    // With status 0: the TLS handshake or a certificate check failed (the portal's certificate,
    // the CA bundle, the kiosk's client certificate). A wrong clock or a configuration
    // problem, not a slow network: staff are told so.
    bool tls_failed = false;
    // With status 0: connected, but the answer did not come in time (the total or low-speed
    // timeout). The portal is slow, not out of reach: "portal_timeout", not "portal_unreachable".
    bool timed_out = false;
};

// The provincial portal, as seen through one adapter (docs/portal-api.md).
class PortalClient {
public:
    virtual ~PortalClient() = default;
    // POST a frozen dossier payload with its idempotency key. Blocking; call off the UI thread.
    virtual HttpReply submit(const std::string& idempotency_key,
                             const std::string& payload_json) = 0;
    // GET the status of one dossier by its full code (MaHoSo or provisional code).
    virtual HttpReply lookup(const std::string& code) = 0;
    // GET the health check (proves it is the portal, not a captive page).
    virtual HttpReply health() = 0;
    // GET a reference document ("thutuc": the procedure catalogue, "donvihanhchinh": the
    // administrative units). With a non-empty `if_none_match` (an ETag from an earlier reply)
    // an unchanged document comes back as 304 with no body.
    virtual HttpReply reference(const std::string& name, const std::string& if_none_match) = 0;
    // POST a satisfaction rating (core::rating_body).
    virtual HttpReply rating(const std::string& body_json) = 0;
    // POST the kiosk's heartbeat (core::heartbeat_body).
    virtual HttpReply heartbeat(const std::string& body_json) = 0;
};

// [speech] One thing to say: the text as shown, the i18n key it came from ("" for catalogue
// texts, answers and codes) and the words a synthesiser reads (core/speech/normalize.h).
struct SpokenText {
    std::string text;
    std::string key;
    std::string spoken;
    std::string language = "vi";  // "vi" or "en": the voice, and the folder of recorded clips
    // [voice] The same words on every visit (i18n prompts, the catalogue's headings, questions
    // and choices): the synthesised audio may be kept and replayed. False for anything that
    // holds what a resident typed, scanned or chose, and for codes: never kept.
    bool fixed = false;
    // [/voice]
    bool operator==(const SpokenText&) const = default;
};

// Says things aloud off the caller's thread. A recorded clip for `key` replaces synthesis.
class Speech {
public:
    virtual ~Speech() = default;
    // Queues one utterance after those already queued; returns at once.
    virtual void say(const SpokenText& utterance) = 0;
    // Stops what is being said and drops what is queued.
    virtual void stop() = 0;
};
// [/speech]

class Printer {
public:
    virtual ~Printer() = default;
    // Prints a receipt rendered as lines of NFC text plus a QR payload. False when it failed.
    virtual bool print_receipt(const std::vector<std::string>& lines,
                               const std::string& qr_payload) = 0;
};

}  // namespace motcua::core
