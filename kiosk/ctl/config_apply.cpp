#include "kiosk/ctl/config_apply.h"

#include <fmt/format.h>

#include "kiosk/core/file.h"
#include "kiosk/ctl/config_bundle.h"

namespace kiosk::ctl {

Result<std::unique_ptr<config::ConfigApplier>> open_applier(const config::Config& c,
                                                            const config::Layers& local,
                                                            const Clock& clock, FileOps* files) {
  auto root = read_text_file(c.root_keys_file);
  if (!root) {
    return fail(Errc::Config, fmt::format("trust.root_keys_file {}: {}", c.root_keys_file.string(),
                                          root.error().message));
  }
  config::ApplierOptions options;
  options.state_dir = c.state_dir;
  options.shipped_root = std::move(*root);
  options.kiosk_id = c.kiosk_id;
  options.local = local;
  options.string_keys = known_string_keys(c);
  options.now = [c, &clock] { return trusted_now(c, clock); };
  options.files = files;
  std::error_code ec;
  std::filesystem::create_directories(c.state_dir, ec);
  return config::ConfigApplier::open(std::move(options));
}

}  // namespace kiosk::ctl
