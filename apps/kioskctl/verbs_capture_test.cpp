// `kioskctl capture-test [--json]`: one capture through the fingerprint reader's RD
// Service (kiosk/ctl/capture_test.h). Exit 0 on a usable capture, 1 on a capture error,
// 3 without a fingerprint entry in the configuration, 4 when no RD Service answers.
#include "apps/kioskctl/verbs.h"
#include "kiosk/biometric/reader_config.h"
#include "kiosk/ctl/capture_test.h"

namespace kioskctl {

void register_capture_test_verb(CLI::App& app, const Globals& g, int& exit_code) {
  CLI::App* verb = app.add_subcommand(
      "capture-test", "One fingerprint capture: RD status, errCode, quality, minutiae");
  verb->callback([&g, &exit_code] {
    auto config = load_config(g, exit_code);
    if (!config) return;
    auto settings = kiosk::biometric::reader_settings(*config);
    if (!settings) {
      return print_error(
          g, kiosk::Error{kiosk::Errc::Config, "no fingerprint reader is configured (devices)"},
          exit_code);
    }
    kiosk::biometric::RdClient client(settings->client);
    const auto report = kiosk::ctl::capture_test(client);
    print(g.json ? report.json.dump(2) + "\n" : kiosk::ctl::capture_test_text(report.json));
    exit_code = static_cast<int>(report.exit);
  });
}

}  // namespace kioskctl
