#include "kiosk/qr/upi.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "kiosk/core/ascii.h"
#include "kiosk/text/utf8.h"

namespace kiosk::qr {
namespace {

constexpr std::string_view kPrefix = "upi://pay?";  // scheme + host, compared in any case

using Field = std::string UpiPayment::*;
// Named fields in the order build_upi_uri writes them (the order of NPCI's examples).
constexpr std::array<std::pair<std::string_view, Field>, 11> kFields{{
    {"pa", &UpiPayment::pa},
    {"pn", &UpiPayment::pn},
    {"am", &UpiPayment::am},
    {"cu", &UpiPayment::cu},
    {"tn", &UpiPayment::tn},
    {"tr", &UpiPayment::tr},
    {"mc", &UpiPayment::mc},
    {"tid", &UpiPayment::tid},
    {"url", &UpiPayment::url},
    {"mode", &UpiPayment::mode},
    {"purpose", &UpiPayment::purpose},
}};

using ascii::is_digit;
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// RFC 3986 percent-decoding, strict: `%` must be followed by two hex digits. `+` is a
// space, as Android's Uri.getQueryParameter (most UPI apps) reads it; build_upi_uri
// writes a literal `+` as %2B, so nothing is lost on a round trip.
Result<std::string> percent_decode(std::string_view in, std::string_view key) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] != '%') {
      out += in[i];
    } else {
      const int hi = i + 2 < in.size() ? hex_value(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? hex_value(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return fail(Errc::InvalidInput, fmt::format("UPI URI: bad percent escape in \"{}\"", key));
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

// Decoded values must be text a receipt can print: valid UTF-8, no C0/C1 controls.
Status check_text(std::string_view value, std::string_view key) {
  const auto cps = text::decode_utf8(value);
  if (!cps) return fail(Errc::InvalidInput, fmt::format("UPI URI: \"{}\" is not UTF-8", key));
  const bool control = std::ranges::any_of(
      *cps, [](char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); });
  if (control) {
    return fail(Errc::InvalidInput, fmt::format("UPI URI: \"{}\" has control characters", key));
  }
  return {};
}

bool is_key(std::string_view key) {
  return !key.empty() && key.size() <= 32 && std::ranges::all_of(key, [](char c) {
    return is_alnum(c) || c == '_' || c == '-' || c == '.';
  });
}

// Puts one decoded parameter into its named field, or into `others`.
void store(UpiPayment& payment, std::string_view key, std::string value) {
  const std::string name = lower(key);
  for (const auto& [field_name, field] : kFields) {
    if (name == field_name) {
      payment.*field = std::move(value);  // empty means absent (generators write `am=`)
      return;
    }
  }
  payment.others.emplace_back(std::string(key), std::move(value));
}

Status check_fields(const UpiPayment& p) {
  if (p.pa.empty()) return fail(Errc::InvalidInput, "UPI URI: payee address \"pa\" is missing");
  if (!is_vpa(p.pa)) {
    return fail(Errc::InvalidInput, "UPI URI: \"pa\" is not a VPA of the form name@handle");
  }
  if (!p.am.empty() && !paise_from_rupees(p.am)) {
    return fail(Errc::InvalidInput, "UPI URI: \"am\" is not an amount with at most 2 decimals");
  }
  if (!p.cu.empty() && p.cu != "INR") {
    return fail(Errc::InvalidInput, "UPI URI: currency \"cu\" must be INR");
  }
  if (text::decode_utf8(p.tn).value_or(std::vector<char32_t>{}).size() > kUpiNoteMax) {
    return fail(Errc::InvalidInput,
                fmt::format("UPI URI: note \"tn\" is longer than {} characters", kUpiNoteMax));
  }
  if (!p.mc.empty() && (p.mc.size() != 4 || !std::ranges::all_of(p.mc, is_digit))) {
    return fail(Errc::InvalidInput, "UPI URI: merchant code \"mc\" must be 4 digits");
  }
  return {};
}

// Parses the `key=value&…` part after "upi://pay?" into `payment`.
Status parse_query(std::string_view query, UpiPayment& payment) {
  std::set<std::string> seen;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;  // "&&" and a trailing "&" occur in the wild; harmless
    const std::size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (eq == std::string_view::npos || !is_key(key)) {
      return fail(Errc::InvalidInput, "UPI URI: a parameter is not of the form key=value");
    }
    if (!seen.insert(lower(key)).second) {
      return fail(Errc::InvalidInput, fmt::format("UPI URI: \"{}\" appears twice", key));
    }
    auto value = percent_decode(pair.substr(eq + 1), key);
    if (!value) return std::unexpected(value.error());
    if (auto ok = check_text(*value, key); !ok) return ok;
    store(payment, key, std::move(*value));
  }
  return {};
}

void append_encoded(std::string& out, std::string_view value) {
  for (const char c : value) {
    // RFC 3986 unreserved characters stay; so does `@`, legal in a query and what every
    // UPI app writes in `pa`.
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
  }
}

}  // namespace

