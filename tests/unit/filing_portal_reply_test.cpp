#include <catch2/catch.hpp>
#include <string>

#include "core/filing/outbox.h"
#include "core/filing/portal_reply.h"

using namespace motcua::core;

namespace {

const char* const Receipt = R"({"MaHoSo":"000.00.01.H29-260310-0420","MaTam":"KD4MX7PA",)"
                            R"("TrangThaiHoSo":2,"NgayTiepNhan":"20260310143000",)"
                            R"("NgayHenTra":"20260317170000"})";

const char* const CaptivePage =
    "<html><head><title>Wi-Fi login</title></head><body>Nguyễn Văn A, 0912345678</body></html>";

HttpReply reply(int status, std::string content_type, std::string body) {
    HttpReply r;
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
    return r;
}

HttpReply json_reply(int status, std::string body) {
    return reply(status, "application/json", std::move(body));
}

SubmitRetry expect_retry(const SubmitOutcome& outcome, const std::string& reason) {
    const auto* retry = std::get_if<SubmitRetry>(&outcome);
    REQUIRE(retry != nullptr);
    CHECK(retry->reason_code == reason);
    return *retry;
}

SubmitHeld expect_held(const SubmitOutcome& outcome, const std::string& reason) {
    const auto* held = std::get_if<SubmitHeld>(&outcome);
    REQUIRE(held != nullptr);
    CHECK(held->reason_code == reason);
    return *held;
}

std::string reason_of(const LookupOutcome& outcome) {
    const auto* unavailable = std::get_if<LookupUnavailable>(&outcome);
    return unavailable == nullptr ? std::string("<not unavailable>") : unavailable->reason_code;
}

// {"MaHoSo":"<code>"} with the code's bytes as they are (valid UTF-8 passes through JSON).
std::string nlohmann_free_body(const std::string& code) {
    return "{\"MaHoSo\":\"" + code + "\"}";
}

}  // namespace

// [SECTION] Submit: success

TEST_CASE("a 201 JSON receipt is accepted with every field", "[filing]") {
    const std::string content_type =
        GENERATE(as<std::string>{}, "application/json", "application/json; charset=utf-8",
                 "Application/JSON;Charset=\"UTF-8\"", " application/json ; charset=utf8");
    CAPTURE(content_type);
    const SubmitOutcome outcome = interpret_submit_reply(reply(201, content_type, Receipt));
    const auto* accepted = std::get_if<SubmitAccepted>(&outcome);
    REQUIRE(accepted != nullptr);
    CHECK(accepted->ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(accepted->ma_tam == "KD4MX7PA");
    CHECK(accepted->trang_thai == 2);
    CHECK(accepted->ngay_tiep_nhan == "20260310143000");
    CHECK(accepted->ngay_hen_tra == "20260317170000");
}

TEST_CASE("a receipt with only MaHoSo is accepted and bad optional fields read as absent",
          "[filing]") {
    SECTION("only MaHoSo") {
        const auto outcome = interpret_submit_reply(json_reply(201, R"({"MaHoSo":"1897C359"})"));
        const auto* accepted = std::get_if<SubmitAccepted>(&outcome);
        REQUIRE(accepted != nullptr);
        CHECK(accepted->ma_ho_so == "1897C359");
        CHECK(accepted->trang_thai == 0);
        CHECK(accepted->ngay_hen_tra.empty());
    }
    SECTION("malformed optional fields") {
        const std::string body =
            R"({"MaHoSo":"A-1","TrangThaiHoSo":11,"NgayTiepNhan":"2026-03-10 14:30",)"
            R"("NgayHenTra":20260317170000,"MaTam":")" +
            std::string(65, 'K') + R"("})";
        const auto outcome = interpret_submit_reply(json_reply(201, body));
        const auto* accepted = std::get_if<SubmitAccepted>(&outcome);
        REQUIRE(accepted != nullptr);
        CHECK(accepted->ma_ho_so == "A-1");
        CHECK(accepted->trang_thai == 0);
        CHECK(accepted->ngay_tiep_nhan.empty());
        CHECK(accepted->ngay_hen_tra.empty());
        CHECK(accepted->ma_tam.empty());
    }
    SECTION("status as a string is not a status") {
        const auto outcome =
            interpret_submit_reply(json_reply(201, R"({"MaHoSo":"A","TrangThaiHoSo":"2"})"));
        REQUIRE(std::holds_alternative<SubmitAccepted>(outcome));
        CHECK(std::get<SubmitAccepted>(outcome).trang_thai == 0);
    }
    SECTION("a MaHoSo of exactly 64 bytes is accepted") {
        const std::string code(64, '7');
        const auto outcome =
            interpret_submit_reply(json_reply(201, R"({"MaHoSo":")" + code + R"("})"));
        REQUIRE(std::holds_alternative<SubmitAccepted>(outcome));
        CHECK(std::get<SubmitAccepted>(outcome).ma_ho_so == code);
    }
}

