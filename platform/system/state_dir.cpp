#include "platform/system/state_dir.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace motcua::platform {

core::Result<std::string> state_directory(const char* xdg_state_home, const char* home) {
    if (xdg_state_home && xdg_state_home[0] == '/') return std::string(xdg_state_home) + "/motcua";
    if (home && home[0] == '/') return std::string(home) + "/.local/state/motcua";
    return core::make_error("state_dir_unknown",
                            "no state folder: XDG_STATE_HOME and HOME are unset, empty or not "
                            "absolute (use --db FILE)");
}

core::Status make_private_directory(const std::string& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        return core::make_error("state_dir_failed",
                                "cannot create " + dir + ": " + error.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, error);
    if (error)
        return core::make_error("state_dir_failed",
                                "cannot make " + dir + " private (0700): " + error.message());
    return core::Ok{};
}

}  // namespace motcua::platform
