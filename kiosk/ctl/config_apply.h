// The applier opened the same way by csc-kiosk and by kioskctl's offline apply: this
// kiosk's state folder, shipped trust root, id, local file, string keys and trusted time.
#pragma once

#include <memory>

#include "kiosk/config/applier.h"
#include "kiosk/config/config.h"
#include "kiosk/core/clock.h"

namespace kiosk::ctl {

// `local_config` is the local file resolved alone (its paths and identity); `local` is the
// layer the bundles go on.
Result<std::unique_ptr<config::ConfigApplier>> open_applier(const config::Config& local_config,
                                                            const config::Layers& local,
                                                            const Clock& clock,
                                                            FileOps* files = nullptr);

}  // namespace kiosk::ctl