// [SECTION] Submit: 2xx that is not success

TEST_CASE("an HTML page is a captive portal whatever its 2xx status", "[filing]") {
    const int status = GENERATE(200, 201, 202, 204);
    const std::string content_type =
        GENERATE(as<std::string>{}, "text/html", "text/html; charset=iso-8859-1", "", "text/plain");
    CAPTURE(status, content_type);
    const auto outcome = interpret_submit_reply(reply(status, content_type, CaptivePage));
    const SubmitRetry retry = expect_retry(outcome, "captive_portal");
    // The detail describes the reply, never its text.
    CHECK(retry.detail.find("Nguy") == std::string::npos);
    CHECK(retry.detail.find("0912345678") == std::string::npos);
    CHECK(retry.detail.find(std::to_string(status)) != std::string::npos);
}

TEST_CASE("a 201 JSON reply that breaks the contract is retried as a bad reply", "[filing]") {
    const std::string body =
        GENERATE(as<std::string>{}, "", "not json", "[]", "\"MaHoSo\"", "{}", R"({"MaHoSo":null})",
                 R"({"MaHoSo":""})", R"({"MaHoSo":42})", R"({"MaHoSo":["A"]})",
                 R"({"error":{"code":"x","message":"y"}})",
                 R"({"MaHoSo":")" + std::string(65, 'A') + R"("})", R"({"MaHoSo":"A\nB"})",
                 R"({"MaHoSo":"A\u0000B"})", R"({"MaHoSo":"A\u007fB"})", R"({"MaHoSo":"A\u0085B"})",
                 R"({"MaHoSo":"A")", "{\"MaHoSo\":\"A\xC3\"}");
    CAPTURE(body);
    expect_retry(interpret_submit_reply(json_reply(201, body)), "portal_bad_reply");
}

TEST_CASE("a 200 with a valid receipt is not success: the contract answers 201", "[filing]") {
    const SubmitRetry retry =
        expect_retry(interpret_submit_reply(json_reply(200, Receipt)), "portal_bad_reply");
    CHECK(retry.detail.find("HTTP 200") != std::string::npos);
}

TEST_CASE("a receipt in another charset is not the contract", "[filing]") {
    expect_retry(
        interpret_submit_reply(reply(201, "application/json; charset=iso-8859-1", Receipt)),
        "portal_bad_reply");
}

