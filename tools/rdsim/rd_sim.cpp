// The simulated RD Service's server (see rd_sim.h): a listening socket on 127.0.0.1, one
// thread polling it, and a thread per connection (at most max_connections) so that a slow
// or silent client delays only itself, for at most its socket timeout.
#include "tools/rdsim/rd_sim.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <list>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "kiosk/core/ascii.h"
#include "kiosk/core/unique_fd.h"
#include "tools/rdsim/http.h"
#include "tools/rdsim/rd_xml.h"
#include "tools/rdsim/tls.h"

namespace kiosk::rdsim {

namespace {

constexpr int kMaxDelayMs = 10 * 60 * 1000;
constexpr int kPollMs = 200;  // how often the accept loop reaps finished connections

void log_line(bool enabled, std::string_view text) {
  if (enabled) fmt::print(stderr, "rdsim: {}\n", text);
}

bool is_base64_text(std::string_view text) {
  return std::ranges::all_of(text, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
  });
}

std::expected<void, std::string> check_options(const RdSimOptions& o) {
  auto fail = [](std::string why) { return std::unexpected(std::move(why)); };
  if (o.port < 0 || o.port > 65535) return fail(fmt::format("bad port {}", o.port));
  if (o.delay_ms < 0 || o.delay_ms > kMaxDelayMs || o.capture_delay_ms < 0 ||
      o.capture_delay_ms > kMaxDelayMs)
    return fail("delays must be 0..600000 ms");
  if (o.cert_days < -36500 || o.cert_days > 36500)
    return fail("cert days must be within 100 years");
  if (o.data_marker.size() > 256 || !is_base64_text(o.data_marker))
    return fail("the data marker must be at most 256 base64 characters (A-Z a-z 0-9 + /)");
  if (o.serial.empty() || o.serial.size() > 64) return fail("the serial must be 1..64 characters");
  if (o.qscore < 0 || o.qscore > 100 || o.nmpoints < 0 || o.nmpoints > 1000)
    return fail("qscore must be 0..100 and nmpoints 0..1000");
  if (o.io_timeout_ms < 1 || o.max_connections < 1)
    return fail("io timeout and max connections must be positive");
  return {};
}

// The simulated reader's certificate, given as `mc` in DeviceInfo.
std::expected<std::string, std::string> device_certificate(std::string_view model, int days) {
  auto key = make_p256_key();
  if (!key) return std::unexpected(key.error());
  auto cert = make_self_signed_cert(
      key->get(), CertSpec{.common_name = fmt::format("SIMULATED-{}", model), .days = days});
  if (!cert) return std::unexpected(cert.error());
  return der_base64(cert->get());
}

std::expected<UniqueFd, std::string> open_listener(int port) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return std::unexpected(fmt::format("socket: {}", std::strerror(errno)));
  const int one = 1;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // never 0.0.0.0: biometrics stay local
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    return std::unexpected(fmt::format("bind 127.0.0.1:{}: {}", port, std::strerror(errno)));
  if (::listen(fd.get(), 64) != 0)
    return std::unexpected(fmt::format("listen: {}", std::strerror(errno)));
  return fd;
}

int bound_port(int fd) {
  sockaddr_in addr{};
  socklen_t length = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0) return 0;
  return ntohs(addr.sin_port);
}

void set_socket_timeouts(int fd, int ms) {
  const timeval tv{.tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// SSL writes a vanished client's socket with write(2): SIGPIPE, which would end a test
// process. Blocked in this thread, it stays pending here and dies with the thread.
void block_sigpipe_in_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int capture_error_code(CaptureOutcome outcome) {
  switch (outcome) {
    case CaptureOutcome::Timeout700:
      return 700;
    case CaptureOutcome::Busy710:
      return 710;
    case CaptureOutcome::NotReady720:
      return 720;
    case CaptureOutcome::Failed730:
      return 730;
    case CaptureOutcome::Reinit740:
      return 740;
    case CaptureOutcome::Ok:
    case CaptureOutcome::NoData:
      break;
  }
  return 0;
}

std::optional<int> parse_ms(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > kMaxDelayMs)
    return std::nullopt;
  return value;
}

using ascii::iequals;

}  // namespace

struct RdSim::Impl {
  // An answer's status and body; status 0 means "close without answering".
  struct Answer {
    int status = 0;
    std::string body = {};
  };
  struct Worker {
    std::thread thread = {};
    std::atomic<bool> done = false;
  };

  explicit Impl(RdSimOptions o)
      : options(std::move(o)),
        status(options.status),
        capture(options.capture),
        delay_ms(options.delay_ms),
        capture_delay_ms(options.capture_delay_ms) {}

