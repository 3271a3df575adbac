// printer-sim: a thermal receipt printer on loopback TCP, for tests and for trying the kiosk
// without hardware. Decodes the ESC/POS the kiosk sends (ESC @, GS v 0 raster, ESC d / LF
// feeds, GS V cut) into one PNG per cut in --out, answers DLE EOT n as configured, and refuses
// (logs on stderr and drops the connection) any command it does not know.
//
//   printer-sim --port 0 --out DIR [--paper-out|--near-end|--cover-open|--no-answer] [--raw]
//
// --raw also keeps the bytes of each page (from the ESC @ before it to its cut, status queries
// left out) as receipt-NNN.bin beside its PNG, for tests that check the stream itself.
//
// First stdout line: "listening on tcp://127.0.0.1:PORT". Stops on SIGTERM/SIGINT.
// One connection at a time, like a real raw-9100 printer.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stb_image_write.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

volatile sig_atomic_t g_stop = 0;
void on_signal(int) {
    g_stop = 1;
}

enum class Mode { Normal, PaperOut, NearEnd, CoverOpen, NoAnswer };

struct Options {
    int port = 0;
    std::string out_dir;
    Mode mode = Mode::Normal;
    bool raw = false;  // [paper] keep receipt-NNN.bin too
};

int usage() {
    std::fprintf(stderr,
                 "usage: printer-sim --port N --out DIR "
                 "[--paper-out|--near-end|--cover-open|--no-answer] [--raw]\n");
    return 2;
}

// The reply byte to DLE EOT n (bits 1 and 4 always set; see shared/domain/printing.md).
int status_reply(Mode mode, int n) {
    const int base = 0x12;
    switch (n) {
        case 1:  // printer status: bit 3 offline
            return (mode == Mode::PaperOut || mode == Mode::CoverOpen) ? base | 0x08 : base;
        case 2:  // offline cause: bit 2 cover open, bit 5 stopped at paper end
            if (mode == Mode::CoverOpen) return base | 0x04;
            if (mode == Mode::PaperOut) return base | 0x20;
            return base;
        case 4:  // paper sensor: bits 2,3 near end, bits 5,6 paper out
            if (mode == Mode::PaperOut) return base | 0x60 | 0x0C;
            if (mode == Mode::NearEnd) return base | 0x0C;
            return base;
        default:
            return -1;
    }
}

// The page being printed: raster rows since the last cut.
struct Page {
    int width = 0;  // dots
    int rows = 0;
    std::vector<std::uint8_t> bits;  // packed, width/8 bytes per row, 1 = black
    int feeds = 0;
};

class Session {
public:
    Session(const Options& options, int fd, int& cut_counter)
        : m_options(options), m_fd(fd), m_cuts(cut_counter) {}

    // Consumes what it can of m_buffer; false when the connection must be dropped.
    bool feed(const char* data, std::size_t size) {
        m_buffer.append(data, size);
        std::size_t at = 0;
        while (at < m_buffer.size()) {
            const std::size_t used = command(at);
            if (used == Incomplete) break;
            if (used == Refused) return false;
            // Status queries are not part of the page.
            if (m_options.raw && static_cast<std::uint8_t>(m_buffer[at]) != 0x10)
                m_raw.append(m_buffer, at, used);
            if (!m_pending_bin.empty()) write_raw();  // the page's cut is in m_raw now
            at += used;
            m_offset += used;
        }
        m_buffer.erase(0, at);
        return true;
    }

    void finish() {
        if (m_page.rows > 0)
            std::fprintf(stderr, "printer-sim: connection closed with %d rows not cut\n",
                         m_page.rows);
    }

private:
    static constexpr std::size_t Incomplete = 0;
    static constexpr std::size_t Refused = static_cast<std::size_t>(-1);

    std::uint8_t at(std::size_t i) const { return static_cast<std::uint8_t>(m_buffer[i]); }

    std::size_t refuse(std::size_t i, const char* what) {
        std::fprintf(
            stderr,
            "printer-sim: refused %s at stream offset %zu (byte 0x%02X); dropping connection\n",
            what, m_offset, at(i));
        return Refused;
    }

