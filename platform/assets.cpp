#include "platform/assets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace motcua::platform {

core::Result<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) return core::make_error("file_missing", path + ": no such file");
        return core::make_error("file_unreadable",
                                "cannot open " + path + ": " + std::strerror(error));
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0)
        return core::make_error("file_unreadable",
                                "cannot inspect " + path + ": " + std::strerror(errno));
    if (S_ISDIR(info.st_mode))
        return core::make_error("file_not_regular", path + ": is a folder, not a file");
    if (!S_ISREG(info.st_mode)) {
        const char* kind = S_ISFIFO(info.st_mode)   ? "a FIFO"
                           : S_ISCHR(info.st_mode)  ? "a character device"
                           : S_ISBLK(info.st_mode)  ? "a block device"
                           : S_ISSOCK(info.st_mode) ? "a socket"
                                                    : "not a regular file";
        return core::make_error("file_not_regular",
                                path + ": is " + std::string(kind) + ", not a regular file");
    }
    const auto too_large = [&] {
        return core::make_error(
            "file_too_large",
            path + ": larger than " + std::to_string(max_bytes) + " bytes, the most read");
    };
    if (static_cast<unsigned long long>(info.st_size) > max_bytes) return too_large();
    std::string text;
    text.resize(std::min<std::size_t>(static_cast<std::size_t>(info.st_size), max_bytes) + 1);
    std::size_t used = 0;
    while (true) {
        if (used == text.size()) {
            if (used > max_bytes) return too_large();  // grew while we read: refuse, don't follow
            text.resize(std::min(max_bytes + 1, text.size() * 2));
        }
        const ssize_t got = ::read(fd, text.data() + used, text.size() - used);
        if (got < 0) {
            if (errno == EINTR) continue;
            return core::make_error("file_unreadable",
                                    "cannot read " + path + ": " + std::strerror(errno));
        }
        if (got == 0) break;
        used += static_cast<std::size_t>(got);
    }
    if (used > max_bytes) return too_large();
    text.resize(used);
    return text;
}

core::Result<std::string> read_text_file(const std::string& path) {
    return read_small_file(path);
}

core::Result<core::Strings> load_strings(const std::string& assets_dir) {
    auto vi_text = read_text_file(assets_dir + "/i18n/vi.json");
    if (!vi_text) return vi_text.error();
    auto en_text = read_text_file(assets_dir + "/i18n/en.json");
    if (!en_text) return en_text.error();
    auto vi = core::I18n::parse(*vi_text, "i18n/vi.json");
    if (!vi) return vi.error();
    auto en = core::I18n::parse(*en_text, "i18n/en.json");
    if (!en) return en.error();
    return core::Strings{std::move(vi).value(), std::move(en).value()};
}

core::Catalog load_catalog(const std::string& dir) {
    namespace fs = std::filesystem;
    std::vector<core::SourceFile> files;
    std::vector<core::Error> unreadable;
    std::error_code error;
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(dir, error))
        if (entry.path().extension() == ".json") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        auto text = read_text_file(path.string());
        if (text)
            files.push_back({path.filename().string(), std::move(text).value()});
        else
            unreadable.push_back(text.error());
    }
    core::Catalog catalog = core::build_catalog(files);
    if (error) {
        catalog.problems.push_back(
            core::make_error("procedure_invalid", "cannot list " + dir + ": " + error.message()));
    } else if (paths.empty()) {
        catalog.problems.push_back(core::make_error(
            "procedure_invalid", dir + ": no procedure files (*.json) in this folder"));
    }
    for (auto& problem : unreadable) catalog.problems.push_back(std::move(problem));
    return catalog;
}

core::Result<core::HolidayCalendar> load_holidays(const std::string& assets_dir,
                                                  const std::string& file) {
    // No file is an error, not an empty calendar: due dates would silently ignore Tết.
    const std::string path = file.empty() ? assets_dir + "/config/holidays.json" : file;
    auto text = read_small_file(path);
    if (!text) return text.error();
    return core::parse_holiday_file(*text, path);
}

core::Result<core::FeeSchedule> load_fees(const std::string& assets_dir, const std::string& path) {
    const std::string file = path.empty() ? assets_dir + "/config/fees.json" : path;
    auto text = read_text_file(file);
    if (!text) return text.error();
    return core::FeeSchedule::parse(*text, file);
}

}  // namespace motcua::platform
