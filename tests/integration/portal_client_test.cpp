// CurlPortalClient against the real portal-sim on a loopback port: what reaches the portal,
// what comes back, and how each answer reads through core::interpret_submit_reply.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "core/filing/portal_reply.h"
#include "filing_fixtures.h"
#include "platform/http/curl_portal_client.h"

using motcua::core::HttpReply;
using motcua::platform::CurlPortalClient;
using motcua::platform::PortalClientOptions;
using motcua::test::FilingSim;
using motcua::test::FilingToken;
using Json = nlohmann::json;

namespace {

std::unique_ptr<CurlPortalClient> make_client(const std::string& url,
                                              const std::string& token = FilingToken,
                                              long total_timeout_ms = 5000) {
    PortalClientOptions options;
    options.base_url = url;
    options.token = token;
    options.connect_timeout_ms = 2000;
    options.total_timeout_ms = total_timeout_ms;
    auto client = CurlPortalClient::create(options);
    INFO((client ? std::string() : client.error().detail));
    REQUIRE(client.ok());
    return std::move(*client);
}

// A loopback port nobody listens on: bind one, note it, close it.
int closed_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    close(fd);
    return ntohs(address.sin_port);
}

// A copy: the outcome is usually a temporary.
template <typename T>
T outcome_as(const motcua::core::SubmitOutcome& outcome) {
    REQUIRE(std::holds_alternative<T>(outcome));
    return std::get<T>(outcome);
}

const std::string Key = "6d1f0c3a-2b4e-4f5a-9c8d-7e6f5a4b3c2d";

}  // namespace

TEST_CASE("the health check reaches the simulator with the kiosk's token", "[portal-client]") {
    FilingSim sim;
    const HttpReply reply = make_client(sim.url())->health();
    INFO(reply.transport_error);
    REQUIRE(reply.status == 200);
    CHECK(reply.content_type == "application/json; charset=utf-8");
    const Json body = Json::parse(reply.body);
    CHECK(body["portal"] == "motcua-portal");
    CHECK(body["contract"] == 1);
    CHECK(reply.transport_error.empty());
}

TEST_CASE("a dossier is filed once: 201, and the same key again returns the same MaHoSo",
          "[portal-client]") {
    FilingSim sim;
    auto client = make_client(sim.url());
    const std::string payload = motcua::test::dossier_payload("KD4MX7PA");

    const HttpReply first = client->submit(Key, payload);
    INFO(first.transport_error << first.body);
    REQUIRE(first.status == 201);
    const auto& accepted =
        outcome_as<motcua::core::SubmitAccepted>(motcua::core::interpret_submit_reply(first));
    CHECK(accepted.ma_ho_so.rfind("000.00.01.H99-", 0) == 0);
    CHECK(accepted.ma_tam == "KD4MX7PA");
    CHECK(accepted.trang_thai == 1);
    CHECK(accepted.ngay_hen_tra.size() == 14);

    const HttpReply again = client->submit(Key, payload);
    REQUIRE(again.status == 201);
    CHECK(again.body == first.body);  // the stored answer, byte for byte

    const Json dossiers = sim.dossiers();
    REQUIRE(dossiers.size() == 1);
    // The key went out as an sf-string and the portal read the bare UUID from it.
    CHECK(dossiers[0]["IdempotencyKey"] == Key);
    CHECK(dossiers[0]["MaHoSo"] == accepted.ma_ho_so);
    CHECK(dossiers[0]["HoSo"] == Json::parse(payload));
    const Json stats = sim.stats();
    CHECK(stats["accepted"] == 1);
    CHECK(stats["replays"] == 1);
}

TEST_CASE("a dossier is looked up by its full MaHoSo or provisional code only", "[portal-client]") {
    FilingSim sim;
    auto client = make_client(sim.url());
    const HttpReply filed = client->submit(Key, motcua::test::dossier_payload("KD4MX7PA"));
    REQUIRE(filed.status == 201);
    const std::string ma_ho_so = Json::parse(filed.body)["MaHoSo"];

    const std::vector<std::string> codes = {ma_ho_so, "KD4MX7PA"};
    for (const std::string& code : codes) {
        const auto outcome = motcua::core::interpret_lookup_reply(client->lookup(code));
        REQUIRE(std::holds_alternative<motcua::core::LookupFound>(outcome));
        const auto& status = std::get<motcua::core::LookupFound>(outcome).status;
        CHECK(status.ma_ho_so == ma_ho_so);
        CHECK(status.ma_tam == "KD4MX7PA");
        CHECK(status.ten_tthc == "Đăng ký khai sinh");
        CHECK(status.trang_thai == 1);
    }
    // A prefix, a case variant and a code with characters that need escaping: not found.
    const std::vector<std::string> unknown = {ma_ho_so.substr(0, ma_ho_so.size() - 1), "kd4mx7pa",
                                              "KD4MX7PA?x=1 #"};
    for (const std::string& code : unknown) {
        const HttpReply reply = client->lookup(code);
        INFO(code << " -> " << reply.status << " " << reply.body);
        CHECK(reply.status == 404);
        CHECK(std::holds_alternative<motcua::core::LookupNotFound>(
            motcua::core::interpret_lookup_reply(reply)));
    }
}

