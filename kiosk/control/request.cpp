#include "kiosk/control/request.h"

#include <fmt/format.h>

#include <algorithm>

namespace kiosk::control {
namespace {

using nlohmann::json;

std::unexpected<Error> wrong_type(std::string_view field, std::string_view wanted) {
  return fail(Errc::InvalidInput, fmt::format("field \"{}\" must be {}", field, wanted));
}

}  // namespace

int nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if (c == ']' || c == '}') --depth;
    if (deepest > limit) break;
  }
  return deepest;
}

Result<Request> parse_request(std::string_view line) {
  if (line.size() > kMaxRequestBytes)
    return fail(Errc::InvalidInput, fmt::format("request over {} bytes", kMaxRequestBytes));
  if (nesting_depth(line, kMaxDepth) > kMaxDepth)
    return fail(Errc::InvalidInput, fmt::format("request nested deeper than {}", kMaxDepth));
  json body = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded())
    return fail(Errc::InvalidInput, "request is not JSON (one UTF-8 JSON object per line)");
  if (!body.is_object())
    return fail(Errc::InvalidInput, "request must be a JSON object like {\"verb\": \"devices\"}");
  const auto verb = body.find("verb");
  if (verb == body.end()) return fail(Errc::InvalidInput, "request has no \"verb\"");
  if (!verb->is_string()) return wrong_type("verb", "a string");
  std::string name = verb->get_ref<const std::string&>();
  return Request(std::move(body), std::move(name));
}

const json* Request::find(std::string_view field) const {
  const auto it = body_.find(field);
  return it == body_.end() ? nullptr : &*it;
}

Result<std::string> Request::text(std::string_view field) const {
  auto value = optional_text(field);
  if (!value) return std::unexpected(value.error());
  if (!*value) return fail(Errc::InvalidInput, fmt::format("field \"{}\" is missing", field));
  return std::move(**value);
}

Result<std::optional<std::string>> Request::optional_text(std::string_view field) const {
  const json* value = find(field);
  if (!value) return std::optional<std::string>();
  if (!value->is_string()) return wrong_type(field, "a string");
  return std::optional<std::string>(value->get_ref<const std::string&>());
}

Result<std::int64_t> Request::integer(std::string_view field, std::int64_t min,
                                      std::int64_t max) const {
  const json* value = find(field);
  if (!value) return fail(Errc::InvalidInput, fmt::format("field \"{}\" is missing", field));
  const auto wanted = fmt::format("a whole number from {} to {}", min, max);
  if (value->is_number_unsigned()) {  // beyond int64 when large: compare unsigned first
    const auto n = value->get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(max)) return wrong_type(field, wanted);
    if (static_cast<std::int64_t>(n) < min) return wrong_type(field, wanted);
    return static_cast<std::int64_t>(n);
  }
  if (!value->is_number_integer()) return wrong_type(field, wanted);
  const auto n = value->get<std::int64_t>();
  if (n < min || n > max) return wrong_type(field, wanted);
  return n;
}

Result<std::optional<bool>> Request::optional_flag(std::string_view field) const {
  const json* value = find(field);
  if (!value) return std::optional<bool>();
  if (!value->is_boolean()) return wrong_type(field, "true or false");
  return std::optional<bool>(value->get<bool>());
}

Status Request::only_fields(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : body_.items()) {
    if (key == "verb" || std::ranges::find(known, key) != known.end()) continue;
    return fail(Errc::InvalidInput,
                fmt::format("verb \"{}\" takes no field \"{}\"", verb_, key.substr(0, 64)));
  }
  return {};
}

}  // namespace kiosk::control
