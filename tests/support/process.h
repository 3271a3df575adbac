// Test support: run a program to completion with a timeout, capturing its output.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace motcua::test {

struct ProcessResult {
    int exit_code = -1;  // 128 + signal when killed
    std::string output;  // stdout and stderr, interleaved
    bool timed_out = false;
};

// Runs argv[0] with the arguments and extra environment entries ("NAME=value").
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& environment = {},
                          std::chrono::milliseconds timeout = std::chrono::minutes(3));

}  // namespace motcua::test
