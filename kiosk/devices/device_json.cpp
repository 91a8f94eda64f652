#include "kiosk/devices/device_json.h"

#include <fmt/format.h>

namespace kiosk::devices {

using nlohmann::json;
namespace model = drivers::model;

namespace {

json rd_json(const std::optional<model::RdFacts>& rd) {
  if (!rd) return nullptr;
  return {{"status", rd->status},
          {"port", rd->port == 0 ? json(nullptr) : json(rd->port)},
          {"https", rd->https},
          {"provider", rd->provider},
          {"model", rd->model},
          {"serial", rd->serial},
          {"version", rd->version},
          {"certificate_expiry",
           rd->certificate_expiry.empty() ? json(nullptr) : json(rd->certificate_expiry)},
          {"certificate_days_left",
           rd->certificate_days_left ? json(*rd->certificate_days_left) : json(nullptr)}};
}

std::optional<model::RdFacts> rd_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  model::RdFacts rd;
  for (auto [key, field] : {std::pair{"status", &rd.status}, std::pair{"provider", &rd.provider},
                            std::pair{"model", &rd.model}, std::pair{"serial", &rd.serial},
                            std::pair{"version", &rd.version},
                            std::pair{"certificate_expiry", &rd.certificate_expiry}}) {
    if (auto it = j.find(key); it != j.end() && it->is_string()) *field = it->get<std::string>();
  }
  if (auto it = j.find("port"); it != j.end() && it->is_number_integer()) {
    rd.port = static_cast<int>(it->get<std::int64_t>() & 0xffff);
  }
  if (auto it = j.find("certificate_days_left"); it != j.end() && it->is_number_integer()) {
    const auto days = it->get<std::int64_t>();
    if (days > -100'000 && days < 100'000) rd.certificate_days_left = static_cast<int>(days);
  }
  return rd;
}

}  // namespace

json to_json(const model::DeviceState& s) {
  json supplies = json::object();
  for (const auto& [name, level] : s.supplies) supplies[name] = model::to_string(level);
  json identity = nullptr;
  if (s.identity) {
    identity = {{"usb", s.identity->usb_id},
                {"manufacturer", s.identity->manufacturer},
                {"product", s.identity->product},
                {"serial", s.identity->serial},
                {"location", s.identity->location}};
  }
  return {{"name", s.name},
          {"kind", model::to_string(s.kind)},
          {"mode", model::to_string(s.mode)},
          {"status", model::to_string(s.status)},
          {"status_text", model::status_text_key(s.status)},
          {"matched_by", s.matched_by.empty() ? json(nullptr) : json(s.matched_by)},
          {"device", identity},
          {"supplies", supplies},
          {"action", model::to_string(s.action)},
          {"action_class", model::action_class(s.action)},
          {"action_text", s.action == model::Action::None ? json(nullptr)
                                                          : json(model::action_text_key(s.action))},
          {"fault", model::to_string(s.fault)},
          {"detail", s.detail},
          {"rd", rd_json(s.rd)}};
}

std::optional<model::DeviceState> state_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto text = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  model::DeviceState s;
  s.name = text("name");
  auto kind = model::kind_from_name(text("kind"));
  auto status = model::from_string(text("status"), model::Status::Online, model::Status::Unknown);
  if (s.name.empty() || !kind || !status) return std::nullopt;
  s.kind = *kind;
  s.status = *status;
  s.action = model::from_string(text("action"), model::Action::None, model::Action::Maintenance)
                 .value_or(model::Action::None);
  s.fault = model::from_string(text("fault"), model::Fault::None, model::Fault::Other)
                .value_or(model::Fault::None);
  s.detail = text("detail");
  if (auto rd = j.find("rd"); rd != j.end()) s.rd = rd_from_json(*rd);
  if (auto supplies = j.find("supplies"); supplies != j.end() && supplies->is_object()) {
    for (const auto& [name, level] : supplies->items()) {
      if (!level.is_string()) continue;
      if (auto l = model::from_string(level.get<std::string>(), model::SupplyLevel::Full,
                                      model::SupplyLevel::Unknown))
        s.supplies[name] = *l;
    }
  }
  return s;
}

json to_json(const std::vector<model::DeviceState>& states) {
  json out = json::array();
  for (const auto& s : states) out.push_back(to_json(s));
  return out;
}

namespace {

// "RD: MANTRA.MSIPL MFS100 (serial 1234), READY on port 11100, certificate until 2027-06-30"
std::string rd_line(const json& d) {
  const auto rd = d.find("rd");
  if (rd == d.end() || !rd->is_object()) return {};
  const auto text = [&](const char* key) {
    auto it = rd->find(key);
    return it != rd->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (text("status") == "none") return "RD: no RD Service answers";
  std::string line = fmt::format("RD: {} {} (serial {}), {}", text("provider"), text("model"),
                                 text("serial"), text("status"));
  if (auto port = rd->find("port"); port != rd->end() && port->is_number_integer())
    line += fmt::format(" on port {}", port->get<std::int64_t>());
  if (!text("certificate_expiry").empty())
    line += ", certificate until " + text("certificate_expiry");
  return line;
}

std::string model_of(const json& d) {
  if (d["device"].is_null()) return "-";
  std::string text = d["device"]["manufacturer"].get<std::string>();
  const auto product = d["device"]["product"].get<std::string>();
  if (!product.empty()) text += (text.empty() ? "" : " ") + product;
  return (text.empty() ? "" : text + " ") + "(" + d["device"]["usb"].get<std::string>() + ")";
}

}  // namespace

std::string devices_text(const json& devices) {
  std::string out;
  for (const auto& d : devices) {
    std::string supplies;
    for (const auto& [name, level] : d["supplies"].items())
      supplies += fmt::format(" {}={}", name, level.get<std::string>());
    out += fmt::format("{:<18} {:<12} {:<15} {}\n", d["name"].get<std::string>(),
                       d["kind"].get<std::string>(), d["status"].get<std::string>(), model_of(d));
    if (!supplies.empty()) out += fmt::format("{:<18} supplies:{}\n", "", supplies);
    if (d["action"] != "none")
      out += fmt::format("{:<18} action: {}\n", "", d["action"].get<std::string>());
    if (const auto rd = rd_line(d); !rd.empty()) out += fmt::format("{:<18} {}\n", "", rd);
    if (!d["detail"].get<std::string>().empty())
      out += fmt::format("{:<18} {}\n", "", d["detail"].get<std::string>());
  }
  return out;
}

}  // namespace kiosk::devices
