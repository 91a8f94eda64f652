#include "kiosk/ctl/scan_test.h"

#include <atomic>
#include <memory>

#include "kiosk/ctl/decode_qr.h"

namespace kiosk::ctl {
namespace {

struct ScanTestReply {
  nlohmann::json report;
};

nlohmann::json to_json(const ScanTestReply& reply) {
  return reply.report;
}

}  // namespace

Result<ScanTestRequest> parse_scan_test(const control::Request& request) {
  if (auto only = request.only_fields({"timeout_s"}); !only) return std::unexpected(only.error());
  ScanTestRequest r;
  if (request.has("timeout_s")) {
    auto s = request.integer("timeout_s", 1, kScanTestMax.count());
    if (!s) return std::unexpected(s.error());
    r.timeout = std::chrono::seconds(*s);
  }
  return r;
}

bool may_show_text(std::string_view kind) {
  return !kind.starts_with("aadhaar");
}

nlohmann::json scan_report(std::string_view scanner, std::string_view text,
                           const std::optional<std::filesystem::path>& uidai_cert) {
  bool recognised = false;
  nlohmann::json report = describe_payload(text, uidai_cert, recognised);
  report["scanner"] = scanner;
  report["recognised"] = recognised;
  report["length"] = text.size();
  if (may_show_text(report.value("kind", ""))) report["text"] = text;
  return report;
}

void register_scan_test_verb(control::VerbRegistry& verbs, devices::ScanBoard& board,
                             bool scanner_configured,
                             std::optional<std::filesystem::path> uidai_cert) {
  // Change: a scan is citizen data, for operators only.
  verbs.add({"scan-test", control::Access::Change, kScanTestMax + std::chrono::seconds(2),
             "wait for one scan from any scanner and describe it, masked"},
            parse_scan_test,
            [&board, scanner_configured, cert = std::move(uidai_cert),
             waiting = std::make_shared<std::atomic<bool>>(false)](
                const ScanTestRequest& r, const control::Peer&) -> Result<ScanTestReply> {
              if (!scanner_configured)
                return fail(Errc::NoDevice, "no scanner is configured (devices, kind scanner)");
              // One wait at a time: each holds a control worker for up to 300 s.
              if (waiting->exchange(true))
                return fail(Errc::Busy, "another scan-test is already waiting for a scan");
              auto scan = board.wait_next(r.timeout);
              waiting->store(false);
              if (!scan || !scan->text)
                return fail(Errc::Timeout,
                            "no scan came in " + std::to_string(r.timeout.count()) + " s");
              return ScanTestReply{scan_report(scan->device, *scan->text, cert)};
            });
}

}  // namespace kiosk::ctl
