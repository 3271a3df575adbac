// The kiosk's paper desk (issue 13): receipts and queue tickets rendered and printed on a thread
// of their own, with the printer's status (DLE EOT) asked before and after each job; the outcome
// comes back to the UI thread as core::intent::PrintResult (take_results), and `wake_ui` wakes
// the loop. Queue numbers and the receipts kept for reprints live in a PaperStore.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/receipt/paper.h"
#include "core/session/session.h"
#include "platform/print/paper_store.h"
#include "platform/print/printer.h"

namespace motcua::platform::print {

struct PaperDeskOptions {
    std::string printer_uri;  // "" = no printer: every job answers PrintState::NoPrinter
    int width_dots = Paper80mmDots;
    std::string font_path;   // Noto Sans Regular
    std::string store_path;  // the PaperStore file
    PrinterOptions printer;
};

class PaperDesk {
public:
    // Opens the store and checks the options (width, font, URI form). Errors: paper_store_failed,
    // print_image_invalid, print_font_invalid, printer_uri_invalid.
    static core::Result<std::unique_ptr<PaperDesk>> open(PaperDeskOptions options,
                                                         std::function<void()> wake_ui);
    ~PaperDesk();  // stops the thread; a job being printed is finished first

    bool has_printer() const { return !m_options.printer_uri.empty(); }

    // Queues a job; its result comes back as intent::PrintResult{kind}. A receipt is also kept
    // for reprints (now_unix_ms stamps it).
    void print(core::PrintJobKind kind, core::PaperDocument document, std::int64_t now_unix_ms);
    // The next queue number of this group today (Vietnam's date of now_unix_ms), as the intent
    // the session takes: the number and its time, or error "ticket_failed".
    core::intent::TicketIssued issue_ticket(const std::string& group_id,
                                            const std::string& dossier_code,
                                            std::int64_t now_unix_ms);
    // Staff: print again the receipt kept under this MaHoSo or provisional code (last 30 days).
    // Error "receipt_not_found" when there is none; otherwise queued, and the result comes back
    // as intent::PrintResult{PrintJobKind::Reprint}.
    core::Status reprint(const std::string& code, std::int64_t now_unix_ms);

    std::vector<core::Intent> take_results();
    // The last job's error code while the printer keeps failing ("" once a job printed): the
    // staff notice names it.
    std::string problem() const;
    // [staff] The printer's state after the last job, as motcua_printer_status names it:
    // "unknown" before any job, "ok", "near_end" (it printed, but the roll is nearly out), or
    // the failure without its "printer_" prefix ("paper_out", "cover_open", "offline",
    // "no_answer", "unreachable", ...; "failed" when the job failed before the printer).
    std::string status() const;

private:
    PaperDesk(PaperDeskOptions options, std::unique_ptr<PaperStore> store,
              std::function<void()> wake_ui);
    void run();
    core::intent::PrintResult print_now(const core::PaperDocument& document,
                                        core::PrintJobKind kind, bool& near_end);

    struct Job {
        core::PrintJobKind kind;
        core::PaperDocument document;
    };
    PaperDeskOptions m_options;
    std::unique_ptr<PaperStore> m_store;  // UI thread only
    std::function<void()> m_wake_ui;

    mutable std::mutex m_mutex;
    std::condition_variable m_wakeup;
    std::deque<Job> m_jobs;
    std::vector<core::Intent> m_results;
    std::string m_problem;
    std::string m_status = "unknown";  // [staff]
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace motcua::platform::print