TEST_CASE("oversized and deeply nested bodies are refused without parsing", "[filing]") {
    SECTION("more than 1 MiB") {
        std::string body = R"({"MaHoSo":"A","pad":")";
        body += std::string(MaxReplyBodyBytes, 'x');
        body += "\"}";
        expect_retry(interpret_submit_reply(json_reply(201, body)), "portal_bad_reply");
    }
    SECTION("exactly 1 MiB is still read") {
        std::string body = R"({"MaHoSo":"A","pad":")";
        body += std::string(MaxReplyBodyBytes - body.size() - 2, 'x');
        body += "\"}";
        REQUIRE(body.size() == MaxReplyBodyBytes);
        CHECK(
            std::holds_alternative<SubmitAccepted>(interpret_submit_reply(json_reply(201, body))));
    }
    SECTION("nesting 100 000 levels deep") {
        const std::string body =
            R"({"MaHoSo":"A","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
        expect_retry(interpret_submit_reply(json_reply(201, body)), "portal_bad_reply");
    }
    SECTION("brackets inside strings do not count as nesting") {
        const std::string body = R"({"MaHoSo":"A","x":")" + std::string(100, '[') + R"(\""})";
        CHECK(
            std::holds_alternative<SubmitAccepted>(interpret_submit_reply(json_reply(201, body))));
    }
}

// [SECTION] Submit: errors

TEST_CASE("no HTTP answer is retried and says why", "[filing]") {
    HttpReply r;
    r.transport_error = "Operation timed out after 10001 milliseconds\x1b[31m";
    r.retry_after_seconds = 99;  // meaningless without an answer
    const SubmitRetry retry = expect_retry(interpret_submit_reply(r), "portal_unreachable");
    CHECK(retry.detail.find("timed out") != std::string::npos);
    CHECK(retry.detail.find('\x1b') == std::string::npos);
    CHECK_FALSE(retry.retry_after_seconds.has_value());
}

TEST_CASE("an answer that did not come in time is a slow portal, not a lost network", "[filing]") {
    HttpReply r;
    r.transport_error = "Operation timed out after 20001 milliseconds with 0 bytes received";
    r.timed_out = true;
    const SubmitRetry retry = expect_retry(interpret_submit_reply(r), "portal_timeout");
    CHECK(retry.detail.find("in time") != std::string::npos);
    CHECK(hold_kind(retry.reason_code) == HoldKind::Network);
    CHECK(reason_of(interpret_lookup_reply(r)) == "portal_timeout");
}

TEST_CASE("transient HTTP statuses are retried with the right reason", "[filing]") {
    struct Row {
        int status;
        const char* reason;
    };
    const Row row =
        GENERATE(Row{408, "portal_timeout"}, Row{409, "portal_in_progress"},
                 Row{429, "portal_rate_limited"}, Row{500, "portal_server_error"},
                 Row{502, "portal_server_error"}, Row{503, "portal_server_error"},
                 Row{504, "portal_server_error"}, Row{599, "portal_server_error"},
                 Row{301, "captive_portal"}, Row{302, "captive_portal"}, Row{307, "captive_portal"},
                 Row{407, "captive_portal"}, Row{100, "portal_unexpected_status"},
                 Row{-1, "portal_unexpected_status"}, Row{600, "portal_unexpected_status"});
    CAPTURE(row.status);
    HttpReply r = json_reply(row.status, R"({"error":{"code":"busy","message":"try later"}})");
    r.retry_after_seconds = 30;
    const SubmitRetry retry = expect_retry(interpret_submit_reply(r), row.reason);
    CHECK(retry.retry_after_seconds == std::optional<int>(30));
}

TEST_CASE("a negative Retry-After from the transport is dropped", "[filing]") {
    HttpReply r = json_reply(429, "");
    r.retry_after_seconds = -5;
    CHECK_FALSE(expect_retry(interpret_submit_reply(r), "portal_rate_limited")
                    .retry_after_seconds.has_value());
}

TEST_CASE("refusals resending cannot fix are held for staff", "[filing]") {
    struct Row {
        int status;
        const char* reason;
    };
    const Row row = GENERATE(Row{400, "portal_bad_request"}, Row{401, "portal_unauthorized"},
                             Row{403, "portal_unauthorized"}, Row{404, "portal_not_found"},
                             Row{413, "portal_payload_too_large"}, Row{422, "portal_rejected"},
                             Row{418, "portal_refused"}, Row{451, "portal_refused"});
    const std::string body =
        GENERATE(as<std::string>{}, "", R"({"error":{"code":"invalid_token","message":"no"}})");
    CAPTURE(row.status, body);
    const SubmitHeld held =
        expect_held(interpret_submit_reply(json_reply(row.status, body)), row.reason);
    CHECK(held.detail.find("HTTP " + std::to_string(row.status)) != std::string::npos);
}