  std::expected<int, std::string> start();
  void stop();
  void accept_loop();
  void poll_once();
  void accept_one();
  void reap_workers(bool all);
  void serve(UniqueFd fd);
  void serve_stream(int fd, SSL* ssl);
  Answer route(const Request& request);
  Answer capture_answer(const Request& request);
  bool wait_unless_stopping(int ms);
  bool stopping_now();

  const RdSimOptions options;
  std::atomic<DeviceStatus> status;
  std::atomic<CaptureOutcome> capture;
  std::atomic<int> delay_ms;
  std::atomic<int> capture_delay_ms;
  std::atomic<std::uint64_t> requests = 0;
  std::atomic<std::uint64_t> captures = 0;
  std::atomic<int> port = 0;

  // Set by start() before any thread runs, read-only afterwards.
  DeviceIdentity device = {};
  SslCtxPtr tls = {};
  UniqueFd listener = {}, wake_read = {}, wake_write = {};
  std::thread acceptor = {};
  bool started = false;

  std::list<Worker> workers = {};  // the accept thread's alone (list: stable addresses)

  std::mutex mutex = {};
  std::condition_variable stop_cv = {};
  bool stopping = false;        // guarded by mutex
  std::set<int> open_fds = {};  // guarded by mutex: cut by stop()
};

std::expected<int, std::string> RdSim::Impl::start() {
  if (started) return std::unexpected("already started");
  if (auto ok = check_options(options); !ok) return std::unexpected(ok.error());
  const auto model = device_identity(options.paths, {}, {}).model;
  auto mc = device_certificate(model, options.cert_days);
  if (!mc) return std::unexpected(mc.error());
  device = device_identity(options.paths, options.serial, std::move(*mc));
  if (options.https) {
    auto ctx = make_server_context();
    if (!ctx) return std::unexpected(ctx.error());
    tls = std::move(*ctx);
  }
  auto fd = open_listener(options.port);
  if (!fd) return std::unexpected(fd.error());
  listener = std::move(*fd);
  port = bound_port(listener.get());
  int pipe_fds[2] = {-1, -1};
  if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0)
    return std::unexpected(fmt::format("pipe: {}", std::strerror(errno)));
  wake_read.reset(pipe_fds[0]);
  wake_write.reset(pipe_fds[1]);
  try {
    acceptor = std::thread([this] { accept_loop(); });
  } catch (const std::exception& e) {
    return std::unexpected(fmt::format("cannot start the server thread: {}", e.what()));
  }
  started = true;
  return port.load();
}

void RdSim::Impl::stop() {
  if (!acceptor.joinable()) return;
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  stop_cv.notify_all();
  [[maybe_unused]] const auto n = ::write(wake_write.get(), "x", 1);
  acceptor.join();
  listener.reset();
}

bool RdSim::Impl::stopping_now() {
  std::lock_guard lock(mutex);
  return stopping;
}

// False when stop() came first: the connection then closes without an answer.
bool RdSim::Impl::wait_unless_stopping(int ms) {
  std::unique_lock lock(mutex);
  if (ms <= 0) return !stopping;
  return !stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping; });
}

void RdSim::Impl::accept_loop() {
  try {
    while (!stopping_now()) {
      reap_workers(false);
      poll_once();
    }
  } catch (const std::exception& e) {
    log_line(true, fmt::format("accept loop failed: {}", e.what()));
  } catch (...) {
    log_line(true, "accept loop failed");
  }
  {
    std::lock_guard lock(mutex);
    // Wakes every connection blocked in a read or write; they then finish at once.
    for (const int fd : open_fds) ::shutdown(fd, SHUT_RDWR);
  }
  reap_workers(true);
}

void RdSim::Impl::poll_once() {
  const bool room = workers.size() < static_cast<std::size_t>(options.max_connections);
  // At the cap the listener is left out: new clients wait in the backlog, not in a thread.
  const short listen_events = room ? POLLIN : 0;
  pollfd fds[2] = {{wake_read.get(), POLLIN, 0}, {listener.get(), listen_events, 0}};
  if (::poll(fds, 2, kPollMs) <= 0) return;
  if ((fds[0].revents & POLLIN) != 0) {
    char drain[64];
    while (::read(wake_read.get(), drain, sizeof drain) > 0) {
    }
    return;
  }
  if ((fds[1].revents & POLLIN) != 0) accept_one();
}

