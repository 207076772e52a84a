#pragma once
// FdSink: a Sink that writes each record as one line to an open file descriptor it does not own
// (standard output for `koubei backfill --out -`). A pipe or terminal cannot be fsync'd: a
// record counts as delivered once write(2) took all of its bytes, and durability is the
// reader's. A write error (EPIPE: the reader went away) fails the batch like any sink error.
// Thread safety: none (the storage thread).

#include "storage/sink.hpp"

#include <string>

namespace koubei::storage {

class FdSink final : public Sink {
 public:
  FdSink(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}

  std::string_view name() const override { return name_; }
  Result<void> write(std::span<const OutRecord> batch) override;
  SinkStats stats() const override { return stats_; }

 private:
  int fd_;
  std::string name_;
  std::string buffer_;
  SinkStats stats_;
};

}  // namespace koubei::storage