TEST_CASE("a held detail names the portal's error code but never its message", "[filing]") {
    const auto outcome = interpret_submit_reply(
        reply(422, "application/json; charset=utf-8",
              R"({"error":{"code":"validation_failed","message":"SoDienThoai 0912345678 sai"}})"));
    const SubmitHeld held = expect_held(outcome, "portal_rejected");
    CHECK(held.detail == "HTTP 422 (portal error code validation_failed)");
}

TEST_CASE("a portal error code that is not a plain token is left out of the detail", "[filing]") {
    const std::string code =
        GENERATE(as<std::string>{}, "Nguyễn Văn A", "a b", "x\ny", std::string(65, 'c'));
    CAPTURE(code);
    const std::string body = R"({"error":{"code":")" + code + R"(","message":"m"}})";
    const SubmitHeld held =
        expect_held(interpret_submit_reply(json_reply(400, body)), "portal_bad_request");
    CHECK(held.detail == "HTTP 400");
}

TEST_CASE("a 4xx HTML page comes from a proxy, not the portal, and is retried", "[filing]") {
    const int status = GENERATE(400, 401, 403, 404, 422);
    CAPTURE(status);
    const SubmitRetry retry = expect_retry(
        interpret_submit_reply(reply(status, "text/html", CaptivePage)), "captive_portal");
    CHECK(retry.detail.find("0912345678") == std::string::npos);
}

// [SECTION] Lookup

TEST_CASE("a 200 lookup reply gives the dossier status in NFC", "[filing]") {
    // "Đăng ký khai sinh" with the tone and vowel marks decomposed (NFD).
    const std::string nfd_name = "\xC4\x90\x61\xCC\x86ng ky\xCC\x81 khai sinh";
    const std::string body = R"({"MaHoSo":"000.00.01.H29-260310-0420","MaTam":"KD4MX7PA",)"
                             R"("MaTTHC":"1.001193","TenTTHC":")" +
                             nfd_name +
                             R"(","TrangThaiHoSo":4,"NgayTiepNhan":"20260310143000",)"
                             R"("NgayHenTra":"20260317170000"})";
    const auto outcome = interpret_lookup_reply(json_reply(200, body));
    const auto* found = std::get_if<LookupFound>(&outcome);
    REQUIRE(found != nullptr);
    CHECK(found->status.ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(found->status.ma_tam == "KD4MX7PA");
    CHECK(found->status.ma_tthc == "1.001193");
    CHECK(found->status.ten_tthc == "Đăng ký khai sinh");
    CHECK(found->status.trang_thai == 4);
    CHECK(found->status.ngay_tiep_nhan == "20260310143000");
    CHECK(found->status.ngay_hen_tra == "20260317170000");
}

TEST_CASE("a lookup 404 from the portal is not found, but a 404 page is not an answer",
          "[filing]") {
    CHECK(std::holds_alternative<LookupNotFound>(interpret_lookup_reply(
        json_reply(404, R"({"error":{"code":"not_found","message":"x"}})"))));
    CHECK(std::holds_alternative<LookupNotFound>(interpret_lookup_reply(reply(404, "", ""))));
    CHECK(reason_of(interpret_lookup_reply(reply(404, "text/html", CaptivePage))) ==
          "captive_portal");
}

