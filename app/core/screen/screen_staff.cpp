// [staff] The screen model of staff mode: the PIN pad, then the outbox, the kiosk's status,
// today's counts and the last log events. Always in Vietnamese: staff read it, and the
// resident's language setting stays as the resident left it.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/filing/portal_time.h"
#include "core/screen/screen.h"
#include "core/screen/words.h"

namespace motcua::core {

namespace {

const char* state_key(OutboxState state) {
    switch (state) {
        case OutboxState::Pending:
            return "staff.state.pending";
        case OutboxState::Sending:
            return "staff.state.sending";
        case OutboxState::Accepted:
            return "staff.state.accepted";
        case OutboxState::Held:
            return "staff.state.held";
        case OutboxState::Cancelled:
            return "staff.state.cancelled";
    }
    return "staff.state.pending";
}

std::string age_text(const Words& w, std::int64_t age_ms) {
    const std::int64_t minutes = std::max<std::int64_t>(0, age_ms) / 60000;
    if (minutes < 60) return w.f("staff.age_minutes", {{"minutes", std::to_string(minutes)}}).text;
    if (minutes < 48 * 60)
        return w.f("staff.age_hours", {{"hours", std::to_string(minutes / 60)}}).text;
    return w.f("staff.age_days", {{"days", std::to_string(minutes / (24 * 60))}}).text;
}

std::vector<std::vector<Action>> pin_pad(const Words& w) {
    std::vector<std::vector<Action>> pad;
    const char* rows[3][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}};
    for (auto& row : rows) {
        std::vector<Action> keys;
        for (const char* digit : row)
            keys.push_back(Action{Text{digit, {}}, std::string("pin_") + digit,
                                  intent::StaffPinKey{digit}, true, ButtonStyle::Key});
        pad.push_back(std::move(keys));
    }
    pad.push_back({w.action("staff.pin_backspace", "pin_backspace", intent::StaffPinBackspace{},
                            ButtonStyle::Key),
                   Action{Text{"0", {}}, "pin_0", intent::StaffPinKey{"0"}, true, ButtonStyle::Key},
                   w.action("staff.pin_submit", "pin_submit", intent::StaffPinSubmit{},
                            ButtonStyle::Primary)});
    return pad;
}

void pin_page(const Words& w, const StaffState& staff, StaffScreen& screen) {
    screen.heading = w.t("staff.pin_prompt");
    screen.pin_dots = std::string(staff.pin.size(), '*');
    screen.pad = pin_pad(w);
    if (staff.checking) {
        screen.message = w.t("staff.pin_checking");
        for (auto& row : screen.pad)
            for (auto& key : row) key.enabled = false;
    }
    if (!staff.tried || staff.checking) return;
    switch (staff.last) {
        case StaffPinOutcome::Right:
            break;
        case StaffPinOutcome::Wrong:
            screen.error = w.f("staff.pin_wrong", {{"left", std::to_string(staff.failures_left)}});
            break;
        case StaffPinOutcome::Locked:
            screen.error =
                w.f("staff.pin_locked",
                    {{"minutes", std::to_string((staff.locked_ms_left + 59999) / 60000)}});
            break;
        case StaffPinOutcome::NotSet:
            screen.error = w.t("staff.pin_not_set");
            break;
        case StaffPinOutcome::Failed:
            screen.error = w.t("staff.pin_failed");
            break;
    }
}

// "lần quét cuối lúc 10:02 (mã CCCD)", or "chưa có lần quét nào từ khi bật máy".
std::string scanner_status(const Words& w, const StaffView& view) {
    if (!view.last_scan) return w.strings.text("staff.scanner_none");
    const LocalDateTime local = vietnam_time_from_unix_ms(view.last_scan->at_unix_ms);
    char time[8];
    std::snprintf(time, sizeof time, "%02d:%02d", local.hour, local.minute);
    return w
        .f("staff.scanner_last",
           {{"time", time},
            {"kind", w.strings.text(view.last_scan->id_card ? "staff.scan_id_card"
                                                            : "staff.scan_not_id_card")}})
        .text;
}

void problem_lines(const Words& w, const StaffView& view, StaffScreen& screen) {
    if (!view.problem_key.empty()) screen.lines.push_back(w.t(view.problem_key));
    if (view.clock_implausible) screen.lines.push_back(w.t("staff.problem.clock"));
}

void outbox_page(const Words& w, const Session& session, const StaffView& view,
                 StaffScreen& screen) {
    const StaffState& staff = session.state().staff;
    screen.heading = w.t("staff.tab_outbox");
    int unsent = 0, held = 0;
    for (const auto& row : view.outbox) {
        if (row.state == OutboxState::Pending || row.state == OutboxState::Sending) ++unsent;
        if (row.state == OutboxState::Held) ++held;
    }
    screen.lines.push_back(
        w.f("staff.unsent", {{"unsent", std::to_string(unsent)}, {"held", std::to_string(held)}}));
    problem_lines(w, view, screen);
    if (view.outbox.empty()) screen.lines.push_back(w.t("staff.outbox_empty"));
    for (const auto& entry : view.outbox) {
        StaffRow row;
        row.text =
            Text{entry.code + "  ·  " + entry.procedure + "  ·  " +
                     w.strings.text(state_key(entry.state)) + "  ·  " + age_text(w, entry.age_ms),
                 {}};
        if (entry.state == OutboxState::Held || entry.state == OutboxState::Cancelled ||
            !entry.reason_code.empty()) {
            std::string reason;
            if (entry.state == OutboxState::Cancelled)
                reason = entry.reason_detail;
            else if (!entry.reason_code.empty())
                reason = w.strings.text("error." + entry.reason_code) +
                         (entry.reason_detail.empty() ? "" : " (" + entry.reason_detail + ")");
            if (!reason.empty()) row.detail = w.f("staff.reason", {{"reason", reason}});
        }
        const std::string id = std::to_string(entry.id);
        if (entry.state == OutboxState::Held || entry.state == OutboxState::Pending) {
            row.actions.push_back(w.action("staff.retry", "staff_retry_" + id,
                                           intent::StaffRetry{entry.id}, ButtonStyle::Primary));
            row.actions.push_back(w.action("staff.cancel", "staff_cancel_" + id,
                                           intent::StaffCancelStart{entry.id, entry.code},
                                           ButtonStyle::Danger));
        }
        if (entry.state == OutboxState::Accepted)
            row.actions.push_back(
                w.action("staff.reprint", "staff_reprint_" + id, intent::StaffReprint{entry.code}));
        screen.rows.push_back(std::move(row));
    }
    screen.box = FieldBox{w.t("staff.reprint_label"), "staff_reprint_code", staff.reprint_code,
                          staff.focused == "reprint", false};
    screen.actions.push_back(
        w.action("staff.reprint", "staff_reprint_typed", intent::StaffReprint{""}));
}

void cancel_page(const Words& w, const StaffState& staff, StaffScreen& screen) {
    screen.heading = w.f("staff.cancel_title", {{"code", staff.cancel_code}});
    screen.lines.push_back(w.t("staff.cancel_intro"));
    screen.box = FieldBox{w.t("staff.cancel_reason_label"), "staff_reason", staff.reason,
                          staff.focused == "reason", false};
    for (const char* key : {"staff.cancel_reason.resident", "staff.cancel_reason.duplicate",
                            "staff.cancel_reason.counter"}) {
        const std::string text = w.strings.text(key);
        Action preset = w.action(key, std::string("staff_reason_") + (std::strrchr(key, '.') + 1),
                                 intent::StaffCancelReason{text});
        if (staff.reason == text) preset.style = ButtonStyle::Selected;
        screen.actions.push_back(std::move(preset));
    }
    screen.actions.push_back(w.action("staff.cancel_confirm", "staff_cancel_confirm",
                                      intent::StaffCancelConfirm{}, ButtonStyle::Danger));
    screen.actions.push_back(w.action("staff.cancel_back", "staff_cancel_back",
                                      intent::StaffOpenPage{StaffPage::Outbox}));
}

void status_page(const Words& w, const Session& session, const StaffView& view,
                 StaffScreen& screen) {
    screen.heading = w.t("staff.tab_status");
    screen.lines.push_back(w.t(!view.portal_configured ? "staff.portal_none"
                               : view.portal_reachable ? "staff.portal_ok"
                                                       : "staff.portal_down"));
    problem_lines(w, view, screen);
    screen.lines.push_back(w.f("staff.printer", {{"status", w.strings.text(view.printer_key)}}));
    screen.lines.push_back(w.f("staff.scanner", {{"status", scanner_status(w, view)}}));
    const std::string origin = session.offer().origin;
    screen.lines.push_back(
        w.f("staff.catalog", {{"origin", w.strings.text("staff.origin." + origin)},
                              {"count", std::to_string(session.catalog().procedures.size())}}));
    screen.actions.push_back(
        w.action("staff.refresh", "staff_refresh", intent::StaffRefreshCatalog{}));
}

void counts_page(const Words& w, const Session& session, const StaffView& view,
                 StaffScreen& screen) {
    const DailyCounts& counts = view.counts;
    screen.heading = w.t("staff.tab_counts");
    screen.lines.push_back(
        w.f("staff.counts.filings", {{"count", std::to_string(total_filings(counts))}}));
    screen.lines.push_back(
        w.f("staff.counts.self_service", {{"count", std::to_string(counts.self_service)}}));
    screen.lines.push_back(
        w.f("staff.counts.assisted", {{"count", std::to_string(counts.assisted)}}));
    for (const auto& [code, count] : counts.filings) {
        const Procedure* procedure = session.catalog().find(code);
        screen.lines.push_back(
            w.f("staff.counts.procedure", {{"procedure", procedure ? procedure->name.vi : code},
                                           {"count", std::to_string(count)}}));
    }
    for (const auto& [step, count] : counts.abandoned)
        screen.lines.push_back(w.f(
            "staff.counts.abandoned",
            {{"step", w.strings.text("staff.step." + step)}, {"count", std::to_string(count)}}));
    const std::int64_t median = median_visit_ms(counts);
    if (median < 0) {
        screen.lines.push_back(w.t("staff.counts.no_visits"));
    } else {
        const std::int64_t seconds = (median + 500) / 1000;
        screen.lines.push_back(
            w.f("staff.counts.median", {{"visits", std::to_string(counts.visit_ms.size())},
                                        {"minutes", std::to_string(seconds / 60)},
                                        {"seconds", std::to_string(seconds % 60)}}));
    }
    screen.lines.push_back(w.t("staff.counts.note"));
}

void events_page(const Words& w, const StaffView& view, StaffScreen& screen) {
    screen.heading = w.t("staff.tab_events");
    if (view.events.empty()) screen.lines.push_back(w.t("staff.events_empty"));
    for (const auto& event : view.events) screen.lines.push_back(Text{event, {}});
}

}  // namespace

