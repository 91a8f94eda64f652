#include "kiosk/sync/wire.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

namespace kiosk::sync {
namespace {

using nlohmann::json;

// build_batch_body and batch_body_size run the same writer, one appending and one counting,
// so the size used for packing can never drift from the bytes sent.
struct Appender {
  std::string& out;
  void put(std::string_view text) { out.append(text); }
  void put(char c) { out.push_back(c); }
};
struct Counter {
  std::size_t size = 0;
  void put(std::string_view text) { size += text.size(); }
  void put(char) { ++size; }
};

// RFC 8259 section 7: quote, backslash and control characters must be escaped.
template <class Out>
void write_string(Out& out, std::string_view text) {
  out.put('"');
  std::size_t plain_from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.put(text.substr(plain_from, i - plain_from));
    plain_from = i + 1;
    switch (c) {
      case '"':
        out.put("\\\"");
        break;
      case '\\':
        out.put("\\\\");
        break;
      case '\b':
        out.put("\\b");
        break;
      case '\f':
        out.put("\\f");
        break;
      case '\n':
        out.put("\\n");
        break;
      case '\r':
        out.put("\\r");
        break;
      case '\t':
        out.put("\\t");
        break;
      default: {
        constexpr std::string_view kHex = "0123456789abcdef";
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.put(std::string_view(escape, sizeof escape));
      }
    }
  }
  out.put(text.substr(plain_from));
  out.put('"');
}

template <class Out>
void write_body(Out& out, std::string_view kiosk_id, std::span<const OutgoingItem> items) {
  out.put(R"({"kiosk_id":)");
  write_string(out, kiosk_id);
  out.put(R"(,"items":[)");
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.put(',');
    out.put(R"({"idempotency_key":)");
    write_string(out, items[i].idempotency_key);
    out.put(R"(,"transaction":)");
    out.put(items[i].transaction_json);  // verbatim: the stored bytes are the bytes sent
    out.put('}');
  }
  out.put("]}");
}

std::unexpected<Error> corrupt(std::string reason) {
  return fail(Errc::Corrupt, "batch answer: " + reason);
}

// An optional string member: absent or null -> nullopt; anything but a bounded string fails.
Result<std::optional<std::string>> read_string(const json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) return std::optional<std::string>{};
  if (!found->is_string()) return corrupt(fmt::format("\"{}\" is not a string", name));
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > kMaxAnswerString) {
    return corrupt(fmt::format("\"{}\" is longer than {} bytes", name, kMaxAnswerString));
  }
  return std::optional<std::string>{text};
}

std::optional<ItemStatus> status_named(std::string_view name) {
  if (name == "accepted") return ItemStatus::Accepted;
  if (name == "duplicate") return ItemStatus::Duplicate;
  if (name == "rejected") return ItemStatus::Rejected;
  return std::nullopt;
}

Status read_error(const json& entry, ItemResult& item) {
  const auto found = entry.find("error");
  if (found == entry.end() || found->is_null()) return {};
  if (!found->is_object()) return corrupt("\"error\" is not an object");
  auto code = read_string(*found, "code");
  if (!code) return std::unexpected(code.error());
  auto message = read_string(*found, "message");
  if (!message) return std::unexpected(message.error());
  item.error_code = code->value_or("");
  item.error_message = message->value_or("");
  return {};
}

// One entry of "results"; the key is checked against the batch by the caller.
Result<ItemResult> read_entry(const json& entry) {
  if (!entry.is_object()) return corrupt("a result is not an object");
  auto key = read_string(entry, "idempotency_key");
  if (!key) return std::unexpected(key.error());
  if (!*key) return corrupt("a result has no \"idempotency_key\"");
  auto status_name = read_string(entry, "status");
  if (!status_name) return std::unexpected(status_name.error());
  const auto status = status_name->and_then(status_named);
  if (!status) return corrupt("a result has a missing or unknown \"status\"");
  auto backend_ref = read_string(entry, "backend_ref");
  if (!backend_ref) return std::unexpected(backend_ref.error());
  ItemResult item{std::move(**key), *status, backend_ref->value_or(""), {}, {}};
  if (auto error = read_error(entry, item); !error) return std::unexpected(error.error());
  return item;
}

using KeyIndex = std::unordered_map<std::string_view, std::size_t>;

Result<std::vector<ItemResult>> match_results(const json& results, const KeyIndex& index,
                                              std::size_t sent_count) {
  std::vector<std::optional<ItemResult>> answered(sent_count);
  for (std::size_t i = 0; i < results.size(); ++i) {
    auto item = read_entry(results[i]);
    if (!item) return std::unexpected(item.error());
    const auto slot = index.find(item->idempotency_key);
    if (slot == index.end()) return corrupt(fmt::format("result {} answers a key not sent", i));
    if (answered[slot->second]) {
      return corrupt(fmt::format("result {} answers item {} a second time", i, slot->second));
    }
    answered[slot->second] = std::move(*item);
  }
  std::vector<ItemResult> in_sent_order;
  in_sent_order.reserve(sent_count);
  for (std::size_t i = 0; i < sent_count; ++i) {
    if (!answered[i]) return corrupt(fmt::format("item {} was not answered", i));
    in_sent_order.push_back(std::move(*answered[i]));
  }
  return in_sent_order;
}

Result<std::vector<ItemResult>> parse_checked(std::string_view body,
                                              std::span<const OutgoingItem> sent) {
  KeyIndex index;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (!index.emplace(sent[i].idempotency_key, i).second) {
      return fail(Errc::InvalidInput, fmt::format("batch sent item {}'s key twice", i));
    }
  }
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return corrupt("not JSON");
  if (!document.is_object()) return corrupt("not a JSON object");
  const auto results = document.find("results");
  if (results == document.end() || !results->is_array()) {
    return corrupt("no \"results\" array");
  }
  return match_results(*results, index, sent.size());
}

}  // namespace

std::string build_batch_body(std::string_view kiosk_id, std::span<const OutgoingItem> items) {
  std::string body;
  body.reserve(batch_body_size(kiosk_id, items));
  Appender out{body};
  write_body(out, kiosk_id, items);
  return body;
}

std::size_t batch_body_size(std::string_view kiosk_id, std::span<const OutgoingItem> items) {
  Counter out;
  write_body(out, kiosk_id, items);
  return out.size;
}

std::string_view to_string(ItemStatus status) {
  switch (status) {
    case ItemStatus::Accepted:
      return "accepted";
    case ItemStatus::Duplicate:
      return "duplicate";
    case ItemStatus::Rejected:
      return "rejected";
  }
  return "unknown";
}

Result<std::vector<ItemResult>> parse_batch_response(std::string_view body,
                                                     std::span<const OutgoingItem> sent) {
  // The parse itself does not throw (allow_exceptions=false); this edge also catches an
  // allocation failure or a library surprise, so nothing escapes to the sync worker.
  try {
    return parse_checked(body, sent);
  } catch (const std::exception& error) {
    return corrupt(fmt::format("unreadable ({})", error.what()));
  } catch (...) {
    return corrupt("unreadable");
  }
}

}  // namespace kiosk::sync