TEST_CASE("a lookup reply that is not the contract is unavailable with a reason", "[filing]") {
    CHECK(reason_of(interpret_lookup_reply(reply(200, "text/html", CaptivePage))) ==
          "captive_portal");
    CHECK(reason_of(interpret_lookup_reply(json_reply(200, R"({"MaHoSo":"A"})"))) ==
          "portal_bad_reply");
    CHECK(reason_of(interpret_lookup_reply(
              json_reply(200, R"({"MaHoSo":"A","TrangThaiHoSo":0})"))) == "portal_bad_reply");
    CHECK(reason_of(interpret_lookup_reply(
              json_reply(200, R"({"MaHoSo":"A","TrangThaiHoSo":11})"))) == "portal_bad_reply");
    CHECK(reason_of(interpret_lookup_reply(json_reply(200, R"({"TrangThaiHoSo":2})"))) ==
          "portal_bad_reply");
    CHECK(reason_of(interpret_lookup_reply(json_reply(201, Receipt))) == "portal_bad_reply");
    CHECK(reason_of(interpret_lookup_reply(json_reply(200, "[1,2"))) == "portal_bad_reply");
}

TEST_CASE("lookup errors carry the same reasons as submit errors", "[filing]") {
    HttpReply none;
    none.transport_error = "Could not resolve host: dichvucong.example";
    CHECK(reason_of(interpret_lookup_reply(none)) == "portal_unreachable");
    CHECK(reason_of(interpret_lookup_reply(json_reply(503, ""))) == "portal_server_error");
    CHECK(reason_of(interpret_lookup_reply(json_reply(401, ""))) == "portal_unauthorized");
    CHECK(reason_of(interpret_lookup_reply(json_reply(400, ""))) == "portal_bad_request");
    CHECK(reason_of(interpret_lookup_reply(json_reply(429, ""))) == "portal_rate_limited");
    CHECK(reason_of(interpret_lookup_reply(reply(302, "text/html", CaptivePage))) ==
          "captive_portal");
}

// [SECTION] Submit: codes a resident cannot use (issue 9)

TEST_CASE("a 201 whose MaHoSo a resident cannot read back is not success", "[filing]") {
    const std::string code = GENERATE(as<std::string>{},
                                      " ",      // only a space
                                      "     ",  // only spaces
                                      " A-1",   // leading space
                                      "A 1",    // inner space
                                      "---",    // no letter or digit
                                      "A\xE2\x80\xAE"
                                      "1-BC",  // U+202E right-to-left override
                                      "A\xE2\x80\x8B"
                                      "1",  // U+200B zero-width space
                                      "\xEF\xBB\xBF"
                                      "A1",                  // U+FEFF byte order mark
                                      "A1\xF0\x9F\x98\x80",  // emoji
                                      "\xD0\x90"
                                      "1",  // Cyrillic A, looks like A
                                      "\xC2\xA0"
                                      "A1");  // no-break space
    CAPTURE(code);
    const std::string body = nlohmann_free_body(code);
    expect_retry(interpret_submit_reply(json_reply(201, body)), "portal_bad_reply");
}

TEST_CASE("a 201 with the same key twice is not success, at any level", "[filing]") {
    const std::string body =
        GENERATE(as<std::string>{}, R"({"MaHoSo":"A-1","MaHoSo":"B-2"})",
                 R"({"MaHoSo":"A-1","MaHoSo":"A-1"})", R"({"MaHoSo":"A-1","x":{"k":1,"k":2}})",
                 R"({"MaHoSo":"A-1","x":[{"k":1,"k":2}]})");
    CAPTURE(body);
    const SubmitRetry retry =
        expect_retry(interpret_submit_reply(json_reply(201, body)), "portal_bad_reply");
    CHECK(retry.detail.find("duplicate key") != std::string::npos);
}

TEST_CASE("the same key in sibling objects is not a duplicate", "[filing]") {
    const auto outcome = interpret_submit_reply(
        json_reply(201, R"({"MaHoSo":"A-1","x":[{"k":1},{"k":2}],"y":{"k":3}})"));
    REQUIRE(std::holds_alternative<SubmitAccepted>(outcome));
}
