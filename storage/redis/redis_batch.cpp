#include "storage/redis/redis_batch.hpp"

#include <cassert>
#include <charconv>

namespace koubei::storage::redis {
namespace {

void append_decimal(std::string& out, std::int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
  (void)ec;  // 24 chars always hold an int64
  out.append(digits, end);
}

// Reads the decimal after a RESP type byte ('*' or '$') at `pos` and moves `pos` past its CRLF.
// Only ever reads what begin()/arg() wrote, so the format is trusted.
std::size_t read_header(std::string_view buffer, std::size_t& pos) {
  std::size_t value = 0;
  const char* first = buffer.data() + pos + 1;
  auto [end, ec] = std::from_chars(first, buffer.data() + buffer.size(), value);
  assert(ec == std::errc());
  (void)ec;
  pos = static_cast<std::size_t>(end - buffer.data()) + 2;
  return value;
}

}  // namespace

void RedisBatch::begin(std::size_t argc) {
  starts_.push_back(buffer_.size());
  buffer_.push_back('*');
  append_decimal(buffer_, static_cast<std::int64_t>(argc));
  buffer_.append("\r\n");
}

void RedisBatch::arg(std::string_view bytes) {
  buffer_.push_back('$');
  append_decimal(buffer_, static_cast<std::int64_t>(bytes.size()));
  buffer_.append("\r\n");
  buffer_.append(bytes);
  buffer_.append("\r\n");
}

void RedisBatch::arg(std::int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
  (void)ec;
  arg(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void RedisBatch::add(std::initializer_list<Arg> args) {
  begin(args.size());
  for (const Arg& a : args) {
    std::visit([this](auto v) { arg(v); }, a);
  }
}

std::string_view RedisBatch::command(std::size_t i) const {
  const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : buffer_.size();
  return std::string_view(buffer_).substr(starts_[i], end - starts_[i]);
}

std::optional<std::string_view> RedisBatch::argument(std::size_t i, std::size_t n) const {
  const std::string_view bytes = command(i);
  std::size_t pos = 0;
  const std::size_t argc = read_header(bytes, pos);
  if (n >= argc) return std::nullopt;
  for (std::size_t k = 0;; ++k) {
    const std::size_t len = read_header(bytes, pos);
    if (k == n) return bytes.substr(pos, len);
    pos += len + 2;
  }
}

void RedisBatch::append_command(const RedisBatch& other, std::size_t i) {
  starts_.push_back(buffer_.size());
  buffer_.append(other.command(i));
}

}  // namespace koubei::storage::redis