StaffScreen make_staff_screen(const Session& session, const ScreenInputs& inputs) {
    const Words w{inputs.strings.in(Language::Vietnamese), Language::Vietnamese};
    const StaffState& staff = session.state().staff;
    StaffScreen screen;
    screen.page = staff.page;
    screen.title = w.t("staff.title");
    if (!staff.message.empty()) screen.message = w.t(staff.message);
    if (staff.message == "staff.cancel_need_reason" || staff.message == "staff.reprint_need_code") {
        screen.error = screen.message;
        screen.message.reset();
    }
    if (!staff.unlocked) {
        pin_page(w, staff, screen);
        screen.top.push_back(w.action("staff.leave", "staff_leave", intent::StaffLeave{}));
        return screen;
    }
    struct Tab {
        StaffPage page;
        const char* key;
        const char* id;
    };
    for (const Tab& tab : {Tab{StaffPage::Outbox, "staff.tab_outbox", "staff_tab_outbox"},
                           Tab{StaffPage::Status, "staff.tab_status", "staff_tab_status"},
                           Tab{StaffPage::Counts, "staff.tab_counts", "staff_tab_counts"},
                           Tab{StaffPage::Events, "staff.tab_events", "staff_tab_events"}}) {
        Action action = w.action(tab.key, tab.id, intent::StaffOpenPage{tab.page});
        if (staff.page == tab.page) action.style = ButtonStyle::Selected;
        screen.tabs.push_back(std::move(action));
    }
    screen.top.push_back(
        w.action("staff.assist", "staff_assist", intent::StaffAssist{}, ButtonStyle::Primary));
    screen.top.push_back(w.action("staff.acknowledge_call", "staff_acknowledge_call",
                                  intent::StaffAcknowledgeCall{}));
    screen.top.push_back(w.action("staff.leave", "staff_leave", intent::StaffLeave{}));
    const StaffView nothing;
    const StaffView& view = inputs.staff_view ? *inputs.staff_view : nothing;
    switch (staff.page) {
        case StaffPage::Pin:
        case StaffPage::Outbox:
            outbox_page(w, session, view, screen);
            break;
        case StaffPage::Cancel:
            cancel_page(w, staff, screen);
            break;
        case StaffPage::Status:
            status_page(w, session, view, screen);
            break;
        case StaffPage::Counts:
            counts_page(w, session, view, screen);
            break;
        case StaffPage::Events:
            events_page(w, view, screen);
            break;
    }
    return screen;
}

}  // namespace motcua::core
