// The other half of tests/support/powercut_shim.c: after a process running under the shim was
// killed, undo every write it made since each file's last fsync, newest first, so the files
// hold what a power cut at that moment could have left. Header-only (ui_tests links
// tests/support/*.cpp and needs none of this).
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace motcua::test {

struct PowercutResult {
    int writes_dropped = 0;  // unsynced writes and truncations undone
    int files_touched = 0;
};

inline PowercutResult powercut_revert(const std::string& log_path) {
    struct Undo {
        std::uint64_t offset, old_size;
        std::string old;
    };
    std::map<std::string, std::vector<Undo>> pending;  // since each file's last sync
    const int fd = ::open(log_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string log;
    char buffer[1 << 16];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        log.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    std::size_t at = 0;
    auto take = [&](void* out, std::size_t size) {
        if (at + size > log.size()) return false;
        std::memcpy(out, log.data() + at, size);
        at += size;
        return true;
    };
    while (at < log.size()) {
        std::uint32_t magic = 0, kind = 0, path_length = 0;
        std::uint64_t offset = 0, old_length = 0, old_size = 0;
        // A record cut by the kill was never followed by its write: stop there.
        if (!take(&magic, 4) || magic != 0x54554350u || !take(&kind, 4) || !take(&offset, 8) ||
            !take(&old_length, 8) || !take(&old_size, 8) || !take(&path_length, 4) ||
            at + path_length + old_length > log.size())
            break;
        std::string path = log.substr(at, path_length);
        at += path_length;
        std::string old = log.substr(at, old_length);
        at += old_length;
        if (kind == 2)
            pending[path].clear();
        else
            pending[path].push_back({offset, old_size, std::move(old)});
    }
    PowercutResult result;
    for (auto& [path, undos] : pending) {
        if (undos.empty()) continue;
        const int file = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (file < 0) continue;  // deleted since: nothing to restore
        ++result.files_touched;
        for (auto it = undos.rbegin(); it != undos.rend(); ++it) {
            if (!it->old.empty() &&
                ::pwrite(file, it->old.data(), it->old.size(), static_cast<off_t>(it->offset)) !=
                    static_cast<ssize_t>(it->old.size()))
                throw std::runtime_error("powercut: cannot restore " + path);
            if (::ftruncate(file, static_cast<off_t>(it->old_size)) != 0)
                throw std::runtime_error("powercut: cannot truncate " + path);
            ++result.writes_dropped;
        }
        ::fsync(file);
        ::close(file);
    }
    ::unlink(log_path.c_str());  // a new boot: the next run logs afresh
    return result;
}

}  // namespace motcua::test
