#include "platform/print/paper_desk.h"

#include <chrono>
#include <fstream>

#include "platform/print/paper_render.h"
#include "platform/system/log.h"
#include "platform/system/metrics.h"

namespace motcua::platform::print {

core::Result<std::unique_ptr<PaperDesk>> PaperDesk::open(PaperDeskOptions options,
                                                         std::function<void()> wake_ui) {
    if (options.width_dots < 8 || options.width_dots > Paper80mmDots || options.width_dots % 8)
        return core::make_error(
            "print_image_invalid",
            "--printer-dots must be a multiple of 8 in 8..576 (384 or 576), not " +
                std::to_string(options.width_dots));
    if (!std::ifstream(options.font_path))
        return core::make_error("print_font_invalid", "cannot read " + options.font_path);
    const std::string& uri = options.printer_uri;
    if (!uri.empty() && uri.rfind("tcp://", 0) != 0 && uri.rfind("file:", 0) != 0 &&
        (uri.find("://") != std::string::npos || uri.front() != '/'))
        return core::make_error("printer_uri_invalid",
                                "expected tcp://HOST:PORT, file:PATH or a device path: " + uri);
    auto store = PaperStore::open(options.store_path);
    if (!store) return store.error();
    std::unique_ptr<PaperDesk> desk(
        new PaperDesk(std::move(options), std::move(store).value(), std::move(wake_ui)));
    return desk;
}

PaperDesk::PaperDesk(PaperDeskOptions options, std::unique_ptr<PaperStore> store,
                     std::function<void()> wake_ui)
    : m_options(std::move(options)), m_store(std::move(store)), m_wake_ui(std::move(wake_ui)) {
    m_thread = std::thread([this] { run(); });
}

PaperDesk::~PaperDesk() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wakeup.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void PaperDesk::print(core::PrintJobKind kind, core::PaperDocument document,
                      std::int64_t now_unix_ms) {
    if (kind == core::PrintJobKind::Receipt && !document.code.empty()) {
        // Kept first: a receipt that could not be printed is the one staff will reprint.
        if (auto kept = m_store->keep_receipt(document, now_unix_ms); !kept)
            log_error(kept.error().code, kept.error().detail);
    }
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{kind, std::move(document)});
    }
    m_wakeup.notify_all();
}

core::intent::TicketIssued PaperDesk::issue_ticket(const std::string& group_id,
                                                   const std::string& dossier_code,
                                                   std::int64_t now_unix_ms) {
    const core::LocalDateTime local = core::vietnam_time_from_unix_ms(now_unix_ms);
    const core::Date today = core::date_of(local);
    auto number = m_store->next_ticket(group_id, today);
    if (!number) {
        log_error(number.error().code, number.error().detail);
        return core::intent::TicketIssued{{}, "ticket_failed"};
    }
    if (number.value() == 1)  // the first of the day: yesterday's counters can go
        if (auto pruned = m_store->prune(now_unix_ms, today); !pruned)
            log_error(pruned.error().code, pruned.error().detail);
    return core::intent::TicketIssued{
        core::IssuedTicket{group_id, number.value(), core::format_display_date_time(local),
                           dossier_code},
        {}};
}

core::Status PaperDesk::reprint(const std::string& code, std::int64_t now_unix_ms) {
    auto found = m_store->find_receipt(code, now_unix_ms);
    if (!found) return found.error();
    if (!*found) return core::make_error("receipt_not_found", "no receipt kept for this code");
    log_info("receipt_reprint", "");
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{core::PrintJobKind::Reprint, std::move(**found)});
    }
    m_wakeup.notify_all();
    return core::Ok{};
}

std::vector<core::Intent> PaperDesk::take_results() {
    std::lock_guard lock(m_mutex);
    std::vector<core::Intent> out;
    out.swap(m_results);
    return out;
}

std::string PaperDesk::problem() const {
    std::lock_guard lock(m_mutex);
    return m_problem;
}

std::string PaperDesk::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

namespace {

// [staff] The motcua_printer_status label of a job's outcome (docs/events.md).
std::string status_label(const core::intent::PrintResult& result, bool near_end) {
    if (result.state == core::PrintState::Printed) return near_end ? "near_end" : "ok";
    if (result.state == core::PrintState::NoPrinter) return "none";
    const std::string prefix = "printer_";
    if (result.error.rfind(prefix, 0) == 0 && result.error != "printer_uri_invalid")
        return result.error.substr(prefix.size());
    return "failed";
}

}  // namespace

core::intent::PrintResult PaperDesk::print_now(const core::PaperDocument& document,
                                               core::PrintJobKind kind, bool& near_end) {
    if (!has_printer()) return {kind, core::PrintState::NoPrinter, {}};
    const auto started = std::chrono::steady_clock::now();
    auto rendered = render_paper(document, m_options.width_dots, m_options.font_path);
    if (!rendered) {
        log_error(rendered.error().code, rendered.error().detail);
        return {kind, core::PrintState::Failed, rendered.error().code};
    }
    auto job = encode_escpos(rendered->image);
    if (!job) {
        log_error(job.error().code, job.error().detail);
        return {kind, core::PrintState::Failed, job.error().code};
    }
    // DLE EOT before (refused when not ready, so nothing half-prints) and after.
    auto report = print_job(m_options.printer_uri, job.value(), m_options.printer);
    if (!report) {
        log_error("print_failed", report.error().code + ": " + report.error().detail);
        return {kind, core::PrintState::Failed, report.error().code};
    }
    if (report->status_known && !report->after.ready()) {
        // It ran out of paper (or the cover opened) during the job: the slip may be cut short.
        const core::Error error = not_ready_error(report->after);
        log_error("print_failed", error.code + " after the job: " + error.detail);
        return {kind, core::PrintState::Failed, error.code};
    }
    near_end = report->status_known && (report->before.near_end || report->after.near_end);
    if (near_end) log_warning("printer_near_end", "paper near its end: replace the roll soon");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
    log_info("printed", std::to_string(report->bytes_sent) + " bytes, " +
                            std::to_string(rendered->image.width) + "x" +
                            std::to_string(rendered->image.height) + " dots, " +
                            std::to_string(ms) + " ms");
    return {kind, core::PrintState::Printed, {}};
}

void PaperDesk::run() {
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wakeup.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;  // stopping with nothing left
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        bool near_end = false;
        core::intent::PrintResult result = print_now(job.document, job.kind, near_end);
        const std::string status = status_label(result, near_end);
        {
            std::lock_guard lock(m_mutex);
            if (result.state == core::PrintState::Failed)
                m_problem = result.error;
            else if (result.state == core::PrintState::Printed)
                m_problem.clear();
            m_status = status;  // [staff]
            m_results.push_back(result);
        }
        // [staff] One status at a time: the gauge is 1 for the current label only.
        metrics::set_only("motcua_printer_status", {{"status", status}}, 1);
        if (m_wake_ui) m_wake_ui();
    }
}

}  // namespace motcua::platform::print