bool is_vpa(std::string_view text) {
  const std::size_t at = text.find('@');
  if (text.size() > 255 || at == std::string_view::npos || at == 0 || at + 1 == text.size()) {
    return false;
  }
  const std::string_view name = text.substr(0, at);
  const std::string_view handle = text.substr(at + 1);
  const auto name_char = [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; };
  const auto handle_char = [](char c) { return is_alnum(c) || c == '.' || c == '-'; };
  return std::ranges::all_of(name, name_char) && std::ranges::all_of(handle, handle_char);
}

Result<UpiPayment> parse_upi_uri(std::string_view uri) {
  if (uri.size() > kUpiUriMax) {
    return fail(Errc::InvalidInput,
                fmt::format("UPI URI: {} bytes, more than the {} allowed", uri.size(), kUpiUriMax));
  }
  if (uri.size() < kPrefix.size() || lower(uri.substr(0, kPrefix.size())) != kPrefix) {
    return fail(Errc::InvalidInput, "UPI URI: does not start with upi://pay?");
  }
  UpiPayment payment;
  if (auto ok = parse_query(uri.substr(kPrefix.size()), payment); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = check_fields(payment); !ok) return std::unexpected(ok.error());
  return payment;
}

std::string build_upi_uri(const UpiPayment& payment) {
  std::string out(kPrefix);
  bool first = true;
  const auto add = [&](std::string_view key, std::string_view value) {
    if (!first) out += '&';
    first = false;
    out += key;
    out += '=';
    append_encoded(out, value);
  };
  for (const auto& [key, field] : kFields) {
    if (!(payment.*field).empty()) add(key, payment.*field);
  }
  for (const auto& [key, value] : payment.others) add(key, value);
  return out;
}

std::string rupees_from_paise(std::int64_t paise) {
  // Unsigned magnitude: -INT64_MIN does not fit in int64_t.
  const std::uint64_t magnitude =
      paise < 0 ? 0 - static_cast<std::uint64_t>(paise) : static_cast<std::uint64_t>(paise);
  return fmt::format("{}{}.{:02}", paise < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

Result<std::int64_t> paise_from_rupees(std::string_view rupees) {
  const std::size_t dot = rupees.find('.');
  const std::string_view whole = rupees.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : rupees.substr(dot + 1);
  const bool whole_ok =
      !whole.empty() && whole.size() <= 10 && std::ranges::all_of(whole, is_digit);
  const bool fraction_ok =
      dot == std::string_view::npos ||
      (!fraction.empty() && fraction.size() <= 2 && std::ranges::all_of(fraction, is_digit));
  if (!whole_ok || !fraction_ok) {
    return fail(Errc::InvalidInput, "amount is not rupees with at most 2 decimals");
  }
  std::int64_t paise = 0;
  for (const char c : whole) paise = paise * 10 + (c - '0');
  paise *= 100;
  if (!fraction.empty()) paise += (fraction[0] - '0') * 10;  // ".5" is 50 paise
  if (fraction.size() == 2) paise += fraction[1] - '0';
  return paise;
}

}  // namespace kiosk::qr
