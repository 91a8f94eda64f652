// The outbox's schema, one migration per user_version (Database::migrate).
#pragma once

#include <span>
#include <string_view>

namespace kiosk::store {

std::span<const std::string_view> outbox_migrations();

}  // namespace kiosk::store