TEST_CASE("plain http is refused for anything but this machine's loopback", "[portal-client]") {
    auto create = [](const std::string& url) {
        PortalClientOptions options;
        options.base_url = url;
        return CurlPortalClient::create(options);
    };
    SECTION("refused") {
        const std::string url =
            GENERATE(as<std::string>{}, "http://dichvucong.example.gov.vn", "http://10.0.0.7:8080",
                     "http://127.0.0.1.nip.io", "http://127.example.com/api", "ftp://127.0.0.1",
                     "not a url", "");
        auto client = create(url);
        INFO(url);
        REQUIRE_FALSE(client.ok());
        CHECK(client.error().code == "portal_url_invalid");
        CHECK(client.error().detail.find(url) != std::string::npos);
    }
    SECTION("accepted") {
        const std::string url = GENERATE(as<std::string>{}, "https://dichvucong.example.gov.vn",
                                         "http://127.0.0.1:8080", "http://127.1.2.3:8080/",
                                         "http://localhost:9", "http://[::1]:9");
        auto client = create(url);
        INFO(url << ": " << (client ? "" : client.error().detail));
        CHECK(client.ok());
    }
}

TEST_CASE("a 429 hands its Retry-After to the retry policy", "[portal-client]") {
    FilingSim sim;
    sim.set_faults({{"rate-limit", 1.0}, {"retry-after", 7}});
    const HttpReply reply =
        make_client(sim.url())->submit(Key, motcua::test::dossier_payload("KD4MX7PA"));
    REQUIRE(reply.status == 429);
    REQUIRE(reply.retry_after_seconds.has_value());
    CHECK(*reply.retry_after_seconds == 7);
    const auto& retry =
        outcome_as<motcua::core::SubmitRetry>(motcua::core::interpret_submit_reply(reply));
    CHECK(retry.reason_code == "portal_rate_limited");
    CHECK(retry.retry_after_seconds == 7);
    CHECK(sim.dossiers().empty());
}

TEST_CASE("no answer at all is status 0 with the transport's reason", "[portal-client]") {
    SECTION("connection refused") {
        const auto url = "http://127.0.0.1:" + std::to_string(closed_port());
        const HttpReply reply = make_client(url)->submit(Key, "{}");
        CHECK(reply.status == 0);
        CHECK(reply.body.empty());
        CHECK(reply.transport_error.find("connect") != std::string::npos);
        const auto& retry =
            outcome_as<motcua::core::SubmitRetry>(motcua::core::interpret_submit_reply(reply));
        CHECK(retry.reason_code == "portal_unreachable");
        CHECK_FALSE(reply.timed_out);
    }
    SECTION("slower than the total timeout") {
        FilingSim sim({"--latency-ms", "3000"});
        const auto started = std::chrono::steady_clock::now();
        const HttpReply reply = make_client(sim.url(), FilingToken, 300)->health();
        const auto elapsed = std::chrono::steady_clock::now() - started;
        CHECK(reply.status == 0);
        CHECK(reply.transport_error.find("Timeout") != std::string::npos);
        CHECK(elapsed < std::chrono::milliseconds(3000));  // it did not wait for the reply
        // Connected, then no answer in time: a slow portal, not a lost network.
        CHECK(reply.timed_out);
        CHECK(outcome_as<motcua::core::SubmitRetry>(motcua::core::interpret_submit_reply(reply))
                  .reason_code == "portal_timeout");
    }
}

TEST_CASE("a wrong token is a 401 that holds the dossier for staff", "[portal-client]") {
    FilingSim sim;
    const HttpReply reply = make_client(sim.url(), "not-the-token")
                                ->submit(Key, motcua::test::dossier_payload("KD4MX7PA"));
    REQUIRE(reply.status == 401);
    const auto& held =
        outcome_as<motcua::core::SubmitHeld>(motcua::core::interpret_submit_reply(reply));
    CHECK(held.reason_code == "portal_unauthorized");
    CHECK(held.detail == "HTTP 401 (portal error code unauthorized)");
    CHECK(sim.dossiers().empty());
}

TEST_CASE("a captive Wi-Fi page answering 200 is never taken for the portal", "[portal-client]") {
    FilingSim sim;
    sim.set_faults({{"captive-portal", true}});
    const HttpReply reply =
        make_client(sim.url())->submit(Key, motcua::test::dossier_payload("KD4MX7PA"));
    CHECK(reply.status == 200);
    CHECK(reply.content_type.rfind("text/html", 0) == 0);
    const auto& retry =
        outcome_as<motcua::core::SubmitRetry>(motcua::core::interpret_submit_reply(reply));
    CHECK(retry.reason_code == "captive_portal");
}

