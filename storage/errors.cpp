#include "storage/errors.hpp"

#include <string>

namespace koubei::storage {
namespace {

class StorageCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "koubei.storage"; }

  std::string message(int ev) const override {
    switch (static_cast<Errc>(ev)) {
      case Errc::kOpenFailed:
        return "cannot open output file";
      case Errc::kWriteFailed:
        return "write to output file failed";
      case Errc::kSyncFailed:
        return "fsync of output file failed";
      case Errc::kPendingFull:
        return "pending buffer full; sync first";
      case Errc::kInvalidRecord:
        return "record is empty or contains a line break";
      case Errc::kRecordTooLarge:
        return "record is larger than the pending buffer";
      case Errc::kClosed:
        return "sink is closed";
      case Errc::kUnavailable:
        return "server unavailable";
      case Errc::kProtocol:
        return "unexpected server reply";
      case Errc::kBadAddress:
        return "unusable server address";
      case Errc::kAuthFailed:
        return "authentication refused";
      case Errc::kLocked:
        return "state directory locked by another process";
      case Errc::kCorrupt:
        return "state file corrupt";
      case Errc::kReadFailed:
        return "read of state file failed";

      case Errc::kSinkUnavailable:
        return "sink unavailable";
      case Errc::kSinkRejected:
        return "sink rejected the batch";
      case Errc::kSpoolFull:
        return "spool full";
      case Errc::kSpoolIoFailed:
        return "spool file operation failed";
    }
    return "unknown storage error " + std::to_string(ev);
  }
};

}  // namespace

const std::error_category& storage_category() noexcept {
  static const StorageCategory category;
  return category;
}

std::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), storage_category()};
}

}  // namespace koubei::storage
