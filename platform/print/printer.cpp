#include "platform/print/printer.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace motcua::platform::print {

namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
    // Rounded up: poll() must not wake before the deadline.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits for `events` on fd until the deadline; 1 ready, 0 timed out, -1 error (errno set).
int wait_for(int fd, short events, Clock::time_point deadline) {
    while (true) {
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return ready;
        if (entry.revents & (events)) return 1;
        errno = (entry.revents & POLLHUP) ? EPIPE : EIO;
        return -1;
    }
}

bool set_nonblocking(int fd) {
    const int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

core::Result<int> connect_tcp(const std::string& host, const std::string& port,
                              const PrinterOptions& options) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0)
        return core::make_error("printer_unreachable",
                                "cannot resolve " + host + ": " + gai_strerror(rc));
    std::string last_error = "no address";
    const auto deadline = Clock::now() + options.connect_timeout;
    for (addrinfo* address = found; address != nullptr; address = address->ai_next) {
        const int fd =
            ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) {
            last_error = std::strerror(errno);
            continue;
        }
        set_nonblocking(fd);
        int result = ::connect(fd, address->ai_addr, address->ai_addrlen);
        if (result != 0 && errno == EINPROGRESS) {
            const int ready = wait_for(fd, POLLOUT, deadline);
            int socket_error = 0;
            socklen_t length = sizeof socket_error;
            if (ready == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &socket_error, &length) == 0 &&
                socket_error == 0) {
                result = 0;
            } else {
                last_error = ready == 0 ? "connect timed out"
                                        : std::strerror(socket_error ? socket_error : errno);
            }
        } else if (result != 0) {
            last_error = std::strerror(errno);
        }
        if (result == 0) {
            freeaddrinfo(found);
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return fd;
        }
        ::close(fd);
    }
    freeaddrinfo(found);
    return core::make_error("printer_unreachable",
                            "tcp://" + host + ":" + port + ": " + last_error);
}

}  // namespace

core::Result<Printer> Printer::open(const std::string& uri, const PrinterOptions& options) {
    if (uri.rfind("tcp://", 0) == 0) {
        const std::string rest = uri.substr(6);
        const auto colon = rest.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
            return core::make_error("printer_uri_invalid", "expected tcp://HOST:PORT: " + uri);
        std::string host = rest.substr(0, colon);
        if (host.size() > 2 && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);
        auto fd = connect_tcp(host, rest.substr(colon + 1), options);
        if (!fd) return fd.error();
        return Printer(fd.value(), DestinationKind::Tcp, options);
    }
    if (uri.rfind("file:", 0) == 0) {
        const std::string path = uri.substr(5);
        if (path.empty()) return core::make_error("printer_uri_invalid", "file: without a path");
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0)
            return core::make_error("printer_unreachable", path + ": " + std::strerror(errno));
        return Printer(fd, DestinationKind::File, options);
    }
    if (uri.empty() || uri.find("://") != std::string::npos)
        return core::make_error("printer_uri_invalid", "unknown printer destination: " + uri);
    // A device path: read-write when the device allows it (status replies), else write-only.
    int fd = ::open(uri.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) fd = ::open(uri.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return core::make_error("printer_unreachable", uri + ": " + std::strerror(errno));
    struct stat info {};
    const bool device = fstat(fd, &info) == 0 && S_ISCHR(info.st_mode);
    return Printer(fd, device ? DestinationKind::DeviceFile : DestinationKind::File, options);
}

Printer::Printer(Printer&& other) noexcept
    : m_fd(other.m_fd), m_kind(other.m_kind), m_options(other.m_options) {
    other.m_fd = -1;
}

Printer& Printer::operator=(Printer&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = other.m_fd;
        m_kind = other.m_kind;
        m_options = other.m_options;
        other.m_fd = -1;
    }
    return *this;
}

Printer::~Printer() {
    if (m_fd >= 0) ::close(m_fd);
}

core::Status Printer::write(std::string_view bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = m_kind == DestinationKind::Tcp
                              ? ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL)
                              : ::write(m_fd, bytes.data() + sent, bytes.size() - sent);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int ready = wait_for(m_fd, POLLOUT, Clock::now() + m_options.write_timeout);
            if (ready == 1) continue;
            if (ready == 0)
                return core::make_error("printer_timeout",
                                        "no write progress for " +
                                            std::to_string(m_options.write_timeout.count()) +
                                            " ms after " + std::to_string(sent) + " bytes");
        }
        return core::make_error("printer_write_failed", "after " + std::to_string(sent) +
                                                            " bytes: " + std::strerror(errno));
    }
    return core::Ok{};
}

core::Result<std::uint8_t> Printer::ask(StatusQuery query) {
    // Drop stale bytes (a late reply to an earlier question) so replies stay paired.
    char stale[64];
    while (::read(m_fd, stale, sizeof stale) > 0) {  // the descriptor is non-blocking
    }
    auto written = write(status_request(query));
    if (!written) return written.error();
    const auto deadline = Clock::now() + m_options.status_timeout;
    while (true) {
        const int ready = wait_for(m_fd, POLLIN, deadline);
        if (ready == 0)
            return core::make_error("printer_no_answer",
                                    "no reply to DLE EOT " +
                                        std::to_string(static_cast<int>(query)) + " within " +
                                        std::to_string(m_options.status_timeout.count()) + " ms");
        if (ready < 0)
            return core::make_error("printer_no_answer",
                                    std::string("waiting for status: ") + std::strerror(errno));
        std::uint8_t byte = 0;
        const ssize_t n = ::read(m_fd, &byte, 1);
        if (n == 1) {
            if (!is_status_byte(byte))
                return core::make_error("printer_no_answer",
                                        "reply is not a status byte: " + std::to_string(byte));
            return byte;
        }
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        return core::make_error("printer_no_answer",
                                n == 0 ? "connection closed" : std::string(std::strerror(errno)));
    }
}

core::Result<PrinterStatus> Printer::status() {
    if (!can_report_status())
        return core::make_error("printer_no_answer", "this destination cannot report status");
    PrinterStatus status;
    for (const auto query :
         {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::PaperSensor}) {
        auto byte = ask(query);
        if (!byte) return byte.error();
        apply_status_byte(query, byte.value(), status);
    }
    return status;
}

core::Error not_ready_error(const PrinterStatus& status) {
    if (status.paper_out) return core::make_error("printer_paper_out", "paper sensor: no paper");
    if (status.cover_open) return core::make_error("printer_cover_open", "cover open");
    return core::make_error("printer_offline", "printer reports offline");
}

core::Result<PrintReport> print_job(const std::string& uri, std::string_view job,
                                    const PrinterOptions& options) {
    auto printer = Printer::open(uri, options);
    if (!printer) return printer.error();
    PrintReport report;
    report.status_known = printer->can_report_status();
    if (report.status_known) {
        auto before = printer->status();
        if (!before) return before.error();
        report.before = before.value();
        if (!report.before.ready()) return not_ready_error(report.before);
    }
    auto written = printer->write(job);
    if (!written) return written.error();
    report.bytes_sent = job.size();
    if (report.status_known) {
        auto after = printer->status();
        if (!after) return after.error();
        report.after = after.value();  // the caller decides what a not-ready printer means now
    }
    return report;
}

}  // namespace motcua::platform::print
