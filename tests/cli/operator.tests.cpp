// `kioskctl operator set-pin` and `kioskctl audit list`, with no kiosk running and against
// the running csc-kiosk through its control socket. The PIN goes in on stdin and only its
// Argon2id hash leaves kioskctl.
#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/control/client.h"
#include "kiosk/core/file.h"
#include "tests/support/eventually.h"
#include "tests/support/kiosk_dir.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/support/running_kiosk.h"

using namespace kiosk::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct Kiosk : KioskDir {
  explicit Kiosk(const std::string& name) : KioskDir(name) {}
  json audit() const {
    const auto r = ctl("--json audit list");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.output.substr(r.output.find('{')))["audit"];
  }
};

// The file's bytes; empty when it is absent (a WAL that was checkpointed away).
std::string file_bytes(const std::filesystem::path& file) {
  return kiosk::read_text_file(file).value_or("");
}

}  // namespace

TEST_CASE("kioskctl operator set-pin refuses a weak PIN and stores a good one's hash, audited",
          "[cli][operator]") {
  Kiosk kiosk("ctl-operator-offline");
  const auto weak = kiosk.ctl("operator set-pin", "123456\\n");
  CHECK(weak.exit_code == 1);
  CHECK(weak.output.find("run of digits") != std::string::npos);
  const auto set = kiosk.ctl("--json operator set-pin", "246813\\n");
  INFO(set.output);
  CHECK(set.exit_code == 0);
  CHECK(set.output.find("\"via\": \"offline\"") != std::string::npos);
  const json audit = kiosk.audit();
  REQUIRE(audit.size() == 1);
  CHECK(audit[0]["action"] == "operator.pin-set");
  CHECK(audit[0]["actor"].get<std::string>().starts_with("uid:"));
  CHECK(audit[0]["outcome"] == "ok");
  const auto db = file_bytes(kiosk.dir / "state" / "operator.db") +
                  file_bytes(kiosk.dir / "state" / "operator.db-wal");
  CHECK(db.find("246813") == std::string::npos);
  CHECK(db.find("$argon2id$") != std::string::npos);  // positive control: the hash is there
}

TEST_CASE("kioskctl operator set-pin and audit list go through the running kiosk",
          "[cli][operator][xvfb]") {
  Kiosk kiosk("ctl-operator-running");
  RunningKiosk running(kiosk.dir / "config.json");
  REQUIRE(eventually(
      [&] {
        return kiosk::control::request(kiosk.dir / "state" / "ctl.sock", {{"verb", "health"}}, 2s)
            .has_value();
      },
      20s));
  const auto set = kiosk.ctl("--json operator set-pin", "975318\\n");
  INFO(set.output << "\n" << running.log());
  CHECK(set.exit_code == 0);
  CHECK(set.output.find("\"via\": \"kiosk\"") != std::string::npos);
  const json audit = kiosk.audit();
  REQUIRE(audit.size() == 1);
  CHECK(audit[0]["action"] == "operator.pin-set");
  CHECK(audit[0]["actor"] == "uid:" + std::to_string(::getuid()));
  CHECK(running.log().find("975318") == std::string::npos);
}
