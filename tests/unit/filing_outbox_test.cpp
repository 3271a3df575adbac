#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/filing/outbox.h"

using namespace motcua::core;

namespace {

// Answers the highest value allowed, so each retry waits the whole backoff window.
class HighestRandom final : public Random {
public:
    std::uint64_t below(std::uint64_t bound) override { return bound - 1; }
};

constexpr std::int64_t T0 = 1'773'100'000'000;  // 2026-03-10, Unix ms
constexpr const char* Key = "0f8fad5b-d9cb-469f-a165-70867728950e";

const std::string Payload =
    R"({"MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh","MaTam":"KD4MX7PA",)"
    R"("MaKiosk":"KIOSK-01","NgayNop":"20260310143000","SoNgayXuLy":5,)"
    R"("ChuHoSo":"Nguyễn Văn A","SoDienThoai":"0912345678","Email":"a@example.vn",)"
    R"("TrichYeuHoSo":"Khai sinh cho con","DuLieuToKhai":{"NgaySinh":"01/02/2026"},)"
    R"("ThanhPhanHoSo":[{"TenGiayTo":"Giấy chứng sinh"}],"SoDinhDanh":"001088012345"})";

OutboxEntry fresh() {
    return make_entry(Key, "KD4MX7PA", "1.001193", Payload, T0);
}

SubmitOutcome accepted() {
    return SubmitAccepted{"000.00.01.H29-260310-0420", "KD4MX7PA", 2, "20260310143000",
                          "20260317170000"};
}
SubmitOutcome retry(std::optional<int> retry_after = std::nullopt) {
    return SubmitRetry{"portal_server_error", "HTTP 503", retry_after};
}
SubmitOutcome held() {
    return SubmitHeld{"portal_unauthorized", "HTTP 401"};
}

// One step of an event script.
struct Step {
    enum class Kind { Start, Outcome, Crash, Staff } kind;
    SubmitOutcome outcome = SubmitRetry{};
    std::int64_t at = T0;
};

OutboxEntry run(OutboxEntry entry, const std::vector<Step>& script) {
    HighestRandom random;
    const RetryPolicy policy;
    for (const Step& step : script) {
        switch (step.kind) {
            case Step::Kind::Start:
                entry = on_send_started(std::move(entry));
                break;
            case Step::Kind::Outcome:
                entry = on_outcome(std::move(entry), step.outcome, step.at, policy, random);
                break;
            case Step::Kind::Crash:
                entry = on_crash_recovery(std::move(entry), step.at);
                break;
            case Step::Kind::Staff:
                entry = on_staff_retry(std::move(entry), step.at);
                break;
        }
    }
    return entry;
}

Step start() {
    return {Step::Kind::Start};
}
Step answer(SubmitOutcome outcome, std::int64_t at) {
    return {Step::Kind::Outcome, outcome, at};
}
Step crash(std::int64_t at) {
    return {Step::Kind::Crash, SubmitRetry{}, at};
}
Step staff(std::int64_t at) {
    return {Step::Kind::Staff, SubmitRetry{}, at};
}

}  // namespace

TEST_CASE("a new outbox entry is pending and due at once", "[filing][outbox]") {
    const OutboxEntry entry = fresh();
    CHECK(entry.state == OutboxState::Pending);
    CHECK(entry.idempotency_key == Key);
    CHECK(entry.provisional_code == "KD4MX7PA");
    CHECK(entry.procedure_code == "1.001193");
    CHECK(entry.payload_json == Payload);
    CHECK(entry.attempts == 0);
    CHECK(entry.created_unix_ms == T0);
    CHECK(is_due(entry, T0));
    CHECK_FALSE(is_due(entry, T0 - 1));
    CHECK_FALSE(entry.personal_data_purged);
}