void RdSim::Impl::accept_one() {
  UniqueFd fd(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!fd) {
    // Out of descriptors or memory: the listener stays readable, so do not spin on it.
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
      wait_unless_stopping(100);
    return;
  }
  const int raw = fd.get();
  {
    std::lock_guard lock(mutex);
    open_fds.insert(raw);
  }
  auto& worker = workers.emplace_back();
  try {
    worker.thread = std::thread([this, &worker, raw] {
      serve(UniqueFd(raw));
      worker.done = true;
    });
    fd.release();  // the thread owns it now
  } catch (const std::exception&) {
    workers.pop_back();
    std::lock_guard lock(mutex);
    open_fds.erase(raw);
  }
}

void RdSim::Impl::reap_workers(bool all) {
  for (auto it = workers.begin(); it != workers.end();) {
    if (all || it->done) {
      if (it->thread.joinable()) it->thread.join();
      it = workers.erase(it);
    } else {
      ++it;
    }
  }
}

// One connection, start to close. Nothing may escape a thread: an exception here would
// end the whole process (std::terminate).
void RdSim::Impl::serve(UniqueFd fd) {
  try {
    block_sigpipe_in_this_thread();
    set_socket_timeouts(fd.get(), options.io_timeout_ms);
    SslPtr ssl;
    if (tls) {
      ssl.reset(SSL_new(tls.get()));
      if (!ssl || SSL_set_fd(ssl.get(), fd.get()) != 1 || SSL_accept(ssl.get()) != 1) {
        ERR_clear_error();
        log_line(options.log_requests, "TLS handshake failed");
        ssl.reset();
      }
    }
    if (!tls || ssl) serve_stream(fd.get(), ssl.get());
  } catch (const std::exception& e) {
    log_line(true, fmt::format("connection failed: {}", e.what()));
  } catch (...) {
    log_line(true, "connection failed");
  }
  std::lock_guard lock(mutex);
  open_fds.erase(fd.get());
  fd.reset();  // closed under the lock, so stop() never shuts down a reused number
}

void RdSim::Impl::serve_stream(int fd, SSL* ssl) {
  Stream stream(fd, ssl);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(2 * options.io_timeout_ms);
  auto request = read_request(stream, deadline);
  Answer answer = request ? route(*request) : Answer{.status = request.error()};
  if (answer.status == 0 || !wait_unless_stopping(delay_ms)) return;
  ++requests;  // before the answer leaves, so a client that has it sees the count
  const bool sent = stream.write_all(format_answer(answer.status, answer.body));
  // Method and target passed the token checks of parse_head: safe to print. Never the body.
  log_line(options.log_requests, request
                                     ? fmt::format("{} {} {}{}", request->method, request->target,
                                                   answer.status, sent ? "" : " (not delivered)")
                                     : fmt::format("(malformed request) {}", answer.status));
  if (ssl != nullptr && SSL_shutdown(ssl) < 0) ERR_clear_error();
  // Half-close and drain so that unread bytes (a body over the limit) do not make the
  // kernel reset the connection before the client has read the answer.
  ::shutdown(fd, SHUT_WR);
  set_socket_timeouts(fd, 500);
  char sink[4096];
  for (int i = 0; i < 64 && ::recv(fd, sink, sizeof sink, 0) > 0; ++i) {
  }
}

namespace {

// Morpho announces "/127.0.0.1:PORT/capture", and clients strip the host (india.md §2) and
// ask "/capture": the real service answers both, and so does this one.
bool same_path(const std::string& target, const std::string& announced) {
  if (target == announced) return true;
  const auto second = announced.find('/', 1);
  return announced.find(':') != std::string::npos && second != std::string::npos &&
         target == announced.substr(second);
}

}  // namespace

RdSim::Impl::Answer RdSim::Impl::route(const Request& request) {
  const int p = port.load();
  if (request.method == "RDSERVICE" && request.target == "/")
    return {200, rdservice_xml(status.load(), options.paths, p)};
  if (request.method == "DEVICEINFO" && same_path(request.target, info_path(options.paths, p)))
    return {200, device_info_xml(device)};
  if (request.method == "CAPTURE" && same_path(request.target, capture_path(options.paths, p)))
    return capture_answer(request);
  return {404, {}};
}

RdSim::Impl::Answer RdSim::Impl::capture_answer(const Request& request) {
  ++captures;
  const auto pid_options = read_pid_options(request.body);
  if (!pid_options) return {200, pid_error_xml(pid_options.error())};
  switch (status.load()) {
    case DeviceStatus::NotReady:
      return {200, pid_error_xml(720)};
    case DeviceStatus::Used:
      return {200, pid_error_xml(710)};
    case DeviceStatus::Ready:
      break;
  }
  // The finger on the glass: only a capture the device really attempts takes this long.
  if (!wait_unless_stopping(capture_delay_ms)) return {};
  const auto outcome = capture.load();
  if (const int code = capture_error_code(outcome); code != 0) return {200, pid_error_xml(code)};
  const CaptureFacts facts{.options = *pid_options,
                           .qscore = options.qscore,
                           .nmpoints = options.nmpoints,
                           .with_data = outcome != CaptureOutcome::NoData,
                           .data_marker = options.data_marker};
  return {200, pid_success_xml(device, facts)};
}

