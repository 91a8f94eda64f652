#include "drivers/usb/transfer.h"

#include <libusb.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>

namespace drivers::usb {
namespace {

using namespace std::chrono_literals;

// Shared between the waiting device thread and the event thread's completion callback.
struct Completion {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  int status = LIBUSB_TRANSFER_ERROR;
  int actual_length = 0;
};

void LIBUSB_CALL on_transfer_complete(libusb_transfer* transfer) noexcept {
  auto* completion = static_cast<Completion*>(transfer->user_data);
  {
    std::lock_guard lock(completion->mutex);
    completion->done = true;
    completion->status = transfer->status;
    completion->actual_length = transfer->actual_length;
  }
  completion->done_cv.notify_all();
}

struct TransferDeleter {
  void operator()(libusb_transfer* t) const { libusb_free_transfer(t); }
};
using TransferPtr = std::unique_ptr<libusb_transfer, TransferDeleter>;

// Grace beyond the libusb timeout before we cancel ourselves: only reached if the event
// thread is stuck, and even then we still wait for the completion before freeing.
constexpr auto kWatchdogGrace = 2s;

// Waits for the completion; cancels on the token or after timeout + grace. Always returns
// only after the callback ran, so the transfer and buffer may then be freed.
void wait_for_completion(libusb_transfer* transfer, Completion& c,
                         const model::CommandOptions& options) {
  int hook = -1;
  if (options.cancel)
    hook = options.cancel->add_hook([transfer] { libusb_cancel_transfer(transfer); });
  std::unique_lock lock(c.mutex);
  if (options.timeout.count() <= 0) {  // libusb: 0 means no timeout; only cancel ends it
    c.done_cv.wait(lock, [&] { return c.done; });
  } else if (!c.done_cv.wait_for(lock, options.timeout + kWatchdogGrace, [&] { return c.done; })) {
    lock.unlock();
    libusb_cancel_transfer(transfer);
    lock.lock();
    c.done_cv.wait(lock, [&] { return c.done; });
  }
  lock.unlock();
  if (options.cancel && hook >= 0) options.cancel->remove_hook(hook);
}

// Submits a filled transfer and waits. The buffer belongs to the caller.
UsbResult<int> submit_and_wait(const std::shared_ptr<UsbDeviceHandle>& handle,
                               libusb_transfer* transfer, const model::CommandOptions& options,
                               const char* what) {
  Completion completion;
  transfer->user_data = &completion;
  transfer->callback = on_transfer_complete;
  transfer->timeout = static_cast<unsigned>(options.timeout.count());
  if (options.cancel && options.cancel->cancelled()) {
    return std::unexpected(UsbError{UsbErrc::Cancelled, what});
  }
  if (const int rc = libusb_submit_transfer(transfer); rc != LIBUSB_SUCCESS) {
    return std::unexpected(UsbError{
        from_libusb(rc), std::string(what) + " submit (" + handle->device().usb_id() + ")"});
  }
  wait_for_completion(transfer, completion, options);
  if (completion.status != LIBUSB_TRANSFER_COMPLETED) {
    return std::unexpected(UsbError{from_transfer_status(completion.status),
                                    std::string(what) + " (" + handle->device().usb_id() + ")",
                                    static_cast<std::size_t>(completion.actual_length)});
  }
  return completion.actual_length;
}

TransferPtr allocate() {
  return TransferPtr(libusb_alloc_transfer(0));
}

void fill(libusb_transfer* t, const std::shared_ptr<UsbDeviceHandle>& handle,
          const EndpointInfo& ep, unsigned char* buffer, int length) {
  if (ep.type == EndpointType::Interrupt) {
    libusb_fill_interrupt_transfer(t, handle->raw(), ep.address, buffer, length, nullptr, nullptr,
                                   0);
  } else {
    libusb_fill_bulk_transfer(t, handle->raw(), ep.address, buffer, length, nullptr, nullptr, 0);
  }
}

}  // namespace

UsbResult<std::size_t> write(const std::shared_ptr<UsbDeviceHandle>& handle, const EndpointInfo& ep,
                             std::span<const std::uint8_t> data,
                             const model::CommandOptions& options) {
  std::vector<unsigned char> buffer(data.begin(), data.end());
  auto transfer = allocate();
  if (!transfer) return std::unexpected(UsbError{UsbErrc::NoMemory, "libusb_alloc_transfer"});
  fill(transfer.get(), handle, ep, buffer.data(), static_cast<int>(buffer.size()));
  auto sent = submit_and_wait(handle, transfer.get(), options, "write");
  if (!sent) return std::unexpected(sent.error());
  return static_cast<std::size_t>(*sent);
}

UsbResult<std::vector<std::uint8_t>> read(const std::shared_ptr<UsbDeviceHandle>& handle,
                                          const EndpointInfo& ep, std::size_t max_length,
                                          const model::CommandOptions& options) {
  std::vector<std::uint8_t> buffer(max_length);
  auto transfer = allocate();
  if (!transfer) return std::unexpected(UsbError{UsbErrc::NoMemory, "libusb_alloc_transfer"});
  fill(transfer.get(), handle, ep, buffer.data(), static_cast<int>(buffer.size()));
  auto got = submit_and_wait(handle, transfer.get(), options, "read");
  if (!got) return std::unexpected(got.error());
  buffer.resize(static_cast<std::size_t>(*got));
  return buffer;
}

UsbResult<std::vector<std::uint8_t>> control(const std::shared_ptr<UsbDeviceHandle>& handle,
                                             const ControlSetup& setup,
                                             std::span<const std::uint8_t> out_data,
                                             std::size_t in_length,
                                             const model::CommandOptions& options) {
  const bool is_in = (setup.request_type & LIBUSB_ENDPOINT_IN) != 0;
  const std::size_t length = is_in ? in_length : out_data.size();
  // libusb wants the SETUP packet and the data stage in one buffer.
  std::vector<unsigned char> buffer(LIBUSB_CONTROL_SETUP_SIZE + length);
  libusb_fill_control_setup(buffer.data(), setup.request_type, setup.request, setup.value,
                            setup.index, static_cast<std::uint16_t>(length));
  if (!is_in && length > 0)
    std::memcpy(buffer.data() + LIBUSB_CONTROL_SETUP_SIZE, out_data.data(), length);
  auto transfer = allocate();
  if (!transfer) return std::unexpected(UsbError{UsbErrc::NoMemory, "libusb_alloc_transfer"});
  libusb_fill_control_transfer(transfer.get(), handle->raw(), buffer.data(), nullptr, nullptr, 0);
  auto got = submit_and_wait(handle, transfer.get(), options, "control");
  if (!got) return std::unexpected(got.error());
  if (!is_in) return std::vector<std::uint8_t>{};
  return std::vector<std::uint8_t>(buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE,
                                   buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE + *got);
}

}  // namespace drivers::usb
