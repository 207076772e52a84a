#pragma once
// Quarantine: pages koubei could not use (an unrecognized layout, a parse that failed) kept on
// disk for diagnosis (guarantees §10), in a size-bounded directory: when a new page would take the
// directory over `max_bytes`, the oldest files go first.
//
// Each page is one file, `<unix_ms:13>-<seq:06>-<page_type>.txt`, zero-padded so that name order
// is age order: a short header (page type, URL with
// secrets stripped by the caller, HTTP status, reason) then a blank line and the body as received.
// Cookies and tokens are never written: the caller passes a redacted URL, and request headers are
// not kept.
//
// Errors are values (Errc::kWriteFailed with the path); a full disk costs the diagnostic copy,
// never the crawl. Thread safety: none (the storage thread).

#include "config/error.hpp"

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>

namespace koubei::storage {

class Quarantine {
 public:
  /// Creates the directory if needed and counts what is already in it.
  Quarantine(std::filesystem::path dir, std::uint64_t max_bytes);

  Result<std::filesystem::path> keep(std::string_view page_type, std::string_view redacted_url,
                                     int status, std::string_view reason, std::string_view body,
                                     std::int64_t now_ms);

  std::uint64_t bytes() const { return bytes_; }
  std::size_t files() const { return files_.size(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  void evict_for(std::uint64_t incoming);

  std::filesystem::path dir_;
  std::uint64_t max_bytes_;
  std::uint64_t bytes_ = 0;
  std::uint64_t seq_ = 0;
  std::deque<std::pair<std::filesystem::path, std::uint64_t>> files_;  // oldest first
};

}  // namespace koubei::storage
