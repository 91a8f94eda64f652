// libm17n at its edge: RAII for the input method, the input context and MText, one lock
// for the library's global state, and UTF-8 in and out.
#include "kiosk/text/input_method.h"

#include <fmt/format.h>
#include <glib.h>
#include <m17n.h>

#include <vector>

namespace kiosk::text {
namespace {

// libm17n keeps its symbol table and databases in globals: every call goes through this.
std::mutex& m17n_lock() {
  static std::mutex lock;
  return lock;
}

// M17N_INIT once per process; never finalised, as other input methods may still be open
// in a test process or the app until exit.
void init_m17n() {
  static std::once_flag once;
  std::call_once(once, [] { M17N_INIT(); });
}

struct MTextUnref {
  void operator()(MText* mt) const { m17n_object_unref(mt); }
};
using MTextPtr = std::unique_ptr<MText, MTextUnref>;

struct ContextDestroy {
  void operator()(MInputContext* ic) const { minput_destroy_ic(ic); }
};
using ContextPtr = std::unique_ptr<MInputContext, ContextDestroy>;

struct GFree {
  void operator()(gchar* p) const { g_free(p); }
};

// In NFC, as InScript types it: hi-itrans gives the precomposed nukta letters (क़ U+0958),
// which Unicode excludes from composition, so the same name typed on the two keyboards
// would differ byte for byte. GLib's normaliser gives क + ़ for both.
std::string to_utf8(MText* mt) {
  std::vector<unsigned char> buf(static_cast<std::size_t>(mtext_len(mt)) * 4 + 4);
  const int n = mconv_encode_buffer(Mcoding_utf_8, mt, buf.data(), static_cast<int>(buf.size()));
  if (n <= 0) return {};
  std::unique_ptr<gchar, GFree> nfc(
      g_utf8_normalize(reinterpret_cast<const gchar*>(buf.data()), n, G_NORMALIZE_NFC));
  return nfc ? std::string(nfc.get()) : std::string(buf.begin(), buf.begin() + n);
}

MSymbol key_symbol(char c) {
  if (c == ' ') return msymbol("space");
  const char name[2] = {c, '\0'};
  return msymbol(name);
}

// One key through the context: what it commits is appended to `out`; a key the method
// does not take is appended as itself.
void feed(MInputContext* ic, MSymbol key, char as_itself, MText* out) {
  if (minput_filter(ic, key, nullptr) != 0) return;  // taken into the preedit
  MTextPtr produced(mtext());
  const bool unused = minput_lookup(ic, key, nullptr, produced.get()) < 0;
  mtext_cat(out, produced.get());  // what the key committed comes before the key itself
  if (unused && as_itself != '\0') mtext_cat_char(out, static_cast<unsigned char>(as_itself));
}

}  // namespace

struct M17nInputMethod::Handle {
  MInputMethod* im = nullptr;
  ~Handle() {
    if (im == nullptr) return;  // (a failed open is destroyed while the lock is held)
    std::lock_guard lock(m17n_lock());
    minput_close_im(im);
  }
};

M17nInputMethod::M17nInputMethod(std::unique_ptr<Handle> im) : im_(std::move(im)) {}
M17nInputMethod::~M17nInputMethod() = default;

Result<std::unique_ptr<M17nInputMethod>> M17nInputMethod::open(std::string_view language,
                                                               std::string_view name) {
  std::lock_guard lock(m17n_lock());
  init_m17n();
  auto handle = std::make_unique<Handle>();
  handle->im = minput_open_im(msymbol(std::string(language).c_str()),
                              msymbol(std::string(name).c_str()), nullptr);
  if (handle->im == nullptr)
    return fail(
        Errc::NotFound,
        fmt::format("m17n has no input method {}-{} (is m17n-db installed?)", language, name));
  return std::unique_ptr<M17nInputMethod>(new M17nInputMethod(std::move(handle)));
}

std::string M17nInputMethod::transliterate(std::string_view keys) const {
  std::lock_guard lock(m17n_lock());
  ContextPtr ic(minput_create_ic(im_->im, nullptr));
  if (!ic) return std::string(keys);
  MTextPtr out(mtext());
  for (char c : keys) feed(ic.get(), key_symbol(c), c, out.get());
  feed(ic.get(), Mnil, '\0', out.get());  // commits what is still pending
  return to_utf8(out.get());
}

}  // namespace kiosk::text
