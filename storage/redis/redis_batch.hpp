#pragma once
// RedisBatch: commands queued for one pipelined round trip. Each command is encoded in RESP into
// one buffer as it is added, so that sending a batch of 1000 commands is one write(2) and no
// per-argument allocation (hiredis redisAppendFormattedCommand takes the encoded bytes).
//
// Arguments are binary-safe byte strings; integers are formatted in decimal.
//
// The batch also remembers where each command starts in the buffer (one offset per command), so
// that a Redis Cluster router can send each command to the node owning its key: command(i) is its
// encoded bytes and argument(i, n) its n-th argument, read back from the RESP on demand. Nothing
// else is recorded, so the standalone path pays one integer per command.
//
// Thread safety: plain value.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

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

  std::size_t size() const { return starts_.size(); }

  bool empty() const { return starts_.empty(); }

  std::string_view encoded() const { return buffer_; }

  /// The RESP bytes of command i. REQUIRES: i < size().
  std::string_view command(std::size_t i) const;

  /// Argument n of command i (0 is the command name); nullopt when it has fewer arguments.
  /// REQUIRES: i < size() and command i is complete (all its arg() calls made).
  std::optional<std::string_view> argument(std::size_t i, std::size_t n) const;

  /// Appends command i of `other` as it is (bytes copied, nothing re-encoded).
  void append_command(const RedisBatch& other, std::size_t i);

  void clear() {
    buffer_.clear();
    starts_.clear();
  }

 private:
  std::string buffer_;
  std::vector<std::size_t> starts_;  // buffer offset of each command's '*'
};

}  // namespace koubei::storage::redis
