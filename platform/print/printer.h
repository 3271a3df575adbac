// A receipt printer reached by URI: send ESC/POS bytes with a timeout on every write, and ask
// its status (DLE EOT) with a timeout on every reply. Blocking: call it off the UI thread.
//   tcp://HOST:PORT   raw TCP (LAN printers listen on 9100)
//   file:PATH         append the bytes to a file (no status: nothing answers)
//   /dev/usb/lp0      any other path: a device file (status if the device answers)
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"
#include "platform/print/escpos.h"

namespace motcua::platform::print {

struct PrinterOptions {
    std::chrono::milliseconds connect_timeout{2000};
    std::chrono::milliseconds write_timeout{5000};  // for each write that makes no progress
    std::chrono::milliseconds status_timeout{500};  // for each DLE EOT reply
};

enum class DestinationKind { Tcp, DeviceFile, File };

// Error codes (i18n "error.<code>"): printer_uri_invalid, printer_unreachable,
// printer_write_failed, printer_timeout, printer_no_answer, printer_paper_out,
// printer_cover_open, printer_offline.
class Printer {
public:
    // Connects (TCP) or opens (files). Error printer_uri_invalid or printer_unreachable.
    static core::Result<Printer> open(const std::string& uri, const PrinterOptions& options = {});

    Printer(Printer&& other) noexcept;
    Printer& operator=(Printer&& other) noexcept;
    Printer(const Printer&) = delete;
    Printer& operator=(const Printer&) = delete;
    ~Printer();

    DestinationKind kind() const { return m_kind; }
    // False for file: destinations and for device paths that are regular files.
    bool can_report_status() const { return m_kind != DestinationKind::File; }

    // Asks printer (n=1), offline cause (n=2) and paper (n=4) status. Error printer_no_answer
    // when a reply does not come within status_timeout or is not a status byte.
    core::Result<PrinterStatus> status();
    // Writes all bytes; error printer_timeout when a write makes no progress for write_timeout,
    // printer_write_failed when the connection or device fails.
    core::Status write(std::string_view bytes);

private:
    Printer(int fd, DestinationKind kind, PrinterOptions options)
        : m_fd(fd), m_kind(kind), m_options(options) {}
    core::Result<std::uint8_t> ask(StatusQuery query);

    int m_fd = -1;
    DestinationKind m_kind = DestinationKind::File;
    PrinterOptions m_options;
};

struct PrintReport {
    bool status_known = false;  // false for destinations that cannot answer
    PrinterStatus before;
    PrinterStatus after;
    std::size_t bytes_sent = 0;
};

// Opens `uri`, asks the status (refusing with printer_paper_out / printer_cover_open /
// printer_offline before sending anything), writes `job`, and asks the status again (a printer
// that runs out of paper during the job shows in `after`; no reply afterwards is an error).
core::Result<PrintReport> print_job(const std::string& uri, std::string_view job,
                                    const PrinterOptions& options = {});

// The error a not-ready status means (printer_paper_out, printer_cover_open, printer_offline).
core::Error not_ready_error(const PrinterStatus& status);

}  // namespace motcua::platform::print
