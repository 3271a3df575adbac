// Where the kiosk keeps its state (the outbox), by the XDG Base Directory rule: $XDG_STATE_HOME
// when it is set, non-empty and absolute, else $HOME/.local/state. The folder holds pending
// dossiers with personal data, so it is created 0700.
#pragma once

#include <string>

#include "core/result.h"

namespace motcua::platform {

// "<state home>/motcua" from the two variables' values (nullptr = unset). Empty or relative
// XDG_STATE_HOME counts as unset (the XDG rule). Error "state_dir_unknown" when HOME is unset,
// empty or relative too.
core::Result<std::string> state_directory(const char* xdg_state_home, const char* home);

// Creates `dir` (and its parents) when missing and makes `dir` itself 0700. Error
// "state_dir_failed" with the path and the system's reason.
core::Status make_private_directory(const std::string& dir);

}  // namespace motcua::platform
