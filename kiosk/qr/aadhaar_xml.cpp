// Legacy Aadhaar XML QRs (india.md §1b): <PrintLetterBarcodeData …/> (pre-2018, unsigned,
// carries the FULL UID) and the signed <QPDB|QPDA|QDB|QDA …/> family (2016–18).
//
// Each is one element with attributes, so a small bounded reader replaces a general XML
// parser: at most kLegacyXmlMaxBytes in, kMaxAttributes attributes, every loop consumes
// input. It is deliberately lenient where real cards are sloppy: the "</?xml" declaration
// typo and unescaped '&' in addresses are both seen in the wild.
//
// The UID is reduced to its last 4 digits here and every copy of it we made is wiped
// (UIDAI ADV circular 2017: hold the number in RAM only as long as needed, then zero it).
#include <fmt/format.h>
#include <openssl/crypto.h>

#include <array>
#include <charconv>
#include <utility>

#include "kiosk/qr/aadhaar_number.h"
#include "kiosk/qr/aadhaar_qr.h"
#include "kiosk/text/utf8.h"

namespace kiosk::qr {
namespace {

constexpr std::size_t kMaxAttributes = 64;
constexpr std::size_t kMaxNameBytes = 64;

void wipe(std::string& s) {
  OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

struct XmlAttribute {
  std::string name;
  std::string value;
};

// One parsed element. Its values may hold a full UID, so they are wiped on destruction;
// it is neither copied nor moved, so no unwiped copy exists.
struct XmlElement {
  XmlElement() = default;
  XmlElement(const XmlElement&) = delete;
  XmlElement& operator=(const XmlElement&) = delete;
  ~XmlElement() {
    for (auto& a : attributes) wipe(a.value);
  }
  std::string* find(std::string_view key) {
    for (auto& a : attributes) {
      if (a.name == key) return &a.value;
    }
    return nullptr;
  }
  std::string name;
  std::vector<XmlAttribute> attributes;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void skip_space() {
    while (!done() && is_space(text_[pos_])) ++pos_;
  }
  bool consume(std::string_view literal) {
    if (!text_.substr(pos_).starts_with(literal)) return false;
    pos_ += literal.size();
    return true;
  }
  std::string_view name() {
    const std::size_t start = pos_;
    while (!done() && is_name_char(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // The text before `end`, consuming both; nothing when `end` never comes.
  std::optional<std::string_view> until(std::string_view end) {
    const std::size_t at = text_.find(end, pos_);
    if (at == std::string_view::npos) return std::nullopt;
    const auto before = text_.substr(pos_, at - pos_);
    pos_ = at + end.size();
    return before;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::unexpected<Error> bad_xml(std::string_view why) {
  return fail(Errc::InvalidInput, fmt::format("Aadhaar XML QR: {}", why));
}

// XML's five named entities and numeric references; anything else stays literal text.
std::optional<char32_t> entity_value(std::string_view e) {
  static constexpr std::array<std::pair<std::string_view, char32_t>, 5> kNamed{
      {{"amp", U'&'}, {"lt", U'<'}, {"gt", U'>'}, {"quot", U'"'}, {"apos", U'\''}}};
  for (const auto& [key, cp] : kNamed) {
    if (e == key) return cp;
  }
  if (e.size() < 2 || e[0] != '#') return std::nullopt;
  const bool hex = e[1] == 'x' || e[1] == 'X';
  const auto digits = e.substr(hex ? 2 : 1);
  std::uint32_t cp = 0;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return static_cast<char32_t>(cp);
}

// QR XML says UTF-8 but older generators wrote Latin-1: invalid UTF-8 is read as Latin-1.
// Writes straight into the element's storage, reserved up front, so no stray copy of a
// UID is left in freed memory.
void decode_value(std::string_view raw, std::string& out) {
  std::string text = text::decode_utf8(raw) ? std::string(raw) : latin1_to_utf8(raw);
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t semi = text[i] == '&' ? text.find(';', i) : std::string::npos;
    if (semi != std::string::npos && semi - i <= 10) {
      if (const auto cp = entity_value(std::string_view(text).substr(i + 1, semi - i - 1))) {
        text::append_utf8(out, *cp);
        i = semi;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  wipe(text);
}

Status read_attribute(Cursor& c, XmlElement& e) {
  const auto name = c.name();
  if (name.empty() || name.size() > kMaxNameBytes) return bad_xml("malformed attribute name");
  c.skip_space();
  if (!c.consume("=")) return bad_xml("attribute without '='");
  c.skip_space();
  const char quote = c.peek();
  if (quote != '"' && quote != '\'') return bad_xml("attribute value is not quoted");
  const std::string_view quote_text(&quote, 1);
  c.consume(quote_text);
  const auto raw = c.until(quote_text);
  if (!raw) return bad_xml("unterminated attribute value");
  if (raw->find('<') != std::string_view::npos) return bad_xml("'<' inside an attribute value");
  if (e.find(name) != nullptr) return bad_xml("an attribute is repeated");
  if (e.attributes.size() >= kMaxAttributes) return bad_xml("too many attributes");
  XmlAttribute& a = e.attributes.emplace_back();
  a.name = std::string(name);
  decode_value(*raw, a.value);
  return {};
}

Status skip_prolog(Cursor& c) {
  c.consume("\xEF\xBB\xBF");  // UTF-8 byte order mark
  c.skip_space();
  // "</?xml …?>" is a typo printed on real Aadhaar letters; read it like "<?xml …?>".
  if ((c.consume("<?xml") || c.consume("</?xml")) && !c.until("?>")) {
    return bad_xml("unterminated XML declaration");
  }
  c.skip_space();
  return {};
}

Status parse_element(std::string_view xml, XmlElement& e) {
  if (xml.size() > kLegacyXmlMaxBytes) {
    return bad_xml(
        fmt::format("{} bytes; more than {} is refused", xml.size(), kLegacyXmlMaxBytes));
  }
  if (xml.find('\0') != std::string_view::npos) return bad_xml("contains a NUL byte");
  Cursor c(xml);
  if (auto ok = skip_prolog(c); !ok) return ok;
  if (!c.consume("<")) return bad_xml("no element");
  const auto name = c.name();
  if (name.empty() || name.size() > kMaxNameBytes) return bad_xml("malformed element name");
  e.name = std::string(name);
  e.attributes.reserve(kMaxAttributes);  // never reallocated: values are wiped in place
  for (;;) {  // each pass consumes input or returns: bounded by the input size
    c.skip_space();
    if (c.consume("/>")) break;
    if (c.consume(">")) {
      c.skip_space();
      if (!c.consume("</") || c.name() != name) return bad_xml("element is not closed");
      c.skip_space();
      if (!c.consume(">")) return bad_xml("element is not closed");
      break;
    }
    if (auto ok = read_attribute(c, e); !ok) return ok;
  }
  c.skip_space();
  if (!c.done()) return bad_xml("trailing data after the element");
  return {};
}

// The generator printed missing Java fields as the text "null" (seen on real letters).
std::string take(XmlElement& e, std::string_view key) {
  const std::string* v = e.find(key);
  return v == nullptr || *v == "null" ? std::string{} : *v;
}

std::string normalise_gender(std::string g) {
  if (g == "MALE" || g == "Male") return "M";
  if (g == "FEMALE" || g == "Female") return "F";
  if (g == "TRANSGENDER" || g == "Transgender") return "T";
  return g;
}

// Letters print DD/MM/YYYY, the Secure QR DD-MM-YYYY: store one form.
std::string normalise_dob(std::string d) {
  if (d.size() == 10 && d[2] == '/' && d[5] == '/') d[2] = d[5] = '-';
  return d;
}

Result<AadhaarRecord> from_print_letter(XmlElement& e) {
  std::string* uid = e.find("uid");
  if (uid == nullptr) return bad_xml("PrintLetterBarcodeData has no uid");
  if (!aadhaar_number_valid(*uid)) {  // the message never echoes the number
    return bad_xml("uid is not a valid Aadhaar number");
  }
  AadhaarRecord r;
  r.format = AadhaarFormat::PrintLetterXml;
  r.reference_last4 = uid->substr(uid->size() - 4);
  wipe(*uid);  // masked on parse: the full UID goes no further
  r.name = take(e, "name");
  r.gender = normalise_gender(take(e, "gender"));
  r.dob = normalise_dob(take(e, "dob"));
  if (r.dob.empty()) r.dob = take(e, "yob");
  static constexpr std::array<std::pair<const char*, const char*>, 11> kAddress{
      {{"co", "care_of"},
       {"dist", "district"},
       {"lm", "landmark"},
       {"house", "house"},
       {"loc", "location"},
       {"pc", "pincode"},
       {"po", "post_office"},
       {"state", "state"},
       {"street", "street"},
       {"subdist", "sub_district"},
       {"vtc", "vtc"}}};
  for (const auto& [attr, key] : kAddress) r.address[key] = take(e, attr);
  r.verification = Verification::Unverified;
  r.verification_detail = "printed-letter XML QR carries no signature";
  return r;
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Standard base64 (RFC 4648 §4); whitespace is skipped, '=' may only pad the end.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t pads = 0;
  for (char c : text) {
    if (is_space(c)) continue;
    const int v = base64_value(c);
    if (c == '=') {
      if (++pads > 2) return std::nullopt;
      continue;
    }
    if (v < 0 || pads != 0) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone sextet cannot end a byte
  return out;
}

// "xxxxxxxx1234": only a 4-digit tail is taken, whatever precedes it.
std::string digit_tail4(const std::string& s) {
  if (s.size() < 4) return {};
  const auto tail = s.substr(s.size() - 4);
  for (char ch : tail) {
    if (ch < '0' || ch > '9') return {};
  }
  return tail;
}

Result<AadhaarRecord> from_signed_xml(XmlElement& e) {
  std::string* uid = e.find("u");
  AadhaarRecord r;
  r.format = AadhaarFormat::SignedXml;
  if (uid != nullptr) r.reference_last4 = digit_tail4(*uid);
  if (uid != nullptr) wipe(*uid);  // normally masked already; never keep it either way
  if (r.reference_last4.empty()) return bad_xml("u does not end in 4 digits");
  r.name = take(e, "n");
  r.gender = normalise_gender(take(e, "g"));
  r.dob = normalise_dob(take(e, "d"));
  r.address["full"] = take(e, "a");
  r.mobile_last4 = digit_tail4(take(e, "m"));
  if (const std::string* photo = e.find("i"); photo != nullptr && !photo->empty()) {
    auto bytes = base64_decode(*photo);
    if (!bytes) return bad_xml("photo is not valid base64");
    r.photo_jp2 = std::move(*bytes);
  }
  r.verification = Verification::Unverified;
  r.verification_detail = e.find("s") != nullptr
                              ? "signed XML QR: signature present, scheme not verifiable"
                              : "signed XML QR without a signature";
  return r;
}

}  // namespace

Result<AadhaarRecord> parse_legacy_xml(std::string_view xml) {
  XmlElement element;
  if (auto ok = parse_element(xml, element); !ok) return std::unexpected(ok.error());
  if (element.name == "PrintLetterBarcodeData") return from_print_letter(element);
  if (element.name == "QPDB" || element.name == "QPDA" || element.name == "QDB" ||
      element.name == "QDA") {
    return from_signed_xml(element);
  }
  return bad_xml("unknown element (expected PrintLetterBarcodeData or QPDB/QPDA/QDB/QDA)");
}

}  // namespace kiosk::qr
