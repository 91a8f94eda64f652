// The device vocabulary: change-only events, cancellation hooks, and the i18n keys its
// statuses and actions name.
#include "drivers/model/device_model.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/paths.h"

using namespace drivers::model;

TEST_CASE("A state is delivered only when it changed", "[drivers][model][events]") {
  std::vector<DeviceState> seen;
  ChangeFilter filter([&](const DeviceState& s) { seen.push_back(s); });
  DeviceState printer{.name = "printer", .kind = DeviceKind::Printer, .status = Status::Online};
  CHECK(filter.publish(printer));
  CHECK_FALSE(filter.publish(printer));
  printer.supplies["paper"] = SupplyLevel::Low;
  CHECK(filter.publish(printer));
  DeviceState scanner{.name = "scanner", .kind = DeviceKind::Scanner, .status = Status::Online};
  CHECK(filter.publish(scanner));  // another device's first state is news
  REQUIRE(seen.size() == 3);
  CHECK(seen[1].supplies.at("paper") == SupplyLevel::Low);
}

TEST_CASE("Cancelling runs each registered hook once", "[drivers][model][cancel]") {
  CancelToken token;
  int first = 0, second = 0, removed = 0;
  token.add_hook([&] { ++first; });
  const int id = token.add_hook([&] { ++removed; });
  token.add_hook([&] { ++second; });
  token.remove_hook(id);
  CHECK_FALSE(token.cancelled());
  token.cancel();
  token.cancel();
  CHECK(token.cancelled());
  CHECK(first == 1);
  CHECK(second == 1);
  CHECK(removed == 0);
  int late = 0;
  CHECK(token.add_hook([&] { ++late; }) == -1);  // already cancelled: runs at once
  CHECK(late == 1);
}

TEST_CASE("Every status and action text key exists in every string catalogue",
          "[drivers][model][i18n]") {
  for (const char* language : {"en", "hi"}) {
    std::ifstream in(kiosk::testing::assets_dir() / "i18n" / (std::string(language) + ".json"));
    const auto catalogue = nlohmann::json::parse(in);
    for (auto s : {Status::Online, Status::Offline, Status::NoDevice, Status::Busy,
                   Status::HardwareError, Status::Unknown}) {
      INFO(language << " " << status_text_key(s));
      CHECK(catalogue.contains(status_text_key(s)));
    }
    for (auto a : {Action::Reset, Action::LoadPaper, Action::CloseCover, Action::Reconnect,
                   Action::Maintenance}) {
      INFO(language << " " << action_text_key(a));
      CHECK(catalogue.contains(action_text_key(a)));
    }
  }
  CHECK(action_text_key(Action::None).empty());
  CHECK(action_class(Action::LoadPaper) == "clear");
  CHECK(action_class(Action::Maintenance) == "maintenance");
}

TEST_CASE("Every device kind has its row, its name and its text in every catalogue",
          "[drivers][model][kinds]") {
  for (const auto& info : kKinds) {
    CHECK(kind_from_name(info.name) == info.kind);
    CHECK(to_string(info.kind) == info.name);
    for (const char* language : {"en", "hi"}) {
      std::ifstream in(kiosk::testing::assets_dir() / "i18n" / (std::string(language) + ".json"));
      const auto catalogue = nlohmann::json::parse(in);
      INFO(language << " " << kind_text_key(info.kind));
      CHECK(catalogue.contains(kind_text_key(info.kind)));
    }
  }
  CHECK_FALSE(kind_from_name("Printer"));  // exact spelling only
  CHECK_FALSE(kind_from_name("modem"));
  CHECK(kind_names() == "printer, scanner, fingerprint or camera");
  CHECK(kind_info(DeviceKind::Printer).default_match->interface_class == 7);
  CHECK(kind_info(DeviceKind::Fingerprint).default_mode == Mode::Watch);
  CHECK_FALSE(kind_info(DeviceKind::Camera).default_match);
}

TEST_CASE("Status, action, fault and supply spellings read back to their values",
          "[drivers][model][json]") {
  for (auto f : {Fault::None, Fault::NoDevice, Fault::Busy, Fault::Access, Fault::Timeout,
                 Fault::Pipe, Fault::Io, Fault::Other})
    CHECK(from_string(to_string(f), Fault::None, Fault::Other) == f);
  CHECK(from_string("no-device", Status::Online, Status::Unknown) == Status::NoDevice);
  CHECK(from_string("load_paper", Action::None, Action::Maintenance) == Action::LoadPaper);
  CHECK_FALSE(from_string("sideways", Status::Online, Status::Unknown));
}
