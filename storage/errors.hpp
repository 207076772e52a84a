#pragma once
// storage::Errc: the named failure conditions of the storage component (sinks, spool, dedup
// stores), as a std::error_category "koubei.storage" so they travel in koubei::Error next to
// other categories.
// The OS detail (strerror text) goes into Error::where; the code says which step failed.

#include <system_error>
#include <type_traits>

namespace koubei::storage {

enum class Errc {
  kOpenFailed = 1,  ///< output file or its parent directories could not be created or opened
  kWriteFailed,     ///< write(2) failed (ENOSPC, EFBIG, EIO, ...); nothing of the batch remains
  kSyncFailed,      ///< fdatasync/fsync of the file or its directory failed
  kPendingFull,     ///< the in-memory buffer is full; sync() first, then append again
  kInvalidRecord,   ///< empty record, or one that contains '\n' or '\r'
  kRecordTooLarge,  ///< one record is larger than the whole pending buffer; can never be accepted
  kClosed,          ///< the sink was closed
  kUnavailable,     ///< the server (Redis) cannot be reached now; retried with backoff
  kProtocol,        ///< the server answered something unexpected, or an error reply
  kBadAddress,      ///< a server URL that cannot be used (syntax, rediss://, bad db)
  kAuthFailed,      ///< the server refused the password (AUTH)
  kLocked,          ///< state_dir is held by another process (its LOCK file)
  kCorrupt,         ///< a state file is damaged beyond the torn tail a crash can leave
  kReadFailed,      ///< read(2) of a state file failed

  // Delivery (sinks, spool, pipeline):
  kSinkUnavailable,  ///< a sink's server cannot be reached (connect failed, connection lost)
  kSinkRejected,     ///< a sink's server refused the batch (SQL error); retrying will not help
  kSpoolFull,        ///< the spool has no room for the batch: backpressure, nothing was written
  kSpoolIoFailed,    ///< a spool file could not be created, written, synced, read or removed
};

const std::error_category& storage_category() noexcept;

std::error_code make_error_code(Errc e) noexcept;

}  // namespace koubei::storage

template <>
struct std::is_error_code_enum<koubei::storage::Errc> : std::true_type {};