RdSim::RdSim(RdSimOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
RdSim::~RdSim() {
  stop();
}
std::expected<int, std::string> RdSim::start() {
  return impl_->start();
}
void RdSim::stop() {
  impl_->stop();
}
int RdSim::port() const {
  return impl_->port.load();
}
void RdSim::set_status(DeviceStatus status) {
  impl_->status = status;
}
void RdSim::set_capture_error(CaptureOutcome outcome) {
  impl_->capture = outcome;
}
void RdSim::set_delay_ms(int ms) {
  impl_->delay_ms = std::clamp(ms, 0, kMaxDelayMs);
}
void RdSim::set_capture_delay_ms(int ms) {
  impl_->capture_delay_ms = std::clamp(ms, 0, kMaxDelayMs);
}
DeviceStatus RdSim::status() const {
  return impl_->status.load();
}
CaptureOutcome RdSim::capture_outcome() const {
  return impl_->capture.load();
}
std::uint64_t RdSim::requests() const {
  return impl_->requests.load();
}
std::uint64_t RdSim::captures() const {
  return impl_->captures.load();
}

std::optional<DeviceStatus> parse_status(std::string_view text) {
  for (const auto s : {DeviceStatus::Ready, DeviceStatus::NotReady, DeviceStatus::Used})
    if (iequals(text, to_string(s))) return s;
  return std::nullopt;
}

std::optional<CaptureOutcome> parse_capture_outcome(std::string_view text) {
  for (const auto o : {CaptureOutcome::Ok, CaptureOutcome::Timeout700, CaptureOutcome::Busy710,
                       CaptureOutcome::NotReady720, CaptureOutcome::Failed730,
                       CaptureOutcome::Reinit740, CaptureOutcome::NoData})
    if (iequals(text, to_string(o))) return o;
  return std::nullopt;
}

std::optional<PathStyle> parse_path_style(std::string_view text) {
  if (iequals(text, "mantra")) return PathStyle::Mantra;
  if (iequals(text, "morpho")) return PathStyle::Morpho;
  return std::nullopt;
}

std::string_view to_string(DeviceStatus status) {
  switch (status) {
    case DeviceStatus::Ready:
      return "READY";
    case DeviceStatus::NotReady:
      return "NOTREADY";
    case DeviceStatus::Used:
      return "USED";
  }
  return "READY";
}

std::string_view to_string(CaptureOutcome outcome) {
  switch (outcome) {
    case CaptureOutcome::Ok:
      return "ok";
    case CaptureOutcome::Timeout700:
      return "700";
    case CaptureOutcome::Busy710:
      return "710";
    case CaptureOutcome::NotReady720:
      return "720";
    case CaptureOutcome::Failed730:
      return "730";
    case CaptureOutcome::Reinit740:
      return "740";
    case CaptureOutcome::NoData:
      return "no-data";
  }
  return "ok";
}

int check_pid_options(std::string_view body) {
  const auto options = read_pid_options(body);
  return options ? 0 : options.error();
}

std::expected<ControlResult, std::string> apply_control_line(RdSim& sim, std::string_view line) {
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at < line.size();) {
    const auto end = std::min(line.find_first_of(" \t\r\n", at), line.size());
    if (end > at) words.push_back(line.substr(at, end - at));
    at = end + 1;
  }
  auto bad = [] { return std::unexpected<std::string>("unknown or malformed command"); };
  if (words.size() == 1 && words[0] == "quit") return ControlResult::Quit;
  if (words.size() != 2) return bad();
  if (words[0] == "status") {
    const auto s = parse_status(words[1]);
    if (!s) return bad();
    sim.set_status(*s);
  } else if (words[0] == "capture") {
    const auto o = parse_capture_outcome(words[1]);
    if (!o) return bad();
    sim.set_capture_error(*o);
  } else if (words[0] == "delay" || words[0] == "capture-delay") {
    const auto ms = parse_ms(words[1]);
    if (!ms) return bad();
    words[0] == "delay" ? sim.set_delay_ms(*ms) : sim.set_capture_delay_ms(*ms);
  } else {
    return bad();
  }
  return ControlResult::Applied;
}

}  // namespace kiosk::rdsim
