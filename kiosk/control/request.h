// One control request: a line of outside bytes, checked before anything reads it.
//
// parse_request() refuses, each with its own message: a line over kMaxRequestBytes, nesting
// deeper than kMaxDepth, bytes that are not JSON (invalid UTF-8 and NUL bytes included), a
// top level that is not an object, and a "verb" that is missing or not a string. Fields
// are then read only through Request's typed getters, which answer a Result naming the
// field and the type it must have: no nlohmann value/get/at call that could throw.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk::control {

inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
inline constexpr int kMaxDepth = 16;

class Request {
 public:
  const std::string& verb() const { return verb_; }

  Result<std::string> text(std::string_view field) const;
  Result<std::optional<std::string>> optional_text(std::string_view field) const;
  Result<std::int64_t> integer(std::string_view field, std::int64_t min, std::int64_t max) const;
  Result<std::optional<bool>> optional_flag(std::string_view field) const;
  bool has(std::string_view field) const { return find(field) != nullptr; }
  // Fields beyond "verb" and `known` are refused: a typo must not pass as a default.
  Status only_fields(std::initializer_list<std::string_view> known) const;

 private:
  friend Result<Request> parse_request(std::string_view line);
  Request(nlohmann::json body, std::string verb) : body_(std::move(body)), verb_(std::move(verb)) {}
  const nlohmann::json* find(std::string_view field) const;

  nlohmann::json body_;
  std::string verb_;
};

Result<Request> parse_request(std::string_view line);

// How deep the brackets of a JSON text nest, outside strings; stops counting past `limit`.
int nesting_depth(std::string_view text, int limit);

}  // namespace kiosk::control
