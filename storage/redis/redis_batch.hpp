#pragma once
// RedisBatch: commands queued for one pipelined round trip. Each command is encoded in RESP into
// one buffer as it is added, so that sending a batch of 1000 commands is one write(2) and no
// per-argument allocation (hiredis redisAppendFormattedCommand takes the encoded bytes).
//
// Arguments are binary-safe byte strings; integers are formatted in decimal.
//
// Thread safety: plain value.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace koubei::storage::redis {

class RedisBatch {
 public:
  /// One argument: bytes or an integer.
  using Arg = std::variant<std::string_view, std::int64_t>;

  /// Appends one command (its name is the first argument).
  void add(std::initializer_list<Arg> args);

  /// Incremental form for commands whose length is only known at run time:
  /// begin(n) then exactly n arg() calls.
  void begin(std::size_t argc);
  void arg(std::string_view bytes);
  void arg(std::int64_t value);

  std::size_t size() const { return count_; }

  bool empty() const { return count_ == 0; }

  std::string_view encoded() const { return buffer_; }

  void clear() {
    buffer_.clear();
    count_ = 0;
  }

 private:
  std::string buffer_;
  std::size_t count_ = 0;
};

}  // namespace koubei::storage::redis
