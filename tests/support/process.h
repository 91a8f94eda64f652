// Runs a program the way an operator or CI would, capturing stdout+stderr and the exit code.
#pragma once

#include <string>
#include <vector>

namespace kiosk::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  std::string output;  // stdout and stderr interleaved
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env = {});

}  // namespace kiosk::testing
