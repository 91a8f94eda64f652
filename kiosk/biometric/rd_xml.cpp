#include "kiosk/biometric/rd_xml.h"

#include <expat.h>
#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "kiosk/core/markup.h"
#include "kiosk/core/secret.h"

namespace kiosk::biometric {
namespace {

constexpr int kMaxDepth = 16;

// Expat copies the document into its own buffers: each block is zeroed before it is
// freed, so a PID block leaves no copy behind (as curl_memory.cpp does for curl).
void* expat_malloc(std::size_t size) {
  return std::malloc(size);
}
void* expat_realloc(void* block, std::size_t size) {
  return realloc_zeroed(block, size);
}
void expat_free(void* block) {
  free_zeroed(block);
}
const XML_Memory_Handling_Suite kZeroingMemory{expat_malloc, expat_realloc, expat_free};

struct ParserDeleter {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using Parser = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserDeleter>;

// What a document's reader hears. Text is reported by length only: nothing here copies
// an element's content.
class XmlEvents {
 public:
  virtual ~XmlEvents() = default;
  virtual void start(std::string_view name, const XML_Char** attributes, int depth) = 0;
  virtual void text(std::size_t /*length*/) {}
};

struct ParseState {
  XML_Parser parser = nullptr;
  XmlEvents* events = nullptr;
  int depth = 0;
  std::string problem;
};

void stop(ParseState& state, std::string problem) {
  if (state.problem.empty()) state.problem = std::move(problem);
  XML_StopParser(state.parser, XML_FALSE);
}

void XMLCALL on_start(void* user, const XML_Char* name, const XML_Char** attributes) {
  auto& state = *static_cast<ParseState*>(user);
  if (++state.depth > kMaxDepth) return stop(state, "the XML is nested too deeply");
  state.events->start(name, attributes, state.depth);
}
void XMLCALL on_end(void* user, const XML_Char*) {
  --static_cast<ParseState*>(user)->depth;
}
void XMLCALL on_text(void* user, const XML_Char*, int length) {
  auto& state = *static_cast<ParseState*>(user);
  state.events->text(static_cast<std::size_t>(length));
}
// No DTD, so no entity can be declared: the billion-laughs family has nothing to expand.
void XMLCALL on_doctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  stop(*static_cast<ParseState*>(user), "a DOCTYPE is not accepted");
}

Status parse_xml(std::string_view xml, std::size_t limit, XmlEvents& events) {
  if (xml.size() > limit) {
    return fail(Errc::InvalidInput,
                fmt::format("the answer has {} bytes, more than {}", xml.size(), limit));
  }
  Parser parser(XML_ParserCreate_MM("UTF-8", &kZeroingMemory, nullptr));
  if (!parser) return fail(Errc::Internal, "expat could not start");
  ParseState state{parser.get(), &events, 0, {}};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  const auto status = XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (!state.problem.empty()) return fail(Errc::InvalidInput, state.problem);
  if (status != XML_STATUS_OK) {
    return fail(Errc::InvalidInput, fmt::format("not well-formed XML: {} at line {}",
                                                XML_ErrorString(XML_GetErrorCode(parser.get())),
                                                XML_GetCurrentLineNumber(parser.get())));
  }
  return {};
}

std::optional<std::string_view> attribute(const XML_Char** attributes, std::string_view name) {
  for (int i = 0; attributes[i] != nullptr && attributes[i + 1] != nullptr; i += 2) {
    if (name == attributes[i]) return std::string_view(attributes[i + 1]);
  }
  return std::nullopt;
}

std::string attribute_or_empty(const XML_Char** attributes, std::string_view name) {
  return std::string(attribute(attributes, name).value_or(""));
}

std::optional<int> number(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  int value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<RdStatus> status_from(std::string_view text) {
  if (text == "READY") return RdStatus::Ready;
  if (text == "NOTREADY") return RdStatus::NotReady;
  if (text == "USED") return RdStatus::Used;
  return std::nullopt;
}

class RdServiceReader : public XmlEvents {
 public:
  RdServiceInfo info;
  bool root_seen = false;
  std::string status_text;
  void start(std::string_view name, const XML_Char** attributes, int depth) override {
    if (depth == 1 && name == "RDService") {
      root_seen = true;
      status_text = attribute_or_empty(attributes, "status");
      info.info = attribute_or_empty(attributes, "info");
    } else if (depth == 2 && name == "Interface") {
      const auto id = attribute(attributes, "id").value_or("");
      const auto path = attribute(attributes, "path");
      if (!path) return;
      if (id == "CAPTURE") info.capture_path = strip_embedded_host(*path);
      if (id == "DEVICEINFO" || id == "INFO") info.info_path = strip_embedded_host(*path);
    }
  }
};

class DeviceInfoReader : public XmlEvents {
 public:
  DeviceInfo info;
  bool root_seen = false;
  std::string dc;
  void start(std::string_view name, const XML_Char** attributes, int depth) override {
    if (depth == 1 && name == "DeviceInfo") {
      root_seen = true;
      info.provider = attribute_or_empty(attributes, "dpId");
      info.rds_id = attribute_or_empty(attributes, "rdsId");
      info.rds_version = attribute_or_empty(attributes, "rdsVer");
      info.model = attribute_or_empty(attributes, "mi");
      info.certificate_base64 = attribute_or_empty(attributes, "mc");
      dc = attribute_or_empty(attributes, "dc");
    } else if (name == "Param" && attribute(attributes, "name").value_or("") == "srno") {
      info.serial = attribute_or_empty(attributes, "value");
    }
  }
};

// Resp's attributes are status words and small numbers; the blocks are only measured.
class PidDataReader : public XmlEvents {
 public:
  CaptureSummary summary;
  bool root_seen = false;
  bool resp_seen = false;
  bool* counting = nullptr;  // the block whose text is being measured
  void start(std::string_view name, const XML_Char** attributes, int depth) override {
    counting = nullptr;
    if (depth == 1) {
      root_seen = name == "PidData";
    } else if (depth == 2 && name == "Resp") {
      resp_seen = true;
      summary.error_code = number(attribute(attributes, "errCode")).value_or(-1);
      summary.error_info = attribute_or_empty(attributes, "errInfo").substr(0, 200);
      summary.quality = number(attribute(attributes, "qScore"));
      summary.minutiae = number(attribute(attributes, "nmPoints"));
    } else if (depth == 2) {
      if (name == "Data") counting = &summary.has_data;
      if (name == "Skey") counting = &summary.has_skey;
      if (name == "Hmac") counting = &summary.has_hmac;
    }
  }
  void text(std::size_t length) override {
    if (counting != nullptr && length > 0) *counting = true;
  }
};

}  // namespace

std::string_view to_string(RdStatus status) {
  switch (status) {
    case RdStatus::Ready:
      return "READY";
    case RdStatus::NotReady:
      return "NOTREADY";
    case RdStatus::Used:
      return "USED";
  }
  return "NOTREADY";
}

std::optional<std::string> check_pid_options(const PidOptions& o) {
  if (o.finger_count < 1 || o.finger_count > 10) return "fCount must be 1 to 10";
  if (o.finger_type < 0 || o.finger_type > 2) return "fType must be 0 (FMR), 1 (FIR) or 2 (both)";
  if (o.format != 0 && o.format != 1) return "format must be 0 (XML) or 1 (protobuf)";
  if (o.pid_version != "2.0") return "pidVer must be 2.0";
  if (o.timeout_ms < 1'000 || o.timeout_ms > 60'000) return "timeout must be 1000 to 60000 ms";
  if (o.env != "P" && o.env != "PP" && o.env != "S") return "env must be P, PP or S";
  return std::nullopt;
}

std::string pid_options_xml(const PidOptions& o) {
  return fmt::format(
      R"(<PidOptions ver="1.0"><Opts fCount="{}" fType="{}" iCount="0" iType="0" pCount="0" )"
      R"(pType="0" format="{}" pidVer="{}" timeout="{}" otp="" wadh="{}" posh="UNKNOWN" )"
      R"(env="{}"/></PidOptions>)",
      o.finger_count, o.finger_type, o.format, escape_markup(o.pid_version), o.timeout_ms,
      escape_markup(o.wadh), escape_markup(o.env));
}

Result<RdServiceInfo> parse_rd_service(std::string_view xml) {
  RdServiceReader reader;
  if (auto parsed = parse_xml(xml, kMaxRdAnswerBytes, reader); !parsed) {
    return std::unexpected(parsed.error());
  }
  if (!reader.root_seen) return fail(Errc::InvalidInput, "no <RDService> element");
  const auto status = status_from(reader.status_text);
  if (!status) {
    return fail(Errc::InvalidInput,
                fmt::format("unknown RD Service status \"{}\"", reader.status_text.substr(0, 40)));
  }
  if (reader.info.capture_path.empty()) {
    return fail(Errc::InvalidInput, "the RD Service names no CAPTURE interface");
  }
  reader.info.status = *status;
  return reader.info;
}

Result<DeviceInfo> parse_device_info(std::string_view xml) {
  DeviceInfoReader reader;
  if (auto parsed = parse_xml(xml, kMaxRdAnswerBytes, reader); !parsed) {
    return std::unexpected(parsed.error());
  }
  if (!reader.root_seen) return fail(Errc::InvalidInput, "no <DeviceInfo> element");
  if (reader.info.serial.empty()) reader.info.serial = reader.dc;
  return reader.info;
}

Result<CaptureSummary> parse_pid_data(std::string_view xml) {
  PidDataReader reader;
  if (auto parsed = parse_xml(xml, kMaxPidDataBytes, reader); !parsed) {
    return std::unexpected(parsed.error());
  }
  if (!reader.root_seen) return fail(Errc::InvalidInput, "no <PidData> element");
  if (!reader.resp_seen) return fail(Errc::InvalidInput, "the PidData has no <Resp>");
  return reader.summary;
}

std::string strip_embedded_host(std::string_view path) {
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (path.starts_with(scheme)) {
      path.remove_prefix(scheme.size());
      const auto slash = path.find('/');
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
    }
  }
  std::string_view rest = path;
  if (rest.starts_with('/')) rest.remove_prefix(1);
  const auto slash = rest.find('/');
  const std::string_view first = rest.substr(0, slash);
  // Morpho: "/127.0.0.1:11102/capture". A first segment with a port is a host, not a path.
  if (first.find(':') != std::string_view::npos) {
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  return "/" + std::string(rest);
}

}  // namespace kiosk::biometric
