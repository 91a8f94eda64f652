// Who is on the other end of a control connection, and what they may ask.
//
// The kernel tells us (SO_PEERCRED: pid, uid, gid at connect time; SO_PEERGROUPS: the
// supplementary groups), so a client cannot claim to be someone else. Read-only verbs
// are open to whoever can open the socket (mode 0660, the service group). Verbs that
// change anything are for root, the service user (the uid the kiosk runs as) and members
// of the configured operator group (control.operator_group).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::control {

struct Peer {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary groups, when the kernel reports them
};

// Errc::Io when the kernel gives no credentials (not a unix socket).
Result<Peer> peer_of(int socket_fd);

class AccessPolicy {
 public:
  AccessPolicy(uid_t service_uid, std::optional<gid_t> operator_gid)
      : service_uid_(service_uid), operator_gid_(operator_gid) {}
  // The running process's uid; the group named in config, looked up once. An unknown
  // group name is logged and then only root and the service user may change things.
  static AccessPolicy for_this_process(const std::string& operator_group);

  bool may_change(const Peer& peer) const;
  std::string describe() const;

 private:
  uid_t service_uid_;
  std::optional<gid_t> operator_gid_;
};

}  // namespace kiosk::control
