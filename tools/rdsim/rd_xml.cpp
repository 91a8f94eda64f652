// The RD Service protocol's texts for the simulator (see rd_xml.h).
#include "tools/rdsim/rd_xml.h"

#include <fmt/format.h>

#include <charconv>
#include <cstddef>
#include <optional>

#include "kiosk/core/markup.h"
#include "tools/rdsim/tls.h"

namespace kiosk::rdsim {

namespace {

// The cert identifier of UIDAI's public key that encrypted the session key; clients only
// pass it on, so a fixed plausible date is enough.
constexpr std::string_view kSkeyCi = "20291231";
constexpr std::string_view kDeviceCode = "9c1e5f0a-3b7d-4e2a-8f6c-1d2b3a4c5e6f";
constexpr std::string_view kRdsVersion = "1.0.8";
// Sizes of the random blobs: an RSA-2048 encrypted session key, an encrypted SHA-256 HMAC
// with its GCM tag, and a PID block of about 1,000 bytes.
constexpr std::size_t kSkeyBytes = 256, kHmacBytes = 48, kDataBytes = 1000;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

// The value of attribute `name` in a start tag's text: name, optional spaces, '=', a quoted
// value. Light by design: a name inside another attribute's value could fool it.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  for (auto at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    if (at == 0 || !is_space(tag[at - 1])) continue;
    const auto eq = skip_spaces(tag, at + name.size());
    if (eq >= tag.size() || tag[eq] != '=') continue;
    const auto quote = skip_spaces(tag, eq + 1);
    if (quote >= tag.size() || (tag[quote] != '"' && tag[quote] != '\'')) continue;
    const auto end = tag.find(tag[quote], quote + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return tag.substr(quote + 1, end - quote - 1);
  }
  return std::nullopt;
}

std::optional<int> whole_int(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

// The text of the start tag `<name ...>` (without the angle brackets) found at or after
// `from`, where `name` must be followed by a space, '/' or '>'.
std::optional<std::string_view> start_tag(std::string_view text, std::string_view name,
                                          std::size_t from, std::size_t* end_out) {
  const std::string open = fmt::format("<{}", name);
  for (auto at = text.find(open, from); at != std::string_view::npos;
       at = text.find(open, at + 1)) {
    const auto next = at + open.size();
    if (next < text.size() && !is_space(text[next]) && text[next] != '/' && text[next] != '>')
      continue;
    const auto close = text.find('>', next);
    if (close == std::string_view::npos) return std::nullopt;
    *end_out = close + 1;
    return text.substr(at + 1, close - at - 1);
  }
  return std::nullopt;
}

std::string device_info_attributes(const DeviceIdentity& d) {
  return fmt::format(R"(dpId="{}" rdsId="{}" rdsVer="{}" dc="{}" mi="{}" mc="{}")", d.dp_id,
                     d.rds_id, kRdsVersion, kDeviceCode, d.model, d.mc);
}

// Base64 of random bytes whose text begins with `marker` (already checked to be base64
// alphabet and shorter than the text): the length stays a multiple of 4, so it still decodes.
std::string pid_data_text(std::string_view marker) {
  std::string text = random_base64(kDataBytes);
  text.replace(0, std::min(marker.size(), text.size()), marker);
  return text;
}

}  // namespace

std::expected<PidOptions, int> read_pid_options(std::string_view body) {
  std::size_t after_root = 0, after_opts = 0;
  if (!start_tag(body, "PidOptions", 0, &after_root)) return std::unexpected(100);
  const auto opts = start_tag(body, "Opts", after_root, &after_opts);
  if (!opts || body.find("</PidOptions>", after_opts) == std::string_view::npos)
    return std::unexpected(100);
  const auto fcount = whole_int(attribute(*opts, "fCount"));
  if (!fcount || *fcount < 1 || *fcount > 10) return std::unexpected(120);
  const auto ftype = whole_int(attribute(*opts, "fType"));
  if (!ftype || *ftype < 0 || *ftype > 2) return std::unexpected(110);
  if (attribute(*opts, "pidVer") != std::optional<std::string_view>("2.0"))
    return std::unexpected(150);
  if (whole_int(attribute(*opts, "format")) != 0) return std::unexpected(210);
  return PidOptions{.fcount = *fcount, .ftype = *ftype};
}

std::string_view err_info(int err_code) {
  switch (err_code) {
    case 0:
      return "Success";
    case 100:
      return "Invalid PidOptions";
    case 110:
      return "Invalid fType";
    case 120:
      return "Invalid fCount";
    case 150:
      return "Invalid pidVer";
    case 210:
      return "Protobuf format not supported";
    case 700:
      return "Capture timed out";
    case 710:
      return "Device is being used by another application";
    case 720:
      return "Device not ready";
    case 730:
      return "Capture failed";
    case 740:
      return "Device needs to be re-initialized";
    default:
      return "Unknown error";
  }
}

DeviceIdentity device_identity(PathStyle style, std::string serial, std::string mc) {
  if (style == PathStyle::Morpho)
    return {"Morpho.SmartChip", "SCPL.WIN.001", "MSO1300E3", std::move(serial), std::move(mc)};
  return {"MANTRA.MSIPL", "MANTRA.WIN.001", "MFS100", std::move(serial), std::move(mc)};
}

std::string info_path(PathStyle style, int port) {
  return style == PathStyle::Morpho ? fmt::format("/127.0.0.1:{}/getDeviceInfo", port)
                                    : std::string("/rd/info");
}

std::string capture_path(PathStyle style, int port) {
  return style == PathStyle::Morpho ? fmt::format("/127.0.0.1:{}/capture", port)
                                    : std::string("/rd/capture");
}

std::string rdservice_xml(DeviceStatus status, PathStyle style, int port) {
  if (style == PathStyle::Morpho)
    return fmt::format(
        R"(<RDService status="{}" info="Morpho_RD_Service"><Interface id="CAPTURE" path="{}"/>)"
        R"(<Interface id="INFO" path="{}"/></RDService>)",
        to_string(status), capture_path(style, port), info_path(style, port));
  return fmt::format(
      R"(<RDService status="{}" info="Simulated Mantra RD Service">)"
      R"(<Interface id="DEVICEINFO" path="{}"/><Interface id="CAPTURE" path="{}"/></RDService>)",
      to_string(status), info_path(style, port), capture_path(style, port));
}

std::string device_info_xml(const DeviceIdentity& device) {
  return fmt::format(R"(<DeviceInfo {}><additional_info><Param name="srno" value="{}"/>)"
                     R"(<Param name="sysid" value="SIMSYSID"/></additional_info></DeviceInfo>)",
                     device_info_attributes(device), kiosk::escape_markup(device.serial));
}

std::string pid_error_xml(int err_code) {
  return fmt::format(
      R"(<PidData><Resp errCode="{}" errInfo="{}" fCount="0" fType="0" nmPoints="0" )"
      R"(qScore="0"/></PidData>)",
      err_code, err_info(err_code));
}

std::string pid_success_xml(const DeviceIdentity& device, const CaptureFacts& facts) {
  // One minutiae count per finger, comma separated, as multi-finger devices answer.
  std::string nm_points = std::to_string(facts.nmpoints);
  for (int i = 1; i < facts.options.fcount; ++i) nm_points += fmt::format(",{}", facts.nmpoints);
  const std::string data =
      facts.with_data ? fmt::format(R"(<Data type="X">{}</Data>)", pid_data_text(facts.data_marker))
                      : std::string();
  return fmt::format(
      R"(<PidData><Resp errCode="0" errInfo="Success" fCount="{}" fType="{}" nmPoints="{}" )"
      R"(qScore="{}"/>{}<Skey ci="{}">{}</Skey><Hmac>{}</Hmac>{}</PidData>)",
      facts.options.fcount, facts.options.ftype, nm_points, facts.qscore, device_info_xml(device),
      kSkeyCi, random_base64(kSkeyBytes), random_base64(kHmacBytes), data);
}

}  // namespace kiosk::rdsim
