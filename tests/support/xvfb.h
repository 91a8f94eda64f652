// The start of an xvfb-run command line for tests. Each test process starts its search
// for a free display at its own number: with plain `-a`, several tests starting Xvfb at
// once all race for :99, :100 … and one can lose its X authority file to another.
#pragma once

#include <unistd.h>

#include <string>
#include <vector>

namespace kiosk::testing {

inline std::vector<std::string> xvfb_run(const std::string& screen) {
  const int start = 100 + static_cast<int>(::getpid() % 2000) * 4;
  return {"xvfb-run", "-n", std::to_string(start), "-a", "-s", "-screen 0 " + screen};
}

// xvfb_run(screen) followed by the command.
inline std::vector<std::string> under_xvfb(const std::string& screen,
                                           std::vector<std::string> command) {
  auto argv = xvfb_run(screen);
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

}  // namespace kiosk::testing