    // Length of the command at i, Incomplete, or Refused.
    std::size_t command(std::size_t i) {
        const std::size_t left = m_buffer.size() - i;
        const std::uint8_t c = at(i);
        if (c == 0x0A) {  // LF
            m_page.feeds += 1;
            return 1;
        }
        if (c == 0x1B) {
            if (left < 2) return Incomplete;
            if (at(i + 1) == '@') {  // ESC @: initialise, the unfinished page is discarded
                if (m_page.rows > 0)
                    std::fprintf(stderr, "printer-sim: ESC @ discarded %d uncut rows\n",
                                 m_page.rows);
                m_page = Page{};
                m_raw.clear();  // the page starts again with this ESC @
                return 2;
            }
            if (at(i + 1) == 'd') {  // ESC d n: feed n lines
                if (left < 3) return Incomplete;
                m_page.feeds += at(i + 2);
                return 3;
            }
            return refuse(i, "unknown ESC command");
        }
        if (c == 0x1D) {
            if (left < 2) return Incomplete;
            if (at(i + 1) == 'v') {  // GS v 0 m xL xH yL yH data
                if (left < 8) return Incomplete;
                const std::uint8_t mode = at(i + 3);
                if (at(i + 2) != '0' || !(mode <= 3 || (mode >= '0' && mode <= '3')))
                    return refuse(i, "GS v with an unknown function or mode");
                const int row_bytes = at(i + 4) | (at(i + 5) << 8);
                const int rows = at(i + 6) | (at(i + 7) << 8);
                if (row_bytes == 0 || rows == 0 || row_bytes > 255)
                    return refuse(i, "GS v 0 with an empty or oversized band");
                const std::size_t data =
                    static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows);
                if (left < 8 + data) return Incomplete;
                if (m_page.rows > 0 && m_page.width != row_bytes * 8)
                    return refuse(i, "GS v 0 band of a different width on the same page");
                m_page.width = row_bytes * 8;
                m_page.rows += rows;
                m_page.bits.insert(m_page.bits.end(),
                                   m_buffer.begin() + static_cast<std::ptrdiff_t>(i + 8),
                                   m_buffer.begin() + static_cast<std::ptrdiff_t>(i + 8 + data));
                m_bands += 1;
                return 8 + data;
            }
            if (at(i + 1) == 'V') {  // GS V m, or GS V m n for m = 65/66
                if (left < 3) return Incomplete;
                const std::uint8_t m = at(i + 2);
                std::size_t length;
                if (m == 0 || m == 1 || m == '0' || m == '1')
                    length = 3;
                else if (m == 65 || m == 66)
                    length = 4;
                else
                    return refuse(i, "GS V with an unknown mode");
                if (left < length) return Incomplete;
                cut();
                return length;
            }
            return refuse(i, "unknown GS command");
        }
        if (c == 0x10) {  // DLE EOT n: real-time status
            if (left < 2) return Incomplete;
            if (at(i + 1) != 0x04) return refuse(i, "unknown DLE command");
            if (left < 3) return Incomplete;
            const int reply = status_reply(m_options.mode, at(i + 2));
            if (reply < 0) return refuse(i, "DLE EOT with an unknown n");
            if (m_options.mode != Mode::NoAnswer) {
                const char byte = static_cast<char>(reply);
                if (::send(m_fd, &byte, 1, MSG_NOSIGNAL) != 1)
                    std::fprintf(stderr, "printer-sim: status reply failed: %s\n",
                                 std::strerror(errno));
            }
            return 3;
        }
        return refuse(i, "unknown command");
    }

    void cut() {
        const int number = ++m_cuts;
        if (m_page.rows == 0) {
            std::fprintf(stderr, "printer-sim: cut %d with nothing printed (no PNG)\n", number);
            m_page = Page{};
            m_raw.clear();
            return;
        }
        if (m_options.mode == Mode::PaperOut || m_options.mode == Mode::CoverOpen) {
            std::fprintf(stderr, "printer-sim: cut %d: not ready, %dx%d page not printed\n", number,
                         m_page.width, m_page.rows);
            m_page = Page{};
            m_raw.clear();
            return;
        }
        std::vector<std::uint8_t> grey(static_cast<std::size_t>(m_page.width) *
                                       static_cast<std::size_t>(m_page.rows));
        const int row_bytes = m_page.width / 8;
        for (int y = 0; y < m_page.rows; ++y)
            for (int x = 0; x < m_page.width; ++x) {
                const bool black =
                    (m_page.bits[static_cast<std::size_t>(y * row_bytes + x / 8)] >> (7 - x % 8)) &
                    1;
                grey[static_cast<std::size_t>(y * m_page.width + x)] = black ? 0 : 255;
            }
        char name[64];
        std::snprintf(name, sizeof name, "receipt-%03d.png", number);
        const std::string path = m_options.out_dir + "/" + name;
        if (m_options.raw) m_pending_bin = path.substr(0, path.size() - 4) + ".bin";
        const std::string partial = path + ".part";
        if (!stbi_write_png(partial.c_str(), m_page.width, m_page.rows, 1, grey.data(),
                            m_page.width) ||
            std::rename(partial.c_str(), path.c_str()) != 0) {
            std::fprintf(stderr, "printer-sim: cannot write %s\n", path.c_str());
        } else {
            std::fprintf(stderr, "printer-sim: cut %d: %dx%d in %d bands, %d feed lines -> %s\n",
                         number, m_page.width, m_page.rows, m_bands, m_page.feeds, path.c_str());
        }
        m_page = Page{};
        m_bands = 0;
    }

    // --raw: the page's bytes, its cut included, written whole (then renamed into place).
    void write_raw() {
        const std::string partial = m_pending_bin + ".part";
        FILE* out = std::fopen(partial.c_str(), "wb");
        bool ok = out && std::fwrite(m_raw.data(), 1, m_raw.size(), out) == m_raw.size();
        if (out) ok = std::fclose(out) == 0 && ok;
        if (!ok || std::rename(partial.c_str(), m_pending_bin.c_str()) != 0)
            std::fprintf(stderr, "printer-sim: cannot write %s\n", m_pending_bin.c_str());
        m_raw.clear();
        m_pending_bin.clear();
    }

    const Options& m_options;
    int m_fd;
    int& m_cuts;
    std::string m_buffer;
    std::size_t m_offset = 0;
    Page m_page;
    int m_bands = 0;
    std::string m_raw;          // --raw: this page's bytes so far
    std::string m_pending_bin;  // --raw: cut seen, write m_raw here once the cut is in it
};

}  // namespace