TEST_CASE("a send then an accepted reply stores the portal's codes", "[filing][outbox]") {
    const OutboxEntry entry = run(fresh(), {start(), answer(accepted(), T0 + 800)});
    CHECK(entry.state == OutboxState::Accepted);
    CHECK(entry.ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(entry.ngay_hen_tra == "20260317170000");
    CHECK(entry.trang_thai == 2);
    CHECK(entry.accepted_unix_ms == T0 + 800);
    CHECK(entry.attempts == 1);
    CHECK(entry.payload_json == Payload);
    CHECK_FALSE(is_due(entry, T0 + 10'000'000));
}

TEST_CASE("a sending entry is not due, so it is never sent twice at once", "[filing][outbox]") {
    const OutboxEntry entry = run(fresh(), {start()});
    CHECK(entry.state == OutboxState::Sending);
    CHECK_FALSE(is_due(entry, T0 + 1'000'000));
    // Starting again changes nothing.
    CHECK(on_send_started(entry).state == OutboxState::Sending);
}

TEST_CASE("retries back off with the same key and keep the payload frozen", "[filing][outbox]") {
    OutboxEntry entry = run(fresh(), {start(), answer(retry(), T0 + 100)});
    CHECK(entry.state == OutboxState::Pending);
    CHECK(entry.attempts == 1);
    CHECK(entry.last_error_code == "portal_server_error");
    CHECK(entry.last_error_detail == "HTTP 503");
    // First failure: window [0, 2000] ms; the scripted Random takes its top.
    CHECK(entry.next_attempt_unix_ms == T0 + 100 + 2000);
    CHECK_FALSE(is_due(entry, T0 + 2099));
    CHECK(is_due(entry, T0 + 2100));

    entry = run(entry, {start(), answer(retry(), T0 + 3000)});
    CHECK(entry.attempts == 2);
    CHECK(entry.next_attempt_unix_ms == T0 + 3000 + 4000);

    for (int i = 0; i < 20; ++i) entry = run(entry, {start(), answer(retry(), T0 + 5000)});
    CHECK(entry.attempts == 22);
    CHECK(entry.next_attempt_unix_ms == T0 + 5000 + 300000);  // capped
    CHECK(entry.idempotency_key == Key);
    CHECK(entry.payload_json == Payload);

    entry = run(entry, {start(), answer(accepted(), T0 + 400000)});
    CHECK(entry.state == OutboxState::Accepted);
    CHECK(entry.attempts == 23);
    CHECK(entry.last_error_code.empty());
    CHECK(entry.last_error_detail.empty());
}

TEST_CASE("a Retry-After from the portal delays the next attempt", "[filing][outbox]") {
    const OutboxEntry entry = run(fresh(), {start(), answer(retry(120), T0)});
    CHECK(entry.next_attempt_unix_ms == T0 + 120000);
}

TEST_CASE("a held reply keeps the dossier for staff, who can send it again", "[filing][outbox]") {
    OutboxEntry entry = run(fresh(), {start(), answer(held(), T0 + 500)});
    CHECK(entry.state == OutboxState::Held);
    CHECK(entry.attempts == 1);
    CHECK(entry.last_error_code == "portal_unauthorized");
    CHECK_FALSE(is_due(entry, T0 + 100'000'000));

    entry.portal_progress = R"({"step":"filled","dossierId":41})";  // a multi-step adapter's
    entry = run(entry, {staff(T0 + 60000)});
    CHECK(entry.state == OutboxState::Pending);
    CHECK(entry.attempts == 0);
    CHECK(entry.portal_progress.empty());  // from the first step, under the same key
    CHECK(entry.next_attempt_unix_ms == T0 + 60000);
    CHECK(is_due(entry, T0 + 60000));
    CHECK(entry.last_error_code == "portal_unauthorized");  // visible until the next outcome

    entry = run(entry, {start(), answer(accepted(), T0 + 61000)});
    CHECK(entry.state == OutboxState::Accepted);
    CHECK(entry.payload_json == Payload);
}

TEST_CASE("staff can bring a waiting entry forward", "[filing][outbox]") {
    const OutboxEntry entry = run(fresh(), {start(), answer(retry(3000), T0), staff(T0 + 1000)});
    CHECK(entry.state == OutboxState::Pending);
    CHECK(is_due(entry, T0 + 1000));
}

TEST_CASE("a sending entry found at start-up is resent at once with the same key",
          "[filing][outbox]") {
    const OutboxEntry before_crash = run(fresh(), {start(), answer(retry(), T0), start()});
    REQUIRE(before_crash.state == OutboxState::Sending);
    const OutboxEntry entry = on_crash_recovery(before_crash, T0 + 90000);
    CHECK(entry.state == OutboxState::Pending);
    CHECK(entry.next_attempt_unix_ms == T0 + 90000);
    CHECK(is_due(entry, T0 + 90000));
    CHECK(entry.idempotency_key == Key);
    CHECK(entry.attempts == 1);
    CHECK(entry.payload_json == Payload);
}

TEST_CASE("crash recovery leaves every other state alone", "[filing][outbox]") {
    const OutboxEntry pending = run(fresh(), {start(), answer(retry(), T0)});
    const OutboxEntry recovered = on_crash_recovery(pending, T0 + 1);
    CHECK(recovered.state == OutboxState::Pending);
    CHECK(recovered.next_attempt_unix_ms == pending.next_attempt_unix_ms);
    CHECK(on_crash_recovery(run(fresh(), {start(), answer(held(), T0)}), T0).state ==
          OutboxState::Held);
    CHECK(on_crash_recovery(run(fresh(), {start(), answer(accepted(), T0)}), T0).state ==
          OutboxState::Accepted);
}

TEST_CASE("accepted is final whatever happens next", "[filing][outbox]") {
    const OutboxEntry accepted_entry = run(fresh(), {start(), answer(accepted(), T0)});
    const OutboxEntry entry = run(
        accepted_entry, {start(), answer(retry(), T0 + 1), answer(held(), T0 + 2), crash(T0 + 3),
                         staff(T0 + 4), answer(SubmitAccepted{"OTHER", "", 9, "", ""}, T0 + 5)});
    CHECK(entry.state == OutboxState::Accepted);
    CHECK(entry.ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(entry.trang_thai == 2);
    CHECK(entry.accepted_unix_ms == T0);
    CHECK(entry.attempts == 1);
}

TEST_CASE("a late acceptance wins over a held or pending state", "[filing][outbox]") {
    const OutboxEntry from_held =
        run(fresh(), {start(), answer(held(), T0), answer(accepted(), T0 + 10)});
    CHECK(from_held.state == OutboxState::Accepted);
    CHECK(from_held.ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(from_held.attempts == 1);
    const OutboxEntry from_pending = run(fresh(), {answer(accepted(), T0 + 10)});
    CHECK(from_pending.state == OutboxState::Accepted);
}

TEST_CASE("a stale retry or hold for an entry not being sent is ignored", "[filing][outbox]") {
    const OutboxEntry pending = fresh();
    CHECK(run(pending, {answer(retry(), T0 + 5)}).attempts == 0);
    CHECK(run(pending, {answer(held(), T0 + 5)}).state == OutboxState::Pending);
    const OutboxEntry held_entry = run(fresh(), {start(), answer(held(), T0)});
    const OutboxEntry after = run(held_entry, {answer(retry(), T0 + 5)});
    CHECK(after.state == OutboxState::Held);
    CHECK(after.attempts == 1);
}

TEST_CASE("staff retry does nothing to a sending entry", "[filing][outbox]") {
    const OutboxEntry entry = run(fresh(), {start(), staff(T0 + 10)});
    CHECK(entry.state == OutboxState::Sending);
}

TEST_CASE("an entry unsent for too long is stale until it is accepted", "[filing][outbox]") {
    constexpr std::int64_t Day = 24 * 3600 * 1000;
    const OutboxEntry pending = fresh();
    CHECK_FALSE(is_stale(pending, T0 + Day - 1, Day));
    CHECK(is_stale(pending, T0 + Day, Day));
    CHECK(is_stale(run(fresh(), {start(), answer(held(), T0)}), T0 + 2 * Day, Day));
    CHECK(is_stale(run(fresh(), {start()}), T0 + 2 * Day, Day));
    CHECK_FALSE(
        is_stale(run(fresh(), {start(), answer(accepted(), T0 + 2 * Day)}), T0 + 3 * Day, Day));
}

TEST_CASE("purging keeps only the fields without personal data", "[filing][outbox]") {
    const nlohmann::json purged = nlohmann::json::parse(purge_personal_data(Payload));
    CHECK(purged == nlohmann::json::parse(
                        R"({"MaTTHC":"1.001193","TenTTHC":"Đăng ký khai sinh","MaTam":"KD4MX7PA",)"
                        R"("MaKiosk":"KIOSK-01","NgayNop":"20260310143000","SoNgayXuLy":5})"));
    const std::string text = purge_personal_data(Payload);
    for (const char* gone : {"ChuHoSo", "Nguy", "0912345678", "Email", "TrichYeuHoSo",
                             "DuLieuToKhai", "ThanhPhanHoSo", "001088012345"}) {
        CAPTURE(gone);
        CHECK(text.find(gone) == std::string::npos);
    }
}

TEST_CASE("purging refuses to keep structures or to guess at bad input", "[filing][outbox]") {
    CHECK(purge_personal_data(
              R"({"MaTTHC":{"ChuHoSo":"Nguyễn Văn A"},"MaTam":["x"],"NgayNop":null})") == "{}");
    CHECK(purge_personal_data("not json") == "{}");
    CHECK(purge_personal_data("[1,2]") == "{}");
    CHECK(purge_personal_data("") == "{}");
    CHECK(purge_personal_data("{\"MaTTHC\":\"\xC3\"}") == "{}");
}

TEST_CASE("only an accepted entry is purged, once", "[filing][outbox]") {
    const OutboxEntry pending = on_purge(fresh());
    CHECK(pending.payload_json == Payload);
    CHECK_FALSE(pending.personal_data_purged);
    const OutboxEntry held_entry = on_purge(run(fresh(), {start(), answer(held(), T0)}));
    CHECK(held_entry.payload_json == Payload);

    const OutboxEntry purged = on_purge(run(fresh(), {start(), answer(accepted(), T0)}));
    CHECK(purged.personal_data_purged);
    CHECK(purged.payload_json == purge_personal_data(Payload));
    CHECK(purged.ma_ho_so == "000.00.01.H29-260310-0420");
    CHECK(on_purge(purged).payload_json == purged.payload_json);
}

TEST_CASE("outbox states round-trip through their stored text", "[filing][outbox]") {
    const OutboxState state = GENERATE(OutboxState::Pending, OutboxState::Sending,
                                       OutboxState::Accepted, OutboxState::Held);
    const Result<OutboxState> parsed = parse_outbox_state(to_string(state));
    REQUIRE(parsed.ok());
    CHECK(*parsed == state);
}

TEST_CASE("outbox state text is exact", "[filing][outbox]") {
    CHECK(to_string(OutboxState::Pending) == "pending");
    CHECK(to_string(OutboxState::Sending) == "sending");
    CHECK(to_string(OutboxState::Accepted) == "accepted");
    CHECK(to_string(OutboxState::Held) == "held");
    const std::string text =
        GENERATE(as<std::string>{}, "", "Pending", "ACCEPTED", "held ", "done");
    const Result<OutboxState> parsed = parse_outbox_state(text);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == "outbox_state_unknown");
}