TEST_CASE("the token file must be readable by the kiosk's user only", "[portal-client]") {
    motcua::test::TempDir dir;
    const std::string path = dir.file("token");
    motcua::test::write_file(path, "kiosk-01-secret\n");

    SECTION("0644 is refused") {
        REQUIRE(chmod(path.c_str(), 0644) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == "token_unsafe");
        CHECK(token.error().detail.find(path) != std::string::npos);
    }
    SECTION("0640 is refused") {
        REQUIRE(chmod(path.c_str(), 0640) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == "token_unsafe");
    }
    SECTION("0600 and 0400 are read, without the trailing newline") {
        const mode_t mode = GENERATE(mode_t{0600}, mode_t{0400});
        REQUIRE(chmod(path.c_str(), mode) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE(token.ok());
        CHECK(*token == "kiosk-01-secret");
    }
    SECTION("an empty file is token_empty, a missing one token_missing") {
        motcua::test::write_file(path, "\n");
        REQUIRE(chmod(path.c_str(), 0600) == 0);
        auto empty = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(empty.ok());
        CHECK(empty.error().code == "token_empty");
        auto missing = motcua::platform::read_token_file(dir.file("nope"));
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == "token_missing");
    }
}

// [SECTION] hostile conditions (issue 9)

TEST_CASE("a token file that is a directory, a FIFO or too large says what is wrong",
          "[portal-client]") {
    motcua::test::TempDir dir;
    SECTION("a directory") {
        const std::string path = dir.file("token.d");
        REQUIRE(mkdir(path.c_str(), 0700) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == "token_not_file");
        CHECK(token.error().detail.find("a directory") != std::string::npos);
    }
    SECTION("a FIFO nobody writes to is refused at once, not waited on") {
        const std::string path = dir.file("token.fifo");
        REQUIRE(mkfifo(path.c_str(), 0600) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == "token_not_file");
        CHECK(token.error().detail.find("a FIFO") != std::string::npos);
    }
    SECTION("more than 4 KiB") {
        const std::string path = dir.file("token");
        motcua::test::write_file(path, std::string(5000, 'a'));
        REQUIRE(chmod(path.c_str(), 0600) == 0);
        auto token = motcua::platform::read_token_file(path);
        REQUIRE_FALSE(token.ok());
        CHECK(token.error().code == "token_too_large");
    }
}

TEST_CASE("a token with a CR, LF or other control character is refused, never sent",
          "[portal-client]") {
    motcua::test::TempDir dir;
    const std::string path = dir.file("token");
    const std::string bad = GENERATE(as<std::string>{}, "abc\r\nX-Injected: 1", "abc\ndef", "ab\tc",
                                     "a b", std::string("ab\0c", 4), "ab\x7f", "t\xC3\xA9");
    CAPTURE(bad);
    motcua::test::write_file(path, bad + "\n");
    REQUIRE(chmod(path.c_str(), 0600) == 0);
    auto token = motcua::platform::read_token_file(path);
    REQUIRE_FALSE(token.ok());
    CHECK(token.error().code == "token_invalid");
    CHECK(token.error().detail.find(bad) == std::string::npos);  // the secret is not echoed

    PortalClientOptions options;
    options.base_url = "http://127.0.0.1:9";
    options.token = bad;
    auto client = CurlPortalClient::create(options);
    REQUIRE_FALSE(client.ok());
    CHECK(client.error().code == "token_invalid");
}

namespace {

// Sets an environment variable for one scope and restores what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        m_had = std::getenv(name) != nullptr;
        if (value)
            setenv(name, value, 1);
        else
            unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_had)
            setenv(m_name.c_str(), m_old.c_str(), 1);
        else
            unsetenv(m_name.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string m_name, m_old;
    bool m_had = false;
};

}  // namespace

TEST_CASE("proxy variables are ignored: the token never goes to a proxy", "[portal-client]") {
    FilingSim sim;
    // A real listener on loopback, posing as the proxy the environment names.
    const int proxy = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(proxy >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(proxy, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(listen(proxy, 16) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(proxy, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const std::string proxy_url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    {
        ScopedEnv http_proxy("http_proxy", proxy_url.c_str());
        ScopedEnv https_proxy("HTTPS_PROXY", proxy_url.c_str());
        ScopedEnv all_proxy("ALL_PROXY", proxy_url.c_str());
        ScopedEnv no_proxy("no_proxy", nullptr);
        ScopedEnv no_proxy_upper("NO_PROXY", nullptr);
        auto client = make_client(sim.url(), FilingToken, 2000);
        const HttpReply health = client->health();
        CHECK(health.status == 200);
        const HttpReply filed = client->submit(Key, motcua::test::dossier_payload("KD4MX7PA"));
        CHECK(filed.status == 201);
    }
    pollfd waiting{proxy, POLLIN, 0};
    CHECK(poll(&waiting, 1, 0) == 0);  // nobody ever connected to the proxy
    close(proxy);
}