int main(int argc, char** argv) {
    Options options;
    bool have_port = false;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--port" && i + 1 < argc) {
            options.port = std::atoi(argv[++i]);
            have_port = true;
        } else if (argument == "--out" && i + 1 < argc) {
            options.out_dir = argv[++i];
        } else if (argument == "--paper-out") {
            options.mode = Mode::PaperOut;
        } else if (argument == "--near-end") {
            options.mode = Mode::NearEnd;
        } else if (argument == "--cover-open") {
            options.mode = Mode::CoverOpen;
        } else if (argument == "--no-answer") {
            options.mode = Mode::NoAnswer;
        } else if (argument == "--raw") {
            options.raw = true;
        } else {
            return usage();
        }
    }
    if (!have_port || options.out_dir.empty() || options.port < 0 || options.port > 65535)
        return usage();
    std::error_code error;
    std::filesystem::create_directories(options.out_dir, error);

    signal(SIGPIPE, SIG_IGN);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(options.port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only
    if (listener < 0 ||
        ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 4) != 0) {
        std::fprintf(stderr, "printer-sim: cannot listen on port %d: %s\n", options.port,
                     std::strerror(errno));
        return 1;
    }
    socklen_t length = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    std::printf("listening on tcp://127.0.0.1:%d\n", ntohs(address.sin_port));
    std::fflush(stdout);

    int cuts = 0;
    while (!g_stop) {
        pollfd entry{listener, POLLIN, 0};
        if (::poll(&entry, 1, 200) <= 0) continue;
        const int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        Session session(options, client, cuts);
        char buffer[65536];
        while (!g_stop) {
            pollfd in{client, POLLIN, 0};
            const int ready = ::poll(&in, 1, 200);
            if (ready <= 0) continue;
            const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            if (!session.feed(buffer, static_cast<std::size_t>(n))) break;
        }
        session.finish();
        ::close(client);
    }
    ::close(listener);
    return 0;
}
