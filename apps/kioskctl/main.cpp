// kioskctl: the operator's command line. Needs no display. Verbs and their JSON are
// documented in docs/cli.md; exit codes are kiosk::ExitCode.
#include <CLI/CLI.hpp>

#include "apps/kioskctl/verbs.h"
#include "kiosk/core/result.h"
#include "kiosk/core/version.h"

int main(int argc, char** argv) {
  kioskctl::Globals globals;
  CLI::App app{"kioskctl: operate and inspect a csc-kiosk"};
  app.set_version_flag("--version", kiosk::kVersion);
  app.add_option("--config", globals.config,
                 "Local config file (default /etc/csc-kiosk/config.json)");
  app.add_flag("--json", globals.json, "Print machine-readable JSON (schemas in docs/cli.md)");
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the verb: `kioskctl status --json`
  int code = 0;
  kioskctl::register_verbs(app, globals, code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(kiosk::ExitCode::Usage);
  }
  return code;
}
