#include "storage/redis/redis_batch.hpp"

#include <charconv>

namespace koubei::storage::redis {
namespace {

void append_decimal(std::string& out, std::int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(std::begin(digits), std::end(digits), value);
  (void)ec;  // 24 chars always hold an int64
  out.append(digits, end);
}

}  // namespace

void RedisBatch::begin(std::size_t argc) {
  buffer_.push_back('*');
  append_decimal(buffer_, static_cast<std::int64_t>(argc));
  buffer_.append("\r\n");
  ++count_;
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

}  // namespace koubei::storage::redis
