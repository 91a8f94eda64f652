// The kiosk's configuration poll against the reference backend on loopback: GET /v1/config
// with If-None-Match (304, then a new bundle), and root rotations walked one version at a
// time before the bundle is checked. Everything signed by openssl.
#include <catch2/catch.hpp>
#include <fstream>

#include "kiosk/config/config_service.h"
#include "tests/backend/backend_process.h"
#include "tests/support/eventually.h"
#include "tests/support/outside_signer.h"
#include "tests/support/paths.h"

using namespace kiosk::config;
using kiosk::testing::BackendProcess;
using kiosk::testing::OutsideSigner;
using namespace std::chrono_literals;

namespace {

class AlwaysHealthy final : public HealthProbe {
 public:
  HealthReport probe() override { return {{{"ui", true}}}; }
};

void write(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE(
    "The kiosk polls its configuration with If-None-Match and walks root rotations one "
    "version at a time",
    "[config][poll][backend]") {
  const auto dir = kiosk::testing::scratch_dir("config-poll");
  for (const char* sub : {"keys", "roots", "state"}) std::filesystem::create_directories(dir / sub);
  OutsideSigner signer(dir / "keys");
  write(dir / "bundle.json", signer.bundle(OutsideSigner::bundle_payload(1)));
  BackendProcess backend(dir, {"--config-bundle", (dir / "bundle.json").string(), "--root-dir",
                               (dir / "roots").string()});
  write(dir / "token", std::string(kiosk::testing::kKioskToken) + "\n");

  kiosk::ManualClock clock{std::chrono::sys_days(std::chrono::year(2026) / 12 / 7) + 10h};
  kiosk::SeededRng rng{3};
  AlwaysHealthy health;
  ApplierOptions o;
  o.state_dir = dir / "state";
  o.shipped_root = signer.shipped_root;
  o.kiosk_id = "CG-RPR-0042";
  o.now = [&clock] { return clock.wall_now(); };
  auto applier = ConfigApplier::open(o);
  REQUIRE(applier);
  FetchSettings fetch{
      fmt::format("http://127.0.0.1:{}", backend.port()), "CG-RPR-0042", dir / "token", {}};
  ServiceSettings settings;
  settings.poll_every = 900s;
  int changes = 0;
  ConfigService service(std::move(*applier), health, std::make_unique<HttpBundleSource>(fetch),
                        clock, rng, settings, [&changes] { ++changes; });
  const auto poll = [&] {
    service.poll_now();
    service.tick();
  };
  const auto in_force = [&] { return service.in_force() ? service.in_force()->version : 0; };

  poll();
  CHECK(in_force() == 1);
  CHECK(changes == 1);
  const std::string etag = service.status()["record"]["etag"];
  CHECK_FALSE(etag.empty());

  poll();  // nothing new: the backend answers 304
  CHECK(changes == 1);
  // (the backend logs a request after answering it)
  CHECK(kiosk::testing::eventually([&] { return count_of(backend.log(), " 304 ") == 1; }, 5s));

  SECTION("a new bundle is fetched and applied") {
    write(dir / "bundle.json", signer.bundle(OutsideSigner::bundle_payload(2)));
    poll();
    CHECK(in_force() == 2);
    CHECK(service.status()["record"]["etag"] != etag);
  }
  SECTION("a bundle signed by a key two rotations away is trusted once both are walked") {
    auto root3 = signer.make_key("root3");
    auto config2 = signer.make_key("config2");
    write(dir / "roots" / "2.json",
          signer.root(2, {&signer.root2}, {&signer.config}, {&signer.root1, &signer.root2}));
    write(dir / "roots" / "3.json", signer.root(3, {&root3}, {&config2}, {&signer.root2, &root3}));
    write(dir / "bundle.json",
          signer.envelope(OutsideSigner::bundle_payload(2).dump(), {&config2}));
    poll();
    CHECK(service.status()["root_version"] == 3);
    CHECK(in_force() == 2);
    SECTION("positive control: without the rotations that key is unknown") {
      std::filesystem::remove(dir / "state" / "config" / "roots" / "3.json");
      auto fresh = ConfigApplier::open(o);
      REQUIRE(fresh);
      CHECK((*fresh)->root().version == 2);
      // v2 no longer verifies: back to last-known-good, the local file (v1 was still on
      // trial when v2 came, so it never became last-known-good)
      CHECK_FALSE((*fresh)->in_force());
    }
  }
}
