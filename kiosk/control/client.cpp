#include "kiosk/control/client.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "kiosk/control/socket_io.h"
#include "kiosk/control/verbs.h"

namespace kiosk::control {
namespace {

// A full listen backlog answers EAGAIN to a non-blocking connect: try again until the deadline.
Result<UniqueFd> connect_to(const std::filesystem::path& path, Deadline deadline) {
  auto addr = socket_address(path.string());
  if (!addr) return std::unexpected(addr.error());
  for (;;) {
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd) return fail(Errc::Io, fmt::format("socket: {}", std::strerror(errno)));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&*addr), sizeof *addr) == 0)
      return fd;
    const int error = errno;
    if (error == EAGAIN && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const Errc code = error == ENOENT || error == ECONNREFUSED ? Errc::NotFound
                      : error == EACCES                        ? Errc::Access
                      : error == EAGAIN                        ? Errc::Timeout
                                                               : Errc::Io;
    return fail(code,
                fmt::format("no kiosk answers on {}: {}", path.string(), std::strerror(error)));
  }
}

}  // namespace

std::optional<Error> error_in(const nlohmann::json& answer) {
  const auto it = answer.find("error");
  if (it == answer.end() || !it->is_object()) return std::nullopt;
  const auto code = it->find("code");
  const auto message = it->find("message");
  return Error{code != it->end() && code->is_string()
                   ? errc_from_string(code->get_ref<const std::string&>())
                   : Errc::Internal,
               message != it->end() && message->is_string()
                   ? message->get<std::string>()
                   : std::string("the kiosk refused without saying why")};
}

Result<Answer> exchange(const std::filesystem::path& socket, const nlohmann::json& body,
                        std::chrono::milliseconds timeout) {
  const Deadline deadline = std::chrono::steady_clock::now() + timeout;
  auto fd = connect_to(socket, deadline);
  if (!fd) return std::unexpected(fd.error());
  if (auto sent = send_all(fd->get(), to_line(body), deadline); !sent)
    return std::unexpected(sent.error());
  auto line = read_line(fd->get(), 16 << 20, deadline);
  if (!line) return std::unexpected(line.error());
  auto answer = nlohmann::json::parse(*line, nullptr, false);
  if (answer.is_discarded() || !answer.is_object())
    return fail(Errc::InvalidInput, "control socket: the answer is not a JSON object");
  auto refused = error_in(answer);
  return Answer{std::move(answer), std::move(refused)};
}

Result<nlohmann::json> request(const std::filesystem::path& socket, const nlohmann::json& body,
                               std::chrono::milliseconds timeout) {
  auto answer = exchange(socket, body, timeout);
  if (!answer) return std::unexpected(answer.error());
  if (answer->refused) return std::unexpected(std::move(*answer->refused));
  return std::move(answer->body);
}

}  // namespace kiosk::control
